// Moving a state between backends: `bkp init -migrate-state`, and the copy that `bkp state push`
// shares with it. Lineage and serial are kept; a state that would be lost is refused unless forced.
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ErrorCode, UserError } from '../core/errors.js';
import { READ_LIMITS, readTextFileLimited } from '../core/read-file.js';
import type { StateSession } from '../state/backend.js';
import { contentEquals, type StateDocument } from '../state/model.js';
import type { CommandContext } from './context.js';
import { notify } from './io-host.js';
import type { StateFlags } from './options.js';
import { parseDuration } from './duration.js';
import { configForBackend, stateBackendFor } from './engine-session.js';
import { resolveStatePath } from '../state/paths.js';

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
  const config = await configForBackend(ctx);
  const current = recordOf(config.backend);
  const LOCAL: BackendRecord = { type: 'local', attributes: {} };
  let previous = (await readBackendRecord(ctx.dir)) ?? LOCAL;
  const target = stateBackendFor({ dir: ctx.dir, backend: current });
  const lockTimeoutMs = parseDuration(flags['lock-timeout'] ?? '0s', '-lock-timeout');
  const lock = flags.lock !== false;
  // Recorded as migrated while the configured backend is still empty and a local state exists
  // (migrated before there was one, or written since): plan points at this command for exactly
  // that file, so it is the one to move.
  if (sameBackend(previous, current) && current.type !== 'local' && existsSync(resolveStatePath(ctx.dir)) && (await isEmpty(target))) previous = LOCAL;
  const source = stateBackendFor({ dir: ctx.dir, backend: previous });
  if (source.location === target.location) {
    await writeBackendRecord(ctx.dir, current);
    const text =
      `The state already lives in the configured backend (${target.location}); nothing to migrate.\n` +
        'bkp moves the state from the backend recorded by the last `bkp init -migrate-state` (or the local bkp.state.json): ' +
        'change the backend block first, then run `bkp init -migrate-state`.';
    await notify(ctx.host, 'BKP_R_STATE_MIGRATED', 'result', text, { from: source.location, to: target.location, copied: false });
    return 0;
  }
  const from = await source.open({ operation: 'init -migrate-state', lockTimeoutMs, lock });
  try {
    const doc = from.current();
    if (doc.serial === 0) {
      // Reached once before it is recorded: a bucket that does not exist, or credentials that
      // may not use it, fail here rather than at the next plan.
      await (await target.open({ operation: 'init -migrate-state', lockTimeoutMs, lock: false })).close();
      await writeBackendRecord(ctx.dir, current);
      const text = `There is no state at ${source.location} to migrate; bkp now uses ${target.location}.`;
      await notify(ctx.host, 'BKP_R_STATE_MIGRATED', 'result', text, { from: source.location, to: target.location, copied: false });
      return 0;
    }
    const to = await target.open({ operation: 'init -migrate-state', lockTimeoutMs, lock });
    try {
      const outcome = await copyStateInto(to, doc, { from: source.location, force: flags['force-copy'] === true, forceFlag: '-force-copy' });
      await writeBackendRecord(ctx.dir, current);
      const what = `lineage ${doc.lineage}, serial ${doc.serial}, ${doc.resources.length} resource${doc.resources.length === 1 ? '' : 's'}`;
      const text =
        outcome === 'unchanged'
          ? `${target.location} already holds the state of ${source.location} (${what}); nothing was copied.`
          : `Copied the state from ${source.location} to ${target.location} (${what}).\n` +
              `bkp now uses ${target.location}. The copy at ${source.location} was left in place: delete it once you have checked the new backend.`;
      await notify(ctx.host, 'BKP_R_STATE_MIGRATED', 'result', text, { from: source.location, to: target.location, copied: outcome !== 'unchanged' });
      return 0;
    } finally {
      await to.close();
    }
  } finally {
    await from.close();
  }
}

async function isEmpty(backend: ReturnType<typeof stateBackendFor>): Promise<boolean> {
  const session = await backend.open({ operation: 'init -migrate-state', lockTimeoutMs: 0, lock: false });
  try {
    return session.current().serial === 0;
  } finally {
    await session.close();
  }
}

function sameBackend(a: BackendRecord, b: BackendRecord): boolean {
  return JSON.stringify([a.type, Object.entries(a.attributes).sort()]) === JSON.stringify([b.type, Object.entries(b.attributes).sort()]);
}

function recordOf(backend: { type: string; attributes: Record<string, unknown> } | undefined): BackendRecord {
  if (backend === undefined) return { type: 'local', attributes: {} };
  const attributes = Object.fromEntries(Object.entries(backend.attributes).filter((e): e is [string, string] => typeof e[1] === 'string'));
  return { type: backend.type, attributes };
}

async function readBackendRecord(dir: string): Promise<BackendRecord | undefined> {
  let text: string;
  try {
    text = await readTextFileLimited(join(dir, BACKEND_RECORD), READ_LIMITS.small);
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
