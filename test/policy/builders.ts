// Plain Config objects for the policy unit tests: resources and policies with just the fields the
// controls read, each block on its own line of a pretend file so findings can be located.
import type { SourceRange } from '../../src/core/diagnostics.js';
import type { Config, PolicyConfig, ProviderConfig, ResourceConfig } from '../../src/config/model.js';
import type { ObjectValue } from '../../src/core/values.js';
import type { CheckInputs, InventoryResource } from '../../src/policy/model.js';

export function line(n: number, file = 'main.bkp.hcl'): SourceRange {
  return { file, start: { line: n, column: 1, offset: n * 100 }, end: { line: n, column: 20, offset: n * 100 + 19 } };
}

let nextLine = 1;

export function resource(kind: string, name: string, attributes: ObjectValue, ranges: Record<string, number> = {}, provider = 'sandbox'): ResourceConfig {
  const at = nextLine;
  nextLine += 50;
  return {
    address: `${kind}.${name}`,
    kind,
    name,
    provider,
    attributes,
    dependencies: kind === 'backup_selection' ? ['backup_plan.daily'] : [],
    lifecycle: { prevent_destroy: false },
    ranges: new Map([['', line(at)], ...Object.entries(ranges).map(([path, n]) => [path, line(n)] as const)]),
    sensitivePaths: [],
    range: line(at),
    context: `${kind} "${name}"`,
  };
}

export function policy(controls: Array<[string, ObjectValue]>, resources: ObjectValue[] = []): PolicyConfig {
  const ranges = new Map<string, SourceRange>([['', line(900, 'policy.bkp.hcl')]]);
  controls.forEach((_, i) => ranges.set(`/control/${i}`, line(901 + i, 'policy.bkp.hcl')));
  resources.forEach((_, i) => ranges.set(`/resource/${i}`, line(950 + i, 'policy.bkp.hcl')));
  return {
    name: 'company',
    attributes: { control: controls.map(([name, params]) => ({ name, ...params })), ...(resources.length > 0 ? { resource: resources } : {}) },
    ranges,
    range: line(900, 'policy.bkp.hcl'),
  };
}

export const sandboxProvider: ProviderConfig = {
  type: 'sandbox',
  key: 'sandbox',
  attributes: { region: 'eu-west-1', account_id: '123456789012' },
  ranges: new Map(),
  range: line(1),
};

export function config(resources: ResourceConfig[], policies: PolicyConfig[]): Pick<Config, 'resources' | 'providers' | 'files' | 'policies'> {
  return { resources, providers: [sandboxProvider], files: [], policies };
}

export const WEB: InventoryResource = {
  arn: 'arn:aws:ec2:eu-west-1:123456789012:instance/i-0a1b2c3d4e5f60001',
  type: 'EC2',
  id: 'i-0a1b2c3d4e5f60001',
  region: 'eu-west-1',
  account: '123456789012',
  tags: { backup: 'daily' },
  range: line(5),
};
export const ORDERS: InventoryResource = {
  arn: 'arn:aws:rds:eu-west-1:123456789012:db:orders',
  type: 'RDS',
  id: 'orders',
  region: 'eu-west-1',
  account: '123456789012',
  tags: {},
};

export function inputs(inventory: InventoryResource[] = [WEB, ORDERS], extra: Partial<CheckInputs> = {}): CheckInputs {
  return { inventory, inventorySources: ['test'], now: new Date('2026-11-25T12:00:00Z'), ...extra };
}

export const vault = (attrs: ObjectValue = {}) => resource('backup_vault', 'main', { name: 'main', ...attrs });

export function dailyPlan(rule: ObjectValue = {}): ResourceConfig {
  return resource(
    'backup_plan',
    'daily',
    { name: 'daily', rule: [{ name: 'daily', target_vault: 'main', schedule: 'cron(0 5 ? * * *)', lifecycle: { delete_after_days: 35 }, ...rule }] },
    { '/rule/0': 10, '/rule/0/schedule': 11, '/rule/0/lifecycle': 12, '/rule/0/lifecycle/delete_after_days': 13, '/rule/0/target_vault': 14 },
  );
}

export const tagSelection = (value = 'daily') =>
  resource('backup_selection', 'tagged', { plan: 'unknown', name: 'tagged', iam_role_arn: 'arn:aws:iam::123456789012:role/r', tag: [{ key: 'backup', value }] });
