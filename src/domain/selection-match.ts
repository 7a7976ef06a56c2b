// Which resources a backup selection assigns to its plan, as AWS Backup decides it:
//   (Resources OR ListOfTags; neither given = every supported resource)
//   AND NOT NotResources AND every Conditions entry.
// Resource patterns follow arnPatternMatches; StringLike / StringNotLike values may contain `*`
// anywhere. Everything is case sensitive. The sandbox's scheduler and bkp's policy checks both
// decide through this one function, each adapting its own selection type to SelectionCriteria.
import { arnPatternMatches } from './arn.js';

/** A tag test: ListOfTags' and Conditions' `{ConditionKey, ConditionValue}`. */
export interface TagCondition {
  /** `aws:ResourceTag/env`, or (ListOfTags also accepts it) the bare tag key `env`. */
  key: string;
  value: string;
}

export interface SelectionCriteria {
  /** ARN patterns; a resource matching one of them, or one of listOfTags, is selected. */
  resources?: readonly string[];
  /** ARN patterns of resources never selected. */
  notResources?: readonly string[];
  /** STRINGEQUALS tests, ORed with resources. */
  listOfTags?: readonly TagCondition[];
  /** Conditions: every entry of every operator must hold. */
  stringEquals?: readonly TagCondition[];
  stringNotEquals?: readonly TagCondition[];
  stringLike?: readonly TagCondition[];
  stringNotLike?: readonly TagCondition[];
}

export interface SelectableResource {
  arn: string;
  tags: Readonly<Record<string, string>>;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** StringLike / StringNotLike: `*` anywhere stands for any characters. */
export function likePatternMatches(pattern: string, value: string): boolean {
  return new RegExp(`^${pattern.split('*').map(escapeRegExp).join('.*')}$`, 's').test(value);
}

const TAG_KEY_PREFIX = 'aws:ResourceTag/';

/**
 * The value of the tag a condition key names (`aws:ResourceTag/env` → tag `env`), undefined when
 * the resource has no such tag — also for keys such as `constructor`, which every plain object
 * inherits but no resource is tagged with.
 */
function tagValue(resource: SelectableResource, conditionKey: string): string | undefined {
  const key = conditionKey.startsWith(TAG_KEY_PREFIX) ? conditionKey.slice(TAG_KEY_PREFIX.length) : conditionKey;
  return Object.hasOwn(resource.tags, key) ? resource.tags[key] : undefined;
}

function isLike(resource: SelectableResource, condition: TagCondition): boolean {
  const value = tagValue(resource, condition.key);
  return value !== undefined && likePatternMatches(condition.value, value);
}

export function selectionMatches(criteria: SelectionCriteria, resource: SelectableResource): boolean {
  const resources = criteria.resources ?? [];
  const listOfTags = criteria.listOfTags ?? [];
  if (resources.length > 0 || listOfTags.length > 0) {
    const byArn = resources.some((pattern) => arnPatternMatches(pattern, resource.arn));
    const byTag = listOfTags.some((tag) => tagValue(resource, tag.key) === tag.value);
    if (!byArn && !byTag) return false;
  }
  if ((criteria.notResources ?? []).some((pattern) => arnPatternMatches(pattern, resource.arn))) return false;
  if (!(criteria.stringEquals ?? []).every((c) => tagValue(resource, c.key) === c.value)) return false;
  // A resource without the tag is not equal to the value: StringNotEquals holds.
  if (!(criteria.stringNotEquals ?? []).every((c) => tagValue(resource, c.key) !== c.value)) return false;
  if (!(criteria.stringLike ?? []).every((c) => isLike(resource, c))) return false;
  return !(criteria.stringNotLike ?? []).some((c) => isLike(resource, c));
}
