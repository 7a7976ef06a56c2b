// Semantic rules of backup_plan's scanning, indexing, air-gapped and advanced settings, beyond their
// JSON Schema (which checks the enums and block counts): malware scan actions against the plan's scan
// settings, advanced backup options against those AWS documents, a rule's air-gapped vault ARN, and
// copies into a vault whose lock bounds are known only by name.
import type { ResourceConfig } from '../../config/model.js';
import type { ObjectValue, Value } from '../../core/values.js';
import { AIR_GAPPED_VAULT_BY_ARN, checkBackupVaultArn, checkIamRoleArn } from '../rules/arns.js';
import { vaultForArn, type ValidationContext } from '../rules/context.js';
import { lifecycleDays } from '../rules/lifecycle.js';
import { childPointer } from '../../core/json-pointer.js';
import { error, knownList, knownObject, knownString, warning, type Problem } from '../rules/problem.js';
import { checkRetentionAgainstLock } from '../rules/vault-lock.js';
import { parseBackupVaultArn } from '../../domain/arn.js';
import { KNOWN_OPTIONS, OPTION_VALUES } from './advanced-settings.js';

interface Block {
  block: ObjectValue;
  path: string;
}

function blocksAt(v: Value | undefined, path: string): Block[] {
  return (knownList(v) ?? []).flatMap((item, i) => {
    const block = knownObject(item);
    return block ? [{ block, path: childPointer(path, i) }] : [];
  });
}

export function validatePlanFields(resource: Pick<ResourceConfig, 'attributes' | 'provider'>, context: ValidationContext): Problem[] {
  const a = resource.attributes;
  const scanSettings = blocksAt(a.scan_setting, '/scan_setting');
  const rules = blocksAt(a.rule, '/rule');
  const problems = [...checkScanSettings(scanSettings), ...checkAdvancedSettings(a.advanced_backup_setting, a.windows_vss)];
  const configuredScanners = new Set(scanSettings.map((s) => knownString(s.block.malware_scanner)));
  for (const { block: rule, path } of rules) {
    const owner = `Rule "${knownString(rule.name) ?? '?'}"`;
    problems.push(...checkBackupVaultArn(rule.target_logically_air_gapped_vault_arn, childPointer(path, 'target_logically_air_gapped_vault_arn'), AIR_GAPPED_VAULT_BY_ARN));
    problems.push(...checkScanActions(blocksAt(rule.scan_action, childPointer(path, 'scan_action')), configuredScanners, owner));
    problems.push(...checkCopiesIntoVaultsKnownByName(rule, path, owner, context));
  }
  const scanned = new Set(rules.flatMap(({ block }) => blocksAt(block.scan_action, '').map((s) => knownString(s.block.malware_scanner))));
  for (const { block, path } of scanSettings) {
    const scanner = knownString(block.malware_scanner);
    if (scanner !== undefined && !scanned.has(scanner)) {
      problems.push(
        warning(path, 'Scan setting without a scan action', `No rule of this plan has a scan_action with malware_scanner = "${scanner}", so this scan_setting scans nothing. Add scan_action { malware_scanner = "${scanner}" scan_mode = "INCREMENTAL_SCAN" } to the rules whose backups should be scanned, or remove it.`),
      );
    }
  }
  return problems;
}

function checkScanSettings(settings: readonly Block[]): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  for (const { block, path } of settings) {
    problems.push(...checkIamRoleArn(block.scanner_role_arn, childPointer(path, 'scanner_role_arn')));
    const scanner = knownString(block.malware_scanner);
    if (scanner === undefined) continue;
    if (seen.has(scanner)) {
      problems.push(error(childPointer(path, 'malware_scanner'), 'Duplicate scan setting', `The plan has two scan_setting blocks for malware_scanner = "${scanner}". Keep one, listing every resource type it scans in its resource_types.`));
    }
    seen.add(scanner);
  }
  return problems;
}

