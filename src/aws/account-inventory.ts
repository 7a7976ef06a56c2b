// What an account holds beyond bkp's own objects, read for `bkp check -refresh`: the resources
// AWS Backup can protect (through the Resource Groups Tagging API) and every recovery point of
// every vault. Plain shapes: the policy layer turns them into its facts.
import type { BackupClient } from '@aws-sdk/client-backup';
import type { ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { awsCallError } from './errors.js';

/** AWS Backup resource types the Resource Groups Tagging API can list (ResourceTypeFilters). */
const TAGGING_TYPES = ['ec2:instance', 'ec2:volume', 'rds:db', 'rds:cluster', 'elasticfilesystem:file-system', 'fsx:file-system', 'fsx:volume', 'dynamodb:table', 's3'];

export interface TaggedResource {
  arn: string;
  tags: Record<string, string>;
}

export interface RecoveryPointSummary {
  arn: string;
  resourceArn: string;
  vaultName: string;
  status: string;
  createdAt: Date;
  deleteAt?: Date;
}

/**
 * The account's resources of the types AWS Backup protects. The tagging API lists only resources
 * that carry (or once carried) a tag: an untagged resource is missing, as docs/check.md says.
 */
export async function listTaggedResources(client: ResourceGroupsTaggingAPIClient, provider: string): Promise<TaggedResource[]> {
  const { GetResourcesCommand } = await import('@aws-sdk/client-resource-groups-tagging-api');
  const out: TaggedResource[] = [];
  let token: string | undefined;
  try {
    do {
      const page = await client.send(new GetResourcesCommand({ ResourceTypeFilters: TAGGING_TYPES, PaginationToken: token, ResourcesPerPage: 100 }));
      for (const m of page.ResourceTagMappingList ?? []) {
        if (m.ResourceARN === undefined) continue;
        const tags = Object.fromEntries((m.Tags ?? []).flatMap((t) => (t.Key !== undefined ? [[t.Key, t.Value ?? '']] : [])));
        out.push({ arn: m.ResourceARN, tags });
      }
      token = page.PaginationToken || undefined;
    } while (token);
  } catch (e) {
    throw awsCallError(e, 'Listing the resources of', `provider ${provider}`);
  }
  return out;
}

/** Every recovery point of every vault of the client's region. */
export async function listRecoveryPoints(client: BackupClient, provider: string): Promise<RecoveryPointSummary[]> {
  const { ListBackupVaultsCommand, ListRecoveryPointsByBackupVaultCommand } = await import('@aws-sdk/client-backup');
  const points: RecoveryPointSummary[] = [];
  try {
    const vaults: string[] = [];
    let token: string | undefined;
    do {
      const page = await client.send(new ListBackupVaultsCommand({ NextToken: token, MaxResults: 1000 }));
      for (const v of page.BackupVaultList ?? []) if (v.BackupVaultName) vaults.push(v.BackupVaultName);
      token = page.NextToken;
    } while (token);
    for (const vault of vaults) {
      let next: string | undefined;
      do {
        const page = await client.send(new ListRecoveryPointsByBackupVaultCommand({ BackupVaultName: vault, NextToken: next, MaxResults: 1000 }));
        for (const p of page.RecoveryPoints ?? []) {
          if (!p.RecoveryPointArn || !p.ResourceArn || !p.CreationDate) continue;
          const point: RecoveryPointSummary = { arn: p.RecoveryPointArn, resourceArn: p.ResourceArn, vaultName: vault, status: p.Status ?? 'UNKNOWN', createdAt: p.CreationDate };
          if (p.CalculatedLifecycle?.DeleteAt) point.deleteAt = p.CalculatedLifecycle.DeleteAt;
          points.push(point);
        }
        next = page.NextToken;
      } while (next);
    }
  } catch (e) {
    throw awsCallError(e, 'Reading the recovery points of', `provider ${provider}`);
  }
  return points;
}
