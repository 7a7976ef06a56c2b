// The work behind `bkp convert TF_DIR -out=DIR [-state=terraform.tfstate]`: read a Terraform
// configuration's *.tf files (and its state), write the bkp configuration that adopts the same objects.
import { readdir } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { ConfigError, ErrorCode, UserError } from '../core/errors.js';
import { READ_LIMITS, readFileLimited } from '../core/read-file.js';
import { decodeConfigText } from '../config/syntax/utf8.js';
import { convertTerraform, TerraformSyntaxError, type TerraformFile } from '../adopt/convert.js';
import { parseTerraformState, type TerraformState } from '../adopt/terraform-state.js';
import { outputDirectory, writeAdoptedFiles } from './adopt-output.js';
import type { CommandContext } from './context.js';
import { fileErrorText } from '../core/file-errors.js';

export interface ConvertOptions {
  terraformDir: string;
  out?: string;
  state?: string;
  force: boolean;
}

async function readText(path: string, shown: string, what: string): Promise<string> {
  const bytes = await readFileLimited(path, READ_LIMITS.configuration).catch((e: unknown) => {
    throw new UserError(ErrorCode.Usage, `Cannot read ${what} ${shown}: ${fileErrorText(e, 'read')}.`);
  });
  const decoded = decodeConfigText(bytes, shown);
  if (decoded.diagnostics.length > 0) throw new ConfigError(decoded.diagnostics, new Map([[shown, '']]), `${shown} is not UTF-8 text.`);
  return decoded.text;
}

async function terraformFiles(ctx: CommandContext, dir: string): Promise<TerraformFile[]> {
  const full = resolve(ctx.dir, dir);
  const names = await readdir(full).catch((e: NodeJS.ErrnoException) => {
    throw new UserError(ErrorCode.Usage, `Cannot read the Terraform directory ${dir}: ${e.code === 'ENOENT' ? 'no such directory' : e.message}.`);
  });
  const tf = names.filter((n) => n.endsWith('.tf')).sort();
  if (tf.length === 0) {
    throw new UserError(ErrorCode.Usage, `${dir} holds no *.tf files.`, { hint: 'Name the directory of a Terraform configuration (the one you run terraform plan in).' });
  }
  return Promise.all(
    tf.map(async (name) => {
      const path = relative(process.cwd(), join(full, name)) || name;
      return { path, text: await readText(join(full, name), path, 'the Terraform file') };
    }),
  );
}

export async function runConvert(ctx: CommandContext, options: ConvertOptions): Promise<number> {
  const outDir = await outputDirectory(ctx, options.out, options.force, 'convert');
  const files = await terraformFiles(ctx, options.terraformDir);
  let state: TerraformState | undefined;
  if (options.state !== undefined) {
    const shown = relative(process.cwd(), resolve(ctx.dir, options.state)) || options.state;
    state = parseTerraformState(await readText(resolve(ctx.dir, options.state), shown, 'the Terraform state'), shown);
  }
  let converted;
  try {
    converted = convertTerraform(files, state);
  } catch (e) {
    if (e instanceof TerraformSyntaxError) {
      throw new ConfigError(e.diagnostics, new Map(files.map((f) => [f.path, f.text])), 'The Terraform configuration has syntax errors: fix them (terraform validate shows the same) and convert again.');
    }
    throw e;
  }
  await writeAdoptedFiles(ctx, outDir, converted.files, { counts: converted.counts, imports: converted.imports, skipped: converted.skipped, warnings: converted.warnings });
  return 0;
}
