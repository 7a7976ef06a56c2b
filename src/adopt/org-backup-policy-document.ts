// The inverse of src/resources/org-backup-policy/compile.ts: an Organizations BACKUP_POLICY document
// (what Terraform's aws_organizations_policy holds as a JSON string) → org_backup_policy's
// attributes, so that compiling them gives the same document again. What the compiler could not
// have written (an unknown key, @@append on a single value, a document key the compiler names
// otherwise) is a problem: the caller then keeps the document as a comment rather than convert it
// into something that means less.
import type { ObjectValue, Value } from '../core/values.js';
import { POLICY_CONDITION_OPERATORS, POLICY_LIFECYCLE_FIELDS, POLICY_RULE_FIELDS, type PolicyField, type PolicyScalar } from '../domain/org-policy/backup-policy-fields.js';
import { CHILD_CONTROL, type PolicyJson, type PolicyObject } from '../domain/org-policy/inheritance.js';

export interface DecompiledPolicy {
  /** child_operators and plan blocks, in org_backup_policy's attribute shape. */
  attributes: ObjectValue;
  /** What bkp cannot express, each with its document path. */
  problems: string[];
}

/** Document key → [bkp attribute, type], from the table the compiler writes with. */
const byDocumentKey = (fields: readonly PolicyField[]): Readonly<Record<string, readonly [string, PolicyScalar]>> =>
  Object.fromEntries(fields.map(([attribute, documentKey, type]) => [documentKey, [attribute, type] as const]));

const RULE_FIELDS = byDocumentKey(POLICY_RULE_FIELDS);
const LIFECYCLE_FIELDS = byDocumentKey(POLICY_LIFECYCLE_FIELDS);
const CONDITION_OPERATORS = new Set(POLICY_CONDITION_OPERATORS);

