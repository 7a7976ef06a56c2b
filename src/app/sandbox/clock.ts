// `bkp sandbox advance`, `bkp sandbox status` and `bkp sandbox restore-check`: the account's
// clock and what it holds.
import type { StatusView } from '../../sandbox/reports.js';
import { advanceClock, effectiveNow, nextEventTime } from '../../sandbox/clock.js';
import { openSandbox } from '../../sandbox/account.js';
import { restoreCheck } from '../../sandbox/engine/data.js';
import type { AccountState } from '../../sandbox/state.js';
import type { CommandContext } from '../context.js';
import { notify } from '../io-host.js';
import { accountDefaults, parseDuration, sandboxFile, sandboxHandle, type SandboxFileFlags } from './common.js';
import { eventsSince, snapshotAccount } from './events.js';

export interface AdvanceFlags extends SandboxFileFlags {
  duration: string;
  json?: boolean;
}

export async function runAdvance(ctx: CommandContext, flags: AdvanceFlags): Promise<number> {
  const ms = parseDuration(flags.duration);
  const result = await (await sandboxHandle(ctx, flags)).update((account) => {
    const before = snapshotAccount(account);
    const from = effectiveNow(account);
    advanceClock(account, ms);
    const to = effectiveNow(account);
    const names = new Map(account.inventory.map((r) => [r.arn, r.name]));
    return { from, to, events: eventsSince(before, account, to), names };
  });
  const text = `Advanced the sandbox clock by ${flags.duration} to ${new Date(result.to).toISOString()} (${result.events.length} events).`;
  await notify(ctx.host, 'BKP_R_SANDBOX_ADVANCED', 'result', text, { view: { duration: flags.duration, ...result }, format: flags.json ? 'json' : 'human' });
  return 0;
}

export interface StatusFlags extends SandboxFileFlags {
  json?: boolean;
}

export async function runStatus(ctx: CommandContext, flags: StatusFlags): Promise<number> {
  const defaults = accountDefaults(flags);
  const file = await sandboxFile(ctx, flags);
  const account = await openSandbox(file.path, defaults).read();
  const view = statusView(account, file.path);
  await notify(ctx.host, 'BKP_R_SANDBOX_STATUS', 'result', `Sandbox account ${view.path}.`, { view, format: flags.json ? 'json' : 'human' });
  return 0;
}

export function statusView(account: AccountState, path: string): StatusView {
  const inventory: Record<string, number> = {};
  for (const resource of account.inventory) inventory[resource.type] = (inventory[resource.type] ?? 0) + 1;
  const regions = Object.entries(account.backup)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, region]) => {
      const jobs: Record<string, number> = {};
      for (const job of Object.values(region.jobs)) jobs[job.state] = (jobs[job.state] ?? 0) + 1;
      const recoveryPoints: Record<string, number> = {};
      for (const point of Object.values(region.recoveryPoints)) {
        recoveryPoints[point.storageClass] = (recoveryPoints[point.storageClass] ?? 0) + 1;
      }
      const livePlans = Object.values(region.plans).filter((p) => p.deletionDate === undefined);
      return {
        name,
        vaults: Object.keys(region.vaults).length,
        plans: livePlans.length,
        selections: livePlans.reduce((n, p) => n + Object.keys(p.selections).length, 0),
        jobs,
        recoveryPoints,
      };
    });
  return {
    path,
    accountId: account.accountId,
    defaultRegion: account.defaultRegion,
    now: effectiveNow(account),
    clockMode: account.clock.mode,
    nextEvent: nextEventTime(account),
    inventory,
    regions,
  };
}

export interface RestoreCheckFlags extends SandboxFileFlags {
  arn: string;
  json?: boolean;
}

/** Exit code 0 when the recovery point can be restored, 1 when not (so scripts can test it). */
export async function runRestoreCheck(ctx: CommandContext, flags: RestoreCheckFlags): Promise<number> {
  const account = await (await sandboxHandle(ctx, flags)).read();
  const result = restoreCheck(account, flags.arn);
  const text = result.restorable ? `Restorable: ${flags.arn}` : `Not restorable: ${flags.arn}: ${result.reason ?? ''}`;
  await notify(ctx.host, 'BKP_R_SANDBOX_RESTORE_CHECK', 'result', text, { arn: flags.arn, result, format: flags.json ? 'json' : 'human' });
  return result.restorable ? 0 : 1;
}
