// The work behind `bkp check`: load the configuration, gather the inventory of protectable
// resources (offline: the policy's resource blocks, sandbox source blocks and an existing sandbox
// account file; with -refresh: the account itself and its recovery points), evaluate the policies
// and print the report. Exit 0 compliant, 3 non-compliant, 1 on error.
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { loadValidConfig } from '../../app/configuration.js';
import type { Config } from '../../config/model.js';
import { ErrorCode, UserError } from '../../core/errors.js';
import { providerSettings, ProviderClients } from '../../app/providers.js';
import { configuredSources } from '../../policy/inventory.js';
import { evaluatePolicies } from '../../policy/evaluate.js';
import { isCompliant, type CheckInputs, type InventoryResource, type RecoveryPointFact } from '../../policy/model.js';
import { resourceTypeOfArn, arnParts } from '../../policy/resource-types.js';
import { renderCheckHuman } from '../../render/check-human.js';
import { checkToJson } from '../../render/check-json.js';
import { renderCheckMarkdown } from '../../render/check-markdown.js';
import { checkToSarif } from '../../render/check-sarif.js';
import { renderDiagnostics } from '../../render/diagnostics.js';
import { bkpVersion } from '../../core/version.js';
import { configInputs, type CommandContext } from '../context.js';
import type { VarFlags } from '../commands/shared-options.js';

export interface CheckFlags extends VarFlags {
  json?: boolean;
  format?: string;
  refresh?: boolean;
  out?: string;
  /** The directory SARIF URIs are relative to (default: the current directory, the repository root in CI). */
  'sarif-base'?: string;
}

export async function runCheck(ctx: CommandContext, flags: CheckFlags): Promise<number> {
  const { config, warnings, sources } = await loadValidConfig(configInputs(ctx, flags));
  if (warnings.length > 0) ctx.io.err(renderDiagnostics(warnings, sources, ctx.io.colorErr));
  if (config.policies.length === 0) {
    throw new UserError(ErrorCode.PolicyNotFound, 'The configuration has no policy block, so bkp check has nothing to evaluate.', {
      hint: 'Add a policy, e.g. policy "company" { control "resources_protected_by_backup_plan" {} }. docs/check.md lists the controls.',
    });
  }
  const inputs = flags.refresh ? await accountInputs(config) : await offlineInputs(config);
  const report = evaluatePolicies(config, inputs);
  const format = flags.json ? 'json' : (flags.format ?? 'human');
  let text: string;
  if (format === 'json') text = JSON.stringify(checkToJson(report), null, 2);
  else if (format === 'sarif') {
    const base = resolve(process.cwd(), flags['sarif-base'] ?? '.');
    text = JSON.stringify(checkToSarif(report, { uriPrefix: sarifPrefix(base, ctx.dir), toolVersion: bkpVersion() }), null, 2);
  } else if (format === 'markdown') text = renderCheckMarkdown(report);
  else text = renderCheckHuman(report, { color: flags.out ? false : ctx.io.color, sources });

  if (flags.out) {
    await writeFile(resolve(process.cwd(), flags.out), text.endsWith('\n') ? text : `${text}\n`);
    ctx.io.err(`Wrote the ${format} report to ${flags.out}.`);
  } else ctx.io.out(text);
  return isCompliant(report) ? 0 : 3;
}

/** Configuration file paths are relative to the configuration directory; SARIF wants them relative to -sarif-base. */
function sarifPrefix(base: string, dir: string): string {
  const rel = relative(base, dir).split('\\').join('/');
  return rel === '' ? '' : `${rel}/`;
}

