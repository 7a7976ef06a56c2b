// The members of AWS Backup's plan shapes that backup_plan does not model. UpdateBackupPlan replaces
// the whole plan, so a member bkp left out of the request would be erased: each such member is read
// from AWS, kept in the attribute `unmodelled` and sent back unchanged by every update. The tables
// below classify every member of the shapes the plan request is made of; the `satisfies` clauses
// make the build fail when an SDK release adds a member nobody has classified, and
// test/resources/backup-plan-members.test.ts checks them against the SDK's own schemas.
import type { AdvancedBackupSetting, BackupPlan, BackupPlanInput, BackupRule, BackupRuleInput, CopyAction, Lifecycle } from '@aws-sdk/client-backup';
import { isObjectValue, type ObjectValue, type Value } from '../../core/values.js';

/** `modelled`: an attribute of the block. `kept`: carried through unchanged. `mixed`: see its comment. */
export type MemberTreatment = 'modelled' | 'kept' | 'mixed';

export const PLAN_MEMBERS = {
  BackupPlanName: 'modelled',
  Rules: 'modelled',
  // `windows_vss` (EC2's WindowsVSS) and the `advanced_backup_setting` blocks.
  AdvancedBackupSettings: 'modelled',
  ScanSettings: 'modelled',
} as const satisfies Record<keyof BackupPlanInput, MemberTreatment>;

export const RULE_MEMBERS = {
  RuleName: 'modelled',
  TargetBackupVaultName: 'modelled',
  TargetLogicallyAirGappedBackupVaultArn: 'modelled',
  ScheduleExpression: 'modelled',
  StartWindowMinutes: 'modelled',
  CompletionWindowMinutes: 'modelled',
  // Its members are classified in LIFECYCLE_MEMBERS.
  Lifecycle: 'mixed',
  RecoveryPointTags: 'modelled',
  // Matched by destination vault; their lifecycles' members as in LIFECYCLE_MEMBERS.
  CopyActions: 'mixed',
  EnableContinuousBackup: 'modelled',
  ScheduleExpressionTimezone: 'modelled',
  IndexActions: 'modelled',
  ScanActions: 'modelled',
} as const satisfies Record<keyof BackupRuleInput, MemberTreatment>;

export const LIFECYCLE_MEMBERS = {
  MoveToColdStorageAfterDays: 'modelled',
  DeleteAfterDays: 'modelled',
  OptInToArchiveForSupportedResources: 'modelled',
  // AWS sets it ("Not valid as an input" in the API model): never configured, carried as read.
  DeleteAfterEvent: 'kept',
} as const satisfies Record<keyof Lifecycle, MemberTreatment>;

export const COPY_ACTION_MEMBERS = {
  DestinationBackupVaultArn: 'modelled',
  Lifecycle: 'mixed',
} as const satisfies Record<keyof CopyAction, MemberTreatment>;

export const ADVANCED_SETTING_MEMBERS = {
  ResourceType: 'modelled',
  BackupOptions: 'modelled',
} as const satisfies Record<keyof AdvancedBackupSetting, MemberTreatment>;

function keptMembers(source: object | undefined, table: Readonly<Record<string, MemberTreatment>>): ObjectValue {
  const out: ObjectValue = {};
  if (!source) return out;
  for (const [member, value] of Object.entries(source)) {
    if (table[member] === 'kept' && value !== undefined && value !== null) out[member] = toValue(value);
  }
  return out;
}

/** SDK output to plain JSON data: dates as ISO strings, nothing else special in these shapes. */
function toValue(v: unknown): Value {
  return JSON.parse(JSON.stringify(v)) as Value;
}

function nonEmpty(v: ObjectValue): ObjectValue | undefined {
  return Object.keys(v).length > 0 ? v : undefined;
}

function ruleUnmodelled(rule: BackupRule): ObjectValue | undefined {
  const out = keptMembers(rule, RULE_MEMBERS);
  const lifecycle = nonEmpty(keptMembers(rule.Lifecycle, LIFECYCLE_MEMBERS));
  if (lifecycle) out.Lifecycle = lifecycle;
  const copies: ObjectValue = {};
  for (const copy of rule.CopyActions ?? []) {
    const kept = nonEmpty(keptMembers(copy.Lifecycle, LIFECYCLE_MEMBERS));
    if (kept && copy.DestinationBackupVaultArn) copies[copy.DestinationBackupVaultArn] = { Lifecycle: kept };
  }
  if (Object.keys(copies).length > 0) out.CopyActions = copies;
  return nonEmpty(out);
}

