// Real plans for the view tests, made by the planner from plain objects.
import type { ObjectValue } from '../../src/core/values.js';
import { plan, type PlannerInput, type PriorResource } from '../../src/engine/planner.js';
import type { Plan } from '../../src/engine/plan-model.js';

export { resourceConfig } from '../support/resource-config.js';

const now = new Date('2026-11-25T12:00:00Z');

export function prior(address: string, id: string, attributes: ObjectValue, provider = 'sandbox'): PriorResource {
  const [kind, rest] = address.split(/\.(.*)/s) as [string, string];
  const name = rest.replace(/\[.*$/, '');
  return { address, kind, name, provider, id, attributes, dependencies: [] };
}

export function makePlan(input: Partial<PlannerInput>): Plan {
  return plan({ desired: [], prior: [], refreshed: new Map(), now, mode: 'normal', ...input });
}

export const POLICY_ALLOW = '{"Version":"2012-10-17","Statement":[]}';

export const vaultAttrs = (extra: ObjectValue = {}): ObjectValue => ({ name: 'main', tags: { team: 'infra' }, ...extra });

export const vaultState = (extra: ObjectValue = {}): ObjectValue => ({
  ...vaultAttrs(),
  kms_key_arn: 'arn:aws:kms:eu-west-1:123456789012:key/abc',
  arn: 'arn:aws:backup:eu-west-1:123456789012:backup-vault:main',
  recovery_points: 0,
  locked: false,
  lock_date: null,
  ...extra,
});

export const dailyRule: ObjectValue = {
  name: 'daily',
  target_vault: 'main',
  schedule: 'cron(0 5 ? * * *)',
  lifecycle: { delete_after_days: 35 },
};

export const monthlyRule: ObjectValue = {
  name: 'monthly',
  target_vault: 'main',
  schedule: 'cron(0 3 1 * ? *)',
  lifecycle: { delete_after_days: 365 },
};

export const planState = (rules: ObjectValue[], extra: ObjectValue = {}): ObjectValue => ({
  name: 'standard',
  rule: rules,
  id: 'p-1',
  arn: 'arn:aws:backup:eu-west-1:123456789012:backup-plan:p-1',
  version_id: 'v1',
  ...extra,
});

export const selectionState = (extra: ObjectValue = {}): ObjectValue => ({
  plan: 'p-1',
  name: 'prod',
  iam_role_arn: 'arn:aws:iam::123456789012:role/backup',
  resources: ['arn:aws:ec2:*:*:instance/*'],
  tag: [{ key: 'backup', value: 'daily', condition_type: 'STRINGEQUALS' }],
  id: 's-1',
  ...extra,
});

/** The selection's desired attributes: its state without the computed id. */
export function selectionDesired(extra: ObjectValue = {}): ObjectValue {
  const desired = selectionState(extra);
  delete desired.id;
  return desired;
}

/** The lines of one resource's section in a human plan: from its `  # address` header to its closing brace. */
export function section(text: string, address: string): string {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.startsWith(`  # ${address} `));
  if (start < 0) throw new Error(`no section for ${address} in:\n${text}`);
  const end = lines.findIndex((l, i) => i > start && l === '    }');
  return lines.slice(start, end + 1).join('\n');
}
