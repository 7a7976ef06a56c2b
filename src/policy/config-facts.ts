// What the controls need to know about the desired configuration, read once from a Config: the
// plans with their rules (frequency, retention, target vault, copies), the vaults (standard and
// logically air-gapped) with their locks and keys, and which plan each selection belongs to.
// Unknown values read as unset.
import { splitModulePath } from '../core/addresses.js';
import type { SourceRange } from '../core/diagnostics.js';
import type { Config, ProviderConfig, ResourceConfig } from '../config/model.js';
import { isObjectValue, type ObjectValue, type Value } from '../core/values.js';
import { parseBackupVaultArn } from '../domain/arn.js';
import type { SelectionCriteria } from '../domain/selection-match.js';
import { lifecycleDays } from '../resources/rules/lifecycle.js';
import { knownBoolean, knownList, knownObject, knownString } from '../resources/rules/problem.js';
import { airGappedBounds } from '../resources/rules/air-gapped-vault.js';
import { lockBounds, type LockBounds } from '../resources/rules/vault-lock.js';
import { rangeFor } from '../resources/validate.js';
import { selectionCriteria } from './selection-criteria.js';
import type { MemberAccount } from './model.js';

/** AWS's defaults when a provider does not say (the sandbox's, too). */
const SANDBOX_DEFAULT_REGION = 'us-east-1';
const SANDBOX_DEFAULT_ACCOUNT = '123456789012';
export const DEFAULT_SCHEDULE = 'cron(0 5 ? * * *)';

export interface CopyFacts {
  path: string;
  destinationArn?: string;
  region?: string;
  account?: string;
  /** The copy's own retention, else the rule's (a copy without lifecycle inherits it). */
  deleteAfterDays?: number;
  deletePath: string;
}

export interface RuleFacts {
  name: string;
  path: string;
  continuous: boolean;
  schedule: string;
  schedulePath: string;
  /** undefined = kept forever. */
  deleteAfterDays?: number;
  /** JSON Pointer of delete_after_days, or of the nearest block that exists. */
  deletePath: string;
  targetVault?: string;
  copies: CopyFacts[];
}

/**
 * A plan the plan-level controls judge: a backup_plan, an org_backup_policy's plan, or a plan an
 * account's effective backup policy makes there. Rule paths are the plan's own (JSON Pointers of a
 * resource, or policy document paths); rangeOf turns one into the configuration range explaining it.
 */
export interface JudgedPlan {
  /** What findings name: `backup_plan.daily`, `org_backup_policy.baseline plan "daily"`, `account 111111111111 (shop-prod) plan "daily" in eu-west-1`. */
  subject: string;
  /** The findings' resource type. */
  resourceType: string;
  region?: string;
  account?: string;
  rules: RuleFacts[];
  /** The configuration range of a rule path (or of the whole plan); undefined when the configuration does not write it. */
  rangeOf(path?: string): SourceRange | undefined;
  /** The organization account whose effective backup policy makes this plan. */
  member?: MemberAccount;
}

export interface PlanFacts extends JudgedPlan {
  resource: ResourceConfig;
}

export interface VaultFacts {
  resource: ResourceConfig;
  name?: string;
  kmsKeyArn?: string;
  lock?: LockBounds;
  /** A logically_air_gapped_vault: its lock is its retention range, and without a key AWS uses one it owns. */
  airGapped?: boolean;
}

export interface SelectionFacts {
  resource: ResourceConfig;
  /** Addresses of the plan instances the selection assigns resources to. */
  plans: string[];
  /** What it selects; undefined when only values unknown until apply say it (it selects nothing yet). */
  criteria: SelectionCriteria | undefined;
}

export interface ConfigFacts {
  plans: PlanFacts[];
  vaults: VaultFacts[];
  selections: SelectionFacts[];
  onDemand: ResourceConfig[];
}

