// Which source resources a backup selection assigns to its plan, as AWS Backup decides it:
//   (Resources OR ListOfTags; neither given = every supported resource)
//   AND NOT NotResources AND every Conditions entry.
// Resource patterns allow `*` as a whole ARN field or at the end (validated at creation); condition
// values in StringLike/StringNotLike may contain `*` anywhere. Everything is case sensitive.
import { arnPatternMatches } from '../../domain/arn.js';
import type { SourceResource } from '../inventory.js';
import type { SelectionRecord } from '../state.js';

type Selection = SelectionRecord['selection'];

function likeMatches(pattern: string, value: string): boolean {
  const escaped = pattern.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${escaped.join('.*')}$`, 's').test(value);
}

const TAG_KEY_PREFIX = 'aws:ResourceTag/';

/** The tag a condition key names: `aws:ResourceTag/env` → `env` (ListOfTags also accepts a bare key). */
function tagOf(resource: SourceResource, conditionKey: string): string | undefined {
  const key = conditionKey.startsWith(TAG_KEY_PREFIX) ? conditionKey.slice(TAG_KEY_PREFIX.length) : conditionKey;
  return resource.tags[key];
}

export function selectionMatches(selection: Selection, resource: SourceResource): boolean {
  const resources = selection.Resources ?? [];
  const tags = selection.ListOfTags ?? [];
  if (resources.length > 0 || tags.length > 0) {
    const byArn = resources.some((p) => arnPatternMatches(p, resource.arn));
    const byTag = tags.some((t) => tagOf(resource, t.ConditionKey) === t.ConditionValue);
    if (!byArn && !byTag) return false;
  }
  if ((selection.NotResources ?? []).some((p) => arnPatternMatches(p, resource.arn))) return false;
  const c = selection.Conditions ?? {};
  if (!(c.StringEquals ?? []).every((e) => tagOf(resource, e.ConditionKey) === e.ConditionValue)) return false;
  if (!(c.StringNotEquals ?? []).every((e) => tagOf(resource, e.ConditionKey) !== e.ConditionValue)) return false;
  const like = (c.StringLike ?? []).every((e) => {
    const value = tagOf(resource, e.ConditionKey);
    return value !== undefined && likeMatches(e.ConditionValue, value);
  });
  if (!like) return false;
  const unlike = (c.StringNotLike ?? []).every((e) => {
    const value = tagOf(resource, e.ConditionKey);
    return value === undefined || !likeMatches(e.ConditionValue, value);
  });
  return unlike;
}
