// Saved plans (-out=FILE): the plan plus what it was made against (state lineage and serial,
// a hash of the configuration), so `bkp apply FILE` can refuse a stale or foreign plan.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { READ_LIMITS, readTextFileLimited } from '../core/read-file.js';
import type { ConfigFile } from '../config/ast.js';
import { writeFileAtomically } from '../core/atomic-write.js';
import { isObjectValue, isUnknown, UNKNOWN, type ObjectValue, type Value } from '../core/values.js';
import { ErrorCode, UserError } from '../core/errors.js';
import { findPrototypeKey, jsonDepthExceeds } from '../state/validate.js';
import type { Plan } from './plan-model.js';
import { unionOfPointers } from '../config/sensitive-paths.js';
import { holdsSensitiveMarkers, redactSensitive, restoreSensitive } from './sensitive-values.js';
import { fileErrorText } from '../core/file-errors.js';

export const PLAN_FILE_FORMAT = 'bkp-plan/1';
const UNKNOWN_MARK = '$bkp_unknown';

export interface SavedPlan {
  format: typeof PLAN_FILE_FORMAT;
  bkp_version: string;
  created: string;
  lineage: string;
  /** The state serial the plan was made against. */
  serial: number;
  config_hash: string;
  /** Variable values in effect (sensitive ones left out: they must be given again). */
  variables: Record<string, Value>;
  plan: Plan;
  /**
   * `hmac-sha256:<hex>` of the rest of the file as written, under the state's plan key
   * (state/plan-key.ts): a plan edited or damaged after `bkp plan -out` wrote it is refused,
   * instead of applying changes nobody reviewed. A plain hash would not do: whoever edits the
   * file could recompute it; the key stays with the state.
   */
  integrity?: string;
}

const INTEGRITY_PREFIX = 'hmac-sha256:';

function integrityOf(body: unknown, key: Buffer): string {
  return `${INTEGRITY_PREFIX}${createHmac('sha256', key).update(JSON.stringify(body)).digest('hex')}`;
}

function integrityMatches(found: unknown, body: unknown, key: Buffer | undefined): boolean {
  if (typeof found !== 'string' || key === undefined) return false;
  const expected = Buffer.from(integrityOf(body, key));
  const given = Buffer.from(found);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** What a plan file is checked against when read. */
export interface PlanFileVerification {
  /** The state's plan key; undefined when the state has none (no plan was ever saved for it). */
  key: Buffer | undefined;
  /** The state's lineage, to say "another state" rather than "edited" for a foreign plan. */
  lineage?: string;
}

/** Far deeper than any plan bkp writes (plan → changes → after → rule → copy → lifecycle). */
const MAX_PLAN_DEPTH = 100;

export function configHash(files: readonly ConfigFile[]): string {
  const hash = createHash('sha256');
  for (const f of [...files].sort((a, b) => (a.path < b.path ? -1 : 1))) hash.update(`${f.path}\0${f.text}\0`);
  return hash.digest('hex');
}

function encode(v: unknown): unknown {
  if (isUnknown(v)) return { [UNKNOWN_MARK]: true };
  if (Array.isArray(v)) return v.map(encode);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, encode(x)]));
  return v;
}

function decode(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(decode);
  if (v && typeof v === 'object') {
    if ((v as Record<string, unknown>)[UNKNOWN_MARK] === true) return UNKNOWN;
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, decode(x)]));
  }
  return v;
}

/**
 * The plan as a file may hold it: values of sensitive variables replaced by markers (salted hashes),
 * in the changes, the drift, the refreshed state and the imports alike.
 */
