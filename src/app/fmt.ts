// The work behind `bkp fmt`: find the configuration and variable files, lay each out canonically
// (config/format), and write, list, diff or only check them. A file that does not parse is
// reported and left as it is; the others are still formatted.
import { readdir, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import type { Diagnostic } from '../core/diagnostics.js';
import { writeFileAtomically } from '../core/atomic-write.js';
import { ConfigError, ErrorCode, UserError } from '../core/errors.js';
import { READ_LIMITS, readFileLimited } from '../core/read-file.js';
import { formatHcl } from '../config/format/format.js';
import { decodeConfigText } from '../config/syntax/utf8.js';
import type { CommandContext } from './context.js';
import { notify } from './io-host.js';
import { fileErrorText } from '../core/file-errors.js';

export interface FmtOptions {
  /** Files and directories to format; the configuration directory when empty. */
  paths: string[];
  /** Write nothing; exit 3 when a file is not formatted. */
  check: boolean;
  /** Show what changes, as a unified diff. */
  diff: boolean;
  /** Also format the files of subdirectories. */
  recursive: boolean;
  /** Write the formatted files (off with -check). */
  write: boolean;
  /** List the files whose layout changes. */
  list: boolean;
}

/** The exit status of `terraform fmt -check` when a file is not formatted, which CI scripts test for. */
export const NOT_FORMATTED_EXIT = 3;

const FORMATTED_FILE = /\.bkp(vars)?\.hcl$/;
const BYTE_ORDER_MARK = '\uFEFF';

export async function runFmt(ctx: CommandContext, options: FmtOptions): Promise<number> {
  const files = await filesToFormat(ctx, options.paths.length > 0 ? options.paths : ['.'], options.recursive);
  const diagnostics: Diagnostic[] = [];
  const sources = new Map<string, string>();
  let unformatted = 0;
  for (const file of files) {
    const name = shownPath(file);
    const bytes = await readFileLimited(file, READ_LIMITS.configuration).catch((e: unknown) => {
      throw new UserError(ErrorCode.ConfigInvalid, `Cannot read ${name}: ${fileErrorText(e, 'read')}.`, { cause: e });
    });
    const decoded = decodeConfigText(bytes, name);
    const result = decoded.diagnostics.length > 0 ? { ok: false as const, diagnostics: decoded.diagnostics } : formatHcl(decoded.text, name);
    if (!result.ok) {
      diagnostics.push(...result.diagnostics);
      sources.set(name, decoded.text);
      continue;
    }
    if (result.text === decoded.text) continue;
    unformatted++;
    if (options.list) await notify(ctx.host, 'BKP_R_FORMATTED', 'result', name, { path: name });
    if (options.diff) await notify(ctx.host, 'BKP_R_FORMAT_DIFF', 'result', `${name} changes.`, { path: name, before: decoded.text, after: result.text });
    if (options.write && !options.check) {
      const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? BYTE_ORDER_MARK : '';
      const { mode } = await stat(file);
      await writeFileAtomically(file, bom + result.text, { syncDirectory: false, mode: mode & 0o7777 });
    }
  }
  if (diagnostics.length > 0) {
    const n = new Set(diagnostics.map((d) => d.range?.file)).size;
    throw new ConfigError(diagnostics, sources, `${n} file${n === 1 ? '' : 's'} could not be formatted: fix the syntax errors and run bkp fmt again.`);
  }
  return options.check && unformatted > 0 ? NOT_FORMATTED_EXIT : 0;
}

/** The files the arguments name: files as given, directories' `*.bkp.hcl` and `*.bkpvars.hcl` files (sorted). */
async function filesToFormat(ctx: CommandContext, paths: string[], recursive: boolean): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    const full = resolve(ctx.dir, path);
    const stats = await stat(full).catch(() => undefined);
    if (!stats) throw new UserError(ErrorCode.Usage, `No file or directory ${shownPath(full)}.`, { hint: 'Name *.bkp.hcl or *.bkpvars.hcl files, or directories holding them.' });
    if (stats.isDirectory()) files.push(...(await filesIn(full, recursive)));
    else if (FORMATTED_FILE.test(full)) files.push(full);
    else {
      throw new UserError(ErrorCode.Usage, `bkp fmt formats only *.bkp.hcl and *.bkpvars.hcl files, not ${shownPath(full)}.`, {
        hint: 'JSON configuration (*.bkp.json) has no layout of bkp’s to apply: format it with a JSON tool.',
      });
    }
  }
  return [...new Set(files)];
}

async function filesIn(dir: string, recursive: boolean): Promise<string[]> {
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const files: string[] = [];
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isFile() && FORMATTED_FILE.test(entry.name)) files.push(path);
    // Hidden directories (.bkp, .git) and installed packages hold no configuration of the user's.
    else if (recursive && entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== 'node_modules') files.push(...(await filesIn(path, true)));
  }
  return files;
}

/** A path as the user would write it: relative to where bkp was started, when that is shorter. */
function shownPath(path: string): string {
  const fromHere = relative(process.cwd(), path);
  return fromHere === '' || (fromHere.startsWith('..') && isAbsolute(path) && fromHere.length > path.length) ? path : fromHere;
}
