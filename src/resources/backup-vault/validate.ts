// Semantic rules of backup_vault beyond its JSON Schema.
import type { ResourceConfig } from '../../config/model.js';
import { checkKmsKeyArn } from '../rules/arns.js';
import { checkName } from '../rules/names.js';
import { checkNotifications } from '../rules/notifications.js';
import { error, knownBoolean, knownNumber, knownObject, knownString, warning, type Problem } from '../rules/problem.js';
import { checkLockConfig } from '../rules/vault-lock.js';

export function validateBackupVault(resource: Pick<ResourceConfig, 'attributes'>): Problem[] {
  const a = resource.attributes;
  return [
    ...checkName('vault', a.name, '/name'),
    ...checkKmsKeyArn(a.kms_key_arn, '/kms_key_arn'),
    ...checkAccessPolicy(a.access_policy),
    ...checkNotifications(a.notifications, '/notifications'),
    ...checkLockConfig(a.lock, '/lock'),
    ...checkForceDestroy(a.force_destroy, a.lock),
  ];
}

/** force_destroy cannot beat a vault lock: AWS keeps recovery points for the lock's minimum retention. */
function checkForceDestroy(forceDestroy: ResourceConfig['attributes'][string] | undefined, lock: ResourceConfig['attributes'][string] | undefined): Problem[] {
  const min = knownNumber(knownObject(lock)?.min_retention_days);
  if (knownBoolean(forceDestroy) !== true || min === undefined) return [];
  return [
    warning(
      '/force_destroy',
      'force_destroy under a vault lock',
      `The vault lock keeps every recovery point at least ${min} days: while the vault holds recovery points, bkp refuses to destroy it ` +
        'at plan time despite force_destroy. Remove the lock block first (governance mode, or before its lock date) to destroy it with its recovery points.',
    ),
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
