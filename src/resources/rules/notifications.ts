// Vault notifications: the SNS topic and the event names AWS Backup knows.
import type { Value } from '../../core/values.js';
import { suggest } from '../../core/suggest.js';
import { checkSnsTopicArn } from './arns.js';
import { childPointer } from '../../core/json-pointer.js';
import { error, knownList, knownObject, knownString, type Problem } from './problem.js';

export const BACKUP_VAULT_EVENTS = [
  'BACKUP_JOB_STARTED',
  'BACKUP_JOB_COMPLETED',
  'BACKUP_JOB_SUCCESSFUL',
  'BACKUP_JOB_FAILED',
  'BACKUP_JOB_EXPIRED',
  'RESTORE_JOB_STARTED',
  'RESTORE_JOB_COMPLETED',
  'RESTORE_JOB_SUCCESSFUL',
  'RESTORE_JOB_FAILED',
  'COPY_JOB_STARTED',
  'COPY_JOB_SUCCESSFUL',
  'COPY_JOB_FAILED',
  'RECOVERY_POINT_MODIFIED',
  'BACKUP_PLAN_CREATED',
  'BACKUP_PLAN_MODIFIED',
  'S3_BACKUP_OBJECT_FAILED',
  'S3_RESTORE_OBJECT_FAILED',
  'CONTINUOUS_BACKUP_INTERRUPTED',
  'RECOVERY_POINT_INDEX_COMPLETED',
  'RECOVERY_POINT_INDEX_DELETED',
  'RECOVERY_POINT_INDEXING_FAILED',
  'EKS_RESTORE_OBJECT_FAILED',
  'EKS_RESTORE_OBJECT_SKIPPED',
  'EKS_BACKUP_OBJECT_FAILED',
] as const;

export function checkNotifications(notifications: Value | undefined, path: string): Problem[] {
  const block = knownObject(notifications);
  if (!block) return [];
  const problems = checkSnsTopicArn(block.sns_topic_arn, childPointer(path, 'sns_topic_arn'));
  const events = knownList(block.events) ?? [];
  const known: readonly string[] = BACKUP_VAULT_EVENTS;
  events.forEach((event, i) => {
    const name = knownString(event);
    if (name === undefined || known.includes(name)) return;
    const closest = known.find((e) => e === name.toUpperCase().replace(/[\s-]+/g, '_')) ?? suggest(name, known);
    const hint = closest ? ` Did you mean "${closest}"?` : ` Valid events: ${known.join(', ')}.`;
    problems.push(error(childPointer(childPointer(path, 'events'), i), 'Unknown notification event', `"${name}" is not an AWS Backup vault event.${hint}`));
  });
  return problems;
}
