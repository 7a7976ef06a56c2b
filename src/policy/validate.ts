// Validation of `policy` blocks for `bkp validate` and `bkp check`: the policy schema
// (schemas/config/policy.schema.json: types and ranges of every parameter), then the rules a schema
// cannot say: known control names, which parameters each control accepts, min ≤ max.
import type { Diagnostic } from '../core/diagnostics.js';
import type { Config, PolicyConfig } from '../config/model.js';
import { resourceTypeOfArn } from '../domain/resource-types.js';
import { didYouMean } from '../core/suggest.js';
import { knownNumber, knownObject, knownString, type Problem } from '../resources/rules/problem.js';
import { schemaProblems } from '../resources/rules/schema-errors.js';
import { rangeFor } from '../resources/validate.js';
import { acceptedParameters, CONTROL_NAMES, isControlName } from './catalogue.js';
import { controlBlocks, resourceBlocks } from './policy-blocks.js';

/** Every problem of every policy block, positioned. */
export function validatePolicies(config: Pick<Config, 'policies'>): Diagnostic[] {
  return config.policies.flatMap((policy) =>
    [...schemaProblems('policy', policy.attributes), ...policyProblems(policy)].map((p) => ({
      severity: p.severity,
      summary: p.summary,
      detail: p.detail,
      range: rangeFor(policy.ranges, p.path) ?? policy.range,
      context: `policy ${JSON.stringify(policy.name)}`,
    })),
  );
}

function policyProblems(policy: PolicyConfig): Problem[] {
  const problems: Problem[] = [];
  const controls = controlBlocks(policy);
  if (controls.length === 0) {
    problems.push({
      severity: 'warning',
      path: '',
      summary: 'Policy without controls',
      detail: `policy "${policy.name}" has no control block, so bkp check has nothing to evaluate. Add one, e.g. control "resources_protected_by_backup_plan" {}.`,
    });
  }
  const seen = new Map<string, number>();
  for (const control of controls) {
    const name = control.name;
    if (name === undefined) continue;
    if (!isControlName(name)) {
      problems.push({
        severity: 'error',
        path: control.path,
        summary: 'Unknown control',
        detail: `bkp has no control "${name}".${didYouMean(name, CONTROL_NAMES)} Known controls: ${CONTROL_NAMES.join(', ')}.`,
      });
      continue;
    }
    if (seen.has(name)) {
      problems.push({
        severity: 'error',
        path: control.path,
        summary: 'Duplicate control',
        detail: `The control "${name}" already appears in policy "${policy.name}". Give each control once; to check several scopes, declare a second policy.`,
      });
      continue;
    }
    seen.set(name, control.index);
    const accepted = acceptedParameters(name);
    for (const key of Object.keys(control.params)) {
      if (key === 'name' || accepted.includes(key)) continue;
      problems.push({
        severity: 'error',
        path: `${control.path}/${key}`,
        summary: 'Unsupported argument',
        detail: `The control "${name}" has no parameter "${key}".${didYouMean(key, accepted)} It accepts: ${accepted.join(', ')}.`,
      });
    }
    const min = knownNumber(control.params.min_retention_days);
    const max = knownNumber(control.params.max_retention_days);
    if (min !== undefined && max !== undefined && min > max) {
      problems.push({
        severity: 'error',
        path: `${control.path}/min_retention_days`,
        summary: 'Invalid value',
        detail: `min_retention_days (${min}) is greater than max_retention_days (${max}); no vault lock could satisfy both.`,
      });
    }
    const ageUnit = knownString(control.params.recovery_point_age_unit) ?? 'days';
    const age = knownNumber(control.params.recovery_point_age_value);
    if (ageUnit === 'days' && age !== undefined && age > 31) {
      problems.push({
        severity: 'error',
        path: `${control.path}/recovery_point_age_value`,
        summary: 'Invalid value',
        detail: `recovery_point_age_value is ${age}, but with recovery_point_age_unit = "days" it must be at most 31 (as in Audit Manager). Use hours for up to 744.`,
      });
    }
  }
  for (const resource of resourceBlocks(policy)) {
    const arn = knownString(resource.value.arn);
    if (arn !== undefined && knownString(resource.value.type) === undefined && knownObject(resource.value) && resourceTypeOfArn(arn) === undefined) {
      problems.push({
        severity: 'error',
        path: `${resource.path}/arn`,
        summary: 'Unknown resource type',
        detail: `bkp cannot tell the AWS Backup resource type of "${arn}" from its ARN. Add type = "EC2" (or RDS, EFS…) to the resource block.`,
      });
    }
  }
  return problems;
}
