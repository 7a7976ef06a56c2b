// Semantic rules of backup_vault beyond its JSON Schema.
import type { ResourceConfig } from '../../config/model.js';
import { checkKmsKeyArn } from '../rules/arns.js';
import { checkName } from '../rules/names.js';
import { checkNotifications } from '../rules/notifications.js';
import { error, knownString, type Problem } from '../rules/problem.js';
import { checkLockConfig } from '../rules/vault-lock.js';

export function validateBackupVault(resource: Pick<ResourceConfig, 'attributes'>): Problem[] {
  const a = resource.attributes;
  return [
    ...checkName('vault', a.name, '/name'),
    ...checkKmsKeyArn(a.kms_key_arn, '/kms_key_arn'),
    ...checkAccessPolicy(a.access_policy),
    ...checkNotifications(a.notifications, '/notifications'),
    ...checkLockConfig(a.lock, '/lock'),
  ];
}

function checkAccessPolicy(value: ResourceConfig['attributes'][string] | undefined): Problem[] {
  const text = knownString(value);
  if (text === undefined) return [];
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (e) {
    return [
      error(
        '/access_policy',
        'Invalid access policy',
        `access_policy must be a JSON policy document, but it is not valid JSON (${(e as Error).message}). Use file("vault-policy.json") or jsonencode({ Version = "2012-10-17", Statement = [...] }).`,
      ),
    ];
  }
  if (typeof document !== 'object' || document === null || Array.isArray(document) || !('Statement' in document)) {
    return [error('/access_policy', 'Invalid access policy', 'access_policy must be a JSON object with a "Statement" (an IAM resource policy document).')];
  }
  return [];
}