export function configFacts(config: Pick<Config, 'resources' | 'providers' | 'files'>): ConfigFacts {
  const of = (kind: string) => config.resources.filter((r) => r.kind === kind);
  const texts = new Map(config.files.map((f) => [f.path, f.text]));
  const providerOf = (r: ResourceConfig) => config.providers.find((p) => p.key === r.provider);
  const destinations = [...of('backup_vault'), ...of('logically_air_gapped_vault')];
  const plans = of('backup_plan').map((r) => planFacts(r, providerOf(r), (copyPath) => referencedVaultLocation(r, copyPath, destinations, texts, providerOf)));
  const vaults = [
    ...of('backup_vault').map((r) => ({
      resource: r,
      name: knownString(r.attributes.name),
      kmsKeyArn: knownString(r.attributes.kms_key_arn),
      lock: lockBounds(r.attributes.lock),
    })),
    // Locked in compliance mode from their creation: their retention range is their lock.
    ...of('logically_air_gapped_vault').map((r) => ({
      resource: r,
      name: knownString(r.attributes.name),
      kmsKeyArn: knownString(r.attributes.kms_key_arn),
      lock: airGappedBounds(r.attributes),
      airGapped: true,
    })),
  ];
  const selections = of('backup_selection').map((r) => ({ resource: r, plans: selectionPlans(r, plans, texts), criteria: selectionCriteria(r.attributes) }));
  return { plans, vaults, selections, onDemand: of('on_demand_backup') };
}

/** The Region and account a provider's resources live in, as far as the configuration says. */
export function providerLocation(provider: ProviderConfig | undefined): { region?: string; account?: string } {
  if (!provider) return {};
  const sandbox = provider.type === 'sandbox';
  return {
    region: knownString(provider.attributes.region) ?? (sandbox ? SANDBOX_DEFAULT_REGION : undefined),
    account: knownString(provider.attributes.account_id) ?? (sandbox ? SANDBOX_DEFAULT_ACCOUNT : undefined),
  };
}

function planFacts(resource: ResourceConfig, provider: ProviderConfig | undefined, locateDestination: DestinationLocator): PlanFacts {
  return {
    resource,
    subject: resource.address,
    resourceType: 'backup_plan',
    ...providerLocation(provider),
    rules: ruleFacts(resource, resource.attributes.rule, '', locateDestination),
    rangeOf: (path) => (path === undefined ? resource.range : resourceRange(resource, path)),
  };
}

/** Where the vault a copy (at its JSON Pointer) sends to lives, when its ARN is unknown until apply. */
type DestinationLocator = (copyPath: string) => { region?: string; account?: string } | undefined;

// `backup_vault.dr.arn`, `logically_air_gapped_vault.isolated.arn`, `backup_vault.dr["eu"].arn`,
// `backup_vault.dr[each.key].arn`, alone or as the only interpolation of a string.
const VAULT_ARN_REFERENCE = /^\s*"?(?:\$\{\s*)?(backup_vault|logically_air_gapped_vault)\.([A-Za-z0-9_-]+)\s*(?:\[\s*(?:"([^"]*)"|(\d+)|(each\.key))\s*\])?\s*\.arn\s*(?:\}\s*"?)?\s*$/;

/**
 * A copy's destination written as a reference to a vault of the configuration: its ARN is made at
 * apply, but the vault's provider says its Region and account already. Read from the source text,
 * as selectionPlans reads a selection's plan: the evaluated value is only "unknown". Undefined
 * when the text is another expression, or the instances it may name live in different places.
 */
function referencedVaultLocation(
  plan: ResourceConfig,
  copyPath: string,
  vaults: readonly ResourceConfig[],
  texts: ReadonlyMap<string, string>,
  providerOf: (r: ResourceConfig) => ProviderConfig | undefined,
): { region?: string; account?: string } | undefined {
  const range = plan.ranges.get(`${copyPath}/destination_vault_arn`);
  const text = range ? texts.get(range.file)?.slice(range.start.offset, range.end.offset) : undefined;
  const match = text === undefined ? null : VAULT_ARN_REFERENCE.exec(text);
  if (!match) return undefined;
  const [, kind, name, quotedKey, indexKey, eachKey] = match;
  const key = quotedKey ?? (indexKey !== undefined ? Number(indexKey) : eachKey !== undefined ? plan.key : undefined);
  const modulePrefix = modulePrefixOf(plan);
  const candidates = vaults.filter(
    (v) => v.kind === kind && v.name === name && modulePrefixOf(v) === modulePrefix && (key === undefined || v.key === key),
  );
  const locations = candidates.map((v) => providerLocation(providerOf(v)));
  const first = locations[0];
  if (first === undefined || locations.some((l) => l.region !== first.region || l.account !== first.account)) return undefined;
  return first;
}

