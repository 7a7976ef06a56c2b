// A Terraform state file (JSON, format version 4) as `bkp convert -state` reads it: the ids of the
// objects Terraform manages (for import blocks) and the values of what bkp does not manage (an IAM
// role's ARN) for the references to them.
import { ErrorCode, UserError } from '../core/errors.js';
import type { Value } from '../core/values.js';
import type { Step } from './terraform-expressions.js';

export interface TerraformStateInstance {
  index_key?: string | number;
  attributes: Record<string, unknown>;
}

export interface TerraformStateResource {
  mode: 'managed' | 'data';
  type: string;
  name: string;
  /** Set for resources inside a module (`module.x`): those are not converted. */
  module?: string;
  instances: TerraformStateInstance[];
}

export interface TerraformState {
  resources: TerraformStateResource[];
}

/** Parses and checks a state file; `file` names it in errors. */
export function parseTerraformState(text: string, file: string): TerraformState {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (e) {
    throw new UserError(ErrorCode.Usage, `${file} is not a Terraform state: it is not JSON (${(e as Error).message}).`, {
      hint: 'Give the terraform.tfstate file (or the output of `terraform state pull`).',
    });
  }
  const state = document as { version?: unknown; resources?: unknown };
  if (typeof state !== 'object' || state === null || state.version !== 4 || !Array.isArray(state.resources)) {
    throw new UserError(ErrorCode.Usage, `${file} is not a Terraform state of format version 4 (Terraform 0.12 and later).`, {
      hint: 'Run `terraform state pull > terraform.tfstate` with a current Terraform and give that file.',
    });
  }
  const resources: TerraformStateResource[] = [];
  for (const r of state.resources as Record<string, unknown>[]) {
    if (typeof r?.type !== 'string' || typeof r.name !== 'string' || !Array.isArray(r.instances)) continue;
    resources.push({
      mode: r.mode === 'data' ? 'data' : 'managed',
      type: r.type,
      name: r.name,
      ...(typeof r.module === 'string' ? { module: r.module } : {}),
      instances: (r.instances as Record<string, unknown>[]).map((i) => ({
        ...(typeof i.index_key === 'string' || typeof i.index_key === 'number' ? { index_key: i.index_key } : {}),
        attributes: (typeof i.attributes === 'object' && i.attributes !== null ? i.attributes : {}) as Record<string, unknown>,
      })),
    });
  }
  return { resources };
}

function toValue(v: unknown): Value | undefined {
  if (v === undefined) return undefined;
  if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (Array.isArray(v)) return v.map((item) => toValue(item) ?? null);
  if (typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, item]) => [k, toValue(item) ?? null]));
  return undefined;
}

/** The value at `steps` (an optional instance key, then attributes) of a root-module object in the state. */
export function stateValue(state: TerraformState, mode: 'managed' | 'data', type: string, name: string, steps: readonly Step[]): Value | undefined {
  const resource = state.resources.find((r) => r.mode === mode && r.type === type && r.name === name && r.module === undefined);
  if (!resource) return undefined;
  let rest = steps;
  let instance = resource.instances.find((i) => i.index_key === undefined);
  if (rest[0]?.kind === 'index') {
    const key = rest[0].key;
    instance = resource.instances.find((i) => i.index_key === key);
    rest = rest.slice(1);
  }
  if (!instance || rest.length === 0) return undefined;
  let value: unknown = instance.attributes;
  for (const step of rest) {
    if (value === null || typeof value !== 'object') return undefined;
    const key = step.kind === 'attr' ? step.name : step.key;
    if (key === undefined) return undefined;
    value = (value as Record<string, unknown>)[String(key)];
  }
  return toValue(value);
}
