// org_backup_policy's configuration → the Organizations BACKUP_POLICY document. Every value is
// written with @@assign (lists: @@append / @@remove from the block's append/remove blocks), numbers
// and booleans as strings as AWS's examples write them, child_operators as
// @@operators_allowed_for_child_policies. Each document path is remembered with the configuration
// attribute (JSON Pointer) that wrote it, so a problem AWS's rules find in the document is reported
// at the .bkp.hcl line that caused it.
import { containsUnknown, isObjectValue, type ObjectValue, type Value } from '../../core/values.js';
import { POLICY_CONDITION_OPERATORS, POLICY_LIFECYCLE_FIELDS, POLICY_RULE_FIELDS } from '../../domain/org-policy/backup-policy-fields.js';
import { CHILD_CONTROL, type PolicyJson, type PolicyObject } from '../../domain/org-policy/inheritance.js';

export interface CompiledPolicy {
  document: PolicyObject;
  /** Document path (keys joined by "/") → the attribute's JSON Pointer in the resource. */
  sources: Map<string, string>;
}

/** The configuration's child_operators names as the document's operators. */
export function childControl(names: Value | undefined): PolicyJson | undefined {
  if (!Array.isArray(names)) return undefined;
  return names.map((n) => `@@${String(n)}`);
}

/** A tag selection (tag_key, tag_values) rather than a resource selection. */
export const byTag = (selection: ObjectValue): boolean =>
  selection.tag_key !== undefined || selection.tag_values !== undefined || (isObjectValue(selection.append) && 'tag_values' in selection.append);

const scalar = (v: Value): string => (typeof v === 'string' ? v : String(v));

class Compiler {
  readonly sources = new Map<string, string>();

  setting(target: PolicyObject, key: string, value: Value | undefined, docPath: string[], pointer: string): void {
    if (value === undefined || value === null) return;
    target[key] = { '@@assign': Array.isArray(value) ? value.map(scalar) : scalar(value) };
    this.sources.set([...docPath, key].join('/'), pointer);
  }

  /** A list setting: @@assign from the attribute, @@append / @@remove from the block's append/remove blocks. */
  listSetting(target: PolicyObject, key: string, block: ObjectValue, attribute: string, docPath: string[], pointer: string): void {
    const setting: PolicyObject = {};
    const assign = block[attribute];
    if (Array.isArray(assign)) setting['@@assign'] = assign.map(scalar);
    for (const op of ['append', 'remove'] as const) {
      const values = isObjectValue(block[op]) ? (block[op] as ObjectValue)[attribute] : undefined;
      if (Array.isArray(values)) setting[`@@${op}`] = values.map(scalar);
    }
    if (Object.keys(setting).length === 0) return;
    target[key] = setting;
    this.sources.set([...docPath, key].join('/'), `${pointer}/${attribute}`);
  }

  lifecycle(lifecycle: Value | undefined, docPath: string[], pointer: string): PolicyObject | undefined {
    if (!isObjectValue(lifecycle)) return undefined;
    const out: PolicyObject = {};
    for (const [from, to] of POLICY_LIFECYCLE_FIELDS) this.setting(out, to, lifecycle[from], docPath, `${pointer}/${from}`);
    return Object.keys(out).length > 0 ? out : undefined;
  }

  tagPairs(tags: Value | undefined, docPath: string[], pointer: string): PolicyObject | undefined {
    if (!isObjectValue(tags)) return undefined;
    const out: PolicyObject = {};
    for (const [key, value] of Object.entries(tags)) {
      const entry: PolicyObject = {};
      this.setting(entry, 'tag_key', key, [...docPath, key], `${pointer}/${key}`);
      this.setting(entry, 'tag_value', value, [...docPath, key], `${pointer}/${key}`);
      out[key] = entry;
    }
    return Object.keys(out).length > 0 ? out : undefined;
  }

