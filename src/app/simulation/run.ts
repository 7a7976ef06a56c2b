// `bkp simulate`: apply the configuration to scratch copies of its sandbox accounts from an empty
// state, through the real engine (makePlan + the apply executor), then move the scratch clocks
// forward day by day in memory and report what the policy produced.
import type { Config } from '../../config/model.js';
import type { Diagnostic } from '../../core/diagnostics.js';
import { ConfigError } from '../../core/errors.js';
import { applyChanges } from '../../engine/apply.js';
import { HandlerContexts } from '../../engine/handler-contexts.js';
import { Limiter } from '../../engine/limiter.js';
import { actionable } from '../../engine/plan-model.js';
import { ProviderClients } from '../providers.js';
import { desiredResolver, knownFromState, makePlan, type Evaluator } from '../../engine/workflow.js';
import { forgetCachedAccount, openSandbox } from '../../sandbox/account.js';
import { advanceClockTo } from '../../sandbox/clock.js';
import { regionOf } from '../../sandbox/inventory.js';
import { restoreCheck } from '../../sandbox/engine/data.js';
import { airGappedTargetOf, matchedResources } from '../../sandbox/engine/scheduler.js';
import type { AccountState } from '../../sandbox/state.js';
import { newState, type StateDocument } from '../../state/model.js';
import { bkpVersion } from '../../core/version.js';
import { memoryStateSession } from '../../simulation/memory-state.js';
import { buildReport, resourceKey, type InventoryEntry, type RuleInfo, type SimulationReport } from '../../simulation/report.js';
import { prepareScratchAccounts } from './scratch-accounts.js';
import { takeFinishedJobs, Timeline, type JobOutcome } from '../../simulation/timeline.js';
import { takeFinishedCopyJobs, type CopyOutcome } from '../../simulation/copies.js';
import { restoreTestReports } from '../../simulation/restore-tests.js';
import { kindModel } from '../../resources/registry.js';

export const DAY_MS = 86_400_000;
export const MAX_SIMULATION_DAYS = 3650;

export interface SimulationRequest {
  config: Pick<Config, 'providers' | 'dir'>;
  evaluate: Evaluator;
  days: number;
  start?: Date;
  /** Sandbox account file standing in for `provider "aws"` blocks. */
  inventoryFrom?: string;
  /** Sources of the configuration files, for diagnostics. */
  sources?: ReadonlyMap<string, string>;
}

export interface SimulationResult {
  report: SimulationReport;
  /** Warnings of the simulated plan (errors refuse the simulation). */
  warnings: Diagnostic[];
}

/** Vault names the configuration declares (created by the simulated apply, so not kept from the account). */
function declaredVaultNames(evaluate: Evaluator, state: StateDocument): Set<string> {
  const names = new Set<string>();
  for (const resource of evaluate(knownFromState(state)).resources) {
    if (kindModel(resource.kind)?.isVault && typeof resource.attributes.name === 'string') names.add(resource.attributes.name);
  }
  return names;
}

/** Apply the configuration to the scratch accounts; returns the state the apply left. */
async function applyToScratch(request: SimulationRequest, clients: ProviderClients, start: number): Promise<{ state: StateDocument; warnings: Diagnostic[] }> {
  const session = memoryStateSession();
  const limiter = new Limiter(10);
  const contexts = new HandlerContexts(clients, limiter, session.current().lineage);
  const { plan } = await makePlan(session.current(), request.evaluate, contexts, { mode: 'normal', refresh: false, now: new Date(start) });
  if (plan.diagnostics.some((d) => d.severity === 'error')) {
    throw new ConfigError(plan.diagnostics, request.sources ?? new Map(), 'The configuration cannot be simulated: its plan was refused.');
  }
  const result = await applyChanges({
    changes: actionable(plan),
    session,
    contexts,
    limiter,
    resolveDesired: desiredResolver(request.evaluate),
  });
  if (result.failed.length > 0) throw result.failed[0]!.error;
  return { state: session.current(), warnings: plan.diagnostics.filter((d) => d.severity === 'warning') };
}

/** The tag AWS Backup puts on what a restore created: a restore test's resource, not one the policy must protect. */
const RESTORED_FROM_TAG = 'aws:backup:source-resource';

function inventoryOf(index: number, account: AccountState): InventoryEntry[] {
  const instances = new Map(account.inventory.filter((r) => r.type === 'ec2-instance').map((r) => [r.id, r.arn]));
  return account.inventory.filter((resource) => resource.tags[RESTORED_FROM_TAG] === undefined).map((resource) => ({
    account: index,
    arn: resource.arn,
    name: resource.name,
    type: resource.type,
    id: resource.id,
    region: regionOf(resource),
    ...(resource.attachedTo !== undefined && instances.has(resource.attachedTo.instanceId) ? { attachedTo: instances.get(resource.attachedTo.instanceId)! } : {}),
  }));
}

