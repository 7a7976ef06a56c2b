// Which inventory resources a configured backup_selection assigns to its plan, as AWS Backup
// decides it (the same rules as the sandbox's matcher, over configuration values):
//   (resources OR tag blocks; neither given = every resource) AND NOT not_resources AND every
//   condition. Resource patterns allow `*` as a whole ARN field or at the end; StringLike values
//   allow `*` anywhere. Case sensitive. Values unknown until apply never match.
import { isObjectValue, type ObjectValue, type Value } from '../core/values.js';
import { arnPatternMatches } from '../domain/arn.js';
import { knownList, knownString } from '../resources/rules/problem.js';
import type { InventoryResource } from './model.js';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function likeMatches(pattern: string, value: string): boolean {
  return new RegExp(`^${pattern.split('*').map(escape).join('.*')}$`, 's').test(value);
}

const TAG_KEY_PREFIX = 'aws:ResourceTag/';

function tagOf(resource: InventoryResource, conditionKey: string): string | undefined {
  const key = conditionKey.startsWith(TAG_KEY_PREFIX) ? conditionKey.slice(TAG_KEY_PREFIX.length) : conditionKey;
  return Object.hasOwn(resource.tags, key) ? resource.tags[key] : undefined;
}

function strings(value: Value | undefined): string[] {
  return (knownList(value) ?? []).flatMap((v) => (typeof v === 'string' ? [v] : []));
}

function entries(value: Value | undefined): Array<[string, string]> {
  return isObjectValue(value) ? Object.entries(value).flatMap(([k, v]) => (typeof v === 'string' ? [[k, v] as [string, string]] : [])) : [];
}

export function selectionMatches(selection: ObjectValue, resource: InventoryResource): boolean {
  const patterns = strings(selection.resources);
  const tags = (knownList(selection.tag) ?? []).filter(isObjectValue);
  const anyCriteria = (knownList(selection.resources)?.length ?? 0) > 0 || tags.length > 0;
  if (anyCriteria) {
    const byArn = patterns.some((p) => arnPatternMatches(p, resource.arn));
    const byTag = tags.some((t) => {
      const key = knownString(t.key);
      const value = knownString(t.value);
      return key !== undefined && value !== undefined && tagOf(resource, key) === value;
    });
    if (!byArn && !byTag) return false;
  }
  if (strings(selection.not_resources).some((p) => arnPatternMatches(p, resource.arn))) return false;
  for (const condition of (knownList(selection.condition) ?? []).filter(isObjectValue)) {
    if (!entries(condition.string_equals).every(([k, v]) => tagOf(resource, k) === v)) return false;
    if (!entries(condition.string_not_equals).every(([k, v]) => tagOf(resource, k) !== v)) return false;
    const like = ([k, v]: [string, string]) => {
      const tag = tagOf(resource, k);
      return tag !== undefined && likeMatches(v, tag);
    };
    if (!entries(condition.string_like).every(like)) return false;
    if (entries(condition.string_not_like).some(like)) return false;
  }
  return true;
}
