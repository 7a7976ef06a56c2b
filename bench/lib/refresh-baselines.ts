// What refreshing the scale account costs without bkp's list-first refresh, measured in-process with
// the same SDK clients bkp builds, the same limiter and the same injected latency:
//   - naive: one Get/Describe per managed resource, plus ListTags for vaults and plans;
//   - floor: the fewest list calls that see every managed resource (vault and plan pages per
//     region, one ListBackupSelections per plan); executed for its time, and computed from the
//     API's page sizes for its count.
// And bkp's own engine refresh() on the same state, for the refresh part of `bkp plan`.
import {
  DescribeBackupVaultCommand,
  GetBackupPlanCommand,
  GetBackupSelectionCommand,
  ListBackupPlansCommand,
  ListBackupSelectionsCommand,
  ListBackupVaultsCommand,
  ListTagsCommand,
} from '@aws-sdk/client-backup';
import type { Config } from '../../src/config/model.js';
import type { ObjectValue } from '../../src/core/values.js';
import type { StateResource } from '../../src/state/model.js';
import { clientsFor } from './account-clients.js';
import { callCounts, resetCallCounts, totalCalls } from './count-calls.mjs';
import { fromDist } from './dist.js';
import { MAX_PAGE_SIZE, plansWithSelections } from './floor.js';
import { timed } from './stats.js';

const { ProviderClients } = await fromDist<typeof import('../../src/app/providers.js')>('app/providers.js');
const { Limiter } = await fromDist<typeof import('../../src/engine/limiter.js')>('engine/limiter.js');
const { HandlerContexts } = await fromDist<typeof import('../../src/engine/handler-contexts.js')>('engine/handler-contexts.js');
const { refresh } = await fromDist<typeof import('../../src/engine/refresh.js')>('engine/refresh.js');
const { setSandboxFaults } = await fromDist<typeof import('../../src/sandbox/faults.js')>('sandbox/faults.js');

export interface CallMeasurement {
  wallMs: number;
  calls: Record<string, number>;
  total: number;
}

export interface BaselineInputs {
  config: Config;
  resources: StateResource[];
  lineage: string;
  parallelism: number;
  latencyMs: number;
}

async function measureCalls(latencyMs: number, work: () => Promise<unknown>): Promise<CallMeasurement> {
  setSandboxFaults({ latencyMs });
  resetCallCounts();
  try {
    const { ms } = await timed(work);
    return { wallMs: ms, calls: callCounts(), total: totalCalls() };
  } finally {
    setSandboxFaults(undefined);
  }
}

/** One read per resource: DescribeBackupVault + ListTags, GetBackupPlan + ListTags, GetBackupSelection. */
export async function naiveRefresh(inputs: BaselineInputs): Promise<CallMeasurement> {
  const clients = clientsFor(inputs.config);
  const limiter = new Limiter(inputs.parallelism);
  try {
    return await measureCalls(inputs.latencyMs, () =>
      limiter.map(inputs.resources, async (r) => {
        const client = clients.get(r.provider)!;
        const arn = String(r.attributes.arn ?? '');
        if (r.kind === 'backup_vault') {
          await client.send(new DescribeBackupVaultCommand({ BackupVaultName: r.id }));
          await client.send(new ListTagsCommand({ ResourceArn: arn }));
        } else if (r.kind === 'backup_plan') {
          await client.send(new GetBackupPlanCommand({ BackupPlanId: r.id }));
          await client.send(new ListTagsCommand({ ResourceArn: arn }));
        } else if (r.kind === 'backup_selection') {
          const [planId, selectionId] = r.id.split('/');
          await client.send(new GetBackupSelectionCommand({ BackupPlanId: planId, SelectionId: selectionId }));
        }
      }),
    );
  } finally {
    for (const c of clients.values()) c.destroy();
  }
}

async function pages(list: (token: string | undefined) => Promise<string | undefined>): Promise<void> {
  let token: string | undefined;
  do token = await list(token);
  while (token);
}

/** The fewest list calls that show every managed resource, executed (for the time). */
export async function floorRefresh(inputs: BaselineInputs): Promise<CallMeasurement> {
  const clients = clientsFor(inputs.config);
  const limiter = new Limiter(inputs.parallelism);
  const holds = (key: string, kind: string) => inputs.resources.some((r) => r.provider === key && r.kind === kind);
  const providers = [...new Set(inputs.resources.map((r) => r.provider))];
  const plans = plansWithSelections(inputs.resources);
  try {
    return await measureCalls(inputs.latencyMs, async () => {
      const listings = providers.flatMap((key) => {
        const client = clients.get(key)!;
        const vaults = () => pages(async (t) => (await client.send(new ListBackupVaultsCommand({ MaxResults: MAX_PAGE_SIZE, NextToken: t }))).NextToken);
        const plans = () => pages(async (t) => (await client.send(new ListBackupPlansCommand({ MaxResults: MAX_PAGE_SIZE, NextToken: t }))).NextToken);
        return [...(holds(key, 'backup_vault') ? [vaults] : []), ...(holds(key, 'backup_plan') ? [plans] : [])];
      });
      const selections = [...plans].map(([planId, provider]) => () => {
        const client = clients.get(provider)!;
        return pages(
          async (t) => (await client.send(new ListBackupSelectionsCommand({ BackupPlanId: planId, MaxResults: MAX_PAGE_SIZE, NextToken: t }))).NextToken,
        );
      });
      await limiter.map([...listings, ...selections], (list) => list());
    });
  } finally {
    for (const c of clients.values()) c.destroy();
  }
}

/** bkp's engine refresh() of the whole state, in-process (the refresh part of `bkp plan`). */
export async function bkpRefresh(inputs: BaselineInputs): Promise<CallMeasurement> {
  const clients = new ProviderClients(inputs.config);
  const limiter = new Limiter(inputs.parallelism);
  const prior = inputs.resources.map((r) => ({ ...r, attributes: r.attributes as ObjectValue }));
  try {
    return await measureCalls(inputs.latencyMs, () => refresh(prior, new HandlerContexts(clients, limiter, inputs.lineage)));
  } finally {
    clients.destroy();
  }
}