/** The rules of every live plan, and the resources each plan's selections match. */
function rulesAndProtection(index: number, account: AccountState, state: StateDocument, rules: Map<string, RuleInfo>, protection: Map<string, RuleInfo[]>): void {
  const planAddresses = new Map(state.resources.filter((r) => kindModel(r.kind)?.schedulesJobs).map((r) => [r.id, r.address]));
  for (const [regionName, region] of Object.entries(account.backup)) {
    for (const plan of Object.values(region.plans)) {
      if (plan.deletionDate !== undefined) continue;
      const document = plan.versions[plan.versions.length - 1]!.document;
      const planRules = document.Rules.map((rule) => {
        const info: RuleInfo = {
          planId: plan.id,
          ruleId: rule.RuleId,
          planAddress: planAddresses.get(plan.id),
          planName: document.BackupPlanName,
          ruleName: rule.RuleName,
          // The vault its recovery points land in: the air-gapped one when the rule targets one.
          vault: airGappedTargetOf(rule, regionName, account.accountId) ?? rule.TargetBackupVaultName,
        };
        rules.set(`${plan.id}/${rule.RuleId}`, info);
        return info;
      });
      for (const { resource } of matchedResources(plan, regionName, account.inventory, region)) {
        const key = resourceKey(index, resource.arn);
        protection.set(key, [...(protection.get(key) ?? []), ...planRules]);
      }
    }
  }
}

/**
 * -inventory-from stands in for each provider "aws" account in that provider's Region only: an
 * inventory made in another Region (`bkp sandbox resource add` defaults to us-east-1) protects
 * nothing there, which the report alone would show as "No resource is backed up".
 */
function inventoryRegionWarnings(request: SimulationRequest, scratch: Awaited<ReturnType<typeof prepareScratchAccounts>>, accounts: readonly AccountState[]): Diagnostic[] {
  if (request.inventoryFrom === undefined) return [];
  const warnings: Diagnostic[] = [];
  for (const provider of request.config.providers) {
    if (provider.type === 'sandbox') continue;
    const account = accounts[scratch.accounts.findIndex((a) => a.providers.includes(provider.key))];
    const region = scratch.providers.find((p) => p.key === provider.key)?.attributes.region;
    if (account === undefined || typeof region !== 'string') continue;
    const regions = new Set(account.inventory.map((resource) => regionOf(resource)));
    if (regions.size === 0 || regions.has(region)) continue;
    warnings.push({
      severity: 'warning',
      summary: `-inventory-from has no resources in ${region}`,
      detail:
        `${request.inventoryFrom} holds resources in ${[...regions].sort().join(', ')} only, and they stand in for this provider's account in its Region, ${region}: ` +
        `nothing there is protected. Add them in that Region: bkp sandbox resource add TYPE NAME --region ${region} --file ${request.inventoryFrom}`,
      range: provider.range,
    });
  }
  return warnings;
}

export async function runSimulation(request: SimulationRequest): Promise<SimulationResult> {
  const empty = newState(bkpVersion());
  const scratch = await prepareScratchAccounts(request.config, {
    start: request.start,
    inventoryFrom: request.inventoryFrom,
    declaredVaults: declaredVaultNames(request.evaluate, empty),
  });
  const clients = new ProviderClients({ providers: scratch.providers, dir: request.config.dir });
  try {
    await clients.prepare();
    const applied = await applyToScratch(request, clients, scratch.start);

    // From here on the accounts live in memory only: no file is written per step.
    const accounts: AccountState[] = [];
    for (const account of scratch.accounts) {
      accounts.push(structuredClone(await openSandbox(account.path).read()));
      forgetCachedAccount(account.path);
    }
    const end = scratch.start + request.days * DAY_MS;
    const timeline = new Timeline();
    const jobs: JobOutcome[] = [];
    const copyJobs: CopyOutcome[] = [];
    accounts.forEach((account, index) => timeline.observe(index, account, scratch.start));
    // One-day steps: no recovery point lives less than a day, so none escapes the timeline.
    for (let step = scratch.start + DAY_MS; step <= end; step += DAY_MS) {
      accounts.forEach((account, index) => {
        advanceClockTo(account, step);
        timeline.observe(index, account, step);
        jobs.push(...takeFinishedJobs(index, account));
        copyJobs.push(...takeFinishedCopyJobs(index, account));
      });
    }
    accounts.forEach((account, index) => {
      jobs.push(...takeFinishedJobs(index, account, true));
      copyJobs.push(...takeFinishedCopyJobs(index, account, true));
    });

    const rules = new Map<string, RuleInfo>();
    const protection = new Map<string, RuleInfo[]>();
    accounts.forEach((account, index) => rulesAndProtection(index, account, applied.state, rules, protection));
    const onDemand = new Map(
      applied.state.jobs.map((job) => [job.job_id, { address: job.address, vault: job.vault }]),
    );
    const report = buildReport({
      start: scratch.start,
      end,
      days: request.days,
      inventory: accounts.flatMap((account, index) => inventoryOf(index, account)),
      protection,
      rules,
      onDemand,
      points: timeline.points(),
      jobs,
      copyJobs,
      restoreTests: restoreTestReports(accounts, scratch.start),
      restorable: (point) => restoreCheck(accounts[point.account]!, point.arn).restorable,
    });
    return { report, warnings: [...applied.warnings, ...inventoryRegionWarnings(request, scratch, accounts)] };
  } finally {
    clients.destroy();
    await scratch.cleanup();
  }
}
