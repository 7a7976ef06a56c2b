// Preflight of on-demand backups: before a plan promises to start a job, check the source resource
// the way AWS Backup will (DESIGN.md section 5), and the target vault's lock against the requested
// retention. Sources are read through their services' APIs (EC2, RDS, EFS, FSx), each client
// loaded only when a job needs it, the same on AWS and on the sandbox. VMs are not read: the
// Backup gateway client is not published at the SDK release bkp pins.
import type { BackupClient } from '@aws-sdk/client-backup';
import type { EC2Client } from '@aws-sdk/client-ec2';
import { parseArn } from '../domain/arn.js';
import type { ClientSettings } from './clients.js';
import { awsErrorName, isVaultMissing } from './errors.js';
import { SourceClients } from './source-clients.js';
import { sourceEligibility, type SourceVerdict } from './source-status.js';
import { backupApi } from './backup-api.js';

export interface SourceCheckRequest {
  address: string;
  resourceArn: string;
  provider: ClientSettings;
}

export interface PreflightFinding {
  address: string;
  severity: 'error' | 'warning';
  summary: string;
  detail: string;
  /** The configuration attribute the finding is about (for the source excerpt). */
  attribute: 'resource_arn' | 'vault' | 'lifecycle';
}

/** What AWS Backup will do with an EC2 instance in `state` (undefined: the instance is gone). */
export function ec2InstanceFinding(address: string, arn: string, state: string | undefined): PreflightFinding | undefined {
  if (state === 'running' || state === 'stopped') return undefined;
  const base = { address, attribute: 'resource_arn' as const };
  if (state === undefined) {
    return { ...base, severity: 'error', summary: `${address}: the instance to back up does not exist`, detail: `EC2 has no instance ${arn}. Check resource_arn (region, account and instance id).` };
  }
  if (state === 'pending' || state === 'stopping') {
    return { ...base, severity: 'warning', summary: `${address}: the instance is ${state}`, detail: `Instance ${arn} is ${state}; the backup job waits until it is running or stopped.` };
  }
  return {
    ...base,
    severity: 'error',
    summary: `${address}: the instance cannot be backed up`,
    detail: `Instance ${arn} is ${state}: AWS Backup backs up only running or stopped instances, so the job would fail. Point resource_arn at an existing instance, or remove this on_demand_backup.`,
  };
}

/** What AWS Backup will do with a volume in `state` (undefined: the volume is gone). */
export function ebsVolumeFinding(address: string, arn: string, state: string | undefined): PreflightFinding | undefined {
  if (state === 'available' || state === 'in-use') return undefined;
  const base = { address, attribute: 'resource_arn' as const };
  if (state === undefined) return { ...base, severity: 'error', summary: `${address}: the volume to back up does not exist`, detail: `EC2 has no volume ${arn}.` };
  if (state === 'creating') return { ...base, severity: 'warning', summary: `${address}: the volume is still being created`, detail: `Volume ${arn} is creating; the job waits until it is available.` };
  return { ...base, severity: 'error', summary: `${address}: the volume cannot be backed up`, detail: `Volume ${arn} is ${state}; the job would fail.` };
}

/** A source's verdict as a finding: fail → error, wait → warning (the job queues), missing → error. */
export function eligibilityFinding(address: string, arn: string, eligibility: SourceVerdict | undefined): PreflightFinding | undefined {
  const base = { address, attribute: 'resource_arn' as const };
  if (eligibility === undefined) {
    return { ...base, severity: 'error', summary: `${address}: the resource to back up does not exist`, detail: `The account has no resource ${arn}. Check resource_arn.` };
  }
  if (eligibility.kind === 'ok') return undefined;
  if (eligibility.kind === 'wait') {
    return {
      ...base,
      severity: 'warning',
      summary: `${address}: the backup job will wait in the queue`,
      detail: `${eligibility.message} If it is not AVAILABLE before the start window ends, the job ends EXPIRED.`,
    };
  }
  return { ...base, severity: 'error', summary: `${address}: the resource cannot be backed up`, detail: `${eligibility.message} The job would fail; fix the source or remove this on_demand_backup.` };
}

/** Why a vault lock forbids keeping a recovery point `deleteAfterDays` (undefined: forever), if it does. */
export function retentionViolation(lock: { min?: number; max?: number }, deleteAfterDays: number | undefined): string | undefined {
  const tooShort = lock.min !== undefined && deleteAfterDays !== undefined && deleteAfterDays < lock.min;
  const tooLong = lock.max !== undefined && (deleteAfterDays === undefined || deleteAfterDays > lock.max);
  if (!tooShort && !tooLong) return undefined;
  const kept = deleteAfterDays === undefined ? 'kept forever (no lifecycle.delete_after_days)' : `kept ${deleteAfterDays} days`;
  return `The recovery point would be ${kept}, but the vault lock allows ${lock.min ?? 1} to ${lock.max ?? 36500} days: AWS Backup would fail the job.`;
}