/** `module.app` for `module.app.backup_plan.daily["x"]`, undefined at the root. */
function modulePrefixOf(resource: ResourceConfig): string | undefined {
  return splitModulePath(resource.address).module;
}

/** The `rule` blocks of a resource (a backup_plan's, or an org_backup_policy plan's at `owner`), with their paths in it. */
export function ruleFacts(resource: ResourceConfig, rules: Value | undefined, owner: string, locateDestination?: DestinationLocator): RuleFacts[] {
  return (knownList(rules) ?? []).flatMap((value, index) => {
    if (!isObjectValue(value)) return [];
    const path = `${owner}/rule/${index}`;
    const retention = lifecycleDays(value.lifecycle).deleteAfterDays;
    const deletePath = deletePathOf(resource, path);
    const copies = (knownList(value.copy) ?? []).flatMap((copy, i): CopyFacts[] => {
      if (!isObjectValue(copy)) return [];
      const copyPath = `${path}/copy/${i}`;
      const destinationArn = knownString(copy.destination_vault_arn);
      const parsed = destinationArn === undefined ? locateDestination?.(copyPath) : parseBackupVaultArn(destinationArn);
      const own = knownObject(copy.lifecycle) ? lifecycleDays(copy.lifecycle).deleteAfterDays : retention;
      return [
        {
          path: copyPath,
          destinationArn,
          region: parsed?.region,
          account: parsed?.account,
          deleteAfterDays: own,
          deletePath: knownObject(copy.lifecycle) ? deletePathOf(resource, copyPath) : deletePath,
        },
      ];
    });
    return [
      {
        name: knownString(value.name) ?? `#${index + 1}`,
        path,
        continuous: knownBoolean(value.continuous_backup) === true,
        schedule: knownString(value.schedule) ?? DEFAULT_SCHEDULE,
        schedulePath: `${path}/schedule`,
        deleteAfterDays: retention,
        deletePath,
        targetVault: knownString(value.target_vault),
        copies,
      },
    ];
  });
}

function deletePathOf(resource: ResourceConfig, ownerPath: string): string {
  const candidate = `${ownerPath}/lifecycle/delete_after_days`;
  return resource.ranges.has(candidate) ? candidate : resource.ranges.has(`${ownerPath}/lifecycle`) ? `${ownerPath}/lifecycle` : ownerPath;
}

/**
 * The plan a selection belongs to. Its `plan` argument is a whole-resource reference whose value
 * (the plan id) is unknown until apply, so the reference is read from the source text:
 * `backup_plan.daily`, `backup_plan.env["prod"]`, or `backup_plan.env[each.key]` in a for_each
 * selection (the selection's own key). Otherwise: every instance of the plans it depends on.
 */
function selectionPlans(selection: ResourceConfig, plans: readonly PlanFacts[], texts: ReadonlyMap<string, string>): string[] {
  const range = selection.ranges.get('/plan');
  const text = range ? texts.get(range.file)?.slice(range.start.offset, range.end.offset) : undefined;
  const match = text === undefined ? null : /^\s*"?\$?\{?\s*backup_plan\.([A-Za-z0-9_-]+)\s*(?:\[\s*(?:"([^"]*)"|(each\.key))\s*\])?/.exec(text);
  if (match) {
    const name = match[1]!;
    const key = match[2] ?? (match[3] ? selection.key : undefined);
    const instances = plans.filter((p) => p.resource.name === name);
    const exact = key === undefined ? instances : instances.filter((p) => p.resource.key === key);
    return (exact.length > 0 ? exact : instances).map((p) => p.resource.address);
  }
  const names = selection.dependencies.filter((d) => d.startsWith('backup_plan.')).map((d) => d.slice('backup_plan.'.length));
  return plans.filter((p) => names.includes(p.resource.name)).map((p) => p.resource.address);
}

/** The range of a JSON Pointer in a resource, or of its nearest ancestor. */
export function resourceRange(resource: ResourceConfig, path: string): SourceRange {
  return rangeFor(resource.ranges, path) ?? resource.range;
}

/** The configured vault a rule targets by name (vaults live in the provider's Region). */
export function vaultOf(facts: ConfigFacts, plan: PlanFacts, rule: RuleFacts): VaultFacts | undefined {
  return facts.vaults.find((v) => v.name !== undefined && v.name === rule.targetVault && v.resource.provider === plan.resource.provider);
}
