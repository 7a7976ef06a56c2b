// data "backup_plan": an existing plan by id (GetBackupPlan) or by name (ListBackupPlans, then
// GetBackupPlan), with its tags (ListTags) and a summary of its rules.
import type { BackupClient, BackupRule, GetBackupPlanCommandOutput } from '@aws-sdk/client-backup';
import { backupApi } from '../../aws/backup-api.js';
import { isNotFound } from '../../aws/errors.js';
import type { ObjectValue, Value } from '../../core/values.js';
import { error, knownString, type Problem } from '../../resources/rules/problem.js';
import { DataObjectMissing, tagMap, type DataReadContext, type DataSourceKind } from '../kind.js';

function rulesSummary(rules: BackupRule[] | undefined): Value[] {
  return (rules ?? []).map((rule) => ({
    name: rule.RuleName ?? '',
    target_vault: rule.TargetBackupVaultName ?? '',
    schedule: rule.ScheduleExpression ?? null,
    timezone: rule.ScheduleExpressionTimezone ?? null,
    continuous_backup: rule.EnableContinuousBackup ?? false,
    delete_after_days: rule.Lifecycle?.DeleteAfterDays ?? null,
    cold_storage_after_days: rule.Lifecycle?.MoveToColdStorageAfterDays ?? null,
    copy_destinations: (rule.CopyActions ?? []).map((c) => c.DestinationBackupVaultArn ?? ''),
  }));
}

/** The id of the plan called `name` (plan names are unique per account and region). */
async function planIdByName(backup: BackupClient, name: string, context: DataReadContext): Promise<string> {
  const { ListBackupPlansCommand } = await backupApi();
  let token: string | undefined;
  do {
    const page = await backup.send(new ListBackupPlansCommand({ NextToken: token }));
    const found = page.BackupPlansList?.find((p) => p.BackupPlanName === name);
    if (found?.BackupPlanId) return found.BackupPlanId;
    token = page.NextToken;
  } while (token);
  throw new DataObjectMissing(`There is no backup plan named "${name}" in ${context.region}.`, '/name', 'Check the name and the provider (region and account) of this data block.');
}

export const backupPlanData: DataSourceKind = {
  name: 'backup_plan',
  operations: ['backup:ListBackupPlans (by name)', 'backup:GetBackupPlan', 'backup:ListTags'],
  validate(attributes): Problem[] {
    const byId = attributes.plan_id !== undefined && attributes.plan_id !== null;
    const byName = attributes.name !== undefined && attributes.name !== null;
    if (byId && byName) return [error('/name', 'Conflicting arguments', 'Give either plan_id or name, not both: each names one plan.')];
    if (!byId && !byName) return [error('', 'Missing required argument', 'A data "backup_plan" block names its plan: plan_id = "…" or name = "…".')];
    return [];
  },
  async read(args, context): Promise<ObjectValue> {
    const { GetBackupPlanCommand, ListTagsCommand } = await backupApi();
    const backup = await context.backup();
    const name = knownString(args.name);
    const id = knownString(args.plan_id) ?? (await planIdByName(backup, name!, context));
    let plan: GetBackupPlanCommandOutput;
    try {
      plan = await backup.send(new GetBackupPlanCommand({ BackupPlanId: id }));
    } catch (e) {
      if (!isNotFound(e)) throw e;
      throw new DataObjectMissing(`There is no backup plan with the id "${id}" in ${context.region}.`, name === undefined ? '/plan_id' : '/name', 'Check the id and the provider (region and account) of this data block.');
    }
    const tags = await backup.send(new ListTagsCommand({ ResourceArn: plan.BackupPlanArn! }));
    return {
      plan_id: id,
      id,
      name: plan.BackupPlan?.BackupPlanName ?? '',
      arn: plan.BackupPlanArn ?? '',
      version: plan.VersionId ?? '',
      rules: rulesSummary(plan.BackupPlan?.Rules),
      tags: tagMap(tags.Tags),
    };
  },
};
