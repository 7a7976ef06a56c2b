// The work behind `bkp restore`: find the recovery point (given by ARN, or as the one an
// on_demand_backup made), read its restore metadata, merge the -metadata overrides, show what will
// be created and ask for `yes`, start the restore job, and follow it with -wait as `bkp jobs
// --watch` follows backup jobs. A restore creates new resources outside the configuration: it
// never writes the state.
import { randomUUID } from 'node:crypto';
import type { BackupClient } from '@aws-sdk/client-backup';
import { loadValidConfig } from './configuration.js';
import { ErrorCode, UserError } from '../core/errors.js';
import { awsCallError, awsErrorName } from '../aws/errors.js';
import { backupApi } from '../aws/backup-api.js';
import { describeRestoreJob, restoreMetadata, startRestoreJob, type RestoreMetadata } from '../aws/restore-jobs.js';
import type { RestoreJobFacts } from '../domain/job-facts.js';
import { isIamRoleArn, parseArn } from '../domain/arn.js';
import { describeJob } from '../resources/on-demand-backup/jobs.js';
import { kindModel } from '../resources/registry.js';
import { findResource, parseAddress, type StateDocument } from '../state/model.js';
import { configInputs, type CommandContext } from './context.js';
import { parsePollInterval } from './duration.js';
import { stateBackendFor } from './engine-session.js';
import { notify } from './io-host.js';
import type { StateFlags, VarFlags } from './options.js';
import { ProviderClients } from './providers.js';
import { watchJobs, withInterrupt, type WatchResult } from './jobs.js';
import { shellWord } from '../core/shell.js';

export interface RestoreFlags extends VarFlags, StateFlags {
  /** A recovery point ARN, or the address of an on_demand_backup. */
  target: string;
  metadata?: string[];
  'iam-role-arn'?: string;
  vault?: string;
  'auto-approve'?: boolean;
  wait?: boolean;
  'wait-interval'?: string;
  json?: boolean;
}

/** What the restore will do, shown before it is approved. */
export interface RestorePreview {
  recoveryPointArn: string;
  vault: string;
  resourceType: string;
  /** The on_demand_backup the recovery point came from, when named by address. */
  address?: string;
  /** The metadata StartRestoreJob receives: AWS's, with the overrides applied. */
  metadata: Record<string, string>;
  /** Keys set or changed by -metadata. */
  overridden: string[];
  iamRoleArn?: string;
  provider: string;
}


/** -metadata KEY=VALUE pairs; a key matching AWS's without regard to case replaces it (AWS ignores case in keys). */
export function mergeMetadata(base: Record<string, string>, overrides: readonly string[]): { metadata: Record<string, string>; overridden: string[] } {
  const metadata = { ...base };
  const overridden: string[] = [];
  for (const pair of overrides) {
    const at = pair.indexOf('=');
    if (at <= 0) {
      throw new UserError(ErrorCode.Usage, `-metadata needs KEY=VALUE, got "${pair}".`, {
        hint: 'Write each override as -metadata KEY=VALUE, e.g. -metadata DBInstanceIdentifier=orders-restored (repeatable).',
      });
    }
    const key = pair.slice(0, at);
    const same = Object.keys(metadata).find((k) => k.toLowerCase() === key.toLowerCase());
    if (same !== undefined && same !== key) delete metadata[same];
    metadata[key] = pair.slice(at + 1);
    overridden.push(key);
  }
  return { metadata, overridden };
}

async function readState(config: Parameters<typeof stateBackendFor>[0]): Promise<StateDocument> {
  const session = await stateBackendFor(config).open({ operation: 'restore', lock: false, lockTimeoutMs: 0 });
  try {
    return session.current();
  } finally {
    await session.close();
  }
}

interface RecoveryPointTarget {
  provider: string;
  recoveryPointArn: string;
  /** Vaults to look for the point in, the likeliest first. */
  vaults: string[] | 'search';
  address?: string;
}

/** The provider for an ARN: the one in the ARN's region, else the configuration's first. */
function providerForArn(clients: ProviderClients, arn: string): string {
  const region = parseArn(arn)?.region;
  return clients.keys().find((key) => clients.location(key).region === region) ?? clients.keys()[0]!;
}

