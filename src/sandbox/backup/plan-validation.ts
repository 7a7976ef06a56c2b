// Validation and normalisation of a BackupPlanInput as AWS Backup does it on Create/UpdateBackupPlan:
// defaults filled in (schedule, time zone, windows), names, cron syntax and interval, lifecycle
// rules, continuous backup limits. Messages follow AWS's where they are known.
import { isBackupVaultArn } from '../../domain/arn.js';
import { intervalUnder, parseSchedule } from '../../domain/cron.js';
import { newUuid } from '../ids.js';
import type { AccountState, LifecycleSpec, PlanDocument, PlanRule } from '../state.js';
import { BackupApiError, invalid, missing } from './errors.js';
import { validateTags } from './tags.js';
import { VAULT_NAME } from './vaults.js';
import { optionalBoolean, optionalInteger, optionalObject, optionalString, optionalStringList, optionalStringMap, type Json } from './wire.js';

export const PLAN_NAME = /^[a-zA-Z0-9\-_.]{1,50}$/;
export const RULE_NAME = /^[a-zA-Z0-9\-_.]{1,50}$/;
export const DEFAULT_SCHEDULE = 'cron(0 5 ? * * *)';
export const DEFAULT_TIMEZONE = 'Etc/UTC';
export const DEFAULT_START_WINDOW = 480;
export const DEFAULT_COMPLETION_WINDOW = 10_080;
const MIN_START_WINDOW = 60;
/** StartWindowMinutes (and StartBackupJob's CompleteWindowMinutes): "a maximum value of 100 years (52,560,000 minutes)". */
export const MAX_WINDOW_MINUTES = 52_560_000;
const MAX_RULES = 100;
const MAX_DAYS = 36_500;
const MAX_CONTINUOUS_DAYS = 35;
// Enums and patterns of the AWS Backup API model (ResourceType, MalwareScanner, ScanMode, LifecycleDeleteAfterEvent).
const RESOURCE_TYPE = /^[a-zA-Z0-9\-_.]{1,50}$/;
const MALWARE_SCANNERS = ['GUARDDUTY'] as const;
const SCAN_MODES = ['FULL_SCAN', 'INCREMENTAL_SCAN'] as const;
const DELETE_AFTER_EVENTS = ['DELETE_AFTER_COPY'] as const;
/** AdvancedBackupSetting.BackupOptions as the API reference documents them (both spellings of the S3 ones). */
const DOCUMENTED_BACKUP_OPTIONS: Readonly<Record<string, readonly string[]>> = {
  EC2: ['WindowsVSS'],
  S3: ['BackupACLs', 'BackupObjectTags', 'S3BackupACLs', 'S3BackupObjectTags'],
};
/** IndexAction.ResourceTypes: "Only 1 resource type will be accepted for each BackupRule. Valid values: EBS, S3". */
const INDEXED_RESOURCE_TYPES = ['EBS', 'S3'];

/**
 * Zones already found valid. Building an Intl.DateTimeFormat costs far more than the rest of a
 * rule's validation, and every rule of every plan names a zone (mostly the same few). Only valid
 * zones are remembered, so a client sending arbitrary names cannot grow the set without bound.
 */
const knownTimezones = new Set<string>();

export function validTimezone(zone: string): boolean {
  if (knownTimezones.has(zone)) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
  } catch {
    return false;
  }
  knownTimezones.add(zone);
  return true;
}

function readLifecycle(ruleName: string, raw: Json | undefined, continuous: boolean): LifecycleSpec | undefined {
  if (raw === undefined) return undefined;
  const cold = optionalInteger(raw, 'MoveToColdStorageAfterDays');
  const del = optionalInteger(raw, 'DeleteAfterDays');
  const archive = optionalBoolean(raw, 'OptInToArchiveForSupportedResources');
  const deleteAfterEvent = optionalEnum(raw, 'DeleteAfterEvent', DELETE_AFTER_EVENTS);
  if (del !== undefined && (del < 1 || del > MAX_DAYS)) {
    throw invalid(`Error in rule ${ruleName} : Invalid lifecycle. DeleteAfterDays must be between 1 and ${MAX_DAYS}.`);
  }
  if (cold !== undefined && (cold < 1 || cold > MAX_DAYS)) {
    throw invalid(`Error in rule ${ruleName} : Invalid lifecycle. MoveToColdStorageAfterDays must be between 1 and ${MAX_DAYS}.`);
  }
  if (continuous && cold !== undefined) {
    throw invalid(`Error in rule ${ruleName} : MoveToColdStorageAfterDays is unavailable for continuous backups.`);
  }
  if (continuous && del !== undefined && del > MAX_CONTINUOUS_DAYS) {
    throw invalid(`Error in rule ${ruleName} : Continuous backups can be retained for at most ${MAX_CONTINUOUS_DAYS} days.`);
  }
  if (cold !== undefined && del !== undefined && del < cold + 90) {
    throw invalid(
      `Error in rule ${ruleName} : Invalid lifecycle. DeleteAfterDays cannot be less than 90 days apart from MoveToColdStorageAfterDays`,
    );
  }
  const result: LifecycleSpec = {};
  if (cold !== undefined) result.MoveToColdStorageAfterDays = cold;
  if (del !== undefined) result.DeleteAfterDays = del;
  if (archive !== undefined) result.OptInToArchiveForSupportedResources = archive;
  if (deleteAfterEvent !== undefined) result.DeleteAfterEvent = deleteAfterEvent;
  return Object.keys(result).length === 0 ? undefined : result;
}

