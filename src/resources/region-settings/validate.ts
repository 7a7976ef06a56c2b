// Semantic rules of region_settings beyond its JSON Schema: one block per provider, and resource
// type names AWS accepts (UpdateRegionSettings refuses the whole call for one unknown name).
import type { ResourceConfig } from '../../config/model.js';
import { didYouMean } from '../../core/suggest.js';
import { MANAGEMENT_RESOURCE_TYPES, OPT_IN_RESOURCE_TYPES } from '../../domain/account-settings.js';
import type { ValidationContext } from '../rules/context.js';
import { childPointer } from '../../core/json-pointer.js';
import { error, knownObject, type Problem } from '../rules/problem.js';
import { checkSingleton } from '../rules/singleton.js';

export function validateRegionSettings(resource: ResourceConfig, context: ValidationContext): Problem[] {
  const a = resource.attributes;
  return [...checkSingleton(resource, context), ...checkOptInTypes(a.resource_type_opt_in_preference), ...checkManagementTypes(a.resource_type_management_preference)];
}

const quoted = (types: readonly string[]) => types.map((t) => `"${t}"`).join(', ');

function checkOptInTypes(value: ResourceConfig['attributes'][string] | undefined): Problem[] {
  const map = knownObject(value);
  if (map === undefined) return [];
  return Object.keys(map)
    .filter((type) => !OPT_IN_RESOURCE_TYPES.includes(type))
    .map((type) =>
      error(
        childPointer('/resource_type_opt_in_preference', type),
        'Unknown resource type',
        `AWS Backup has no resource type "${type}" to opt in to.${didYouMean(type, OPT_IN_RESOURCE_TYPES)} Resource types (case-sensitive): ${quoted(OPT_IN_RESOURCE_TYPES)}.`,
      ),
    );
}

function checkManagementTypes(value: ResourceConfig['attributes'][string] | undefined): Problem[] {
  const map = knownObject(value);
  if (map === undefined) return [];
  return Object.keys(map)
    .filter((type) => !MANAGEMENT_RESOURCE_TYPES.includes(type))
    .map((type) => {
      const known = OPT_IN_RESOURCE_TYPES.includes(type);
      const what = known ? `AWS Backup has no full-management preference for "${type}".` : `AWS Backup has no resource type "${type}".${didYouMean(type, MANAGEMENT_RESOURCE_TYPES)}`;
      return error(
        childPointer('/resource_type_management_preference', type),
        known ? 'Resource type without a management preference' : 'Unknown resource type',
        `${what} Only these resource types take one: ${quoted(MANAGEMENT_RESOURCE_TYPES)}.`,
      );
    });
}
