// A configured backup_selection (its evaluated attributes) as the criteria AWS Backup selects
// resources by (domain/selection-match.ts). The configuration may hold values unknown until apply;
// they never match: an unknown ARN or tag selects nothing, an unknown not_resources entry excludes
// nothing, and a condition with an unknown value is left out.
import { isObjectValue, type ObjectValue, type Value } from '../core/values.js';
import type { SelectionCriteria, TagCondition } from '../domain/selection-match.js';
import { knownList, knownString } from '../resources/rules/problem.js';

function strings(value: Value | undefined): string[] {
  return (knownList(value) ?? []).flatMap((v) => (typeof v === 'string' ? [v] : []));
}

/** A condition operator's map `{ "aws:ResourceTag/env" = "prod" }` as tag conditions. */
function tagConditions(conditions: readonly ObjectValue[], operator: string): TagCondition[] {
  return conditions.flatMap((condition) => {
    const entries = condition[operator];
    if (!isObjectValue(entries)) return [];
    return Object.entries(entries).flatMap(([key, value]) => (typeof value === 'string' ? [{ key, value }] : []));
  });
}

/**
 * The criteria of a configured selection, or undefined when it names its resources and tags only
 * through values unknown until apply: it selects nothing yet (left out, they would leave no
 * criteria, which selects every resource).
 */
export function selectionCriteria(selection: ObjectValue): SelectionCriteria | undefined {
  const resourceEntries = knownList(selection.resources) ?? [];
  const tagBlocks = (knownList(selection.tag) ?? []).filter(isObjectValue);
  const resources = strings(selection.resources);
  const listOfTags = tagBlocks.flatMap((tag) => {
    const key = knownString(tag.key);
    const value = knownString(tag.value);
    return key !== undefined && value !== undefined ? [{ key, value }] : [];
  });
  const givenOnlyUnknown = resources.length === 0 && listOfTags.length === 0 && (resourceEntries.length > 0 || tagBlocks.length > 0);
  if (givenOnlyUnknown) return undefined;
  const conditions = (knownList(selection.condition) ?? []).filter(isObjectValue);
  return {
    resources,
    notResources: strings(selection.not_resources),
    listOfTags,
    stringEquals: tagConditions(conditions, 'string_equals'),
    stringNotEquals: tagConditions(conditions, 'string_not_equals'),
    stringLike: tagConditions(conditions, 'string_like'),
    stringNotLike: tagConditions(conditions, 'string_not_like'),
  };
}