function readSchedule(ruleName: string, expression: string, timezone: string): void {
  const parsed = parseSchedule(expression);
  if (!parsed.ok) throw invalid(`Error in rule ${ruleName} : Invalid schedule expression ${expression}: ${parsed.message}.`);
  if (intervalUnder(60, parsed.cron, timezone) !== undefined) {
    throw invalid(`Error in rule ${ruleName} : The interval between backup jobs shouldn't be less than 60 minutes.`);
  }
}

function readRule(account: AccountState, raw: unknown, ruleIds: ReadonlyMap<string, string>): PlanRule {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw invalid('Each rule must be an object.');
  const body = raw as Json;
  const name = optionalString(body, 'RuleName');
  if (name === undefined || name === '') throw missing('RuleName');
  if (!RULE_NAME.test(name)) {
    throw invalid(`Invalid rule name '${name}': it must be 1 to 50 characters, using only letters, digits, hyphens, underscores and periods.`);
  }
  const vault = optionalString(body, 'TargetBackupVaultName');
  if (vault === undefined || vault === '') throw missing(`TargetBackupVaultName in rule ${name}`);
  if (!VAULT_NAME.test(vault)) throw invalid(`Error in rule ${name} : Invalid backup vault name '${vault}'.`);
  const continuousGiven = optionalBoolean(body, 'EnableContinuousBackup');
  const continuous = continuousGiven ?? false;
  const expression = optionalString(body, 'ScheduleExpression') ?? DEFAULT_SCHEDULE;
  const timezone = optionalString(body, 'ScheduleExpressionTimezone') ?? DEFAULT_TIMEZONE;
  if (!validTimezone(timezone)) throw invalid(`Error in rule ${name} : Invalid ScheduleExpressionTimezone '${timezone}': use an IANA time zone name such as Europe/Paris.`);
  readSchedule(name, expression, timezone);
  const start = optionalInteger(body, 'StartWindowMinutes') ?? DEFAULT_START_WINDOW;
  if (start < MIN_START_WINDOW) throw invalid(`Error in rule ${name} : StartWindowMinutes must be at least ${MIN_START_WINDOW} minutes.`);
  if (start > MAX_WINDOW_MINUTES) {
    throw invalid(`Error in rule ${name} : StartWindowMinutes (${start}) exceeds its maximum value of 100 years (${MAX_WINDOW_MINUTES} minutes).`);
  }
  const completion = optionalInteger(body, 'CompletionWindowMinutes') ?? DEFAULT_COMPLETION_WINDOW;
  if (completion < 1) throw invalid(`Error in rule ${name} : CompletionWindowMinutes must be positive.`);
  const lifecycle = readLifecycle(name, optionalObject(body, 'Lifecycle'), continuous);
  const tags = optionalStringMap(body, 'RecoveryPointTags');
  if (tags !== undefined) validateTags(tags);
  const rule: PlanRule = {
    RuleName: name,
    RuleId: ruleIds.get(name) ?? newUuid(account, 'rule'),
    TargetBackupVaultName: vault,
    ScheduleExpression: expression,
    ScheduleExpressionTimezone: timezone,
    StartWindowMinutes: start,
    CompletionWindowMinutes: completion,
  };
  if (lifecycle !== undefined) rule.Lifecycle = lifecycle;
  if (tags !== undefined) rule.RecoveryPointTags = tags;
  if (continuousGiven !== undefined) rule.EnableContinuousBackup = continuousGiven;
  const airGappedVault = optionalString(body, 'TargetLogicallyAirGappedBackupVaultArn');
  if (airGappedVault !== undefined) {
    if (!isBackupVaultArn(airGappedVault)) throw invalid(`Error in rule ${name} : Invalid TargetLogicallyAirGappedBackupVaultArn '${airGappedVault}'.`);
    rule.TargetLogicallyAirGappedBackupVaultArn = airGappedVault;
  }
  const indexActions = readIndexActions(name, body['IndexActions']);
  if (indexActions !== undefined) rule.IndexActions = indexActions;
  const scanActions = readScanActions(name, body['ScanActions']);
  if (scanActions !== undefined) rule.ScanActions = scanActions;
  const copies = body['CopyActions'];
  if (copies !== undefined && copies !== null) {
    if (!Array.isArray(copies)) throw invalid(`Error in rule ${name} : CopyActions must be a list.`);
    rule.CopyActions = copies.map((c) => {
      const copy = (c ?? {}) as Json;
      const destination = optionalString(copy, 'DestinationBackupVaultArn');
      if (destination === undefined) throw missing(`DestinationBackupVaultArn in rule ${name}`);
      if (!isBackupVaultArn(destination)) {
        throw invalid(`Error in rule ${name} : Invalid DestinationBackupVaultArn '${destination}'.`);
      }
      // A copy without its own lifecycle keeps the source's: AWS stores it as given.
      const copyLifecycle = readLifecycle(name, optionalObject(copy, 'Lifecycle'), false);
      return copyLifecycle === undefined ? { DestinationBackupVaultArn: destination } : { DestinationBackupVaultArn: destination, Lifecycle: copyLifecycle };
    });
  }
  return rule;
}

