// The work behind `bkp generate -out=DIR`: read every object bkp manages in one account and Region
// through the kinds' handlers (the SDK path refresh uses), and write a configuration that adopts them.
import { stat } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import type { ProviderConfig } from '../config/model.js';
import { ErrorCode, UserError } from '../core/errors.js';
import { isRegionName } from '../domain/arn.js';
import { HandlerContexts } from '../engine/handler-contexts.js';
import { Limiter } from '../engine/limiter.js';
import { generateConfiguration, type ProviderBlock } from '../adopt/generate.js';
import { readAccount } from '../adopt/read-account.js';
import { endpointMistake } from '../resources/rules/endpoint.js';
import { outputDirectory, writeAdoptedFiles } from './adopt-output.js';
import type { CommandContext } from './context.js';
import { parallelismOf } from './engine-session.js';
import { ProviderClients } from './providers.js';

export interface GenerateOptions {
  out?: string;
  force: boolean;
  region?: string;
  profile?: string;
  endpoint?: string;
  /** A sandbox account file instead of AWS. */
  sandbox?: string;
  parallelism: number;
}

const DUMMY_RANGE = { file: '<command line>', start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } };

/** The provider block to write, and the provider to read through, from the flags. */
function providerFor(ctx: CommandContext, options: GenerateOptions, outDir: string): { block: ProviderBlock; config: ProviderConfig } {
  const region = options.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
  // Written into the provider block, which validation would then refuse.
  if (region !== undefined && !isRegionName(region)) {
    throw new UserError(ErrorCode.Usage, `"${region}" is not an AWS Region${options.region === undefined ? ' (from AWS_REGION or AWS_DEFAULT_REGION)' : ''}.`, {
      hint: 'Name a Region such as eu-west-1: bkp generate -out=adopted -region=eu-west-1',
    });
  }
  if (options.sandbox !== undefined) {
    if (options.endpoint !== undefined || options.profile !== undefined) {
      throw new UserError(ErrorCode.Usage, '-sandbox reads a sandbox account file: it takes no -endpoint or -profile.');
    }
    const file = resolve(ctx.dir, options.sandbox);
    // The generated provider names the file relative to the new configuration, where bkp will read it.
    const attributes: Record<string, string> = { path: relative(outDir, file) || '.', region: region ?? 'us-east-1' };
    return { block: { type: 'sandbox', attributes }, config: { type: 'sandbox', key: 'sandbox', attributes: { path: file, region: attributes.region! }, ranges: new Map(), range: DUMMY_RANGE } };
  }
  if (region === undefined) {
    throw new UserError(ErrorCode.Usage, 'bkp generate needs the Region to read: -region=REGION (or AWS_REGION in the environment).', {
      hint: 'For example: bkp generate -out=adopted -region=eu-west-1',
    });
  }
  const attributes: Record<string, string> = { region };
  if (options.profile !== undefined) attributes.profile = options.profile;
  if (options.endpoint !== undefined) {
    const mistake = endpointMistake(options.endpoint);
    if (mistake !== undefined) throw new UserError(ErrorCode.Usage, `-endpoint: ${mistake}`);
    attributes.endpoint = options.endpoint;
  }
  return { block: { type: 'aws', attributes }, config: { type: 'aws', key: 'aws', attributes, ranges: new Map(), range: DUMMY_RANGE } };
}

/**
 * A sandbox provider starts a fresh account where its file does not exist yet; generating from
 * one would write an empty configuration and leave a new account file behind, so the file must exist.
 */
async function requireSandboxFile(ctx: CommandContext, sandbox: string): Promise<void> {
  const file = resolve(ctx.dir, sandbox);
  const exists = await stat(file).then(
    () => true,
    (e: NodeJS.ErrnoException) => (e.code === 'ENOENT' || e.code === 'ENOTDIR' ? false : true),
  );
  if (!exists) {
    throw new UserError(ErrorCode.Usage, `-sandbox: there is no sandbox account file at ${file}; bkp generate reads an account that exists.`, {
      hint: 'Name the file a sandbox provider block uses (its path, e.g. .bkp/sandbox.json beside the configuration).',
    });
  }
}

export async function runGenerate(ctx: CommandContext, options: GenerateOptions): Promise<number> {
  const outDir = await outputDirectory(ctx, options.out, options.force, 'generate');
  const parallelism = parallelismOf(options);
  if (options.sandbox !== undefined) await requireSandboxFile(ctx, options.sandbox);
  const { block, config } = providerFor(ctx, options, outDir);
  const clients = new ProviderClients({ providers: [config], dir: ctx.dir });
  try {
    await clients.prepare();
    await clients.checkCredentials();
    const contexts = new HandlerContexts(clients, new Limiter(parallelism), 'bkp-generate');
    const account = await readAccount(await contexts.context(config.key));
    const generated = generateConfiguration(account.objects, account.skipped, block);
    await writeAdoptedFiles(ctx, outDir, generated.files, { counts: generated.counts, imports: generated.imports, skipped: generated.skipped, warnings: [] });
    return 0;
  } finally {
    clients.destroy();
  }
}
