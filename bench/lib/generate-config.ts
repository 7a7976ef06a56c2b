// Generates a large, realistic configuration for the benchmarks: "units" of one vault, one plan
// with three rules (copy actions to a vault in another region, lifecycles with cold storage) and
// two selections (one by tag, one by ARNs and conditions). A region holds at most 300 vaults and
// 300 plans (the AWS quota, which the sandbox enforces), so the units are spread over as many
// sandbox providers (aliases in real region names) as needed: max(2, ⌈units / 250⌉). Every tenth
// group of units is written as for_each blocks, so expansion is measured too. The same
// configuration can be written as Terraform built-ins (config-dialects.ts), for comparison.
// With `accountObjects` (the scale matrix, issue 18) the account also holds the other kinds bkp
// manages, in the proportion a real account would: a logically air-gapped vault and a tiering
// configuration for one unit in 25 each, a legal hold for one unit in 50 (AWS allows 50 active
// holds per account), one region_settings per provider and one global_settings per account.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { attribute, block, bkpDialect, type BodyItem, type Dialect, type Expression, type ResourceSpec } from './config-dialects.js';

export interface GenerateOptions {
  /** One unit = 1 vault + 1 plan + 2 selections (4 resources). */
  units: number;
  /** Sandbox account file written into the provider blocks (relative to the configuration). */
  sandboxPath?: string;
  /** Units per file, so the configuration is several files as real ones are. */
  unitsPerFile?: number;
  /** bkp's language (default), or the equivalent Terraform configuration of `terraform_data` resources. */
  dialect?: Dialect;
  /** Add the account's other objects (air-gapped vaults, tiering, legal holds, settings): see accountObjectCounts(). */
  accountObjects?: boolean;
}

/** Resource instances of each kind after for_each expansion. */
export interface InstanceCounts {
  vaults: number;
  plans: number;
  selections: number;
  airGappedVaults: number;
  tieringConfigurations: number;
  legalHolds: number;
  regionSettings: number;
  globalSettings: number;
  total: number;
}

export interface RegionShare {
  /** Provider key as resources name it: "sandbox", "sandbox.r2", … */
  provider: string;
  region: string;
  /** Units (so vaults, and plans) in this region. */
  units: number;
}

export interface GeneratedConfig {
  /** File name → text. */
  files: Map<string, string>;
  /** Resource blocks as written (a for_each block counts once). */
  blocks: number;
  /** Resource instances after for_each expansion. */
  instances: InstanceCounts;
  /** Where the units went, one entry per provider, in provider order. */
  regions: RegionShare[];
}

/**
 * Which plain units also have an air-gapped vault, a tiering configuration of their vault, or a
 * legal hold on their vault's recovery points: one unit in every block of `every`, at `at` plus the
 * block's number mod 5. The shift spreads the objects over the regions (plain units take the regions
 * in turn, and `every` is a multiple of 5: without it, all of them would land in one region of five),
 * and the picked units stay clear of the for_each groups (units 45–49 mod 50), so every such object
 * refers to a plain unit's blocks.
 */
const AIR_GAPPED_UNITS = { every: 25, at: 5 };
const TIERING_UNITS = { every: 25, at: 13 };
const LEGAL_HOLD_UNITS = { every: 50, at: 30 };
function hasObject(unit: number, rule: { every: number; at: number }): boolean {
  const block = Math.floor(unit / rule.every);
  return unit - block * rule.every === rule.at + (block % 5);
}
/** Units written as one for_each block per kind, and how often such a group appears. */
const FOR_EACH_WIDTH = 5;
const FOR_EACH_EVERY = 10;
/** AWS's quota of vaults (and of plans) per region, which the sandbox enforces. */
export const REGION_QUOTA = 300;
/** Units per region aimed at: under the quota with room for the for_each groups' unevenness. */
export const UNITS_PER_REGION = 250;
/** Real region names, in the order providers use them (the first is the default provider). */
export const REGION_NAMES = [
  'eu-west-1',
  'us-east-1',
  'eu-central-1',
  'us-west-2',
  'ap-southeast-2',
  'eu-north-1',
  'ap-northeast-1',
  'ca-central-1',
  'sa-east-1',
  'us-east-2',
  'eu-west-2',
  'ap-south-1',
] as const;

