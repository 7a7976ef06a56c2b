// TagResource / UntagResource / ListTags for vaults, plans, recovery points, legal holds, tiering
// configurations and restore testing plans (by ARN).
import { parseArn } from '../../domain/arn.js';
import { BackupApiError, invalid, notFound } from './errors.js';
import { compact, optionalStringList, optionalStringMap, paginate, type BackupCall, type Json } from './wire.js';

const MAX_TAGS = 50;

export function validateTags(tags: Record<string, string>): void {
  const entries = Object.entries(tags);
  if (entries.length > MAX_TAGS) throw new BackupApiError('LimitExceededException', `A resource can have at most ${MAX_TAGS} tags.`);
  for (const [key, value] of entries) {
    if (key.length < 1 || key.length > 128) throw invalid(`Tag key '${key}' must be 1 to 128 characters long.`);
    if (key.startsWith('aws:')) throw invalid(`Tag key '${key}' uses the reserved prefix 'aws:'.`);
    if (value.length > 256) throw invalid(`The value of tag '${key}' must be at most 256 characters long.`);
  }
}

export function setTags(call: BackupCall, arn: string, tags: Record<string, string>): void {
  const merged = { ...(call.scope.region.tags[arn] ?? {}), ...tags };
  validateTags(merged);
  call.scope.region.tags[arn] = merged;
}

/** Whether a taggable resource with this ARN exists in the region. */
function taggableExists(call: BackupCall, arn: string): boolean {
  const region = call.scope.region;
  if (region.recoveryPoints[arn] !== undefined) return true;
  if (Object.values(region.vaults).some((v) => v.arn === arn)) return true;
  if (Object.values(region.legalHolds ?? {}).some((h) => h.arn === arn)) return true;
  if (Object.values(region.tieringConfigurations ?? {}).some((c) => c.arn === arn)) return true;
  if ([...Object.values(region.frameworks ?? {}), ...Object.values(region.reportPlans ?? {})].some((f) => f.arn === arn)) return true;
  if (Object.values(region.restoreTestingPlans ?? {}).some((p) => p.arn === arn)) return true;
  return Object.values(region.plans).some((p) => p.arn === arn && p.deletionDate === undefined);
}

function resourceArn(call: BackupCall): string {
  const arn = call.params['ResourceArn'] ?? '';
  if (parseArn(arn) === undefined) throw invalid(`Invalid ResourceArn '${arn}'.`);
  if (!taggableExists(call, arn)) throw notFound(`Resource ${arn} not found.`);
  return arn;
}

export function tagResource(call: BackupCall): Json {
  const arn = resourceArn(call);
  const tags = optionalStringMap(call.body, 'Tags');
  if (tags === undefined) throw new BackupApiError('MissingParameterValueException', 'Missing required parameter Tags.');
  setTags(call, arn, tags);
  call.ctx.markChanged();
  return {};
}

export function untagResource(call: BackupCall): Json {
  const arn = resourceArn(call);
  const keys = optionalStringList(call.body, 'TagKeyList');
  if (keys === undefined) throw new BackupApiError('MissingParameterValueException', 'Missing required parameter TagKeyList.');
  const tags = call.scope.region.tags[arn];
  if (tags !== undefined) {
    for (const key of keys) delete tags[key];
    if (Object.keys(tags).length === 0) delete call.scope.region.tags[arn];
  }
  call.ctx.markChanged();
  return {};
}

export function listTags(call: BackupCall): Json {
  const arn = resourceArn(call);
  const entries = Object.entries(call.scope.region.tags[arn] ?? {}).sort(([a], [b]) => a.localeCompare(b));
  const page = paginate(call, entries, 'ListTags');
  return compact({ Tags: Object.fromEntries(page.items), NextToken: page.nextToken });
}
