// What refreshing the scale account costs without bkp's list-first refresh, measured in-process with
// the same SDK clients bkp builds, the same limiter and the same injected latency:
//   - naive: one Get/Describe per managed resource, plus ListTags for every tagged kind (vaults of
//     both types, plans, tiering configurations, legal holds), as Terraform's AWS provider reads;
//   - floor: the fewest list calls that see every managed resource (per region: a vault page per
//     vault type, plan, tiering configuration and legal hold pages; one ListBackupSelections per
//     plan; one Describe per settings object); executed for its time, and computed from the API's
//     page sizes for its count.
// And bkp's own engine refresh() on the same state, for the refresh part of `bkp plan`.
import {
  DescribeBackupVaultCommand,
  DescribeGlobalSettingsCommand,
  DescribeRegionSettingsCommand,
  GetBackupPlanCommand,
  GetBackupSelectionCommand,
  GetLegalHoldCommand,
  GetTieringConfigurationCommand,
  ListBackupPlansCommand,
  ListBackupSelectionsCommand,
  ListBackupVaultsCommand,
  ListLegalHoldsCommand,
  ListTagsCommand,
  ListTieringConfigurationsCommand,
  type BackupClient,
} from '@aws-sdk/client-backup';
import type { Config } from '../../src/config/model.js';
import type { ObjectValue } from '../../src/core/values.js';
import type { StateResource } from '../../src/state/model.js';
import { clientsFor } from './account-clients.js';
import { callCounts, resetCallCounts, totalCalls } from './count-calls.mjs';
import { fromDist } from './dist.js';
import { DESCRIBE_OF_KIND, listedKindsByProvider, MAX_PAGE_SIZE, plansWithSelections } from './floor.js';
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

/** The naive read of one resource: its Get/Describe, and ListTags where the kind has tags. */
async function readOne(client: BackupClient, r: StateResource): Promise<void> {
  const arn = String(r.attributes.arn ?? '');
  const tags = () => client.send(new ListTagsCommand({ ResourceArn: arn }));
  switch (r.kind) {
    case 'backup_vault':
    case 'logically_air_gapped_vault':
      await client.send(new DescribeBackupVaultCommand({ BackupVaultName: r.id }));
      await tags();
      break;
    case 'backup_plan':
      await client.send(new GetBackupPlanCommand({ BackupPlanId: r.id }));
      await tags();
      break;
    case 'backup_selection': {
      const [planId, selectionId] = r.id.split('/');
      await client.send(new GetBackupSelectionCommand({ BackupPlanId: planId, SelectionId: selectionId }));
      break;
    }
    case 'tiering_configuration':
      await client.send(new GetTieringConfigurationCommand({ TieringConfigurationName: r.id }));
      await tags();
      break;
    case 'legal_hold':
      await client.send(new GetLegalHoldCommand({ LegalHoldId: r.id }));
      await tags();
      break;
    case 'region_settings':
      await client.send(new DescribeRegionSettingsCommand({}));
      break;
    case 'global_settings':
      await client.send(new DescribeGlobalSettingsCommand({}));
      break;
    default:
      throw new Error(`naive refresh: no read for kind ${r.kind}`);
  }
}

/** One read per resource (readOne), as many at once as the parallelism allows. */
export async function naiveRefresh(inputs: BaselineInputs): Promise<CallMeasurement> {
  const clients = clientsFor(inputs.config);
  const limiter = new Limiter(inputs.parallelism);
  try {
    return await measureCalls(inputs.latencyMs, () => limiter.map(inputs.resources, (r) => readOne(clients.get(r.provider)!, r)));
  } finally {
    for (const c of clients.values()) c.destroy();
  }
}

async function pages(list: (token: string | undefined) => Promise<string | undefined>): Promise<void> {
  let token: string | undefined;
  do token = await list(token);
  while (token);
}

/** One paginated listing of `kind` (a key of LISTING_OF_KIND) with the client of its provider. */
function listAll(client: BackupClient, kind: string): Promise<void> {
  const page = { MaxResults: MAX_PAGE_SIZE };
  switch (kind) {
    case 'backup_vault':
    case 'logically_air_gapped_vault': {
      const ByVaultType = kind === 'backup_vault' ? 'BACKUP_VAULT' : 'LOGICALLY_AIR_GAPPED_BACKUP_VAULT';
      return pages(async (t) => (await client.send(new ListBackupVaultsCommand({ ...page, ByVaultType, NextToken: t }))).NextToken);
    }
    case 'backup_plan':
      return pages(async (t) => (await client.send(new ListBackupPlansCommand({ ...page, NextToken: t }))).NextToken);
    case 'tiering_configuration':
      return pages(async (t) => (await client.send(new ListTieringConfigurationsCommand({ ...page, NextToken: t }))).NextToken);
    case 'legal_hold':
      return pages(async (t) => (await client.send(new ListLegalHoldsCommand({ ...page, NextToken: t }))).NextToken);
    default:
      throw new Error(`physical floor: no listing for kind ${kind}`);
  }
}

/** The fewest list calls that show every managed resource, executed (for the time). */
export async function floorRefresh(inputs: BaselineInputs): Promise<CallMeasurement> {
  const clients = clientsFor(inputs.config);
  const limiter = new Limiter(inputs.parallelism);
  const plans = plansWithSelections(inputs.resources);
  try {
    return await measureCalls(inputs.latencyMs, async () => {
      const listings = [...listedKindsByProvider(inputs.resources).values()].map(({ kind, provider }) => () => listAll(clients.get(provider)!, kind));
      const selections = [...plans].map(([planId, provider]) => () => {
        const client = clients.get(provider)!;
        return pages(
          async (t) => (await client.send(new ListBackupSelectionsCommand({ BackupPlanId: planId, MaxResults: MAX_PAGE_SIZE, NextToken: t }))).NextToken,
        );
      });
      // A settings object is one Describe call, as in the naive read.
      const settings = inputs.resources
        .filter((r) => DESCRIBE_OF_KIND[r.kind] !== undefined)
        .map((r) => () => readOne(clients.get(r.provider)!, r));
      await limiter.map([...listings, ...selections, ...settings], (list) => list());
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
