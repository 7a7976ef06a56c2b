// The plan settings bkp manages only once the configuration or the last-applied state sets them:
// the plan's scan_setting and advanced_backup_setting, and a rule's scan_action, index_action and
// air-gapped vault. Until then what the account holds (set in the console, by another tool) is
// reported but never compared nor removed: UpdateBackupPlan replaces the whole plan, so every update
// sends it back as the account has it at that moment.
import { isObjectValue, type ObjectValue, type Value } from '../../core/values.js';
import type { UnmanagedPart } from '../kind-model.js';

export const PLAN_FIELDS_MANAGED_WHEN_SET = ['scan_setting', 'advanced_backup_setting'] as const;
export const RULE_FIELDS_MANAGED_WHEN_SET = ['scan_action', 'index_action', 'target_logically_air_gapped_vault_arn'] as const;

/** Set: neither unset nor an empty list (the canonical form drops both). */
function isSet(v: Value | undefined): boolean {
  return v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0);
}

function rulesByName(attributes: ObjectValue | undefined): Map<string, ObjectValue> {
  const rules = Array.isArray(attributes?.rule) ? attributes.rule.filter(isObjectValue) : [];
  return new Map(rules.map((r) => [String(r.name), r]));
}

/** The rules as the account holds them, without the rule fields no source sets (KindModel.managedWithin). */
export function managedRuleFields(attributes: ObjectValue, managedSources: readonly ObjectValue[]): { attributes: ObjectValue; unmanaged: UnmanagedPart[] } {
  if (!Array.isArray(attributes.rule)) return { attributes, unmanaged: [] };
  const sourceRules = managedSources.map(rulesByName);
  const unmanaged: UnmanagedPart[] = [];
  const rule = attributes.rule.map((r) => {
    if (!isObjectValue(r)) return r;
    const out = { ...r };
    for (const field of RULE_FIELDS_MANAGED_WHEN_SET) {
      if (!isSet(out[field])) continue;
      if (sourceRules.some((rules) => isSet(rules.get(String(r.name))?.[field]))) continue;
      delete out[field];
      unmanaged.push({ attribute: field, within: { list: 'rule', key: String(r.name) } });
    }
    return out;
  });
  return { attributes: { ...attributes, rule }, unmanaged };
}

/**
 * `after` with what the account holds now (`current`, as read) for every managed-when-set field
 * that neither `before` (the managed part of the object) nor `after` sets. Windows VSS stays
 * `windows_vss`'s: a carried EC2 entry loses its WindowsVSS option.
 */
export function withUnmanagedFields(before: ObjectValue, after: ObjectValue, current: ObjectValue): ObjectValue {
  const out: ObjectValue = { ...after };
  for (const field of PLAN_FIELDS_MANAGED_WHEN_SET) {
    if (isSet(before[field]) || isSet(after[field]) || !isSet(current[field])) continue;
    out[field] = field === 'advanced_backup_setting' ? withoutWindowsVss(current[field]) : current[field]!;
  }
  const beforeRules = rulesByName(before);
  const currentRules = rulesByName(current);
  if (Array.isArray(after.rule)) {
    out.rule = after.rule.map((r) => {
      if (!isObjectValue(r)) return r;
      const name = String(r.name);
      const rule = { ...r };
      for (const field of RULE_FIELDS_MANAGED_WHEN_SET) {
        const held = currentRules.get(name)?.[field];
        if (isSet(beforeRules.get(name)?.[field]) || isSet(rule[field]) || !isSet(held)) continue;
        rule[field] = held!;
      }
      return rule;
    });
  }
  return out;
}

function withoutWindowsVss(settings: Value | undefined): Value {
  if (!Array.isArray(settings)) return [];
  return settings.filter(isObjectValue).flatMap((s) => {
    if (s.resource_type !== 'EC2' || !isObjectValue(s.options)) return [s];
    const { WindowsVSS: _vss, ...options } = s.options;
    return Object.keys(options).length > 0 ? [{ ...s, options }] : [];
  });
}