async function ec2State(client: EC2Client, kind: 'instance' | 'volume', id: string): Promise<string | undefined> {
  const ec2 = await import('./sdk/client-ec2.js');
  try {
    if (kind === 'instance') {
      const out = await client.send(new ec2.DescribeInstancesCommand({ InstanceIds: [id] }));
      return out.Reservations?.flatMap((r) => r.Instances ?? []).find((i) => i.InstanceId === id)?.State?.Name;
    }
    const out = await client.send(new ec2.DescribeVolumesCommand({ VolumeIds: [id] }));
    return out.Volumes?.find((v) => v.VolumeId === id)?.State;
  } catch (e) {
    if (/\.NotFound$|Malformed$/.test(awsErrorName(e) ?? '')) return undefined;
    throw e;
  }
}

/** Checks every job's source resource; returns what would make AWS Backup fail or wait. */
export async function checkJobSources(requests: readonly SourceCheckRequest[]): Promise<PreflightFinding[]> {
  const findings: PreflightFinding[] = [];
  const clients = new Map<ClientSettings, SourceClients>();
  try {
    for (const request of requests) {
      let forProvider = clients.get(request.provider);
      if (forProvider === undefined) {
        forProvider = new SourceClients(request.provider);
        clients.set(request.provider, forProvider);
      }
      const finding = await checkOne(request, forProvider);
      if (finding) findings.push(finding);
    }
  } finally {
    for (const forProvider of clients.values()) await forProvider.destroy();
  }
  return findings;
}

async function checkOne(request: SourceCheckRequest, clients: SourceClients): Promise<PreflightFinding | undefined> {
  const { address, resourceArn: arn } = request;
  const parsed = parseArn(arn);
  if (parsed?.service === 'ec2') {
    const { resourceType: kind, resourceId: id } = parsed;
    if ((kind === 'instance' || kind === 'volume') && id) {
      const state = await ec2State(await clients.ec2(parsed.region), kind, id);
      return kind === 'instance' ? ec2InstanceFinding(address, arn, state) : ebsVolumeFinding(address, arn, state);
    }
  }
  const verdict = await sourceEligibility(clients, arn);
  if (verdict !== 'unsupported') return eligibilityFinding(address, arn, verdict);
  const vm = parsed?.service === 'backup-gateway';
  return {
    address,
    attribute: 'resource_arn',
    severity: 'warning',
    summary: `${address}: the source resource was not checked`,
    detail: vm
      ? `bkp cannot read virtual machines (the AWS SDK release bkp uses has no Backup gateway client). AWS Backup needs the hypervisor of ${arn} ONLINE, or the job fails.`
      : `bkp checks EC2, RDS, Aurora, DocumentDB, EFS and FSx sources before starting a job, but cannot read ${parsed?.service ?? 'this kind of'} resources. ` +
        `AWS Backup needs ${arn} to be available, or the job fails or waits.`,
  };
}

export interface VaultCheckRequest {
  address: string;
  vault: string;
  deleteAfterDays: number | undefined;
  backup: BackupClient;
}

/**
 * For a vault bkp does not manage (a declared one is checked by validation against its lock
 * block): the vault must exist, and its lock must allow the requested retention.
 */
export async function checkUnmanagedVault(request: VaultCheckRequest): Promise<PreflightFinding | undefined> {
  const { DescribeBackupVaultCommand } = await backupApi();
  const { address, vault } = request;
  let facts;
  try {
    facts = await request.backup.send(new DescribeBackupVaultCommand({ BackupVaultName: vault }));
  } catch (e) {
    if (!isVaultMissing(e)) throw e;
    return {
      address,
      attribute: 'vault',
      severity: 'error',
      summary: `${address}: the target vault does not exist`,
      detail: `There is no backup vault "${vault}" in the account (or the credentials may not see it). Declare it with a backup_vault or logically_air_gapped_vault block, or name an existing vault.`,
    };
  }
  const violation = retentionViolation({ min: facts.MinRetentionDays, max: facts.MaxRetentionDays }, request.deleteAfterDays);
  if (!violation) return undefined;
  return { address, attribute: 'lifecycle', severity: 'error', summary: `${address}: the vault lock of "${vault}" forbids this retention`, detail: `${violation} Set lifecycle.delete_after_days within the lock's range.` };
}
