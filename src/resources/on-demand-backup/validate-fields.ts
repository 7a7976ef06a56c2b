// Semantic rules of on_demand_backup's index and logically air-gapped vault, beyond their JSON Schema.
import type { ResourceConfig } from '../../config/model.js';
import { resourceTypeOfArn } from '../../domain/resource-types.js';
import { AIR_GAPPED_VAULT_BY_ARN, checkBackupVaultArn } from '../rules/arns.js';
import { knownString, warning, type Problem } from '../rules/problem.js';

/** "Resource types that support backup indexes include EBS and S3" (StartBackupJob, Index). */
export const INDEXED_RESOURCE_TYPES: ReadonlySet<string> = new Set(['EBS', 'S3']);

export function validateOnDemandFields(resource: Pick<ResourceConfig, 'attributes'>): Problem[] {
  const a = resource.attributes;
  const problems = [...checkBackupVaultArn(a.logically_air_gapped_vault_arn, '/logically_air_gapped_vault_arn', AIR_GAPPED_VAULT_BY_ARN)];
  const arn = knownString(a.resource_arn);
  const type = arn === undefined ? undefined : resourceTypeOfArn(arn);
  if (knownString(a.index) === 'ENABLED' && type !== undefined && !INDEXED_RESOURCE_TYPES.has(type)) {
    // ⚠ AWS's answer to an index for a type without backup indexes could not be confirmed: a warning.
    problems.push(
      warning('/index', 'No backup index for this resource type', `index = "ENABLED" asks for a backup index, but AWS Backup indexes only EBS and S3 recovery points and this resource is ${type}. Remove index, or back up an EBS volume or S3 bucket.`),
    );
  }
  return problems;
}