const pad = (n: number) => String(n).padStart(4, '0');

/** Regions the units are spread over: at least two, so copy actions cross regions. */
export function regionCount(units: number): number {
  return Math.max(2, Math.ceil(units / UNITS_PER_REGION));
}

/** Provider key of the i-th region: "sandbox", then "sandbox.r2", "sandbox.r3", … */
export function providerKey(index: number): string {
  return index === 0 ? 'sandbox' : `sandbox.r${index + 1}`;
}

function providerBlocks(sandboxPath: string, regions: number): string {
  return Array.from({ length: regions }, (_, i) => {
    const alias = i === 0 ? '' : `  alias      = "r${i + 1}"\n`;
    return `provider "sandbox" {
${alias}  path       = "${sandboxPath}"
  region     = "${REGION_NAMES[i]}"
  account_id = "123456789012"
}
`;
  }).join('\n');
}

/** One region_settings per provider and the account's global_settings (on the default provider). */
function settingsBlocks(dialect: Dialect, regions: number): string {
  const resources: ResourceSpec[] = Array.from({ length: regions }, (_, i) => ({
    kind: 'region_settings' as const,
    name: `r${i + 1}`,
    provider: providerKey(i),
    body: [
      attribute('resource_type_opt_in_preference', '{ S3 = true, DynamoDB = true, EFS = true }'),
      attribute('resource_type_management_preference', '{ DynamoDB = true }'),
    ],
  }));
  resources.push({ kind: 'global_settings', name: 'org', provider: providerKey(0), body: [attribute('cross_account_backup', 'true')] });
  return written(dialect, resources);
}

/** Providers (bkp only: Terraform's built-ins need none), variables and locals. */
function header(dialect: Dialect, sandboxPath: string, regions: number): string {
  const providers = dialect === bkpDialect ? `${providerBlocks(sandboxPath, regions)}\n` : '';
  return `# Generated by bench/lib/generate-config.ts: a large configuration for benchmarks.
${providers}variable "prefix" {
  type    = string
  default = "bench"
}

variable "env" {
  type        = string
  default     = "prod"
  description = "Environment the selections' conditions match"
}

locals {
  daily_days  = 35
  role_arn    = "arn:aws:iam::123456789012:role/service-role/AWSBackupDefaultServiceRole"
  common_tags = { team = "infra", managed_by = "bkp" }
}
`;
}

/** The three rules of every plan, storing in `vaultName` and copying to `copyTargetArn`. */
function rules(vaultName: Expression, copyTargetArn: Expression, dailyDays: Expression): BodyItem[] {
  return [
    block(
      'rule',
      [
        attribute('target_vault', vaultName),
        attribute('schedule', '"cron(0 5 ? * * *)"'),
        attribute('start_window_minutes', '60'),
        attribute('completion_window_minutes', '180'),
        block('lifecycle', [attribute('delete_after_days', dailyDays)]),
        attribute('recovery_point_tags', '{ schedule = "daily" }'),
        block('copy', [attribute('destination_vault_arn', copyTargetArn), block('lifecycle', [attribute('delete_after_days', `${dailyDays} * 2`)])]),
      ],
      'daily',
    ),
    block(
      'rule',
      [
        attribute('target_vault', vaultName),
        attribute('schedule', '"cron(0 3 ? * SUN *)"'),
        attribute('timezone', '"Europe/Paris"'),
        block('lifecycle', [attribute('cold_storage_after_days', '30'), attribute('delete_after_days', '180')]),
      ],
      'weekly',
    ),
    block(
      'rule',
      [
        attribute('target_vault', vaultName),
        attribute('schedule', '"cron(0 2 1 * ? *)"'),
        block('lifecycle', [attribute('cold_storage_after_days', '30'), attribute('delete_after_days', '365')]),
        block('copy', [attribute('destination_vault_arn', copyTargetArn)]),
      ],
      'monthly',
    ),
  ];
}