export function redactPlanSecrets(plan: Plan, lineage: string): Plan {
  const sensitive = new Map<string, string[]>();
  for (const c of plan.changes) sensitive.set(c.address, c.sensitivePaths);
  for (const d of plan.drift) sensitive.set(d.address, unionOfPointers(sensitive.get(d.address), d.sensitivePaths));
  if ([...sensitive.values()].every((paths) => paths.length === 0)) return plan;
  const redact = <T extends ObjectValue | null>(address: string, value: T): T =>
    (value === null ? value : redactSensitive(value, sensitive.get(address) ?? [], { lineage, address })) as T;
  return {
    ...plan,
    changes: plan.changes.map((c) => ({ ...c, before: redact(c.address, c.before), after: redact(c.address, c.after) })),
    drift: plan.drift.map((d) => ({ ...d, before: redact(d.address, d.before), after: redact(d.address, d.after) })),
    refreshedState: plan.refreshedState.map((r) => ({ ...r, attributes: redact(r.address, r.attributes) })),
    ...(plan.imported ? { imported: plan.imported.map((r) => ({ ...r, attributes: redact(r.address, r.attributes) })) } : {}),
  };
}

/**
 * Puts the values of sensitive variables back into a saved plan's changes, from the configuration
 * evaluated now (its variables are not in the file). A value that does not match the one the plan
 * was made with is refused: the plan would no longer do what was reviewed.
 */
export function restorePlanSecrets(plan: Plan, lineage: string, desired: (address: string) => ObjectValue | undefined): Plan {
  if (!plan.changes.some((c) => holdsSensitiveMarkers(c.after))) return plan;
  const changes = plan.changes.map((c) => {
    if (!c.after || !holdsSensitiveMarkers(c.after)) return c;
    const { attributes, unmatched } = restoreSensitive(c.after, [desired(c.address)], { lineage, address: c.address });
    if (unmatched.length > 0) {
      const path = unmatched[0]!.join('.');
      throw new UserError(ErrorCode.PlanStale, `Saved plan does not match the sensitive variables given: the value for ${c.address} (${path}) differs from the one the plan was made with.`, {
        hint: 'Give the same -var, -var-file and BKP_VAR_* values as for `bkp plan -out`, or make a new plan and review it again.',
      });
    }
    return { ...c, after: attributes };
  });
  return { ...plan, changes };
}

export async function writePlanFile(path: string, saved: SavedPlan, key: Buffer): Promise<void> {
  const { integrity: _previous, ...unredacted } = saved;
  const rest = { ...unredacted, plan: redactPlanSecrets(unredacted.plan, unredacted.lineage) };
  const body = encode(rest) as Record<string, unknown>;
  // As before the shared atomic write, the directory is not fsynced: a crash of bkp leaves the old
  // or the new plan file, but after a power loss the previous one may be back. A saved plan is
  // written once per `plan -out` and can be made again.
  await writeFileAtomically(path, `${JSON.stringify({ ...body, integrity: integrityOf(body, key) }, null, 1)}\n`, { syncDirectory: false });
}

/**
 * The variable values a saved plan was made with, read before the plan can be verified (the
 * configuration they evaluate names the state that holds the plan's key). Unverified: the caller
 * verifies the whole file with readPlanFile before applying anything. Undefined when the file is
 * not readable as a plan: readPlanFile then says why.
 */
export async function savedPlanVariables(path: string): Promise<Record<string, Value> | undefined> {
  try {
    const stats = await stat(path);
    if (!stats.isFile() || stats.size > MAX_PEEK_BYTES) return undefined;
    const variables = (JSON.parse(await readTextFileLimited(path, READ_LIMITS.plan)) as { variables?: unknown }).variables;
    if (!variables || typeof variables !== 'object' || Array.isArray(variables)) return undefined;
    return Object.fromEntries(Object.entries(variables).filter(([name]) => !FORBIDDEN_NAMES.has(name))) as Record<string, Value>;
  } catch {
    return undefined;
  }
}

/** Plan files above this size are not peeked at (readPlanFile applies its own limits). */
const MAX_PEEK_BYTES = 64 * 1024 * 1024;
const FORBIDDEN_NAMES = new Set(['__proto__', 'constructor', 'prototype']);