const isObject = (v: PolicyJson | undefined): v is PolicyObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The name compile.ts gives a condition entry for a key (its entries are keyed by it). */
const conditionName = (key: string): string => key.replace(/^aws:ResourceTag\//, '').replace(/[^a-zA-Z0-9\-_.]/g, '_');

class Decompiler {
  readonly problems: string[] = [];

  problem(path: string[], what: string): void {
    this.problems.push(`${path.join('.') || 'the document'}: ${what}`);
  }

  /** Keys of `object` other than `known` are problems. */
  only(object: PolicyObject, known: readonly string[], path: string[]): void {
    for (const key of Object.keys(object)) if (!known.includes(key)) this.problem([...path, key], 'not a key bkp writes in a backup policy');
  }

  /** `{ "@@assign": "35" }` → 35 (as `type` says), or undefined with a problem. */
  setting(value: PolicyJson | undefined, type: PolicyScalar, path: string[]): Value | undefined {
    if (value === undefined) return undefined;
    if (!isObject(value) || Object.keys(value).length !== 1 || typeof value['@@assign'] !== 'string') {
      this.problem(path, 'bkp writes a single value only as { "@@assign": "…" }');
      return undefined;
    }
    const text = value['@@assign'];
    if (type === 'number') {
      if (/^[0-9]+$/.test(text)) return Number(text);
      this.problem(path, `"${text}" is not a whole number`);
      return undefined;
    }
    if (type === 'boolean') {
      if (text === 'true' || text === 'false') return text === 'true';
      this.problem(path, `"${text}" is not true or false`);
      return undefined;
    }
    return text;
  }

  /** A list setting: @@assign into `target[attribute]`, @@append / @@remove into its append / remove blocks. */
  listSetting(value: PolicyJson | undefined, target: ObjectValue, attribute: string, path: string[]): void {
    if (value === undefined) return;
    if (!isObject(value)) {
      this.problem(path, 'bkp writes a list as { "@@assign": [ … ] } with @@append / @@remove');
      return;
    }
    for (const [op, items] of Object.entries(value)) {
      const into = op === '@@assign' ? undefined : op === '@@append' ? 'append' : op === '@@remove' ? 'remove' : null;
      if (into === null || !Array.isArray(items) || !items.every((i) => typeof i === 'string')) {
        this.problem([...path, op], 'bkp writes a list only with @@assign, @@append and @@remove of strings');
        continue;
      }
      if (into === undefined) target[attribute] = items as string[];
      else target[into] = { ...((target[into] as ObjectValue | undefined) ?? {}), [attribute]: items as string[] };
    }
  }

  childOperators(object: PolicyObject, target: ObjectValue, path: string[]): void {
    const control = object[CHILD_CONTROL];
    if (control === undefined) return;
    if (!Array.isArray(control) || !control.every((c) => typeof c === 'string' && c.startsWith('@@'))) {
      this.problem([...path, CHILD_CONTROL], 'expected a list such as ["@@none"]');
      return;
    }
    target.child_operators = (control as string[]).map((c) => c.slice(2));
  }

  fields(object: PolicyObject, table: Readonly<Record<string, readonly [string, PolicyScalar]>>, target: ObjectValue, path: string[]): void {
    for (const [key, [to, type]] of Object.entries(table)) {
      const value = this.setting(object[key], type, [...path, key]);
      if (value !== undefined) target[to] = value;
    }
  }

  lifecycle(value: PolicyJson | undefined, path: string[]): ObjectValue | undefined {
    if (value === undefined) return undefined;
    if (!isObject(value)) {
      this.problem(path, 'expected an object');
      return undefined;
    }
    this.only(value, Object.keys(LIFECYCLE_FIELDS), path);
    const out: ObjectValue = {};
    this.fields(value, LIFECYCLE_FIELDS, out, path);
    return out;
  }

  /** backup_plan_tags / recovery_point_tags: `{ KEY: { tag_key, tag_value } }` → `{ KEY = VALUE }`. */
  tags(value: PolicyJson | undefined, path: string[]): ObjectValue | undefined {
    if (value === undefined) return undefined;
    if (!isObject(value)) {
      this.problem(path, 'expected an object of tags');
      return undefined;
    }
    const out: ObjectValue = {};
    for (const [name, entry] of Object.entries(value)) {
      if (!isObject(entry)) {
        this.problem([...path, name], 'expected { tag_key, tag_value }');
        continue;
      }
      this.only(entry, ['tag_key', 'tag_value'], [...path, name]);
      const key = this.setting(entry.tag_key, 'string', [...path, name, 'tag_key']);
      const tagValue = this.setting(entry.tag_value, 'string', [...path, name, 'tag_value']);
      if (key !== name) this.problem([...path, name], `bkp names a tag's entry after its tag_key (${JSON.stringify(key)})`);
      else if (tagValue !== undefined) out[name] = tagValue;
    }
    return out;
  }

  rule(rule: PolicyJson, path: string[]): ObjectValue {
    const out: ObjectValue = {};
    if (!isObject(rule)) {
      this.problem(path, 'expected an object');
      return out;
    }
    this.only(rule, [...Object.keys(RULE_FIELDS), 'lifecycle', 'recovery_point_tags', 'copy_actions', 'index_actions', CHILD_CONTROL], path);
    this.fields(rule, RULE_FIELDS, out, path);
    const lifecycle = this.lifecycle(rule.lifecycle, [...path, 'lifecycle']);
    if (lifecycle) out.lifecycle = lifecycle;
    const tags = this.tags(rule.recovery_point_tags, [...path, 'recovery_point_tags']);
    if (tags) out.recovery_point_tags = tags;
    if (rule.copy_actions !== undefined) {
      const copies: ObjectValue[] = [];
      for (const [arn, action] of Object.entries(isObject(rule.copy_actions) ? rule.copy_actions : {})) {
        const at = [...path, 'copy_actions', arn];
        if (!isObject(action)) {
          this.problem(at, 'expected an object');
          continue;
        }
        this.only(action, ['target_backup_vault_arn', 'lifecycle'], at);
        const target = this.setting(action.target_backup_vault_arn, 'string', [...at, 'target_backup_vault_arn']);
        if (target !== arn) this.problem(at, 'bkp keys a copy action by its target_backup_vault_arn');
        const copy: ObjectValue = { destination_vault_arn: target ?? arn };
        const copyLifecycle = this.lifecycle(action.lifecycle, [...at, 'lifecycle']);
        if (copyLifecycle) copy.lifecycle = copyLifecycle;
        copies.push(copy);
      }
      if (!isObject(rule.copy_actions)) this.problem([...path, 'copy_actions'], 'expected an object keyed by vault ARN');
      out.copy = copies;
    }
    if (rule.index_actions !== undefined) {
      const actions: ObjectValue[] = [];
      for (const [key, action] of Object.entries(isObject(rule.index_actions) ? rule.index_actions : {})) {
        const at = [...path, 'index_actions', key];
        const types = isObject(action) && isObject(action.resource_types) ? action.resource_types['@@assign'] : undefined;
        if (!isObject(action) || Object.keys(action).length !== 1 || !Array.isArray(types) || !types.every((t) => typeof t === 'string')) {
          this.problem(at, 'expected { resource_types: { "@@assign": [ … ] } }');
          continue;
        }
        if ((types as string[]).map((t) => t.toLowerCase()).join('-') !== key) this.problem(at, 'bkp keys an index action by its resource types');
        actions.push({ resource_types: types as string[] });
      }
      out.index_action = actions;
    }
    this.childOperators(rule, out, path);
    return out;
  }

  selection(selection: PolicyJson, byTag: boolean, path: string[]): ObjectValue {
    const out: ObjectValue = {};
    if (!isObject(selection)) {
      this.problem(path, 'expected an object');
      return out;
    }
    const iamRole = this.setting(selection.iam_role_arn, 'string', [...path, 'iam_role_arn']);
    if (iamRole !== undefined) out.iam_role_arn = iamRole;
    if (byTag) {
      this.only(selection, ['iam_role_arn', 'tag_key', 'tag_value', CHILD_CONTROL], path);
      const key = this.setting(selection.tag_key, 'string', [...path, 'tag_key']);
      if (key !== undefined) out.tag_key = key;
      this.listSetting(selection.tag_value, out, 'tag_values', [...path, 'tag_value']);
    } else {
      this.only(selection, ['iam_role_arn', 'resource_types', 'not_resource_types', 'conditions', CHILD_CONTROL], path);
      this.listSetting(selection.resource_types, out, 'resources', [...path, 'resource_types']);
      this.listSetting(selection.not_resource_types, out, 'not_resources', [...path, 'not_resource_types']);
      if (selection.conditions !== undefined) out.condition = [this.conditions(selection.conditions, [...path, 'conditions'])];
    }
    this.childOperators(selection, out, path);
    return out;
  }

  /** `conditions.OP.NAME.{condition_key, condition_value}` → one condition block `{ OP = { KEY = VALUE } }`. */
  conditions(conditions: PolicyJson, path: string[]): ObjectValue {
    const out: ObjectValue = {};
    if (!isObject(conditions)) {
      this.problem(path, 'expected an object');
      return out;
    }
    for (const [op, entries] of Object.entries(conditions)) {
      if (!CONDITION_OPERATORS.has(op) || !isObject(entries)) {
        this.problem([...path, op], 'not a condition operator bkp knows');
        continue;
      }
      const pairs: ObjectValue = {};
      for (const [name, entry] of Object.entries(entries)) {
        const at = [...path, op, name];
        if (!isObject(entry)) {
          this.problem(at, 'expected { condition_key, condition_value }');
          continue;
        }
        this.only(entry, ['condition_key', 'condition_value'], at);
        const key = this.setting(entry.condition_key, 'string', [...at, 'condition_key']);
        const value = this.setting(entry.condition_value, 'string', [...at, 'condition_value']);
        if (typeof key !== 'string' || value === undefined) continue;
        if (conditionName(key) !== name) this.problem(at, `bkp names this condition entry "${conditionName(key)}"`);
        pairs[key] = value;
      }
      out[op] = pairs;
    }
    return out;
  }

  plan(name: string, plan: PolicyJson, path: string[]): ObjectValue {
    const out: ObjectValue = { name };
    if (!isObject(plan)) {
      this.problem(path, 'expected an object');
      return out;
    }
    this.only(plan, ['regions', 'rules', 'selections', 'advanced_backup_settings', 'backup_plan_tags', CHILD_CONTROL], path);
    this.listSetting(plan.regions, out, 'regions', [...path, 'regions']);
    if (plan.rules !== undefined) {
      if (!isObject(plan.rules)) this.problem([...path, 'rules'], 'expected an object keyed by rule name');
      else out.rule = Object.entries(plan.rules).map(([ruleName, rule]) => ({ name: ruleName, ...this.rule(rule, [...path, 'rules', ruleName]) }));
    }
    if (plan.selections !== undefined) {
      const selections: ObjectValue[] = [];
      const groups = isObject(plan.selections) ? plan.selections : {};
      if (!isObject(plan.selections)) this.problem([...path, 'selections'], 'expected { tags, resources }');
      this.only(groups, ['tags', 'resources'], [...path, 'selections']);
      for (const group of ['tags', 'resources'] as const) {
        const members = groups[group];
        if (members === undefined) continue;
        if (!isObject(members)) {
          this.problem([...path, 'selections', group], 'expected an object keyed by selection name');
          continue;
        }
        for (const [selectionName, selection] of Object.entries(members)) {
          selections.push({ name: selectionName, ...this.selection(selection, group === 'tags', [...path, 'selections', group, selectionName]) });
        }
      }
      out.selection = selections;
    }
    if (plan.advanced_backup_settings !== undefined) {
      const settings: ObjectValue[] = [];
      for (const [type, options] of Object.entries(isObject(plan.advanced_backup_settings) ? plan.advanced_backup_settings : {})) {
        const at = [...path, 'advanced_backup_settings', type];
        if (!isObject(options)) {
          this.problem(at, 'expected an object of options');
          continue;
        }
        const values: ObjectValue = {};
        for (const [option, value] of Object.entries(options)) {
          const v = this.setting(value, 'string', [...at, option]);
          if (v !== undefined) values[option === 'windows_vss' ? 'WindowsVSS' : option] = v;
        }
        settings.push({ resource_type: type.toUpperCase(), options: values });
      }
      out.advanced_backup_setting = settings;
    }
    const tags = this.tags(plan.backup_plan_tags, [...path, 'backup_plan_tags']);
    if (tags) out.tags = tags;
    this.childOperators(plan, out, path);
    return out;
  }
}

/** A backup policy document (parsed JSON) as org_backup_policy attributes, with what bkp cannot express. */
export function decompileBackupPolicy(document: PolicyJson): DecompiledPolicy {
  const decompiler = new Decompiler();
  const attributes: ObjectValue = {};
  if (!isObject(document)) {
    decompiler.problem([], 'a backup policy is a JSON object');
    return { attributes, problems: decompiler.problems };
  }
  decompiler.only(document, ['plans', CHILD_CONTROL], []);
  if (document.plans !== undefined && !isObject(document.plans)) decompiler.problem(['plans'], 'expected an object keyed by plan name');
  const plans = isObject(document.plans) ? document.plans : {};
  attributes.plan = Object.entries(plans).map(([name, plan]) => decompiler.plan(name, plan, ['plans', name]));
  decompiler.childOperators(document, attributes, []);
  return { attributes, problems: decompiler.problems };
}
