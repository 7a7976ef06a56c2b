// Audit Manager's scope of a resource control: resource types, resource ids (or ARNs) and tags,
// all of those given must match. No scope = every resource of the inventory.
import { isObjectValue, type ObjectValue } from '../core/values.js';
import { knownList } from '../resources/rules/problem.js';
import type { InventoryResource } from './model.js';

export function inScope(params: ObjectValue, resource: InventoryResource): boolean {
  const types = (knownList(params.resource_types) ?? []).filter((t): t is string => typeof t === 'string');
  if (types.length > 0 && !types.includes(resource.type)) return false;
  const ids = (knownList(params.resource_ids) ?? []).filter((t): t is string => typeof t === 'string');
  if (ids.length > 0 && !ids.includes(resource.id) && !ids.includes(resource.arn)) return false;
  if (isObjectValue(params.tags)) {
    for (const [key, value] of Object.entries(params.tags)) {
      if (typeof value === 'string' && resource.tags[key] !== value) return false;
    }
  }
  return true;
}
