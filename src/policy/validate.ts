// Validation of `policy` blocks for `bkp validate` and `bkp check`: the policy schema
// (schemas/config/policy.schema.json: types and ranges of every parameter), then the rules a schema
// cannot say: the control blocks' rules (shared with backup_framework) and resource ARNs.
import type { Diagnostic } from '../core/diagnostics.js';
import type { Config, PolicyConfig } from '../config/model.js';
import { resourceTypeOfArn } from '../domain/resource-types.js';
import { controlProblems } from '../resources/rules/audit-controls.js';
import { knownObject, knownString, type Problem } from '../resources/rules/problem.js';
import { schemaProblems } from '../resources/rules/schema-errors.js';
import { rangeFor } from '../resources/validate.js';
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
  problems.push(...controlProblems(controls, `policy "${policy.name}"`, 'declare a second policy'));
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
