// The resources of DESIGN.md section 2's example, as the evaluator produces them (the elided
// "…" values filled in with realistic ones).
import type { ObjectValue } from '../../src/core/values.js';
import { UNKNOWN } from '../../src/core/values.js';

export const vaultMain: ObjectValue = {
  name: 'prod-prod',
  kms_key_arn: 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
  access_policy: JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Deny', Principal: '*', Action: 'backup:DeleteRecoveryPoint', Resource: '*' }],
  }),
  tags: { team: 'infra' },
  notifications: { sns_topic_arn: 'arn:aws:sns:eu-west-1:123456789012:backup-events', events: ['BACKUP_JOB_FAILED', 'BACKUP_JOB_EXPIRED'] },
  lock: { min_retention_days: 7, max_retention_days: 3650, changeable_for_days: 3 },
};

export const planDaily: ObjectValue = {
  name: 'daily-prod',
  rule: [
    {
      name: 'daily',
      target_vault: 'prod-prod',
      schedule: 'cron(0 5 ? * * *)',
      timezone: 'Europe/Paris',
      start_window_minutes: 60,
      completion_window_minutes: 180,
      lifecycle: { cold_storage_after_days: 30, delete_after_days: 125 },
      recovery_point_tags: { plan: 'daily' },
      copy: [{ destination_vault_arn: 'arn:aws:backup:us-east-1:123456789012:backup-vault:dr' }],
    },
    { name: 'pitr', target_vault: 'prod-prod', continuous_backup: true, lifecycle: { delete_after_days: 35 } },
  ],
  windows_vss: true,
  tags: { team: 'infra' },
};

export const selectionProd: ObjectValue = {
  plan: UNKNOWN,
  name: 'prod-resources',
  iam_role_arn: 'arn:aws:iam::123456789012:role/service-role/AWSBackupDefaultServiceRole',
  resources: ['arn:aws:ec2:*:*:instance/*'],
  not_resources: [],
  tag: [{ key: 'backup', value: 'daily' }],
  condition: [{ string_equals: { 'aws:ResourceTag/env': 'prod' }, string_like: { 'aws:ResourceTag/app': 'web-*' } }],
};

export const onDemandBeforeMigration: ObjectValue = {
  resource_arn: 'arn:aws:ec2:eu-west-1:123456789012:instance/i-0abc',
  vault: 'prod-prod',
  iam_role_arn: 'arn:aws:iam::123456789012:role/backup',
  start_window_minutes: 60,
  completion_window_minutes: 600,
  lifecycle: { delete_after_days: 30 },
  recovery_point_tags: { reason: 'migration' },
  trigger: '2026-11-25',
};