async function targetOf(doc: StateDocument, clients: ProviderClients, flags: RestoreFlags): Promise<RecoveryPointTarget> {
  const given = flags.target;
  if (given.startsWith('arn:')) {
    return { provider: providerForArn(clients, given), recoveryPointArn: given, vaults: flags.vault !== undefined ? [flags.vault] : 'search' };
  }
  let kind: string;
  try {
    kind = parseAddress(given).kind;
  } catch {
    throw new UserError(ErrorCode.Usage, `"${given}" is neither a recovery point ARN nor a resource address.`, {
      hint: 'Name a recovery point ARN (`bkp show VAULT_ADDRESS` lists them) or an on_demand_backup address such as on_demand_backup.before-migration.',
    });
  }
  const model = kindModel(kind);
  if (model?.isVault) {
    throw new UserError(ErrorCode.Usage, `${given} is a vault: it holds many recovery points, and bkp restore restores one.`, {
      hint: `Pick one from \`bkp show ${shellWord(given)}\` and run \`bkp restore RECOVERY_POINT_ARN\`.`,
    });
  }
  if (!model?.startsJob) {
    throw new UserError(ErrorCode.Usage, `bkp restore restores a recovery point; ${given} is a ${kind}, which has none.`, {
      hint: 'Name a recovery point ARN or an on_demand_backup address.',
    });
  }
  const resource = findResource(doc, given);
  if (resource === undefined) {
    throw new UserError(ErrorCode.Usage, `There is no resource ${given} in the state.`, { hint: 'Run `bkp state list` to see the addresses the state holds.' });
  }
  const vault = String(resource.attributes.vault ?? '');
  let pointArn = typeof resource.attributes.recovery_point_arn === 'string' ? resource.attributes.recovery_point_arn : undefined;
  if (pointArn === undefined) {
    // The state keeps what the last apply or `bkp jobs` saw; the job may have completed since.
    const client = await clients.backup(resource.provider);
    const job = await describeJob(client, resource.id, given).catch((e: unknown) => {
      throw awsCallError(e, 'Reading the backup job of', given);
    });
    pointArn = job?.recoveryPointArn;
    if (pointArn === undefined || (job !== null && job.state !== 'COMPLETED' && job.state !== 'PARTIAL')) {
      const state = job?.state ?? 'unknown to AWS';
      throw new UserError(ErrorCode.Usage, `${given} has no recovery point to restore yet: its backup job ${resource.id} is ${state}.`, {
        hint:
          clients.settingsFor(resource.provider).type === 'sandbox'
            ? 'Move the sandbox clock (`bkp sandbox advance 1h`) until the job completes (`bkp jobs`), then restore.'
            : 'Wait for the job to complete (`bkp jobs --watch`), then restore.',
      });
    }
  }
  return { provider: resource.provider, recoveryPointArn: pointArn, vaults: [vault], address: given };
}

/** The vaults a recovery point given by ARN may be in: the managed ones first, then every vault of the account. */
async function candidateVaults(doc: StateDocument, client: BackupClient, provider: string): Promise<string[]> {
  const names = doc.resources.filter((r) => kindModel(r.kind)?.isVault && r.provider === provider).map((r) => r.id);
  const { ListBackupVaultsCommand } = await backupApi();
  let token: string | undefined;
  do {
    const out = await client.send(new ListBackupVaultsCommand({ NextToken: token, MaxResults: 1000 }));
    for (const v of out.BackupVaultList ?? []) if (v.BackupVaultName !== undefined && !names.includes(v.BackupVaultName)) names.push(v.BackupVaultName);
    token = out.NextToken;
  } while (token);
  return names;
}

async function findMetadata(doc: StateDocument, client: BackupClient, target: RecoveryPointTarget): Promise<RestoreMetadata & { vault: string }> {
  const label = target.address ?? target.recoveryPointArn;
  const vaults = target.vaults === 'search' ? await candidateVaults(doc, client, target.provider) : target.vaults;
  for (const vault of vaults) {
    const found = await restoreMetadata(client, vault, target.recoveryPointArn).catch((e: unknown) => {
      throw awsCallError(e, 'Reading the restore metadata of', label);
    });
    if (found !== undefined) return { ...found, vault };
  }
  throw new UserError(ErrorCode.AwsNotFound, `Recovery point ${target.recoveryPointArn} was not found in ${vaults.length === 1 ? `vault ${vaults[0]}` : `any of the ${vaults.length} vaults of the account`}.`, {
    hint: 'Check the ARN with `bkp show VAULT_ADDRESS` (it lists the recovery points of a vault), or name its vault with -vault=NAME.',
  });
}

async function approve(ctx: CommandContext): Promise<void> {
  const answer = await ctx.host.ask({
    code: 'BKP_Q_APPROVE',
    message: `\nDo you want to start this restore?\n  bkp will start the restore job described above.\n  Only 'yes' will be accepted to approve.\n\n  Enter a value: `,
  });
  if (answer === undefined) {
    throw new UserError(ErrorCode.Usage, 'bkp restore needs approval, but no terminal is attached to ask for it.', {
      hint: 'Review the restore above, then run again with -auto-approve.',
    });
  }
  if (answer !== 'yes') throw new UserError(ErrorCode.Usage, 'Restore cancelled.', { exitCode: 1 });
}