export async function readPlanFile(path: string, verification: PlanFileVerification): Promise<SavedPlan> {
  let text: string;
  try {
    text = await readTextFileLimited(path, READ_LIMITS.plan);
  } catch (e) {
    throw new UserError(ErrorCode.PlanInvalid, `Cannot read the plan file ${path}: ${fileErrorText(e, 'read')}.`, {
      hint: 'Make a plan with `bkp plan -out=FILE` first.',
    });
  }
  // bkp walks plan documents recursively: JSON nested deeper than any plan bkp writes is refused
  // before anything walks it, as state files are.
  if (jsonDepthExceeds(text, MAX_PLAN_DEPTH)) {
    throw new UserError(ErrorCode.PlanInvalid, `${path} is not a bkp plan file (its JSON is nested too deeply).`, {
      hint: 'Make a new plan with `bkp plan -out=FILE`.',
    });
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new UserError(ErrorCode.PlanInvalid, `${path} is not a bkp plan file (it is not valid JSON).`, {
      hint: 'Make a new plan with `bkp plan -out=FILE`.',
    });
  }
  const prototypeKey = findPrototypeKey(data);
  if (prototypeKey !== undefined) {
    throw new UserError(ErrorCode.PlanInvalid, `${path} is not a bkp plan file: ${prototypeKey.path} uses the reserved key "${prototypeKey.key}".`, {
      hint: 'Make a new plan with `bkp plan -out=FILE`.',
    });
  }
  const { integrity, ...body } = isObjectValue(data as Value) ? (data as Record<string, unknown>) : { integrity: undefined };
  if (!integrityMatches(integrity, body, verification.key)) {
    if (typeof body.lineage === 'string' && verification.lineage !== undefined && body.lineage !== verification.lineage) {
      throw new UserError(ErrorCode.PlanStale, 'Saved plan does not match the given state: it was made for a different state lineage.', {
        hint: 'The plan belongs to another configuration or state file. Make a new plan here with `bkp plan -out=FILE`.',
      });
    }
    throw new UserError(ErrorCode.PlanInvalid, `${path} is not a plan file bkp wrote for this state, or it was changed or damaged since (its signature does not match).`, {
      hint: 'bkp applies only the plan you reviewed. Make a new plan with `bkp plan -out=FILE`.',
    });
  }
  const saved = decode(body) as Partial<SavedPlan>;
  if (!isObjectValue(saved as Value) || saved.format !== PLAN_FILE_FORMAT || typeof saved.lineage !== 'string' || typeof saved.serial !== 'number' || !saved.plan || !Array.isArray(saved.plan.changes)) {
    throw new UserError(ErrorCode.PlanInvalid, `${path} is not a bkp plan file, or was made by an incompatible bkp version.`, {
      hint: 'Make a new plan with `bkp plan -out=FILE`.',
    });
  }
  return saved as SavedPlan;
}

/** Refuses a plan made for another state, an older state, or another configuration. */
export function checkPlanIsCurrent(saved: SavedPlan, state: { lineage: string; serial: number; exists: boolean }, currentConfigHash: string): void {
  // Planned before there was any state: the lineage a first apply made since is new, not foreign.
  if (state.exists && saved.serial === 0 && saved.lineage !== state.lineage) {
    throw new UserError(ErrorCode.PlanStale, 'Saved plan is stale: it was made before there was a state, and an apply has written one since.', {
      hint: 'Make a new plan with `bkp plan -out=FILE` and review it again.',
    });
  }
  if (state.exists && saved.lineage !== state.lineage) {
    throw new UserError(ErrorCode.PlanStale, 'Saved plan does not match the given state: it was made for a different state lineage.', {
      hint: 'The plan belongs to another configuration or state file. Make a new plan here with `bkp plan -out=FILE`.',
    });
  }
  if (saved.serial !== (state.exists ? state.serial : 0)) {
    throw new UserError(ErrorCode.PlanStale, 'Saved plan is stale: the state changed since this plan was made.', {
      hint: 'Make a new plan with `bkp plan -out=FILE` and review it again.',
    });
  }
  if (saved.config_hash !== currentConfigHash) {
    throw new UserError(ErrorCode.PlanStale, 'Saved plan is stale: the configuration changed since this plan was made.', {
      hint: 'Make a new plan with `bkp plan -out=FILE` and review it again.',
    });
  }
}
