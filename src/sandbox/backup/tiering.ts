// Tiering configurations: which S3 backups move to the low-cost warm storage tier after how many
// days, per vault (or "*" for every vault). AWS allows one vault-specific configuration per vault
// plus the "*" one. ⚠ The move itself is not visible through the API (a recovery point's
// StorageClass is WARM, COLD or DELETED), so the sandbox stores the configurations only.
import type { TieringConfigurationRecord } from '../state.js';
import { issueTimestamp } from '../timestamps.js';
import { BackupApiError, invalid, missing, notFound } from './errors.js';
import { setTags, validateTags } from './tags.js';
import { compact, epochSeconds, optionalObject, optionalString, optionalStringMap, paginate, type BackupCall, type Json } from './wire.js';

const NAME = /^[a-zA-Z0-9_]{1,200}$/;
const VAULT_OR_WILDCARD = /^(\*|[a-zA-Z0-9\-_]{2,50})$/;
const RESOURCE_TYPE = /^[a-zA-Z0-9\-_.]{1,50}$/;
const MAX_SELECTIONS = 5;
const MAX_SPECIFIC_RESOURCES = 100;
const MIN_DAYS = 60;
const MAX_DAYS = 36_500;

type Selection = TieringConfigurationRecord['resourceSelection'][number];

function constraint(value: unknown, member: string, rule: string): BackupApiError {
  return invalid(`1 validation error detected: Value '${String(value)}' at '${member}' failed to satisfy constraint: ${rule}`);
}

function readVaultName(body: Json): string {
  const vault = optionalString(body, 'BackupVaultName');
  if (vault === undefined) throw missing('BackupVaultName');
  if (!VAULT_OR_WILDCARD.test(vault)) throw constraint(vault, 'tieringConfiguration.backupVaultName', `Member must satisfy regular expression pattern: ${VAULT_OR_WILDCARD.source}`);
  return vault;
}

function readSelections(body: Json): Selection[] {
  const raw = body['ResourceSelection'];
  if (raw === undefined || raw === null) throw missing('ResourceSelection');
  if (!Array.isArray(raw)) throw invalid('ResourceSelection must be a list.');
  if (raw.length === 0) throw invalid('ResourceSelection must contain at least one resource selection.');
  if (raw.length > MAX_SELECTIONS) throw new BackupApiError('LimitExceededException', `A tiering configuration can have at most ${MAX_SELECTIONS} resource selections.`);
  let specific = 0;
  const selections = raw.map((entry, i): Selection => {
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) throw invalid(`ResourceSelection[${i}] must be an object.`);
    const item = entry as Json;
    const resources = item['Resources'];
    if (resources === undefined || resources === null) throw missing(`ResourceSelection[${i}].Resources`);
    if (!Array.isArray(resources) || resources.some((r) => typeof r !== 'string')) throw invalid(`ResourceSelection[${i}].Resources must be a list of strings.`);
    const days = item['TieringDownSettingsInDays'];
    if (days === undefined || days === null) throw missing(`ResourceSelection[${i}].TieringDownSettingsInDays`);
    if (typeof days !== 'number' || !Number.isInteger(days) || days < MIN_DAYS || days > MAX_DAYS) {
      throw constraint(days, `tieringConfiguration.resourceSelection.${i + 1}.member.tieringDownSettingsInDays`, `Member must have value between ${MIN_DAYS} and ${MAX_DAYS}`);
    }
    const type = item['ResourceType'];
    if (type === undefined || type === null) throw missing(`ResourceSelection[${i}].ResourceType`);
    if (typeof type !== 'string' || !RESOURCE_TYPE.test(type)) throw constraint(type, `tieringConfiguration.resourceSelection.${i + 1}.member.resourceType`, `Member must satisfy regular expression pattern: ${RESOURCE_TYPE.source}`);
    if (type !== 'S3') throw invalid(`Resource type ${type} is not supported for tiering: only S3 is.`);
    for (const arn of resources as string[]) {
      if (arn === '*') continue;
      if (!/^arn:aws[a-z-]*:s3:::[^/]+$/.test(arn)) throw invalid(`Invalid resource '${arn}' in ResourceSelection[${i}].Resources: use an S3 bucket ARN or *.`);
      specific += 1;
    }
    return { Resources: [...(resources as string[])], TieringDownSettingsInDays: days, ResourceType: type };
  });
  if (specific > MAX_SPECIFIC_RESOURCES) {
    throw new BackupApiError('LimitExceededException', `A tiering configuration can name at most ${MAX_SPECIFIC_RESOURCES} specific resources.`);
  }
  return selections;
}

function configurationOf(call: BackupCall): TieringConfigurationRecord {
  const name = call.params['TieringConfigurationName'] ?? '';
  if (!NAME.test(name)) throw constraint(name, 'tieringConfigurationName', `Member must satisfy regular expression pattern: ${NAME.source}`);
  const found = call.scope.region.tieringConfigurations?.[name];
  if (found === undefined) throw notFound(`Tiering configuration ${name} was not found.`);
  return found;
}

