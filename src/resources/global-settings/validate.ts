// Semantic rules of global_settings beyond its JSON Schema: one block per provider.
import type { ResourceConfig } from '../../config/model.js';
import type { ValidationContext } from '../rules/context.js';
import type { Problem } from '../rules/problem.js';
import { checkSingleton } from '../rules/singleton.js';

export function validateGlobalSettings(resource: ResourceConfig, context: ValidationContext): Problem[] {
  return checkSingleton(resource, context);
}
