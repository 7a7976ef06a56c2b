// Semantic rules of org_backup_policy beyond its JSON Schema. A rule is checked with backup_plan's
// own rules (names, schedules, windows, lifecycles), so a policy's rule gets the same diagnostics as
// a plan's; then the compiled document gets Organizations' checks (operators, Regions, `$account`
// only in ARNs, the 10,000-character quota), reported at the attribute that wrote the offending
// part. Whether every plan ends up complete (a vault, a selection with an IAM role) depends on the
// policies merged with this one, so it is checked per account (the effective policy), not here.
import type { ResourceConfig } from '../../config/model.js';
import type { ObjectValue, Value } from '../../core/values.js';
import { checkBackupPolicyDocument } from '../../domain/org-policy/backup-policy-checks.js';
import { checkBackupVaultArn, checkIamRoleArn } from '../rules/arns.js';
import type { ValidationContext } from '../rules/context.js';
import { checkContinuousLifecycle, checkLifecycle } from '../rules/lifecycle.js';
import { checkName } from '../rules/names.js';
import { childPointer } from '../../core/json-pointer.js';
import { error, knownList, knownObject, knownString, type Problem } from '../rules/problem.js';
import { checkSchedule } from '../rules/schedule.js';
import { checkTimezone } from '../rules/timezone.js';
import { checkWindows } from '../rules/windows.js';
import { compileBackupPolicy, type CompiledPolicy } from './compile.js';

/** `$account` stands for each member account; the ARN rules check the rest of the ARN with a placeholder account. */
const PLACEHOLDER_ACCOUNT = '000000000000';
const withPlaceholderAccount = (v: Value | undefined): Value | undefined => (typeof v === 'string' ? v.split('$account').join(PLACEHOLDER_ACCOUNT) : v);

export function validateOrgBackupPolicy(resource: Pick<ResourceConfig, 'attributes'>, context: ValidationContext): Problem[] {
  const a = resource.attributes;
  const problems: Problem[] = [...checkChildOperators(a.child_operators, '/child_operators')];
  (knownList(a.plan) ?? []).forEach((item, i) => {
    const plan = knownObject(item);
    if (plan) problems.push(...validatePlan(plan, `/plan/${i}`, context));
  });
  const compiled = compileBackupPolicy(a);
  // What the rules above reported at an attribute is not reported again from the document.
  const reported = new Set(problems.map((p) => p.path));
  if (compiled) problems.push(...documentProblems(compiled).filter((p) => !reported.has(p.path)));
  return problems;
}

function validatePlan(plan: ObjectValue, path: string, context: ValidationContext): Problem[] {
  const problems: Problem[] = [...checkName('plan', plan.name, childPointer(path, 'name')), ...checkChildOperators(plan.child_operators, childPointer(path, 'child_operators'))];
  (knownList(plan.rule) ?? []).forEach((item, i) => {
    const rule = knownObject(item);
    if (rule) problems.push(...validateRule(rule, childPointer(childPointer(path, 'rule'), i), context));
  });
  (knownList(plan.selection) ?? []).forEach((item, i) => {
    const selection = knownObject(item);
    if (selection) problems.push(...validateSelection(selection, childPointer(childPointer(path, 'selection'), i)));
  });
  return problems;
}

function validateRule(rule: ObjectValue, path: string, context: ValidationContext): Problem[] {
  const owner = `Rule "${knownString(rule.name) ?? '?'}"`;
  const problems = [
    ...checkName('rule', rule.name, childPointer(path, 'name')),
    ...checkChildOperators(rule.child_operators, childPointer(path, 'child_operators')),
    ...(rule.schedule === undefined ? [] : checkSchedule(rule.schedule, rule.timezone, childPointer(path, 'schedule'), context.now)),
    ...checkTimezone(rule.timezone, childPointer(path, 'timezone')),
    ...checkWindows(rule.start_window_minutes, rule.completion_window_minutes, path),
    ...(rule.continuous_backup === true ? checkContinuousLifecycle(rule.lifecycle, path, owner) : checkLifecycle(rule.lifecycle, childPointer(path, 'lifecycle'), owner)),
  ];
  (knownList(rule.copy) ?? []).forEach((item, i) => {
    const copy = knownObject(item);
    if (!copy) return;
    const copyPath = childPointer(childPointer(path, 'copy'), i);
    problems.push(...checkBackupVaultArn(withPlaceholderAccount(copy.destination_vault_arn), childPointer(copyPath, 'destination_vault_arn')));
    problems.push(...checkLifecycle(copy.lifecycle, childPointer(copyPath, 'lifecycle'), `${owner}, copy ${i + 1},`));
  });
  return problems;
}

function validateSelection(selection: ObjectValue, path: string): Problem[] {
  const problems: Problem[] = [...checkName('selection', selection.name, childPointer(path, 'name'))];
  if (selection.iam_role_arn !== undefined) problems.push(...checkIamRoleArn(withPlaceholderAccount(selection.iam_role_arn), childPointer(path, 'iam_role_arn')));
  const byTag = selection.tag_key !== undefined || selection.tag_values !== undefined;
  const byResource = selection.resources !== undefined || selection.not_resources !== undefined || selection.condition !== undefined;
  if (byTag && byResource) {
    problems.push(
      error(
        childPointer(path, 'tag_key'),
        'A selection selects by tag or by resource',
        'An organization backup policy has tag selections (tag_key, tag_values) and resource selections (resources, not_resources, condition), never both in one. Split this selection into two, one of each.',
      ),
    );
  }
  if (selection.tag_values !== undefined && selection.tag_key === undefined) {
    problems.push(error(childPointer(path, 'tag_values'), 'Missing tag_key', 'tag_values are the values of a tag: set tag_key to the tag they belong to.'));
  }
  return problems;
}

function checkChildOperators(value: Value | undefined, path: string): Problem[] {
  const names = knownList(value);
  if (!names || names.length < 2) return [];
  if (names.includes('all') || names.includes('none')) {
    return [error(path, 'Invalid child_operators', `"all" and "none" stand alone: write ["all"], ["none"], or a list of "assign", "append" and "remove".`)];
  }
  return [];
}

/** Organizations' rules on the compiled document, each at the attribute that wrote the part it concerns. */
function documentProblems(compiled: CompiledPolicy): Problem[] {
  return checkBackupPolicyDocument(compiled.document).map((p) => {
    const pointer = sourceOf(compiled, p.path) ?? '/plan';
    const summary = p.severity === 'error' ? 'Invalid organization backup policy' : 'Organization backup policy';
    return { severity: p.severity, path: pointer, summary, detail: `${p.message[0]!.toUpperCase()}${p.message.slice(1)} (policy document: ${p.path.join('.') || 'the document'}).` };
  });
}

/** The attribute that wrote `path` of the document, or of its nearest ancestor that one wrote. */
function sourceOf(compiled: CompiledPolicy, path: readonly string[]): string | undefined {
  for (let n = path.length; n >= 0; n--) {
    const found = compiled.sources.get(path.slice(0, n).join('/'));
    if (found !== undefined) return found;
  }
  return undefined;
}
