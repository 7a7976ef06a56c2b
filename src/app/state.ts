// The work behind `bkp show`, `bkp state list|show|rm|mv|pull|push` and `bkp force-unlock`.
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { loadValidConfig } from './configuration.js';
import { ErrorCode, UserError } from '../core/errors.js';
import { READ_LIMITS, readTextFileLimited } from '../core/read-file.js';
import { awsCallError } from '../aws/errors.js';
import { readPlanFile } from '../engine/plan-file.js';
import type { StateBackend } from '../state/backend.js';
import { findResource, matchingAddresses, moveResource, parseAddress, withoutResource, type StateDocument } from '../state/model.js';
import { kindModel } from '../resources/registry.js';
import { parseStateText, type StateTextOrigin } from '../state/validate.js';
import { pathInDir, type CommandContext } from './context.js';
import { notify } from './io-host.js';
import { planSummary } from './plan.js';
import { parseDuration } from './duration.js';
import type { StateFlags } from './options.js';
import { configForBackend, stateBackendFor } from './engine-session.js';
import { copyStateInto } from './state-migrate.js';
import { ACCOUNT_LOCK_ID_PREFIX, forceUnlockAccount } from '../sandbox/account-lock.js';
import { DEFAULT_SANDBOX_PATH } from '../sandbox/defaults.js';
import { fileErrorText } from '../core/file-errors.js';

/**
 * The state backend of the configuration. Only the backend block matters here, so variables the
 * rest of the configuration needs may be left unset (as Terraform's state commands allow).
 */
async function backendFor(ctx: CommandContext): Promise<StateBackend> {
  const config = await configForBackend(ctx);
  return stateBackendFor(config);
}

async function withState<T>(ctx: CommandContext, flags: StateFlags, operation: string, lock: boolean, work: (session: Awaited<ReturnType<StateBackend['open']>>) => Promise<T>): Promise<T> {
  const backend = await backendFor(ctx);
  const session = await backend.open({
    operation,
    lock: lock && flags.lock !== false,
    lockTimeoutMs: parseDuration(flags['lock-timeout'] ?? '0s', '-lock-timeout'),
  });
  try {
    return await work(session);
  } finally {
    await session.close();
  }
}

/** The state as it is now, read without taking the lock. */
export async function readCurrentState(ctx: CommandContext, flags: StateFlags): Promise<StateDocument> {
  return withState(ctx, flags, 'read', false, async (session) => session.current());
}

export async function runShow(ctx: CommandContext, flags: StateFlags & { file?: string; json?: boolean }): Promise<number> {
  if (flags.file && (await isRecoveryPointAddress(ctx, flags.file))) return showRecoveryPoints(ctx, flags, flags.file);
  if (flags.file) {
    const backend = await backendFor(ctx);
    const lineage = await withState(ctx, flags, 'show', false, async (session) => (session.current().serial > 0 ? session.current().lineage : undefined));
    const saved = await readPlanFile(pathInDir(ctx, flags.file), { key: await backend.planKey(false), lineage });
    await notify(ctx.host, 'BKP_R_PLAN', 'result', planSummary(saved.plan), { plan: saved.plan, format: flags.json ? 'json' : 'human' });
    return 0;
  }
  return withState(ctx, flags, 'show', false, async (session) => {
    const doc = session.current();
    const text = `${doc.resources.length} resource${doc.resources.length === 1 ? '' : 's'} in the state.`;
    await notify(ctx.host, 'BKP_R_STATE', 'result', text, { state: doc, format: flags.json ? 'json' : 'human' });
    return 0;
  });
}

export async function runStateList(ctx: CommandContext, flags: StateFlags & { addresses?: string[] }): Promise<number> {
  return withState(ctx, flags, 'state list', false, async (session) => {
    const state = session.current();
    await notify(ctx.host, 'BKP_R_STATE_LIST', 'result', state.resources.map((r) => r.address).join('\n'), { state, filter: flags.addresses ?? [] });
    return 0;
  });
}

export async function runStateShow(ctx: CommandContext, flags: StateFlags & { address: string }): Promise<number> {
  return withState(ctx, flags, 'state show', false, async (session) => {
    const r = findResource(session.current(), flags.address);
    if (!r) throw noSuchResource(flags.address);
    await notify(ctx.host, 'BKP_R_STATE_RESOURCE', 'result', `${r.address} [id=${r.id}]`, { resource: r });
    return 0;
  });
}