/** A unit's (or a group's) vault, plan and two selections. */
export interface UnitSpec {
  /** Names of the plain unit's resources, or of the group's blocks. */
  vault: string;
  plan: string;
  selections: string;
  forEach?: Expression;
  /** `[each.key]` inside a for_each group. */
  instanceKey: string;
  /** What names, tags and patterns say where the unit number goes: `0001` or `${each.key}`. */
  unit: string;
  provider: string;
  copyVault: string;
  dailyDays: Expression;
  vaultTags: Expression;
  planTags: Expression;
}

export function unitResources(dialect: Dialect, unit: UnitSpec): ResourceSpec[] {
  const common = { provider: unit.provider, ...(unit.forEach === undefined ? {} : { forEach: unit.forEach }) };
  const vaultName = dialect.reference('backup_vault', unit.vault, unit.instanceKey, 'name');
  const copyArn = dialect.reference('backup_vault', unit.copyVault, '', 'arn');
  const plan = dialect.reference('backup_plan', unit.plan, unit.instanceKey);
  return [
    { kind: 'backup_vault', name: unit.vault, ...common, body: [attribute('name', `"\${var.prefix}-vault-${unit.unit}"`), attribute('tags', unit.vaultTags)] },
    {
      kind: 'backup_plan',
      name: unit.plan,
      ...common,
      body: [attribute('name', `"\${var.prefix}-plan-${unit.unit}"`), ...rules(vaultName, copyArn, unit.dailyDays), attribute('tags', unit.planTags)],
    },
    {
      kind: 'backup_selection',
      name: `${unit.selections}_tagged`,
      ...common,
      body: [
        attribute('plan', plan),
        attribute('name', `"tagged-${unit.unit}"`),
        attribute('iam_role_arn', 'local.role_arn'),
        block('tag', [attribute('key', '"backup"'), attribute('value', `"unit-${unit.unit}"`)]),
      ],
    },
    {
      kind: 'backup_selection',
      name: `${unit.selections}_matched`,
      ...common,
      body: [
        attribute('plan', plan),
        attribute('name', `"matched-${unit.unit}"`),
        attribute('iam_role_arn', 'local.role_arn'),
        attribute('resources', '["arn:aws:ec2:*:*:instance/*", "arn:aws:rds:*:*:db:*"]'),
        block('condition', [
          attribute('string_equals', '{ "aws:ResourceTag/env" = var.env }'),
          attribute('string_like', `{ "aws:ResourceTag/app" = "unit-${unit.unit}-*" }`),
        ]),
      ],
    },
  ];
}

export function written(dialect: Dialect, resources: ResourceSpec[]): string {
  return resources.map((r) => dialect.resource(r)).join('\n');
}

/** The plain unit's air-gapped vault, tiering configuration and legal hold, where it has them. */
function unitObjects(dialect: Dialect, unit: number, provider: string): ResourceSpec[] {
  const n = pad(unit);
  const vaultName = dialect.reference('backup_vault', `v${n}`, '', 'name');
  const objects: ResourceSpec[] = [];
  if (hasObject(unit, AIR_GAPPED_UNITS)) {
    objects.push({
      kind: 'logically_air_gapped_vault',
      name: `a${n}`,
      provider,
      body: [
        attribute('name', `"\${var.prefix}-airgap-${n}"`),
        attribute('min_retention_days', '7'),
        attribute('max_retention_days', '365'),
        attribute('tags', `merge(local.common_tags, { unit = "${n}" })`),
      ],
    });
  }
  if (hasObject(unit, TIERING_UNITS)) {
    objects.push({
      kind: 'tiering_configuration',
      name: `t${n}`,
      provider,
      body: [
        attribute('name', `"\${var.prefix}_tiering_${n}"`),
        attribute('backup_vault_name', vaultName),
        block('resource_selection', [
          attribute('resources', `["arn:aws:s3:::\${var.prefix}-logs-${n}"]`),
          attribute('tiering_down_settings_in_days', '365'),
          attribute('resource_type', '"S3"'),
        ]),
        attribute('tags', 'local.common_tags'),
      ],
    });
  }
  if (hasObject(unit, LEGAL_HOLD_UNITS)) {
    objects.push({
      kind: 'legal_hold',
      name: `h${n}`,
      provider,
      body: [
        attribute('title', `"\${var.prefix}-hold-${n}"`),
        attribute('description', `"Audit of unit ${n}"`),
        attribute('cancel_description', '"audit closed"'),
        block('recovery_point_selection', [
          attribute('vault_names', `[${vaultName}]`),
          block('date_range', [attribute('from_date', '"2026-01-01"'), attribute('to_date', '"2026-12-31"')]),
        ]),
        attribute('tags', `{ case = "unit-${n}" }`),
      ],
    });
  }
  return objects;
}