  rule(rule: ObjectValue, docPath: string[], pointer: string): PolicyObject {
    const out: PolicyObject = {};
    for (const [from, to] of POLICY_RULE_FIELDS) this.setting(out, to, rule[from], docPath, `${pointer}/${from}`);
    const lifecycle = this.lifecycle(rule.lifecycle, [...docPath, 'lifecycle'], `${pointer}/lifecycle`);
    if (lifecycle) out.lifecycle = lifecycle;
    const tags = this.tagPairs(rule.recovery_point_tags, [...docPath, 'recovery_point_tags'], `${pointer}/recovery_point_tags`);
    if (tags) out.recovery_point_tags = tags;
    const copies: PolicyObject = {};
    (Array.isArray(rule.copy) ? rule.copy : []).forEach((copy, i) => {
      if (!isObjectValue(copy) || typeof copy.destination_vault_arn !== 'string') return;
      const arn = copy.destination_vault_arn;
      const copyPath = [...docPath, 'copy_actions', arn];
      const copyPointer = `${pointer}/copy/${i}`;
      const action: PolicyObject = {};
      this.setting(action, 'target_backup_vault_arn', arn, copyPath, `${copyPointer}/destination_vault_arn`);
      const copyLifecycle = this.lifecycle(copy.lifecycle, [...copyPath, 'lifecycle'], `${copyPointer}/lifecycle`);
      if (copyLifecycle) action.lifecycle = copyLifecycle;
      copies[arn] = action;
      this.sources.set(copyPath.join('/'), copyPointer);
    });
    if (Object.keys(copies).length > 0) out.copy_actions = copies;
    const indexes: PolicyObject = {};
    (Array.isArray(rule.index_action) ? rule.index_action : []).forEach((action, i) => {
      if (!isObjectValue(action) || !Array.isArray(action.resource_types)) return;
      const key = action.resource_types.map((t) => scalar(t).toLowerCase()).join('-') || 'index';
      const entry: PolicyObject = {};
      this.setting(entry, 'resource_types', action.resource_types, [...docPath, 'index_actions', key], `${pointer}/index_action/${i}/resource_types`);
      indexes[key] = entry;
    });
    if (Object.keys(indexes).length > 0) out.index_actions = indexes;
    this.childControl(out, rule, docPath, pointer);
    return out;
  }