export async function runStateRm(ctx: CommandContext, flags: StateFlags & { addresses: string[] }): Promise<number> {
  return withState(ctx, flags, 'state rm', true, async (session) => {
    // As Terraform's: a resource given without a key is every instance of it; an address given
    // twice (or an instance and its resource) is removed once.
    const current = session.current();
    const removed = new Set<string>();
    for (const address of flags.addresses) {
      const matched = matchingAddresses(current, address);
      if (matched.length === 0) throw noSuchResource(address);
      for (const one of matched) removed.add(one);
    }
    let doc = current;
    for (const address of removed) doc = withoutResource(doc, address);
    await session.persist(doc);
    const n = removed.size;
    const text = `Removed ${n} resource${n === 1 ? '' : 's'} from the state. The objects still exist in AWS; bkp no longer manages them.`;
    await notify(ctx.host, 'BKP_R_STATE_REMOVED', 'result', text, { addresses: [...removed] });
    return 0;
  });
}

export async function runStateMv(ctx: CommandContext, flags: StateFlags & { from: string; to: string }): Promise<number> {
  return withState(ctx, flags, 'state mv', true, async (session) => {
    await session.persist(moveResource(session.current(), flags.from, flags.to));
    await notify(ctx.host, 'BKP_R_STATE_MOVED', 'result', `Moved ${flags.from} to ${flags.to}.`, { from: flags.from, to: flags.to });
    return 0;
  });
}

export async function runStatePull(ctx: CommandContext, flags: StateFlags): Promise<number> {
  return withState(ctx, flags, 'state pull', false, async (session) => {
    const doc = session.current();
    if (doc.serial === 0) {
      await notify(ctx.host, 'BKP_I_NO_STATE', 'info', `There is no state at ${session.location} yet.`, { location: session.location });
      return 0;
    }
    await notify(ctx.host, 'BKP_R_STATE_DOCUMENT', 'result', `State serial ${doc.serial}.`, { state: doc });
    return 0;
  });
}

export async function runStatePush(ctx: CommandContext, flags: StateFlags & { file: string; force?: boolean }): Promise<number> {
  const path = pathInDir(ctx, flags.file);
  let text: string;
  try {
    text = await readTextFileLimited(path, READ_LIMITS.state);
  } catch (e) {
    throw new UserError(ErrorCode.Usage, `Cannot read ${flags.file}: ${fileErrorText(e, 'read')}.`, {
      hint: 'Give the path of a state file, for example one written by `bkp state pull > state.json`.',
    });
  }
  const incoming = parseStateText(text, path, pushedFileOrigin(path));
  return withState(ctx, flags, 'state push', true, async (session) => {
    const outcome = await copyStateInto(session, incoming, { from: flags.file, forceFlag: '-force', force: flags.force === true });
    const text =
      outcome === 'unchanged'
        ? `${session.location} already holds this state (lineage ${incoming.lineage}, serial ${incoming.serial}); nothing was written.`
        : `Pushed ${flags.file} to ${session.location} (lineage ${incoming.lineage}, serial ${incoming.serial}).`;
    await notify(ctx.host, 'BKP_R_STATE_PUSHED', 'result', text, { location: session.location, changed: outcome !== 'unchanged' });
    return 0;
  });
}

/**
 * Messages about a file given to `bkp state push` name that file and say what push takes; the
 * backend's own hints (point the backend's path elsewhere, restore its .backup) concern the
 * backend's state, which push left as it was.
 */
function pushedFileOrigin(path: string): StateTextOrigin {
  const takes = 'bkp state push takes a state file that bkp wrote, such as one saved with `bkp state pull > state.json`';
  return {
    display: path,
    recoveryHint: () => `Nothing was pushed. Repair ${path}, or give another file: ${takes}.`,
    foreignHint: () => `Nothing was pushed. ${takes}; a Terraform state is adopted with \`bkp convert\` instead.`,
  };
}