function checkBackupOptions(type: string, options: Record<string, string> | undefined, known: readonly string[]): void {
  for (const [key, value] of Object.entries(options ?? {})) {
    if (!known.includes(key) || (value !== 'enabled' && value !== 'disabled')) {
      throw invalid(`Invalid BackupOptions for ${type}: ${key}=${value}; the options are ${known.join(', ')}, each enabled | disabled.`);
    }
  }
}

/**
 * StartBackupJob's BackupOptions, checked as a plan's AdvancedBackupSettings are. Its reference
 * documents WindowsVSS only ("If you specify an invalid option, you get an
 * InvalidParameterValueException"), so WindowsVSS is accepted for every resource type (⚠ AWS's
 * answer for WindowsVSS on a resource other than EC2 is not documented: accepted, it changes
 * nothing), with the resource type's documented options (S3's) besides.
 */
export function checkJobBackupOptions(resourceType: string, options: Record<string, string> | undefined): void {
  checkBackupOptions(resourceType, options, ['WindowsVSS', ...(DOCUMENTED_BACKUP_OPTIONS[resourceType] ?? []).filter((o) => o !== 'WindowsVSS')]);
}

function readAdvancedSettings(raw: unknown): PlanDocument['AdvancedBackupSettings'] {
  return readObjectList(raw, 'AdvancedBackupSettings', (setting) => {
    const type = optionalString(setting, 'ResourceType');
    const options = optionalStringMap(setting, 'BackupOptions');
    if (type === undefined || !RESOURCE_TYPE.test(type)) throw invalid(`Invalid AdvancedBackupSettings ResourceType '${String(type)}'.`);
    // The documented options are checked ("If you specify an invalid option, you get an
    // InvalidParameterValueException"); other types' options are stored as given.
    const known = DOCUMENTED_BACKUP_OPTIONS[type];
    if (known !== undefined) checkBackupOptions(type, options, known);
    return options === undefined ? { ResourceType: type } : { ResourceType: type, BackupOptions: options };
  });
}

function readObjectList<T>(raw: unknown, where: string, read: (entry: Json) => T): T[] | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!Array.isArray(raw)) throw invalid(`${where} must be a list.`);
  return raw.map((entry) => {
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) throw invalid(`Each member of ${where} must be an object.`);
    return read(entry as Json);
  });
}

function optionalEnum(body: Json, field: string, allowed: readonly string[]): string | undefined {
  const value = optionalString(body, field);
  if (value !== undefined && !allowed.includes(value)) throw invalid(`Invalid ${field} '${value}': use one of ${allowed.join(', ')}.`);
  return value;
}

function readResourceTypes(body: Json, where: string): string[] | undefined {
  const types = optionalStringList(body, 'ResourceTypes');
  for (const type of types ?? []) if (!RESOURCE_TYPE.test(type)) throw invalid(`Invalid resource type '${type}' in ${where}.`);
  return types;
}

