// What every `bkp sandbox …` command shares: which account file it works on (--file, else the
// configuration's provider "sandbox", else the default), and how to read user input such as
// `--tag key=value`.
import { resolve } from 'node:path';
import { pathBelow } from '../../core/display-path.js';
import { readConfiguration } from '../../config/load.js';
import { ConfigError, ErrorCode, UserError } from '../../core/errors.js';
import { isAccountId, isRegionName } from '../../domain/arn.js';
import { DEFAULT_SANDBOX_PATH, openSandbox, type SandboxHandle } from '../../sandbox/account.js';
import type { CommandContext } from '../context.js';
import { notify } from '../io-host.js';
import { sandboxProviderPath } from '../providers.js';

export interface SandboxFileFlags {
  file?: string;
  region?: string;
  'account-id'?: string;
}

/** Which account file a `bkp sandbox` command works on, and why that one. */
export interface SandboxFile {
  path: string;
  origin: 'flag' | 'configuration' | 'default';
  /** The provider block it came from (origin "configuration"). */
  provider?: string;
  /** The other account files the configuration names (several sandbox providers). */
  others: string[];
}

/**
 * The account file: --file (relative to -chdir); otherwise the `path` of the configuration's
 * provider "sandbox" (the default provider's when several name different files); otherwise
 * .bkp/sandbox.json. Only the defaulting reads the configuration, so --file works with a
 * configuration that does not parse.
 */
export async function resolveSandboxFile(ctx: CommandContext, flags: SandboxFileFlags): Promise<SandboxFile> {
  if (flags.file !== undefined) return { path: resolve(ctx.dir, flags.file), origin: 'flag', others: [] };
  const fallback: SandboxFile = { path: resolve(ctx.dir, DEFAULT_SANDBOX_PATH), origin: 'default', others: [] };
  const read = await readConfiguration({ dir: ctx.dir, env: process.env, missingAsUnknown: true }).catch((error: unknown) => {
    // A directory without configuration keeps the default file.
    if ((error as { code?: unknown }).code === ErrorCode.ConfigNotFound) return undefined;
    throw error;
  });
  if (read === undefined) return fallback;
  if (read.config === undefined) {
    throw new ConfigError(
      read.diagnostics,
      read.sources,
      'The configuration does not parse, so bkp cannot tell which sandbox account file it names. Fix it, or name the file with --file=PATH.',
    );
  }
  const config = read.config;
  const sandboxes = config.providers.filter((p) => p.type === 'sandbox');
  if (sandboxes.length === 0) return fallback;
  const paths = [...new Set(sandboxes.map((p) => sandboxProviderPath(p, config.dir)))];
  // Several providers: the default one (no alias) decides, as it does for resources that name none.
  const chosen = sandboxes.find((p) => p.alias === undefined) ?? sandboxes[0]!;
  const path = sandboxProviderPath(chosen, config.dir);
  return { path, origin: 'configuration', provider: chosen.key, others: paths.filter((p) => p !== path) };
}

/** One line on stderr naming the account file and where that choice came from. */
export async function announceSandboxFile(ctx: CommandContext, file: SandboxFile): Promise<void> {
  const shown = displayPath(ctx, file.path);
  let text: string;
  if (file.origin === 'flag') text = `Sandbox account file: ${shown} (--file).`;
  else if (file.origin === 'default') text = `Sandbox account file: ${shown} (the default; the configuration names no provider "sandbox").`;
  else if (file.others.length === 0) text = `Sandbox account file: ${shown} (provider "${file.provider}" in the configuration).`;
  else {
    const others = file.others.map((p) => displayPath(ctx, p)).join(', ');
    text = `Sandbox account file: ${shown} (provider "${file.provider}"; the configuration also names ${others}: use --file=PATH for another).`;
  }
  await notify(ctx.host, 'BKP_I_SANDBOX_FILE', 'info', text, { path: file.path, origin: file.origin, provider: file.provider, others: file.others });
}

function displayPath(ctx: CommandContext, path: string): string {
  return pathBelow(path, ctx.dir);
}

/** The account file, resolved and announced. */
export async function sandboxFile(ctx: CommandContext, flags: SandboxFileFlags): Promise<SandboxFile> {
  const file = await resolveSandboxFile(ctx, flags);
  await announceSandboxFile(ctx, file);
  return file;
}

/**
 * --region and --account-id: the account's Region and id when the file is created, and --region
 * the Region of new resources. Both end up in ARNs, which AWS's rules (and bkp's checks of
 * them) refuse unless the Region is a Region name and the id twelve digits.
 */
export function accountDefaults(flags: SandboxFileFlags): { region?: string; accountId?: string } {
  if (flags.region !== undefined && !isRegionName(flags.region)) {
    throw new UserError(ErrorCode.Usage, `--region=${flags.region} is not an AWS Region name.`, { hint: 'Name a Region such as eu-west-1: --region=eu-west-1' });
  }
  const accountId = flags['account-id'];
  if (accountId !== undefined && !isAccountId(accountId)) {
    throw new UserError(ErrorCode.Usage, `--account-id=${accountId} is not an AWS account id: it must be twelve digits.`, { hint: 'For example: --account-id=123456789012' });
  }
  return { region: flags.region, accountId };
}

/** The account, created with --region / --account-id when the file does not exist yet. */
export async function sandboxHandle(ctx: CommandContext, flags: SandboxFileFlags): Promise<SandboxHandle> {
  const defaults = accountDefaults(flags);
  const file = await sandboxFile(ctx, flags);
  return openSandbox(file.path, defaults);
}

export function parseTags(values: readonly string[] | undefined, flag = '--tag'): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const value of values ?? []) {
    const eq = value.indexOf('=');
    const key = eq < 0 ? '' : value.slice(0, eq);
    if (key.trim() === '') {
      throw new UserError(ErrorCode.Usage, `"${value}" is not a tag: ${flag} needs key=value.`, {
        hint: `Write each tag as ${flag} key=value, e.g. ${flag} env=prod (repeat the flag for several tags).`,
      });
    }
    tags[key] = value.slice(eq + 1);
  }
  return tags;
}

const DURATION_PART = /(\d+)([dhms])/g;
const UNIT_MS: Record<string, number> = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000 };

/** `6h`, `90m`, `3d`, `1d12h`, `45s` → milliseconds. */
export function parseDuration(text: string): number {
  const compact = text.trim().toLowerCase();
  const whole = /^(\d+[dhms])+$/.test(compact);
  let total = 0;
  if (whole) for (const [, amount, unit] of compact.matchAll(DURATION_PART)) total += Number(amount) * UNIT_MS[unit!]!;
  if (!whole || total <= 0) {
    throw new UserError(ErrorCode.Usage, `"${text}" is not a duration the sandbox clock can advance by.`, {
      hint: 'Use days, hours, minutes and seconds, largest first: 6h, 90m, 3d, 1d12h, 45s.',
    });
  }
  return total;
}
