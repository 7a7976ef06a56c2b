// What every `bkp sandbox …` command shares: where the account file is, and how to read user input
// such as `--tag key=value`.
import { resolve } from 'node:path';
import { ErrorCode, UserError } from '../../core/errors.js';
import { DEFAULT_SANDBOX_PATH, openSandbox, type SandboxHandle } from '../../sandbox/account.js';
import type { CommandContext } from '../context.js';

export interface SandboxFileFlags {
  file?: string;
  region?: string;
  'account-id'?: string;
}

/** The account file: --file relative to -chdir, default .bkp/sandbox.json. */
export function sandboxPath(ctx: CommandContext, flags: SandboxFileFlags): string {
  return resolve(ctx.dir, flags.file ?? DEFAULT_SANDBOX_PATH);
}

/** The account, created with --region / --account-id when the file does not exist yet. */
export function sandboxHandle(ctx: CommandContext, flags: SandboxFileFlags): SandboxHandle {
  return openSandbox(sandboxPath(ctx, flags), { region: flags.region, accountId: flags['account-id'] });
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
