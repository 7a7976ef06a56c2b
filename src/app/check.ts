// The work behind `bkp check`: load the configuration, gather the inventory of protectable
// resources (offline: the policy's resource blocks, sandbox source blocks and an existing sandbox
// account; with -refresh: the accounts themselves and their recovery points, every account read
// through its APIs), evaluate the policies and print the report. Exit 0 compliant, 3
// non-compliant, 1 on error.
import { existsSync, statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { loadValidConfig } from './configuration.js';
import type { Config } from '../config/model.js';
import { ConfigError, ErrorCode, UserError } from '../core/errors.js';
import { awsCallError } from '../aws/errors.js';
import { parseArn } from '../domain/arn.js';
import { providerSettings, ProviderClients } from './providers.js';
import { configuredSources, inventoryTypesNeeded } from '../policy/inventory.js';
import { evaluatePolicies } from '../policy/evaluate.js';
import { controlBlocks, controlHolders } from '../policy/policy-blocks.js';
import { RESTORE_WINDOW_DAYS } from '../policy/controls/restore-time.js';
import type { RestoreJobFacts } from '../domain/job-facts.js';
import { isCompliant, type AccountSettingsFact, type CheckInputs, type InventoryResource, type ProtectedResourceFact, type RecoveryPointFact } from '../policy/model.js';
import { configuredOrganization } from '../policy/configured-organization.js';
import { configInputs, type CommandContext, pathInDir } from './context.js';
import { notify, warnAbout } from './io-host.js';
import { checkJsonFormat, type VarFlags } from './options.js';

export interface CheckFlags extends VarFlags {
  json?: boolean;
  format?: string;
  refresh?: boolean;
  out?: string;
  /** The directory SARIF URIs are relative to (default: the current directory, the repository root in CI). */
  'sarif-base'?: string;
}

export async function runCheck(ctx: CommandContext, flags: CheckFlags): Promise<number> {
  checkJsonFormat(flags);
  const format = flags.json ? 'json' : checkFormat(flags.format);
  const sarifBase = flags['sarif-base'] === undefined ? process.cwd() : resolve(ctx.dir, flags['sarif-base']);
  if (flags['sarif-base'] !== undefined && !isDirectory(sarifBase)) {
    // Paths made relative to it would point nowhere in code scanning, without a word.
    throw new UserError(ErrorCode.Usage, `-sarif-base=${flags['sarif-base']} is not a directory (${sarifBase}).`, {
      hint: 'Give the repository checkout, the directory code scanning resolves the report\'s paths from (relative to -chdir).',
    });
  }
  const sarifUriPrefix = sarifPrefix(sarifBase, ctx.dir);
  const outFile = flags.out === undefined ? undefined : pathInDir(ctx, flags.out);
  const { config, warnings, sources } = await loadValidConfig(configInputs(ctx, flags)).catch(async (error: unknown) => {
    if (error instanceof ConfigError && format !== 'human') {
      await notify(ctx.host, 'BKP_R_CHECK_INVALID', 'result', 'The configuration is invalid.', { diagnostics: error.diagnostics, format, sarifUriPrefix, outFile });
    }
    throw error;
  });
  if (warnings.length > 0) await warnAbout(ctx.host, warnings, sources);
  if (controlHolders(config).length === 0) {
    throw new UserError(ErrorCode.PolicyNotFound, 'The configuration has no policy block (nor a backup_framework), so bkp check has nothing to evaluate.', {
      hint: 'Add a policy, e.g. policy "company" { control "resources_protected_by_backup_plan" {} }, or a backup_framework (docs/frameworks.md). docs/check.md lists the controls.',
    });
  }
  const inputs = flags.refresh ? await accountInputs(config) : await offlineInputs(config);
  const report = evaluatePolicies(config, inputs);
  const verdict = isCompliant(report) ? 'compliant' : 'not compliant';
  await notify(ctx.host, 'BKP_R_CHECK', 'result', `The configuration is ${verdict}.`, { report, format, sources, sarifUriPrefix, outFile });
  return isCompliant(report) ? 0 : 3;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function checkFormat(flag: string | undefined): 'human' | 'json' | 'markdown' | 'sarif' {
  return flag === 'json' || flag === 'markdown' || flag === 'sarif' ? flag : 'human';
}

/** Configuration file paths are relative to the configuration directory; SARIF wants them relative to -sarif-base. */
function sarifPrefix(base: string, dir: string): string {
  const rel = relative(base, dir).split('\\').join('/');
  return rel === '' ? '' : `${rel}/`;
}

/** Offline: nothing but local files. A sandbox account that exists is read, never created or seeded. */
async function offlineInputs(config: Config): Promise<CheckInputs> {
  const types = inventoryTypesNeeded(config);
  const existing = config.providers.filter((p) => p.type === 'sandbox' && existsSync(providerSettings(p, config.dir).sandboxPath!));
  // Without its source blocks a sandbox provider adds nothing to its account.
  const readOnly = existing.map((p) => ({ ...p, attributes: { ...p.attributes, source: [] } }));
  const wanted = readOnly.length > 0 && (types === 'all' || types.size > 0);
  const account = wanted ? await readAccounts({ providers: readOnly, dir: config.dir }, types, false) : { inventory: [], sources: [] };
  const declared = configuredSources(config);
  const inventory = withSourceBlocks(account.inventory, declared);
  // Source blocks the account does not hold yet (created by the next plan or apply), of the types the controls judge.
  const judged = (d: InventoryResource) => types === 'all' || types.has(d.type);
  const pending = declared.filter((d) => judged(d) && !inventory.some((r) => r.sourceKey === d.sourceKey || r.arn === d.arn));
  inventory.push(...pending);
  const inventorySources = [...account.sources];
  if (pending.length > 0) inventorySources.push('sandbox source blocks');
  if (config.policies.some((p) => Array.isArray(p.attributes.resource))) inventorySources.push('policy resource blocks');
  const inputs: CheckInputs = { inventory, inventorySources, now: account.now ?? new Date() };
  const organization = configuredOrganization(config);
  if (organization !== undefined) inputs.organization = organization;
  return inputs;
}

/**
 * An account resource that a source block declares points at that block: same ARN, or (for a
 * block without `id`, whose id the sandbox generated) same type and name.
 */
function withSourceBlocks(inventory: NamedResource[], declared: InventoryResource[]): InventoryResource[] {
  return inventory.map(({ name, ...resource }) => {
    const block = declared.find((d) => d.arn === resource.arn || (name !== undefined && d.type === resource.type && d.sourceKey?.split('/')[1] === name));
    if (block === undefined) return resource;
    return { ...resource, sourceKey: block.sourceKey, ...(block.range ? { range: block.range } : {}) };
  });
}

/** An account's resource, with the name (Name tag, identifier) that pairs it with a source block. */
type NamedResource = InventoryResource & { name?: string };

interface AccountsRead {
  inventory: NamedResource[];
  sources: string[];
  recoveryPoints?: RecoveryPointFact[];
  accountSettings?: AccountSettingsFact[];
  protectedResources?: ProtectedResourceFact[];
  restoreJobs?: RestoreJobFacts[];
  now?: Date;
}

const RESTORE_CONTROL = 'restore_time_for_resources_meet_target';

/**
 * The resource types whose restore jobs the restore-time controls judge: undefined when no control
 * needs restore jobs, 'all' when one has no resource_types scope.
 */
function restoreJobTypes(config: Config): ReadonlySet<string> | 'all' | undefined {
  const controls = controlHolders(config).flatMap((h) => controlBlocks(h)).filter((c) => c.name === RESTORE_CONTROL);
  if (controls.length === 0) return undefined;
  const types = new Set<string>();
  for (const c of controls) {
    const scoped = Array.isArray(c.params.resource_types) ? c.params.resource_types.filter((t): t is string => typeof t === 'string') : [];
    if (scoped.length === 0) return 'all';
    for (const t of scoped) types.add(t);
  }
  return types;
}

/**
 * The providers' accounts, read through their APIs (the sandbox's as AWS's): the resources AWS
 * Backup can protect and, when asked, every recovery point. `now` is the accounts' clock, a
 * sandbox's (virtual) one first.
 */
async function readAccounts(
  config: Pick<Config, 'providers' | 'dir'>,
  types: ReadonlySet<string> | 'all',
  withRecoveryPoints: boolean,
  restoreTypes?: ReadonlySet<string> | 'all',
): Promise<AccountsRead> {
  const clients = new ProviderClients(config);
  const [{ listAccountResources }, { listRecoveryPoints }, { readAccountSettings }, { listProtectedResources }, { listRestoreJobs }] = await Promise.all([
    import('../aws/account-resources.js'),
    import('../aws/recovery-points.js'),
    import('../aws/account-settings.js'),
    import('../aws/protected-resources.js'),
    import('../aws/restore-jobs.js'),
  ]);
  const read: AccountsRead = { inventory: [], sources: [] };
  if (withRecoveryPoints) {
    read.recoveryPoints = [];
    read.accountSettings = [];
    read.protectedResources = [];
    if (restoreTypes !== undefined) read.restoreJobs = [];
  }
  try {
    // As plan does: a sandbox account gets the sources its provider blocks declare.
    await clients.prepare();
    for (const key of clients.keys()) {
      const settings = clients.settingsFor(key);
      const clock = (serverTime: Date | undefined) => {
        if (serverTime !== undefined && (read.now === undefined || settings.type === 'sandbox')) read.now = serverTime;
      };
      if (types === 'all' || types.size > 0) {
        const listed = await listAccountResources(settings, key, types);
        for (const r of listed.resources) {
          if (read.inventory.some((i) => i.arn === r.arn)) continue;
          const parts = parseArn(r.arn);
          read.inventory.push({ arn: r.arn, type: r.type, id: r.id, name: r.name, region: parts?.region || undefined, account: parts?.account || undefined, tags: r.tags });
        }
        const label = settings.type === 'sandbox' ? `sandbox account ${relative(config.dir, settings.sandboxPath!).split('\\').join('/')}` : `account resources (provider ${key})`;
        read.sources.push(listed.unreadable.length > 0 ? `${label} without ${listed.unreadable.join(', ')}` : label);
        clock(listed.serverTime);
      }
      if (read.recoveryPoints) {
        const { points, serverTime } = await listRecoveryPoints(settings, key);
        read.recoveryPoints.push(...points);
        clock(serverTime);
      }
      if (read.accountSettings) {
        const accountSettings = await readAccountSettings(settings, key);
        const account = clients.location(key).account_id;
        if (accountSettings) read.accountSettings.push({ region: settings.region, ...(account ? { account } : {}), ...accountSettings });
      }
      if (read.protectedResources) {
        const known = new Set(read.protectedResources.map((r) => r.arn));
        const listed = (await listProtectedResources(settings, key)).filter((r) => !known.has(r.arn));
        read.protectedResources.push(...listed);
        read.sources.push(`${listed.length} protected ${listed.length === 1 ? 'resource' : 'resources'} listed by AWS Backup (provider ${key})`);
      }
      if (read.restoreJobs && restoreTypes !== undefined) {
        // The window on the account's clock (read above): a sandbox's is virtual.
        const completeAfter = new Date((read.now ?? new Date()).getTime() - RESTORE_WINDOW_DAYS * 86_400_000);
        const client = await clients.backup(key);
        const known = new Set(read.restoreJobs.map((j) => j.jobId));
        const byType = restoreTypes === 'all' ? [undefined] : [...restoreTypes];
        try {
          for (const resourceType of byType) {
            const jobs = await listRestoreJobs(client, { status: 'COMPLETED', completeAfter, resourceType });
            read.restoreJobs.push(...jobs.filter((j) => !known.has(j.jobId)));
          }
          const n = read.restoreJobs.length - known.size;
          read.sources.push(`${n} restore ${n === 1 ? 'job' : 'jobs'} completed in the last ${RESTORE_WINDOW_DAYS} days (provider ${key})`);
        } catch (e) {
          throw awsCallError(e, 'Listing the restore jobs of', `provider ${key}`);
        }
      }
    }
  } finally {
    clients.destroy();
  }
  return read;
}

/** -refresh: the account's resources and recovery points, read through the SDK clients. */
async function accountInputs(config: Config): Promise<CheckInputs> {
  const account = await readAccounts(config, inventoryTypesNeeded(config), true, restoreJobTypes(config));
  const inventory = withSourceBlocks(account.inventory, configuredSources(config));
  const inputs: CheckInputs = { inventory, inventorySources: account.sources, recoveryPoints: account.recoveryPoints, accountSettings: account.accountSettings, now: account.now ?? new Date() };
  if (account.protectedResources !== undefined) inputs.protectedResources = account.protectedResources;
  if (account.restoreJobs !== undefined) inputs.restoreJobs = account.restoreJobs;
  // Loaded only here: a check without -refresh never needs the Organizations reader.
  const { readOrganizationAccounts } = await import('./check-organization.js');
  const organization = await readOrganizationAccounts(config);
  if (organization !== undefined) inputs.organization = organization;
  return inputs;
}