/** A vault has at most one vault-specific configuration (and "*" at most one). */
function refuseSecondForVault(call: BackupCall, vault: string, except?: string): void {
  const other = Object.values(call.scope.region.tieringConfigurations ?? {}).find((c) => c.backupVaultName === vault && c.name !== except);
  if (other !== undefined) {
    const target = vault === '*' ? 'all backup vaults' : `backup vault ${vault}`;
    throw new BackupApiError('ConflictException', `Tiering configuration ${other.name} already applies to ${target}.`);
  }
}

export function createTieringConfiguration(call: BackupCall): Json {
  const configurations = (call.scope.region.tieringConfigurations ??= {});
  const input = optionalObject(call.body, 'TieringConfiguration');
  if (input === undefined) throw missing('TieringConfiguration');
  const token = optionalString(call.body, 'CreatorRequestId');
  const name = optionalString(input, 'TieringConfigurationName');
  if (name === undefined) throw missing('TieringConfigurationName');
  if (!NAME.test(name)) throw constraint(name, 'tieringConfiguration.tieringConfigurationName', `Member must satisfy regular expression pattern: ${NAME.source}`);
  const existing = configurations[name];
  // The same request retried (same CreatorRequestId) answers with what it made.
  if (existing !== undefined && token !== undefined && existing.creatorRequestId === token) return createdView(existing);
  if (existing !== undefined) throw new BackupApiError('AlreadyExistsException', `Tiering configuration ${name} already exists.`, { Arn: existing.arn, CreatorRequestId: existing.creatorRequestId });
  const vault = readVaultName(input);
  const selections = readSelections(input);
  refuseSecondForVault(call, vault);
  const tags = optionalStringMap(call.body, 'TieringConfigurationTags') ?? {};
  validateTags(tags);
  const now = issueTimestamp(call.ctx.account, call.now);
  const record: TieringConfigurationRecord = {
    name,
    arn: `arn:aws:backup:${call.ctx.region}:${call.ctx.accountId}:tiering-configuration:${name}`,
    backupVaultName: vault,
    resourceSelection: selections,
    creationTime: now,
    lastUpdatedTime: now,
  };
  if (token !== undefined) record.creatorRequestId = token;
  configurations[name] = record;
  if (Object.keys(tags).length > 0) setTags(call, record.arn, tags);
  call.ctx.markChanged();
  return createdView(record);
}

function createdView(record: TieringConfigurationRecord): Json {
  return { TieringConfigurationArn: record.arn, TieringConfigurationName: record.name, CreationTime: epochSeconds(record.creationTime) };
}

export function getTieringConfiguration(call: BackupCall): Json {
  const record = configurationOf(call);
  return {
    TieringConfiguration: compact({
      TieringConfigurationName: record.name,
      TieringConfigurationArn: record.arn,
      BackupVaultName: record.backupVaultName,
      ResourceSelection: record.resourceSelection,
      CreatorRequestId: record.creatorRequestId,
      CreationTime: epochSeconds(record.creationTime),
      LastUpdatedTime: epochSeconds(record.lastUpdatedTime),
    }),
  };
}

export function updateTieringConfiguration(call: BackupCall): Json {
  const record = configurationOf(call);
  const input = optionalObject(call.body, 'TieringConfiguration');
  if (input === undefined) throw missing('TieringConfiguration');
  const vault = readVaultName(input);
  const selections = readSelections(input);
  refuseSecondForVault(call, vault, record.name);
  record.backupVaultName = vault;
  record.resourceSelection = selections;
  // Every update is a new LastUpdatedTime, even within one clock instant: refresh relies on it.
  record.lastUpdatedTime = issueTimestamp(call.ctx.account, call.now);
  call.ctx.markChanged();
  return {
    TieringConfigurationArn: record.arn,
    TieringConfigurationName: record.name,
    CreationTime: epochSeconds(record.creationTime),
    LastUpdatedTime: epochSeconds(record.lastUpdatedTime),
  };
}

export function deleteTieringConfiguration(call: BackupCall): Json {
  const record = configurationOf(call);
  delete call.scope.region.tieringConfigurations![record.name];
  delete call.scope.region.tags[record.arn];
  call.ctx.markChanged();
  return {};
}

export function listTieringConfigurations(call: BackupCall): Json {
  const all = Object.values(call.scope.region.tieringConfigurations ?? {}).sort((a, b) => a.name.localeCompare(b.name));
  const page = paginate(call, all, 'ListTieringConfigurations');
  return compact({
    TieringConfigurations: page.items.map((c) => ({
      TieringConfigurationArn: c.arn,
      TieringConfigurationName: c.name,
      BackupVaultName: c.backupVaultName,
      CreationTime: epochSeconds(c.creationTime),
      LastUpdatedTime: epochSeconds(c.lastUpdatedTime),
    })),
    NextToken: page.nextToken,
  });
}
