// What Organizations and AWS Backup check in a BACKUP_POLICY: the document on its own (keys,
// operator placement, value types, `$account` only in ARNs, Regions, cron, size) and, once the
// policies of an account are merged, the plans that result (every plan has Regions, rules and a
// selection with an IAM role; lifecycles AWS Backup would refuse). Problems carry the document path
// so the caller can point at the configuration that wrote it.
import { suggest } from '../../core/suggest.js';
import { parseSchedule } from '../cron.js';
import { isAwsRegion } from '../regions.js';
import {
  BACKUP_PLAN_GRAMMAR,
  BACKUP_POLICY_GRAMMAR,
  BACKUP_POLICY_MAX_CHARACTERS,
  BACKUP_POLICY_NAME_PATTERN,
  type ContainerSpec,
  type GrammarNode,
  type SettingSpec,
} from './backup-policy-grammar.js';
import { CHILD_CONTROL, isPolicyObject, VALUE_OPERATORS, type EffectiveObject, type EffectiveValue, type PolicyJson, type PolicyObject } from './inheritance.js';

export interface PolicyProblem {
  /** Document keys from the root to the offending key or setting. */
  path: readonly string[];
  message: string;
  severity: 'error' | 'warning';
}

const CHILD_CONTROL_VALUES = ['@@all', '@@none', ...VALUE_OPERATORS];
const ACCOUNT_VARIABLE = '$account';


/** Checks one policy document as written (before any merge). */
export function checkBackupPolicyDocument(content: PolicyObject): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  const size = JSON.stringify(content).length;
  if (size > BACKUP_POLICY_MAX_CHARACTERS) {
    problems.push({
      path: [],
      severity: 'error',
      message: `the policy document is ${size} characters; Organizations accepts at most ${BACKUP_POLICY_MAX_CHARACTERS} for a backup policy. Split it into several policies attached to the same target`,
    });
  }
  checkContainer(content, BACKUP_POLICY_GRAMMAR, [], problems);
  return problems;
}

function checkChildControl(value: PolicyJson, path: readonly string[], problems: PolicyProblem[]): void {
  const names = Array.isArray(value) ? value : undefined;
  if (!names || names.length === 0 || names.some((n) => typeof n !== 'string' || !CHILD_CONTROL_VALUES.includes(n))) {
    problems.push({ path, severity: 'error', message: `${CHILD_CONTROL} takes a list of ${CHILD_CONTROL_VALUES.join(', ')}` });
    return;
  }
  if (names.length > 1 && (names.includes('@@all') || names.includes('@@none'))) {
    problems.push({ path, severity: 'error', message: `${CHILD_CONTROL}: @@all and @@none stand alone; list operators without them` });
  }
}

function checkContainer(node: PolicyObject, spec: ContainerSpec, path: readonly string[], problems: PolicyProblem[]): void {
  for (const [key, value] of Object.entries(node)) {
    const at = [...path, key];
    if (key === CHILD_CONTROL) {
      checkChildControl(value, at, problems);
      continue;
    }
    if (key.startsWith('@@')) {
      const hint = (VALUE_OPERATORS as readonly string[]).includes(key)
        ? `${key} cannot set ${path.length ? `"${path[path.length - 1]}"` : 'the document'} as a whole; set the keys inside it`
        : `unknown operator ${key}; the operators are ${[...VALUE_OPERATORS, CHILD_CONTROL].join(', ')}`;
      problems.push({ path: at, severity: 'error', message: hint });
      continue;
    }
    const child = spec.keys?.[key] ?? spec.named;
    if (!child) {
      const known = Object.keys(spec.keys ?? {});
      const guess = suggest(key, known);
      problems.push({
        path: at,
        severity: 'error',
        message: `"${key}" is not a key of ${path.length ? `"${path[path.length - 1]}"` : 'a backup policy'}${guess ? `; did you mean "${guess}"?` : known.length ? `; the keys are ${known.join(', ')}` : ''}`,
      });
      continue;
    }
    if (spec.named && !spec.keys?.[key] && spec.namedWhat && !spec.namedWhat.includes('ARN') && !BACKUP_POLICY_NAME_PATTERN.test(key)) {
      problems.push({ path: at, severity: 'error', message: `${spec.namedWhat} name "${key}" must be 1-50 letters, digits, '-', '_' or '.'` });
    }
    checkNode(value, child, at, problems);
  }
}

