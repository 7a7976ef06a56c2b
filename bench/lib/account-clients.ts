// SDK clients on the benchmark's sandbox account, built exactly as bkp builds them from the
// configuration's provider blocks, and the few direct calls the benchmarks make with them.
import { GetBackupPlanCommand, ListBackupVaultsCommand, UpdateBackupPlanCommand, type BackupClient, type BackupRuleInput } from '@aws-sdk/client-backup';
import type { Config } from '../../src/config/model.js';
import type { StateResource } from '../../src/state/model.js';
import { fromDist } from './dist.js';
import { driftCount } from './scale-matrix.js';

const { createBackupClient } = await fromDist<typeof import('../../src/aws/clients.js')>('aws/clients.js');
const { providerSettings } = await fromDist<typeof import('../../src/app/providers.js')>('app/providers.js');

/** Backup clients by provider key ("sandbox", "sandbox.r2", …). */
export function clientsFor(config: Config): Map<string, BackupClient> {
  return new Map(config.providers.map((p) => [p.key, createBackupClient(providerSettings(p, config.dir))]));
}

async function withClients<T>(config: Config, work: (clients: Map<string, BackupClient>) => Promise<T>): Promise<T> {
  const clients = clientsFor(config);
  try {
    return await work(clients);
  } finally {
    for (const c of clients.values()) c.destroy();
  }
}

/** One unmeasured read per region, so the account file is parsed and cached before timing. */
export function warmUp(config: Config): Promise<void> {
  return withClients(config, async (clients) => {
    for (const client of clients.values()) await client.send(new ListBackupVaultsCommand({ MaxResults: 1 }));
  });
}

/**
 * Drift made behind bkp's back: the "daily" rule of `share` of the managed plans keeps its
 * recovery points one day longer. Returns the addresses of the changed plans.
 */
export function driftPlans(config: Config, resources: readonly StateResource[], share: number): Promise<string[]> {
  const plans = resources.filter((r) => r.kind === 'backup_plan');
  const howMany = driftCount(plans.length, share);
  const step = plans.length / howMany;
  const chosen = Array.from({ length: howMany }, (_, i) => plans[Math.floor(i * step)]!);
  return withClients(config, async (clients) => {
    for (const plan of chosen) {
      const client = clients.get(plan.provider)!;
      const current = await client.send(new GetBackupPlanCommand({ BackupPlanId: plan.id }));
      const rules: BackupRuleInput[] = (current.BackupPlan?.Rules ?? []).map((rule) =>
        rule.RuleName === 'daily' ? { ...rule, Lifecycle: { ...rule.Lifecycle, DeleteAfterDays: (rule.Lifecycle?.DeleteAfterDays ?? 35) + 1 } } : rule,
      );
      await client.send(
        new UpdateBackupPlanCommand({
          BackupPlanId: plan.id,
          BackupPlan: {
            BackupPlanName: current.BackupPlan?.BackupPlanName,
            Rules: rules,
            AdvancedBackupSettings: current.BackupPlan?.AdvancedBackupSettings,
          },
        }),
      );
    }
    return chosen.map((p) => p.address);
  });
}
