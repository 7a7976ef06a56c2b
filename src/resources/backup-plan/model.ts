// backup_plan: comparison rules. Rules are matched by name, never by position; AWS defaults are
// applied to both sides; a copy without its own lifecycle inherits the rule's.
import { isObjectValue, isUnknown, type ObjectValue, type Value } from '../../core/values.js';
import { canonicalLifecycle, compact, stringMap, stringSet } from '../canonical.js';
import type { KindModel } from '../kind-model.js';
import { canonicalAdvancedSettings, enablesWindowsVss } from './advanced-settings.js';
import { managedRuleFields, PLAN_FIELDS_MANAGED_WHEN_SET } from './managed-fields.js';
import { describeUnmodelled, carriedUnmodelled } from './unmodelled.js';

export const RULE_DEFAULTS = {
  schedule: 'cron(0 5 ? * * *)',
  timezone: 'Etc/UTC',
  start_window_minutes: 480,
  completion_window_minutes: 10080,
} as const;

function canonicalCopy(copy: Value, ruleLifecycle: Value | undefined): Value {
  if (!isObjectValue(copy)) return copy;
  const own = canonicalLifecycle(copy.lifecycle);
  return compact({ destination_vault_arn: copy.destination_vault_arn, lifecycle: own ?? ruleLifecycle }) ?? {};
}

function sortKey(v: Value): string {
  return JSON.stringify(v);
}

/** A list of blocks as a set: each block canonical, sorted; undefined when empty (unset and empty are the same). */
function blockSet(v: Value | undefined, canonicalBlock: (block: ObjectValue) => ObjectValue | undefined): Value | undefined {
  if (isUnknown(v)) return v;
  if (!Array.isArray(v)) return undefined;
  const blocks = v.map((b) => (isObjectValue(b) ? canonicalBlock(b) : b)).filter((b): b is Value => b !== undefined);
  if (blocks.some(isUnknown)) return blocks;
  blocks.sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0));
  return blocks.length > 0 ? blocks : undefined;
}

const canonicalIndexAction = (a: ObjectValue) => compact({ resource_types: stringSet(a.resource_types) });
const canonicalScanAction = (a: ObjectValue) => compact({ malware_scanner: a.malware_scanner, scan_mode: a.scan_mode });
const canonicalScanSetting = (s: ObjectValue) =>
  compact({ malware_scanner: s.malware_scanner, resource_types: stringSet(s.resource_types), scanner_role_arn: s.scanner_role_arn });

function canonicalRule(rule: Value): Value {
  if (!isObjectValue(rule)) return rule;
  const continuous = rule.continuous_backup === true;
  const lifecycle = canonicalLifecycle(rule.lifecycle);
  const copies = Array.isArray(rule.copy) ? rule.copy.map((c) => canonicalCopy(c, lifecycle)) : [];
  return compact({
    name: rule.name,
    target_vault: rule.target_vault,
    schedule: rule.schedule ?? (continuous ? undefined : RULE_DEFAULTS.schedule),
    timezone: rule.timezone ?? RULE_DEFAULTS.timezone,
    start_window_minutes: rule.start_window_minutes ?? RULE_DEFAULTS.start_window_minutes,
    completion_window_minutes: rule.completion_window_minutes ?? RULE_DEFAULTS.completion_window_minutes,
    continuous_backup: continuous,
    lifecycle,
    recovery_point_tags: stringMap(rule.recovery_point_tags) as Value,
    copy: copies.some(isUnknown) ? copies : copies.sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : 1)),
    target_logically_air_gapped_vault_arn: rule.target_logically_air_gapped_vault_arn ?? undefined,
    index_action: blockSet(rule.index_action, canonicalIndexAction),
    scan_action: blockSet(rule.scan_action, canonicalScanAction),
  })!;
}

export const backupPlanModel: KindModel = {
  kind: 'backup_plan',
  schedulesJobs: true,
  forcesReplacement: new Set(['name']),
  computed: ['id', 'arn', 'version_id'],
  optionalComputed: [],
  tagAttributes: ['tags'],
  managedWhenSet: PLAN_FIELDS_MANAGED_WHEN_SET,
  managedWithin: managedRuleFields,
  keyedLists: { rule: 'name' },
  jsonAttributes: [],
  unmodelled: { attribute: 'unmodelled', describe: describeUnmodelled, carried: carriedUnmodelled },

  canonical(a: ObjectValue): ObjectValue {
    const rules = Array.isArray(a.rule) ? a.rule.map(canonicalRule) : [];
    rules.sort((x, y) => {
      const nx = isObjectValue(x) ? String(x.name) : '';
      const ny = isObjectValue(y) ? String(y.name) : '';
      return nx < ny ? -1 : nx > ny ? 1 : 0;
    });
    const out: ObjectValue = {
      ...a,
      rule: rules,
      windows_vss: a.windows_vss === true || enablesWindowsVss(a.advanced_backup_setting),
      tags: stringMap(a.tags) as Value,
    };
    // Unset and empty are the same: the attributes appear only when they hold something.
    const optional = { advanced_backup_setting: canonicalAdvancedSettings(a.advanced_backup_setting), scan_setting: blockSet(a.scan_setting, canonicalScanSetting) };
    for (const [key, value] of Object.entries(optional)) {
      if (value === undefined) delete out[key];
      else out[key] = value;
    }
    return out;
  },

  replaceReason() {
    return 'must be replaced: a backup plan cannot be renamed (its selections are re-created on the new plan)';
  },
};