/** One unit written as plain blocks; its copies go to the vault of unit `copyUnit`, in another region. */
function plainUnit(dialect: Dialect, unit: number, provider: string, copyUnit: number, accountObjects: boolean): string {
  const n = pad(unit);
  return written(dialect, [
    ...unitResources(dialect, {
      vault: `v${n}`,
      plan: `p${n}`,
      selections: `s${n}`,
      instanceKey: '',
      unit: n,
      provider,
      copyVault: `v${pad(copyUnit)}`,
      dailyDays: 'local.daily_days',
      vaultTags: `merge(local.common_tags, { unit = "${n}" })`,
      planTags: 'local.common_tags',
    }),
    ...(accountObjects ? unitObjects(dialect, unit, provider) : []),
  ]);
}

/** Units `first … first+width-1` as one for_each block per kind; keys are the unit numbers. */
function forEachGroup(dialect: Dialect, group: number, first: number, width: number, provider: string, copyUnit: number): string {
  const g = `g${pad(group)}`;
  const entries = Array.from({ length: width }, (_, i) => `    "${pad(first + i)}" = ${14 + 7 * (i % 4)}`).join('\n');
  const resources = unitResources(dialect, {
    vault: g,
    plan: g,
    selections: g,
    forEach: `local.${g}`,
    instanceKey: '[each.key]',
    unit: '${each.key}',
    provider,
    copyVault: `v${pad(copyUnit)}`,
    dailyDays: 'each.value',
    vaultTags: 'merge(local.common_tags, { unit = each.key })',
    planTags: `merge(local.common_tags, { group = "${g}" })`,
  });
  return `locals {
  ${g} = {
${entries}
  }
}

${written(dialect, resources)}`;
}

/** Units come in slots of FOR_EACH_WIDTH; every FOR_EACH_EVERY-th slot is one for_each group. */
function inGroup(unit: number): boolean {
  return Math.floor(unit / FOR_EACH_WIDTH) % FOR_EACH_EVERY === FOR_EACH_EVERY - 1;
}

export interface UnitLayout {
  /** Region index (into REGION_NAMES / providerKey) of every unit. */
  region: number[];
  /**
   * The plain unit whose vault receives each unit's copies: the nearest one in another region
   * (a lone unit copies to its own vault, there being no other).
   */
  copyTarget: number[];
}

/**
 * Where each unit goes. Plain units take the regions in turn (unit mod regions); a for_each group
 * is one block, so all its units share the region of the group's number (taken in turn too).
 * Every region then holds within a few units of units / regions, under REGION_QUOTA.
 */
export function unitLayout(units: number): UnitLayout {
  const regions = regionCount(units);
  const region = Array.from({ length: units }, (_, u) =>
    inGroup(u) ? Math.floor(Math.floor(u / FOR_EACH_WIDTH) / FOR_EACH_EVERY) % regions : u % regions,
  );
  const copyTarget = region.map((own, u) => {
    // A group's units look outside their group (whose units share one region), nearest first.
    for (let distance = 1; distance < units; distance++) {
      for (const candidate of [u - distance, u + distance]) {
        if (candidate >= 0 && candidate < units && !inGroup(candidate) && region[candidate] !== own) return candidate;
      }
    }
    return u;
  });
  return { region, copyTarget };
}

/** Units per region, in provider order. */
export function regionShares(units: number): RegionShare[] {
  const counts = new Array<number>(regionCount(units)).fill(0);
  for (const r of unitLayout(units).region) counts[r]! += 1;
  return counts.map((n, i) => ({ provider: providerKey(i), region: REGION_NAMES[i]!, units: n }));
}