function checkNode(value: PolicyJson, spec: GrammarNode, path: readonly string[], problems: PolicyProblem[]): void {
  if (spec.kind === 'container') {
    if (!isPolicyObject(value)) {
      problems.push({ path, severity: 'error', message: `"${path[path.length - 1]}" holds keys, not a value` });
      return;
    }
    checkContainer(value, spec, path, problems);
    return;
  }
  if (!isPolicyObject(value) || !VALUE_OPERATORS.some((op) => op in value)) {
    problems.push({
      path,
      severity: 'error',
      message: `"${path[path.length - 1]}" must be set with an operator, for example {"@@assign": ${spec.multi ? '["…"]' : '"…"'}}`,
    });
    return;
  }
  for (const [key, operand] of Object.entries(value)) {
    const at = [...path, key];
    if (key === CHILD_CONTROL) checkChildControl(operand, at, problems);
    else if (!(VALUE_OPERATORS as readonly string[]).includes(key)) {
      problems.push({ path: at, severity: 'error', message: `a setting holds only operators; "${key}" is not one` });
    } else if (key !== '@@assign' && !spec.multi) {
      problems.push({ path: at, severity: 'error', message: `${key} works on lists only; "${path[path.length - 1]}" holds one value, so use @@assign` });
    } else checkOperand(operand, spec, at, problems);
  }
}

function checkOperand(operand: PolicyJson, spec: SettingSpec, path: readonly string[], problems: PolicyProblem[]): void {
  const name = path[path.length - 2];
  if (spec.multi && !Array.isArray(operand)) {
    problems.push({ path, severity: 'error', message: `"${name}" is a list: write ["…"]` });
    return;
  }
  if (!spec.multi && (Array.isArray(operand) || isPolicyObject(operand))) {
    problems.push({ path, severity: 'error', message: `"${name}" holds one value, not ${Array.isArray(operand) ? 'a list' : 'an object'}` });
    return;
  }
  for (const item of spec.multi ? (operand as PolicyJson[]) : [operand]) {
    const message = valueProblem(item, spec);
    if (message) problems.push({ path, severity: 'error', message: `"${name}": ${message}` });
  }
}

function valueProblem(value: PolicyJson, spec: SettingSpec): string | undefined {
  const text = typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
  if (text === undefined) return 'expected a string';
  if (text.includes(ACCOUNT_VARIABLE) && !spec.accountVariable) return `${ACCOUNT_VARIABLE} stands for the member account only in ARNs (IAM role, vault and resource ARNs)`;
  if (spec.oneOf && !spec.oneOf.includes(text)) return `"${text}" is not one of ${spec.oneOf.join(', ')}`;
  switch (spec.value) {
    case 'number':
      return /^\d+$/.test(text) ? undefined : `"${text}" is not a whole number of minutes or days`;
    case 'boolean':
      return text === 'true' || text === 'false' ? undefined : `"${text}" is not "true" or "false"`;
    case 'region': {
      if (isAwsRegion(text)) return undefined;
      return `"${text}" is not an AWS Region`;
    }
    case 'cron': {
      const parsed = parseSchedule(text);
      return parsed.ok ? undefined : `${parsed.message}`;
    }
    case 'arn':
      return text.startsWith('arn:') ? undefined : `"${text}" is not an ARN`;
    default:
      return undefined;
  }
}