/**
 * What a plan read from AWS holds that bkp does not model, or undefined when nothing:
 * `{ plan: { … }, rules: { <rule name>: { …, Lifecycle: {…}, CopyActions: { <destination arn>:
 * { Lifecycle: {…} } } } } }` (today only Lifecycle.DeleteAfterEvent, which AWS sets, is kept).
 */
export function unmodelledOf(plan: BackupPlan): ObjectValue | undefined {
  const planLevel = keptMembers(plan, PLAN_MEMBERS);
  const rules: ObjectValue = {};
  for (const rule of plan.Rules ?? []) {
    const kept = ruleUnmodelled(rule);
    if (kept && rule.RuleName) rules[rule.RuleName] = kept;
  }
  const out: ObjectValue = {};
  if (Object.keys(planLevel).length > 0) out.plan = planLevel;
  if (Object.keys(rules).length > 0) out.rules = rules;
  return nonEmpty(out);
}

function objectAt(v: Value | undefined, key: string): ObjectValue {
  const inner = isObjectValue(v) ? v[key] : undefined;
  return isObjectValue(inner) ? inner : {};
}

/** The lifecycle bkp built, with the kept members added (a lifecycle may consist of kept members only). */
function withKeptLifecycle(built: Lifecycle | undefined, kept: ObjectValue): Lifecycle | undefined {
  if (Object.keys(kept).length === 0) return built;
  return { ...(kept as Lifecycle), ...built };
}

/** The plan request bkp built from configuration, with every unmodelled member of `unmodelled` put back. */
export function withUnmodelled(input: BackupPlanInput, unmodelled: Value | undefined): BackupPlanInput {
  if (!isObjectValue(unmodelled)) return input;
  const planLevel = objectAt(unmodelled, 'plan');
  const rules = objectAt(unmodelled, 'rules');
  const request: BackupPlanInput = {
    ...(planLevel as Partial<BackupPlanInput>),
    ...input,
    Rules: (input.Rules ?? []).map((rule) => {
      const kept = objectAt(rules, rule.RuleName ?? '');
      if (Object.keys(kept).length === 0) return rule;
      const { Lifecycle: keptLifecycle, CopyActions: keptCopies, ...keptRuleMembers } = kept;
      const out: BackupRuleInput = { ...(keptRuleMembers as Partial<BackupRuleInput>), ...rule };
      const lifecycle = withKeptLifecycle(rule.Lifecycle, isObjectValue(keptLifecycle) ? keptLifecycle : {});
      if (lifecycle) out.Lifecycle = lifecycle;
      if (rule.CopyActions) {
        out.CopyActions = rule.CopyActions.map((copy) => {
          const copyLifecycle = withKeptLifecycle(copy.Lifecycle, objectAt(objectAt(keptCopies, copy.DestinationBackupVaultArn ?? ''), 'Lifecycle'));
          return copyLifecycle ? { ...copy, Lifecycle: copyLifecycle } : copy;
        });
      }
      return out;
    }),
  };
  return request;
}

/** The kept settings as the plan names them: `rule "daily": Lifecycle.DeleteAfterEvent`. */
export function describeUnmodelled(unmodelled: Value | undefined): string[] {
  if (!isObjectValue(unmodelled)) return [];
  const out: string[] = [];
  const planLevel = objectAt(unmodelled, 'plan');
  out.push(...Object.keys(planLevel).sort());
  const rules = objectAt(unmodelled, 'rules');
  for (const name of Object.keys(rules).sort()) {
    const rule = objectAt(rules, name);
    const members: string[] = [];
    for (const member of Object.keys(rule).sort()) {
      if (member === 'Lifecycle') members.push(...Object.keys(objectAt(rule, 'Lifecycle')).map((m) => `Lifecycle.${m}`));
      else if (member === 'CopyActions') {
        for (const [arn, copy] of Object.entries(objectAt(rule, 'CopyActions'))) {
          members.push(...Object.keys(objectAt(copy, 'Lifecycle')).map((m) => `copy to ${arn}: Lifecycle.${m}`));
        }
      } else members.push(member);
    }
    out.push(`rule "${name}": ${members.join(', ')}`);
  }
  return out;
}

/**
 * What an update to `after` sends back: the plan's settings, and those of the rules `after` still
 * has. withUnmodelled matches rules by name, so a renamed rule's settings go away with the old rule.
 */
export function carriedUnmodelled(unmodelled: Value | undefined, after: ObjectValue): Value | undefined {
  if (!isObjectValue(unmodelled)) return unmodelled;
  const names = new Set((Array.isArray(after.rule) ? after.rule.filter(isObjectValue) : []).map((r) => String(r.name)));
  const rules = Object.fromEntries(Object.entries(objectAt(unmodelled, 'rules')).filter(([name]) => names.has(name)));
  return { ...unmodelled, rules };
}