/** The account's other objects beside the units' 4 resources each (none without `accountObjects`). */
export function accountObjectCounts(units: number): Omit<InstanceCounts, 'vaults' | 'plans' | 'selections' | 'total'> {
  const plain = Array.from({ length: units }, (_, u) => u).filter((u) => !inGroup(u));
  return {
    airGappedVaults: plain.filter((u) => hasObject(u, AIR_GAPPED_UNITS)).length,
    tieringConfigurations: plain.filter((u) => hasObject(u, TIERING_UNITS)).length,
    legalHolds: plain.filter((u) => hasObject(u, LEGAL_HOLD_UNITS)).length,
    regionSettings: regionCount(units),
    globalSettings: 1,
  };
}

export function instanceCounts(units: number, accountObjects: boolean): InstanceCounts {
  const others = accountObjects
    ? accountObjectCounts(units)
    : { airGappedVaults: 0, tieringConfigurations: 0, legalHolds: 0, regionSettings: 0, globalSettings: 0 };
  const total = 4 * units + Object.values(others).reduce((a, b) => a + b, 0);
  return { vaults: units, plans: units, selections: 2 * units, ...others, total };
}

/**
 * The number of units whose configuration with the account's other objects comes closest to
 * `resources` resources (the smaller on a tie): 5,000 → 1,218 units and 128 other objects.
 */
export function unitsForResources(resources: number): number {
  let best = { units: 1, distance: Number.POSITIVE_INFINITY };
  for (let units = 1; 4 * units <= resources + 4; units++) {
    const distance = Math.abs(instanceCounts(units, true).total - resources);
    if (distance < best.distance) best = { units, distance };
  }
  return best.units;
}

export function generateConfig(options: GenerateOptions): GeneratedConfig {
  const regions = regionCount(options.units);
  if (regions > REGION_NAMES.length) {
    throw new Error(`generate-config: ${options.units} units need ${regions} regions; only ${REGION_NAMES.length} are named`);
  }
  const shares = regionShares(options.units);
  const over = shares.find((s) => s.units > REGION_QUOTA);
  if (over) throw new Error(`generate-config: ${over.units} vaults in ${over.region} exceed the quota of ${REGION_QUOTA} per region`);
  const dialect = options.dialect ?? bkpDialect;
  const layout = unitLayout(options.units);
  const unitsPerFile = options.unitsPerFile ?? 50;
  const accountObjects = options.accountObjects ?? false;
  const mainText = header(dialect, options.sandboxPath ?? '.bkp/sandbox.json', regions) + (accountObjects ? `\n${settingsBlocks(dialect, regions)}` : '');
  const files = new Map<string, string>([[`main${dialect.extension}`, mainText]]);
  const counts = instanceCounts(options.units, accountObjects);
  // The settings blocks, then each unit's four and its other objects.
  let blocks = counts.regionSettings + counts.globalSettings;
  let fileText = '';
  let fileUnits = 0;
  const flush = () => {
    if (fileText === '') return;
    files.set(`units-${pad(files.size)}${dialect.extension}`, fileText);
    fileText = '';
    fileUnits = 0;
  };
  for (let unit = 0; unit < options.units; ) {
    const provider = providerKey(layout.region[unit]!);
    const copyUnit = layout.copyTarget[unit]!;
    const width = inGroup(unit) ? Math.min(FOR_EACH_WIDTH, options.units - unit) : 1;
    fileText += inGroup(unit)
      ? `${forEachGroup(dialect, Math.floor(unit / FOR_EACH_WIDTH), unit, width, provider, copyUnit)}\n`
      : `${plainUnit(dialect, unit, provider, copyUnit, accountObjects)}\n`;
    blocks += 4;
    if (accountObjects && !inGroup(unit)) blocks += unitObjects(dialect, unit, provider).length;
    unit += width;
    fileUnits += width;
    if (fileUnits >= unitsPerFile) flush();
  }
  flush();
  return { files, blocks, instances: counts, regions: shares };
}

/** The number of units whose configuration has at least `blocks` resource blocks. */
export function unitsForBlocks(blocks: number): number {
  let units = Math.ceil(blocks / 4);
  while (generateConfig({ units }).blocks < blocks) units += 1;
  return units;
}

export function writeConfig(dir: string, config: GeneratedConfig): void {
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of config.files) writeFileSync(join(dir, name), text);
}