const asNumber = (v: EffectiveValue | undefined) => (typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : typeof v === 'number' ? v : undefined);
const isEffectiveObject = (v: EffectiveValue | undefined): v is EffectiveObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Checks an account's effective backup policy: the plans AWS Backup would be asked to create. */
export function checkEffectiveBackupPolicy(policy: EffectiveObject): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  const plans = isEffectiveObject(policy.plans) ? policy.plans : {};
  for (const [planName, plan] of Object.entries(plans)) {
    if (!isEffectiveObject(plan)) continue;
    const at = ['plans', planName];
    requireKeys(plan, BACKUP_PLAN_GRAMMAR, at, problems);
    if (Array.isArray(plan.regions) && plan.regions.length === 0) {
      problems.push({ path: [...at, 'regions'], severity: 'error', message: `plan "${planName}" ends up with no Region, so AWS Backup creates it nowhere` });
    }
    const rules = isEffectiveObject(plan.rules) ? plan.rules : {};
    for (const [ruleName, rule] of Object.entries(rules)) {
      if (!isEffectiveObject(rule)) continue;
      checkLifecycle(rule.lifecycle, [...at, 'rules', ruleName, 'lifecycle'], problems);
      const copies = isEffectiveObject(rule.copy_actions) ? rule.copy_actions : {};
      for (const [key, copy] of Object.entries(copies)) if (isEffectiveObject(copy)) checkLifecycle(copy.lifecycle, [...at, 'rules', ruleName, 'copy_actions', key, 'lifecycle'], problems);
      const start = asNumber(rule.start_backup_window_minutes);
      const complete = asNumber(rule.complete_backup_window_minutes);
      if (start !== undefined && start < 60) {
        problems.push({ path: [...at, 'rules', ruleName, 'start_backup_window_minutes'], severity: 'error', message: `the start window is ${start} minutes; AWS Backup needs at least 60` });
      }
      if (start !== undefined && complete !== undefined && complete < start + 60) {
        problems.push({
          path: [...at, 'rules', ruleName, 'complete_backup_window_minutes'],
          severity: 'error',
          message: `the completion window (${complete} minutes) must be at least 60 minutes longer than the start window (${start})`,
        });
      }
    }
    const selections = isEffectiveObject(plan.selections) ? plan.selections : {};
    const count = Object.values(selections).reduce<number>((n, group) => n + (isEffectiveObject(group) ? Object.keys(group).length : 0), 0);
    if (count === 0 && 'selections' in plan) {
      problems.push({ path: [...at, 'selections'], severity: 'error', message: `plan "${planName}" selects no resource: add a tag or resource selection` });
    }
  }
  return problems;
}

function requireKeys(node: EffectiveObject, spec: ContainerSpec, path: readonly string[], problems: PolicyProblem[]): void {
  for (const key of spec.required ?? []) {
    if (!(key in node)) problems.push({ path, severity: 'error', message: `"${path[path.length - 1]}" has no "${key}" once the policies are merged` });
  }
  for (const [key, value] of Object.entries(node)) {
    const child = spec.keys?.[key] ?? spec.named;
    if (child?.kind === 'container' && isEffectiveObject(value)) requireKeys(value, child, [...path, key], problems);
  }
}

function checkLifecycle(lifecycle: EffectiveValue | undefined, path: readonly string[], problems: PolicyProblem[]): void {
  if (!isEffectiveObject(lifecycle)) return;
  const cold = asNumber(lifecycle.move_to_cold_storage_after_days);
  const deleteAfter = asNumber(lifecycle.delete_after_days);
  if (cold !== undefined && deleteAfter !== undefined && deleteAfter < cold + 90) {
    problems.push({
      path: [...path, 'delete_after_days'],
      severity: 'error',
      message: `recovery points are deleted after ${deleteAfter} days but move to cold storage after ${cold}; AWS Backup keeps cold storage at least 90 days, so delete_after_days must be at least ${cold + 90}`,
    });
  }
}