  selection(selection: ObjectValue, docPath: string[], pointer: string): PolicyObject {
    const out: PolicyObject = {};
    this.setting(out, 'iam_role_arn', selection.iam_role_arn, docPath, `${pointer}/iam_role_arn`);
    if (byTag(selection)) {
      // A selection written with both forms is reported by validate.ts; the document keeps the tag form.
      this.setting(out, 'tag_key', selection.tag_key, docPath, `${pointer}/tag_key`);
      this.listSetting(out, 'tag_value', selection, 'tag_values', docPath, pointer);
      this.childControl(out, selection, docPath, pointer);
      return out;
    }
    this.listSetting(out, 'resource_types', selection, 'resources', docPath, pointer);
    this.listSetting(out, 'not_resource_types', selection, 'not_resources', docPath, pointer);
    const conditions: PolicyObject = {};
    (Array.isArray(selection.condition) ? selection.condition : []).forEach((condition, i) => {
      if (!isObjectValue(condition)) return;
      for (const op of POLICY_CONDITION_OPERATORS) {
        const pairs = condition[op];
        if (!isObjectValue(pairs)) continue;
        const group = (conditions[op] ?? {}) as PolicyObject;
        for (const [key, value] of Object.entries(pairs)) {
          const name = key.replace(/^aws:ResourceTag\//, '').replace(/[^a-zA-Z0-9\-_.]/g, '_');
          const entry: PolicyObject = {};
          const at = [...docPath, 'conditions', op, name];
          this.setting(entry, 'condition_key', key, at, `${pointer}/condition/${i}/${op}`);
          this.setting(entry, 'condition_value', value, at, `${pointer}/condition/${i}/${op}/${key}`);
          group[name] = entry;
        }
        conditions[op] = group;
      }
    });
    if (Object.keys(conditions).length > 0) out.conditions = conditions;
    this.childControl(out, selection, docPath, pointer);
    return out;
  }

  plan(plan: ObjectValue, docPath: string[], pointer: string): PolicyObject {
    const out: PolicyObject = {};
    this.listSetting(out, 'regions', plan, 'regions', docPath, pointer);
    const rules: PolicyObject = {};
    (Array.isArray(plan.rule) ? plan.rule : []).forEach((rule, i) => {
      if (isObjectValue(rule) && typeof rule.name === 'string') rules[rule.name] = this.rule(rule, [...docPath, 'rules', rule.name], `${pointer}/rule/${i}`);
    });
    if (Object.keys(rules).length > 0) out.rules = rules;
    const tagSelections: PolicyObject = {};
    const resourceSelections: PolicyObject = {};
    (Array.isArray(plan.selection) ? plan.selection : []).forEach((selection, i) => {
      if (!isObjectValue(selection) || typeof selection.name !== 'string') return;
      const group = byTag(selection) ? 'tags' : 'resources';
      const target = group === 'tags' ? tagSelections : resourceSelections;
      target[selection.name] = this.selection(selection, [...docPath, 'selections', group, selection.name], `${pointer}/selection/${i}`);
      this.sources.set([...docPath, 'selections', group, selection.name].join('/'), `${pointer}/selection/${i}`);
    });
    const selections: PolicyObject = {};
    if (Object.keys(tagSelections).length > 0) selections.tags = tagSelections;
    if (Object.keys(resourceSelections).length > 0) selections.resources = resourceSelections;
    if (Object.keys(selections).length > 0) out.selections = selections;
    const advanced: PolicyObject = {};
    (Array.isArray(plan.advanced_backup_setting) ? plan.advanced_backup_setting : []).forEach((setting, i) => {
      if (!isObjectValue(setting) || !isObjectValue(setting.options)) return;
      const type = scalar(setting.resource_type ?? 'EC2').toLowerCase();
      const options: PolicyObject = {};
      for (const [name, value] of Object.entries(setting.options)) {
        const key = name === 'WindowsVSS' ? 'windows_vss' : name;
        this.setting(options, key, value, [...docPath, 'advanced_backup_settings', type], `${pointer}/advanced_backup_setting/${i}/options/${name}`);
      }
      advanced[type] = options;
    });
    if (Object.keys(advanced).length > 0) out.advanced_backup_settings = advanced;
    const tags = this.tagPairs(plan.tags, [...docPath, 'backup_plan_tags'], `${pointer}/tags`);
    if (tags) out.backup_plan_tags = tags;
    this.childControl(out, plan, docPath, pointer);
    return out;
  }

  childControl(out: PolicyObject, block: ObjectValue, docPath: string[], pointer: string): void {
    const control = childControl(block.child_operators);
    if (control === undefined) return;
    out[CHILD_CONTROL] = control;
    this.sources.set([...docPath, CHILD_CONTROL].join('/'), `${pointer}/child_operators`);
  }
}

/**
 * The policy document of an org_backup_policy's attributes, or undefined while a value is unknown
 * (a reference to something not yet created): the document is then known only at apply.
 */
export function compileBackupPolicy(attributes: ObjectValue): CompiledPolicy | undefined {
  const relevant: Value = { plan: attributes.plan ?? null, child_operators: attributes.child_operators ?? null };
  if (containsUnknown(relevant)) return undefined;
  const compiler = new Compiler();
  const plans: PolicyObject = {};
  (Array.isArray(attributes.plan) ? attributes.plan : []).forEach((plan, i) => {
    if (isObjectValue(plan) && typeof plan.name === 'string') {
      plans[plan.name] = compiler.plan(plan, ['plans', plan.name], `/plan/${i}`);
      compiler.sources.set(['plans', plan.name].join('/'), `/plan/${i}`);
    }
  });
  const document: PolicyObject = { plans };
  compiler.childControl(document, attributes, [], '');
  return { document, sources: compiler.sources };
}

/** The JSON text of a document with its keys sorted, so equal documents are equal strings. */
export function documentText(document: PolicyJson): string {
  const sort = (v: PolicyJson): PolicyJson =>
    Array.isArray(v) ? v.map(sort) : v !== null && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sort(v[k]!)])) : v;
  return JSON.stringify(sort(document));
}
