// Semantic rules of backup_framework beyond its JSON Schema: exactly the rules of a policy's
// control blocks (one implementation, src/resources/rules/audit-controls.ts), so a control valid
// in a policy is valid in a framework and the other way round. Only a framework is warned that
// bkp check's own parameters are not deployed.
import type { ResourceConfig } from '../../config/model.js';
import { controlBlocksOf, controlProblems } from '../rules/audit-controls.js';
import type { Problem } from '../rules/problem.js';

export function validateBackupFramework(resource: Pick<ResourceConfig, 'attributes' | 'name'>): Problem[] {
  return controlProblems(controlBlocksOf(resource.attributes), `backup_framework "${resource.name}"`, 'declare a second backup_framework', true);
}