async function start(client: BackupClient, preview: RestorePreview): Promise<string> {
  try {
    return await startRestoreJob(client, {
      recoveryPointArn: preview.recoveryPointArn,
      metadata: preview.metadata,
      ...(preview.iamRoleArn !== undefined ? { iamRoleArn: preview.iamRoleArn } : {}),
      resourceType: preview.resourceType,
      idempotencyToken: randomUUID(),
    });
  } catch (e) {
    const name = awsErrorName(e);
    if (name === 'MissingParameterValueException' || name === 'InvalidParameterValueException') {
      throw new UserError(ErrorCode.AwsCall, `AWS Backup refused to restore ${preview.address ?? preview.recoveryPointArn}: ${(e as Error).message}`, {
        hint: 'Set or correct the restore metadata with -metadata KEY=VALUE (repeatable); the keys AWS Backup expects per resource type are listed in docs/restore.md.',
        cause: e,
      });
    }
    throw awsCallError(e, 'Starting the restore of', preview.address ?? preview.recoveryPointArn);
  }
}

async function readRestoreJob(client: BackupClient, jobId: string): Promise<RestoreJobFacts> {
  const job = await describeRestoreJob(client, jobId).catch((e: unknown) => {
    throw awsCallError(e, 'Reading restore job', jobId);
  });
  if (job === null) throw new UserError(ErrorCode.AwsNotFound, `AWS Backup does not know restore job ${jobId}.`);
  return job;
}

export async function runRestore(ctx: CommandContext, flags: RestoreFlags): Promise<number> {
  const json = flags.json === true;
  if (json && flags['auto-approve'] !== true) {
    throw new UserError(ErrorCode.Usage, 'bkp restore -json needs -auto-approve: with JSON output there is no prompt.', {
      hint: 'Run `bkp restore TARGET` first to review what it creates, then `bkp restore TARGET -json -auto-approve`.',
    });
  }
  const intervalMs = parsePollInterval(flags['wait-interval'] ?? '5s', '-wait-interval');
  const role = flags['iam-role-arn'];
  if (role !== undefined && !isIamRoleArn(role)) {
    // AWS would accept the start and fail the job later, after the prompt and the wait.
    throw new UserError(ErrorCode.Usage, `-iam-role-arn=${role} is not an IAM role ARN.`, {
      hint: 'Give the ARN of the role AWS Backup restores with, such as arn:aws:iam::123456789012:role/service-role/AWSBackupDefaultServiceRole.',
    });
  }
  const { config } = await loadValidConfig(configInputs(ctx, flags));
  if (config.providers.length === 0) {
    throw new UserError(ErrorCode.ConfigInvalid, 'The configuration declares no provider, so bkp does not know which account to restore in.', {
      hint: 'Add a provider "aws" or provider "sandbox" block.',
    });
  }
  const clients = new ProviderClients(config);
  try {
    const doc = await readState(config);
    const target = await targetOf(doc, clients, flags);
    const client = await clients.backup(target.provider);
    const found = await findMetadata(doc, client, target);
    const { metadata, overridden } = mergeMetadata(found.metadata, flags.metadata ?? []);
    const preview: RestorePreview = {
      recoveryPointArn: found.recoveryPointArn,
      vault: found.vault,
      resourceType: found.resourceType,
      metadata,
      overridden,
      provider: target.provider,
      ...(target.address !== undefined ? { address: target.address } : {}),
      ...(flags['iam-role-arn'] !== undefined ? { iamRoleArn: flags['iam-role-arn'] } : {}),
    };
    if (!json) await notify(ctx.host, 'BKP_R_RESTORE_PREVIEW', 'result', `Restore ${preview.recoveryPointArn} (${preview.resourceType}).`, { preview });
    if (flags['auto-approve'] !== true) await approve(ctx);
    const jobId = await start(client, preview);
    let job = await readRestoreJob(client, jobId);
    const sandbox = clients.settingsFor(target.provider).type === 'sandbox';
    if (flags.wait !== true) {
      await notify(ctx.host, 'BKP_R_RESTORE_STARTED', 'result', `Restore job ${jobId} started: ${job.state}.`, { preview, job, sandbox, format: json ? 'json' : 'human' });
      return 0;
    }
    if (!json) await notify(ctx.host, 'BKP_I_WAITING_FOR_JOBS', 'result', `\nRestore job ${jobId} started; waiting for it to end…`, { count: 1 });
    const watched: WatchResult = await withInterrupt((signal) =>
      watchJobs(ctx, clients, [{ provider: target.provider, known: job }], {
        intervalMs,
        json,
        signal,
        initial: [job],
        read: async (t) => readRestoreJob(client, t.known.jobId),
      }),
    );
    job = (watched.jobs[0] as RestoreJobFacts | undefined) ?? job;
    const { ok, interrupted, stalled } = watched;
    const text = interrupted ? 'Stopped watching: interrupted.' : ok ? 'The restore job completed.' : `The restore job ended ${job.state}.`;
    await notify(ctx.host, 'BKP_R_RESTORE_WATCHED', 'result', text, { preview, job, ok, interrupted, stalled, sandbox, format: json ? 'json' : 'human' });
    if (interrupted) return 130;
    return ok ? 0 : 1;
  } finally {
    clients.destroy();
  }
}