export async function runForceUnlock(ctx: CommandContext, flags: { id: string; force?: boolean }): Promise<number> {
  if (flags.id.startsWith(ACCOUNT_LOCK_ID_PREFIX)) return forceUnlockSandbox(ctx, flags.id);
  const backend = await backendFor(ctx);
  const info = await backend.forceUnlock(flags.id);
  const text = `bkp state has been successfully unlocked! (lock ${info.ID}, held by ${info.Who} for ${info.Operation} since ${info.Created})`;
  await notify(ctx.host, 'BKP_R_UNLOCKED', 'result', text, { id: info.ID });
  return 0;
}

/**
 * `bkp force-unlock sandbox-…`: the lock of a sandbox account (`<account>.lock`), found among the
 * configuration's sandbox providers and the default account `.bkp/sandbox.json`.
 */
async function forceUnlockSandbox(ctx: CommandContext, id: string): Promise<number> {
  const config = await configForBackend(ctx).catch(() => undefined);
  const accounts = new Set<string>([resolve(ctx.dir, DEFAULT_SANDBOX_PATH)]);
  for (const provider of config?.providers ?? []) {
    if (provider.type !== 'sandbox') continue;
    const path = typeof provider.attributes.path === 'string' && provider.attributes.path !== '' ? provider.attributes.path : DEFAULT_SANDBOX_PATH;
    accounts.add(resolve(ctx.dir, path));
  }
  for (const account of accounts) {
    if (forceUnlockAccount(`${account}.lock`, id)) {
      await notify(ctx.host, 'BKP_R_UNLOCKED', 'result', `The sandbox account ${account} has been successfully unlocked! (lock ${id})`, { id });
      return 0;
    }
  }
  throw new UserError(ErrorCode.StateLocked, `No sandbox account lock has the ID "${id}" (looked beside ${[...accounts].join(', ')}).`, {
    hint: 'Copy the ID from the message that named the lock; it changes whenever another process takes the lock.',
  });
}

function noSuchResource(address: string): UserError {
  return new UserError(ErrorCode.Usage, `There is no resource ${address} in the state.`, {
    hint: 'Run `bkp state list` to see the addresses the state holds.',
  });
}

/** `bkp show ADDRESS` (of a vault or an on-demand backup) rather than `bkp show PLANFILE`. */
async function isRecoveryPointAddress(ctx: CommandContext, arg: string): Promise<boolean> {
  let kind: string;
  try {
    kind = parseAddress(arg).kind;
  } catch {
    return false;
  }
  // Vaults hold recovery points and on-demand backups make one: `bkp show ADDRESS` lists them.
  const model = kindModel(kind);
  if (!model?.isVault && !model?.startsJob) return false;
  const isFile = await stat(pathInDir(ctx, arg)).then(
    (s) => s.isFile(),
    () => false,
  );
  return !isFile;
}

/** The recovery points of a vault, or of an on-demand backup's resource in its vault, read from the account. */
async function showRecoveryPoints(ctx: CommandContext, flags: StateFlags & { json?: boolean }, address: string): Promise<number> {
  const { config } = await loadValidConfig({ dir: ctx.dir, env: process.env });
  const [{ ProviderClients }, { listRecoveryPoints }] = await Promise.all([
    import('./providers.js'),
    import('../resources/on-demand-backup/recovery-points.js'),
  ]);
  const doc = await withState(ctx, flags, 'show', false, async (session) => session.current());
  const resource = findResource(doc, address);
  const lastJob = [...doc.jobs].reverse().find((j) => j.address === address);
  if (!resource && !lastJob) throw noSuchResource(address);
  const provider = resource?.provider ?? config.providers[0]?.key ?? 'aws';
  const isVault = kindModel(parseAddress(address).kind)?.isVault === true;
  const vault = isVault ? resource!.id : String(resource?.attributes.vault ?? lastJob!.vault);
  const resourceArn = isVault ? undefined : String(resource?.attributes.resource_arn ?? lastJob!.resource_arn);
  const clients = new ProviderClients(config);
  try {
    const points = await listRecoveryPoints(await clients.backup(provider), vault, resourceArn).catch((e: unknown) => {
      throw awsCallError(e, 'Listing the recovery points of', address);
    });
    const text = `${points.length} recovery point${points.length === 1 ? '' : 's'} of ${address} in vault ${vault}.`;
    await notify(ctx.host, 'BKP_R_RECOVERY_POINTS', 'result', text, { address, vault, points, format: flags.json ? 'json' : 'human' });
    return 0;
  } finally {
    clients.destroy();
  }
}