/** Offline: nothing but local files. An existing sandbox account is read, never created or changed. */
async function offlineInputs(config: Config): Promise<CheckInputs> {
  const sandbox = await sandboxInventory(config);
  const declared = configuredSources(config);
  const inventory = withSourceRanges(sandbox.inventory, declared);
  // Source blocks the account does not hold yet: created by the next plan or apply.
  const pending = declared.filter((d) => !sandbox.inventory.some((r) => r.sourceKey === d.sourceKey || r.arn === d.arn));
  inventory.push(...pending);
  const inventorySources = [...sandbox.sources];
  if (pending.length > 0) inventorySources.push('sandbox source blocks');
  if (config.policies.some((p) => Array.isArray(p.attributes.resource))) inventorySources.push('policy resource blocks');
  return { inventory, inventorySources, now: sandbox.now ?? new Date() };
}

/** An account resource that a source block declares points at that block. */
function withSourceRanges(inventory: InventoryResource[], declared: InventoryResource[]): InventoryResource[] {
  return inventory.map((resource) => {
    const block = declared.find((d) => d.sourceKey === resource.sourceKey || d.arn === resource.arn);
    return block?.range ? { ...resource, range: block.range } : resource;
  });
}

async function sandboxInventory(config: Config): Promise<{ inventory: InventoryResource[]; sources: string[]; now?: Date }> {
  const inventory: InventoryResource[] = [];
  const sources: string[] = [];
  let now: Date | undefined;
  for (const provider of config.providers) {
    if (provider.type !== 'sandbox') continue;
    const settings = providerSettings(provider, config.dir);
    const path = settings.sandboxPath!;
    if (!existsSync(path)) continue;
    const [{ readAccount }, { effectiveNow }, { BACKUP_RESOURCE_TYPE }] = await Promise.all([
      import('../../sandbox/account.js'),
      import('../../sandbox/clock.js'),
      import('../../sandbox/inventory.js'),
    ]);
    const account = await readAccount(path);
    now = new Date(effectiveNow(account));
    sources.push(`sandbox account ${relative(config.dir, path).split('\\').join('/')}`);
    for (const r of account.inventory) {
      if (inventory.some((i) => i.arn === r.arn)) continue;
      const parts = arnParts(r.arn);
      inventory.push({
        arn: r.arn,
        type: BACKUP_RESOURCE_TYPE[r.type],
        id: r.id,
        region: parts?.region,
        account: parts?.account,
        tags: { ...r.tags },
        sourceKey: `${r.type}/${r.name}`,
      });
    }
  }
  return { inventory, sources, now };
}

/** -refresh: the account's resources and recovery points, read through the SDK clients. */
async function accountInputs(config: Config): Promise<CheckInputs> {
  const clients = new ProviderClients(config);
  try {
    // As plan does: a sandbox account gets the sources its provider blocks declare.
    await clients.prepare();
    const sandbox = await sandboxInventory(config);
    const inventory = withSourceRanges(sandbox.inventory, configuredSources(config));
    const inventorySources = [...sandbox.sources];
    const { listRecoveryPoints } = await import('../../aws/account-inventory.js');
    const recoveryPoints: RecoveryPointFact[] = [];
    for (const key of clients.keys()) {
      const settings = clients.settingsFor(key);
      if (settings.type === 'aws') {
        const found = await taggedResources(clients, key);
        for (const r of found) if (!inventory.some((i) => i.arn === r.arn)) inventory.push(r);
        inventorySources.push(`account resources (provider ${key}, tagged resources only)`);
      }
      recoveryPoints.push(...(await listRecoveryPoints(await clients.backup(key), key)));
    }
    return { inventory, inventorySources, recoveryPoints, now: sandbox.now ?? new Date() };
  } finally {
    clients.destroy();
  }
}

/** The account's tagged resources as inventory facts (the types AWS Backup protects). */
async function taggedResources(clients: ProviderClients, key: string): Promise<InventoryResource[]> {
  const { listTaggedResources } = await import('../../aws/account-inventory.js');
  return (await listTaggedResources(await clients.tagging(key), key)).flatMap(({ arn, tags }) => {
    const type = resourceTypeOfArn(arn);
    if (type === undefined) return [];
    const parts = arnParts(arn);
    return [{ arn, type, id: parts?.id ?? arn, region: parts?.region, account: parts?.account, tags }];
  });
}