function checkScanActions(actions: readonly Block[], configuredScanners: ReadonlySet<string | undefined>, owner: string): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  for (const { block, path } of actions) {
    const scanner = knownString(block.malware_scanner);
    if (scanner === undefined) continue;
    if (seen.has(scanner)) {
      problems.push(error(childPointer(path, 'malware_scanner'), 'Duplicate scan action', `${owner} has two scan_action blocks for malware_scanner = "${scanner}". Keep one, with the scan_mode you want.`));
    }
    seen.add(scanner);
    if (!configuredScanners.has(scanner)) {
      // The scanner needs a role and the resource types to scan: the plan's ScanSettings say which.
      // ⚠ AWS's answer to a scan action without scan settings could not be confirmed: a warning.
      problems.push(
        warning(path, 'Scan action without a scan setting', `${owner} scans its backups with ${scanner}, but the plan has no scan_setting for it: AWS Backup needs the scanner's IAM role and resource types from the plan. Add scan_setting { malware_scanner = "${scanner}" resource_types = ["EBS"] scanner_role_arn = "arn:aws:iam::ACCOUNT_ID:role/NAME" } to the plan.`),
      );
    }
  }
  return problems;
}

function checkAdvancedSettings(value: Value | undefined, windowsVss: Value | undefined): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  for (const { block, path } of blocksAt(value, '/advanced_backup_setting')) {
    const type = knownString(block.resource_type);
    if (type === undefined) continue;
    if (seen.has(type)) {
      problems.push(error(childPointer(path, 'resource_type'), 'Duplicate advanced backup setting', `Two advanced_backup_setting blocks are for resource_type = "${type}". AWS keeps one per resource type: put all its options in one block.`));
    }
    seen.add(type);
    const known = KNOWN_OPTIONS[type] ?? {};
    for (const [key, option] of Object.entries(knownObject(block.options) ?? {})) {
      const optionPath = childPointer(childPointer(path, 'options'), key);
      if (!(key in known)) {
        problems.push(
          error(optionPath, 'Unknown backup option', `AWS Backup has no ${type} backup option "${key}" (it answers InvalidParameterValueException). ${type} accepts: ${Object.keys(known).join(', ')}, each "${OPTION_VALUES.join('" or "')}".`),
        );
      } else if (type === 'EC2' && key === 'WindowsVSS' && windowsVss === true && option !== 'enabled') {
        problems.push(error(optionPath, 'Conflicting Windows VSS settings', `windows_vss = true turns Windows VSS on, but this block sets WindowsVSS = "${String(option)}". Set it in one place only: remove windows_vss or this option.`));
      }
    }
  }
  return problems;
}

/**
 * A copy into a vault named as the destination ARN's vault, with a lock, whose provider states no
 * Region: bkp cannot tell whether it is the destination, so a retention its lock would refuse is a
 * warning (a vault resolved by Region is checked in validate.ts, and is an error there; a vault of
 * another stated Region is another vault).
 */
function checkCopiesIntoVaultsKnownByName(rule: ObjectValue, rulePath: string, owner: string, context: ValidationContext): Problem[] {
  const problems: Problem[] = [];
  for (const { block: copy, path } of blocksAt(rule.copy, childPointer(rulePath, 'copy'))) {
    const arn = knownString(copy.destination_vault_arn);
    const parsed = arn === undefined ? undefined : parseBackupVaultArn(arn);
    if (!parsed || vaultForArn(context, arn)) continue;
    const ownLifecycle = copy.lifecycle !== undefined && copy.lifecycle !== null;
    const lifecycle = ownLifecycle ? copy.lifecycle : rule.lifecycle;
    if (lifecycle !== undefined && lifecycle !== null && !knownObject(lifecycle)) continue;
    const { deleteAfterDays } = lifecycleDays(lifecycle);
    for (const vault of context.vaults.filter((v) => v.name === parsed.name && v.lock && v.region === undefined)) {
      const refused = checkRetentionAgainstLock(deleteAfterDays, vault.lock!, path, `${owner}, copy to ${arn},`);
      if (refused.length === 0) continue;
      problems.push(
        warning(path, 'A copy may be refused by the destination vault lock', `${refused[0]!.detail} (${vault.address} is named "${parsed.name}", but its provider states no region, so bkp cannot tell whether it is the copy's destination in ${parsed.region}. If it is, the copy jobs will fail; set the provider's region to let bkp check.)`),
      );
    }
  }
  return problems;
}
