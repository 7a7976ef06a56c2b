// The work behind `bkp show`, `bkp state list|show|rm|mv` and `bkp force-unlock`.
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { loadValidConfig } from '../../config/load.js';
import { containsUnknown } from '../../config/values.js';
import { ErrorCode, UserError } from '../../errors.js';
import { awsCallError } from '../../aws/errors.js';
import { readPlanFile } from '../../engine/plan-file.js';
import { planToJson } from '../../render/plan-json.js';
import { renderPlanHuman } from '../../render/plan-human.js';
import { renderStateHuman, renderStateList, renderStateResource, stateToJson } from '../../render/state-view.js';
import type { StateBackend, StateSession } from '../../state/backend.js';
import { contentEquals, findResource, moveResource, parseAddress, withoutResource, type StateDocument } from '../../state/model.js';
import { parseStateText } from '../../state/validate.js';
import type { CommandContext } from '../context.js';
import { parseDuration } from '../duration.js';
import type { StateFlags } from '../commands/shared-options.js';
import { stateBackendFor } from './engine-session.js';

/**
 * The state backend of the configuration. Only the backend block matters here, so variables the
 * rest of the configuration needs may be left unset (as Terraform's state commands allow).
 */
async function backendFor(ctx: CommandContext): Promise<StateBackend> {
  const { config } = await loadValidConfig({ dir: ctx.dir, env: process.env, missingAsUnknown: true });
  if (config.backend && Object.values(config.backend.attributes).some((v) => containsUnknown(v))) {
    throw new UserError(ErrorCode.Usage, `The backend "${config.backend.type}" block refers to a variable that has no value.`, {
      hint: 'Give it a default, or set it with the environment variable BKP_VAR_<name>.',
    });
  }
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

export async function runShow(ctx: CommandContext, flags: StateFlags & { file?: string; json?: boolean }): Promise<number> {
  if (flags.file && (await isRecoveryPointAddress(flags.file))) return showRecoveryPoints(ctx, flags, flags.file);
  if (flags.file) {
    const saved = await readPlanFile(flags.file);
    ctx.io.out(flags.json ? JSON.stringify(planToJson(saved.plan)) : renderPlanHuman(saved.plan, { color: ctx.io.color }));
    return 0;
  }
  return withState(ctx, flags, 'show', false, async (session) => {
    const doc = session.current();
    ctx.io.out(flags.json ? JSON.stringify(stateToJson(doc)) : renderStateHuman(doc, ctx.io.color));
    return 0;
  });
}

export async function runStateList(ctx: CommandContext, flags: StateFlags & { addresses?: string[] }): Promise<number> {
  return withState(ctx, flags, 'state list', false, async (session) => {
    const text = renderStateList(session.current(), flags.addresses ?? []);
    if (text) ctx.io.out(text);
    return 0;
  });
}

export async function runStateShow(ctx: CommandContext, flags: StateFlags & { address: string }): Promise<number> {
  return withState(ctx, flags, 'state show', false, async (session) => {
    const r = findResource(session.current(), flags.address);
    if (!r) throw noSuchResource(flags.address);
    ctx.io.out(renderStateResource(r, ctx.io.color));
    return 0;
  });
}

export async function runStateRm(ctx: CommandContext, flags: StateFlags & { addresses: string[] }): Promise<number> {
  return withState(ctx, flags, 'state rm', true, async (session) => {
    let doc = session.current();
    for (const address of flags.addresses) {
      if (!findResource(doc, address)) throw noSuchResource(address);
      doc = withoutResource(doc, address);
    }
    await session.persist(doc);
    const n = flags.addresses.length;
    ctx.io.out(`Removed ${n} resource${n === 1 ? '' : 's'} from the state. The objects still exist in AWS; bkp no longer manages them.`);
    return 0;
  });
}

export async function runStateMv(ctx: CommandContext, flags: StateFlags & { from: string; to: string }): Promise<number> {
  return withState(ctx, flags, 'state mv', true, async (session) => {
    await session.persist(moveResource(session.current(), flags.from, flags.to));
    ctx.io.out(`Moved ${flags.from} to ${flags.to}.`);
    return 0;
  });
}

export async function runStatePull(ctx: CommandContext, flags: StateFlags): Promise<number> {
  return withState(ctx, flags, 'state pull', false, async (session) => {
    const doc = session.current();
    if (doc.serial === 0) {
      ctx.io.err(`There is no state at ${session.location} yet.`);
      return 0;
    }
    ctx.io.out(JSON.stringify(doc, null, 2));
    return 0;
  });
}

export async function runStatePush(ctx: CommandContext, flags: StateFlags & { file: string; force?: boolean }): Promise<number> {
  const path = resolve(flags.file);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new UserError(ErrorCode.Usage, `Cannot read ${flags.file}: ${(e as Error).message}.`, {
      hint: 'Give the path of a state file, for example one written by `bkp state pull > state.json`.',
    });
  }
  const incoming = parseStateText(text, path);
  return withState(ctx, flags, 'state push', true, async (session) => {
    const outcome = await copyStateInto(session, incoming, { from: flags.file, forceFlag: '-force', force: flags.force === true });
    ctx.io.out(
      outcome === 'unchanged'
        ? `${session.location} already holds this state (lineage ${incoming.lineage}, serial ${incoming.serial}); nothing was written.`
        : `Pushed ${flags.file} to ${session.location} (lineage ${incoming.lineage}, serial ${incoming.serial}).`,
    );
    return 0;
  });
}

