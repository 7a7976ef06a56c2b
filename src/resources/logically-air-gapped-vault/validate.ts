// Semantic rules of logically_air_gapped_vault beyond its JSON Schema.
import type { ResourceConfig } from '../../config/model.js';
import { checkAirGappedRetentionRange } from '../rules/air-gapped-vault.js';
import { checkKmsKeyArn } from '../rules/arns.js';
import { checkName } from '../rules/names.js';
import type { Problem } from '../rules/problem.js';

export function validateLogicallyAirGappedVault(resource: Pick<ResourceConfig, 'attributes'>): Problem[] {
  const a = resource.attributes;
  return [
    ...checkName('vault', a.name, '/name'),
    ...checkKmsKeyArn(a.kms_key_arn, '/kms_key_arn'),
    ...checkAirGappedRetentionRange(a.min_retention_days, a.max_retention_days),
  ];
}