function readIndexActions(ruleName: string, raw: unknown): PlanRule['IndexActions'] {
  const actions = readObjectList(raw, `IndexActions of rule ${ruleName}`, (action) => {
    const types = readResourceTypes(action, `IndexActions of rule ${ruleName}`);
    if (types !== undefined && (types.length !== 1 || !INDEXED_RESOURCE_TYPES.includes(types[0]!))) {
      throw invalid(`Error in rule ${ruleName} : IndexActions ResourceTypes must hold exactly one of ${INDEXED_RESOURCE_TYPES.join(', ')}.`);
    }
    return types === undefined ? {} : { ResourceTypes: types };
  });
  // "There can be up to one IndexAction in each BackupRule" (BackupRuleInput.IndexActions).
  if (actions !== undefined && actions.length > 1) throw invalid(`Error in rule ${ruleName} : a backup rule can have at most one IndexAction.`);
  return actions;
}

function readScanActions(ruleName: string, raw: unknown): PlanRule['ScanActions'] {
  return readObjectList(raw, `ScanActions of rule ${ruleName}`, (action) => {
    const scanner = optionalEnum(action, 'MalwareScanner', MALWARE_SCANNERS);
    const mode = optionalEnum(action, 'ScanMode', SCAN_MODES);
    const result: NonNullable<PlanRule['ScanActions']>[number] = {};
    if (scanner !== undefined) result.MalwareScanner = scanner;
    if (mode !== undefined) result.ScanMode = mode;
    return result;
  });
}

function readScanSettings(raw: unknown): PlanDocument['ScanSettings'] {
  return readObjectList(raw, 'ScanSettings', (setting) => {
    const scanner = optionalEnum(setting, 'MalwareScanner', MALWARE_SCANNERS);
    const types = readResourceTypes(setting, 'ScanSettings');
    const role = optionalString(setting, 'ScannerRoleArn');
    if (role !== undefined && !role.startsWith('arn:')) throw invalid(`Invalid ScannerRoleArn '${role}': it must be an IAM role ARN.`);
    const result: NonNullable<PlanDocument['ScanSettings']>[number] = {};
    if (scanner !== undefined) result.MalwareScanner = scanner;
    if (types !== undefined) result.ResourceTypes = types;
    if (role !== undefined) result.ScannerRoleArn = role;
    return result;
  });
}

/**
 * Validate a BackupPlanInput and return the stored document. Rules keep their RuleId across
 * versions when their name is unchanged (`previous`).
 */
export function readPlanDocument(account: AccountState, raw: Json | undefined, previous?: PlanDocument): PlanDocument {
  if (raw === undefined) throw missing('BackupPlan');
  const name = optionalString(raw, 'BackupPlanName');
  if (name === undefined || name === '') throw missing('BackupPlanName');
  if (!PLAN_NAME.test(name)) {
    throw invalid(`Invalid backup plan name '${name}': it must be 1 to 50 characters, using only letters, digits, hyphens, underscores and periods.`);
  }
  const rules = raw['Rules'];
  if (!Array.isArray(rules) || rules.length === 0) throw missing('Rules');
  if (rules.length > MAX_RULES) throw new BackupApiError('LimitExceededException', `A backup plan can have at most ${MAX_RULES} rules.`);
  const ruleIds = new Map((previous?.Rules ?? []).map((r) => [r.RuleName, r.RuleId] as const));
  const parsed = rules.map((r) => readRule(account, r, ruleIds));
  const seen = new Set<string>();
  for (const rule of parsed) {
    if (seen.has(rule.RuleName)) throw invalid(`Duplicate rule name '${rule.RuleName}': rule names must be unique within a backup plan.`);
    seen.add(rule.RuleName);
  }
  const document: PlanDocument = { BackupPlanName: name, Rules: parsed };
  const advanced = readAdvancedSettings(raw['AdvancedBackupSettings']);
  if (advanced !== undefined && advanced.length > 0) document.AdvancedBackupSettings = advanced;
  const scanSettings = readScanSettings(raw['ScanSettings']);
  if (scanSettings !== undefined && scanSettings.length > 0) document.ScanSettings = scanSettings;
  return document;
}

/** Documents compared without rule ids: "the same plan document" in AWS's AlreadyExists sense. */
export function sameDocument(a: PlanDocument, b: PlanDocument): boolean {
  // CreateBackupPlan compares the new document with every live plan: the name and the rule count
  // settle almost every pair without serialising both documents.
  if (a.BackupPlanName !== b.BackupPlanName || a.Rules.length !== b.Rules.length) return false;
  const strip = (d: PlanDocument) => JSON.stringify({ ...d, Rules: d.Rules.map(({ RuleId: _id, ...rest }) => rest) });
  return strip(a) === strip(b);
}