/**
 * Replaces the state of `session` by `incoming`, kept exactly (lineage and serial), for `state push`
 * and `init -migrate-state`. Refuses, unless forced, to lose a state that is unrelated (another
 * lineage) or newer than `incoming`.
 */
export async function copyStateInto(
  session: StateSession,
  incoming: StateDocument,
  options: { from: string; force: boolean; forceFlag: string },
): Promise<'copied' | 'unchanged'> {
  const existing = session.current();
  // A state that was never written has serial 0; every written one has at least 1.
  const exists = existing.serial > 0;
  if (exists && existing.lineage === incoming.lineage && existing.serial === incoming.serial && contentEquals(existing, incoming)) return 'unchanged';
  if (exists && !options.force) {
    const held = `${session.location} already holds a state with lineage ${existing.lineage} and serial ${existing.serial}`;
    const why =
      existing.lineage !== incoming.lineage
        ? `${options.from} has another lineage (${incoming.lineage}): they are different states`
        : existing.serial > incoming.serial
          ? `it is newer than ${options.from} (serial ${incoming.serial})`
          : existing.serial === incoming.serial
            ? `${options.from} has the same serial but different content`
            : undefined;
    if (why !== undefined) {
      throw new UserError(ErrorCode.StateConflict, `${held}; ${why}. Copying would lose it, so bkp wrote nothing.`, {
        hint: `Compare the two (\`bkp state pull\`). To replace ${session.location} anyway, run the command again with ${options.forceFlag}.`,
      });
    }
  }
  await session.replace(incoming);
  return 'copied';
}

/** Where `bkp init -migrate-state` remembers the backend it moved the state to. */
const BACKEND_RECORD = join('.bkp', 'backend.json');

interface BackendRecord {
  type: string;
  attributes: Record<string, string>;
}

/**
 * `bkp init -migrate-state`: copies the state from the previous backend (the one recorded by the
 * last migration, else the default local file) into the backend the configuration declares now,
 * lineage and serial kept, and records the new backend. The old copy is left where it was.
 */
export async function runMigrateState(ctx: CommandContext, flags: StateFlags & { 'force-copy'?: boolean }): Promise<number> {
  const { config } = await loadValidConfig({ dir: ctx.dir });
  const current = recordOf(config.backend);
  const previous = (await readBackendRecord(ctx.dir)) ?? { type: 'local', attributes: {} };
  const source = stateBackendFor({ dir: ctx.dir, backend: previous });
  const target = stateBackendFor({ dir: ctx.dir, backend: current });
  if (source.location === target.location) {
    await writeBackendRecord(ctx.dir, current);
    ctx.io.out(
      `The state already lives in the configured backend (${target.location}); nothing to migrate.\n` +
        'bkp moves the state from the backend recorded by the last `bkp init -migrate-state` (or the local bkp.state.json): ' +
        'change the backend block first, then run `bkp init -migrate-state`.',
    );
    return 0;
  }
  const lockTimeoutMs = parseDuration(flags['lock-timeout'] ?? '0s', '-lock-timeout');
  const lock = flags.lock !== false;
  const from = await source.open({ operation: 'init -migrate-state', lockTimeoutMs, lock });
  try {
    const doc = from.current();
    if (doc.serial === 0) {
      await writeBackendRecord(ctx.dir, current);
      ctx.io.out(`There is no state at ${source.location} to migrate; bkp now uses ${target.location}.`);
      return 0;
    }
    const to = await target.open({ operation: 'init -migrate-state', lockTimeoutMs, lock });
    try {
      const outcome = await copyStateInto(to, doc, { from: source.location, force: flags['force-copy'] === true, forceFlag: '-force-copy' });
      await writeBackendRecord(ctx.dir, current);
      const what = `lineage ${doc.lineage}, serial ${doc.serial}, ${doc.resources.length} resource${doc.resources.length === 1 ? '' : 's'}`;
      ctx.io.out(
        outcome === 'unchanged'
          ? `${target.location} already holds the state of ${source.location} (${what}); nothing was copied.`
          : `Copied the state from ${source.location} to ${target.location} (${what}).\n` +
              `bkp now uses ${target.location}. The copy at ${source.location} was left in place: delete it once you have checked the new backend.`,
      );
      return 0;
    } finally {
      await to.close();
    }
  } finally {
    await from.close();
  }
}

function recordOf(backend: { type: string; attributes: Record<string, unknown> } | undefined): BackendRecord {
  if (backend === undefined) return { type: 'local', attributes: {} };
  const attributes = Object.fromEntries(Object.entries(backend.attributes).filter((e): e is [string, string] => typeof e[1] === 'string'));
  return { type: backend.type, attributes };
}

async function readBackendRecord(dir: string): Promise<BackendRecord | undefined> {
  let text: string;
  try {
    text = await readFile(join(dir, BACKEND_RECORD), 'utf8');
  } catch {
    return undefined;
  }
  try {
    const parsed = JSON.parse(text) as Partial<BackendRecord>;
    if ((parsed.type === 'local' || parsed.type === 's3') && typeof parsed.attributes === 'object' && parsed.attributes !== null) {
      return { type: parsed.type, attributes: parsed.attributes };
    }
  } catch {
    // Unreadable: handled below.
  }
  throw new UserError(ErrorCode.Usage, `${BACKEND_RECORD} (where bkp records the backend of the last migration) cannot be read.`, {
    hint: `Delete ${BACKEND_RECORD} if the state is still in the local bkp.state.json, or move the state by hand with \`bkp state pull\` and \`bkp state push\`.`,
  });
}

async function writeBackendRecord(dir: string, record: BackendRecord): Promise<void> {
  await mkdir(join(dir, '.bkp'), { recursive: true });
  await writeFile(join(dir, BACKEND_RECORD), `${JSON.stringify(record, null, 2)}\n`);
}

export async function runForceUnlock(ctx: CommandContext, flags: { id: string; force?: boolean }): Promise<number> {
  const backend = await backendFor(ctx);
  const info = await backend.forceUnlock(flags.id);
  ctx.io.out(`bkp state has been successfully unlocked! (lock ${info.ID}, held by ${info.Who} for ${info.Operation} since ${info.Created})`);
  return 0;
}

function noSuchResource(address: string): UserError {
  return new UserError(ErrorCode.Usage, `There is no resource ${address} in the state.`, {
    hint: 'Run `bkp state list` to see the addresses the state holds.',
  });
}

const RECOVERY_POINT_KINDS = new Set(['backup_vault', 'on_demand_backup']);

/** `bkp show ADDRESS` (of a vault or an on-demand backup) rather than `bkp show PLANFILE`. */
async function isRecoveryPointAddress(arg: string): Promise<boolean> {
  let kind: string;
  try {
    kind = parseAddress(arg).kind;
  } catch {
    return false;
  }
  if (!RECOVERY_POINT_KINDS.has(kind)) return false;
  const isFile = await stat(resolve(arg)).then(
    (s) => s.isFile(),
    () => false,
  );
  return !isFile;
}

/** The recovery points of a vault, or of an on-demand backup's resource in its vault, read from the account. */
async function showRecoveryPoints(ctx: CommandContext, flags: StateFlags & { json?: boolean }, address: string): Promise<number> {
  const { config } = await loadValidConfig({ dir: ctx.dir });
  const [{ ProviderClients }, { listRecoveryPoints }, view] = await Promise.all([
    import('../../engine/providers.js'),
    import('../../resources/on-demand-backup/recovery-points.js'),
    import('../../render/recovery-points.js'),
  ]);
  const doc = await withState(ctx, flags, 'show', false, async (session) => session.current());
  const resource = findResource(doc, address);
  const lastJob = [...doc.jobs].reverse().find((j) => j.address === address);
  if (!resource && !lastJob) throw noSuchResource(address);
  const provider = resource?.provider ?? config.providers[0]?.key ?? 'aws';
  const isVault = parseAddress(address).kind === 'backup_vault';
  const vault = isVault ? resource!.id : String(resource?.attributes.vault ?? lastJob!.vault);
  const resourceArn = isVault ? undefined : String(resource?.attributes.resource_arn ?? lastJob!.resource_arn);
  const clients = new ProviderClients(config);
  try {
    const points = await listRecoveryPoints(await clients.backup(provider), vault, resourceArn).catch((e: unknown) => {
      throw awsCallError(e, 'Listing the recovery points of', address);
    });
    ctx.io.out(flags.json ? view.recoveryPointsToJson(address, vault, points) : view.renderRecoveryPoints(address, vault, points, ctx.io.color));
    return 0;
  } finally {
    clients.destroy();
  }
}
