// Recovery points as `bkp show ADDRESS` lists them: ListRecoveryPointsByBackupVault, optionally for
// one source resource, mapped to a plain shape for the views.
import type { BackupClient, RecoveryPointByBackupVault } from '@aws-sdk/client-backup';
import { backupApi } from '../../aws/backup-api.js';

export interface RecoveryPointFacts {
  arn: string;
  status: string;
  storageClass: string;
  resourceArn: string;
  resourceType?: string;
  createdAt?: string;
  moveToColdAt?: string;
  deleteAt?: string;
  /** The recovery point this incremental one builds on; undefined for a full backup. */
  parentArn?: string;
  sizeBytes?: number;
  jobId?: string;
}

const iso = (d: Date | undefined) => (d ? new Date(d).toISOString() : undefined);

export function recoveryPointFromAws(p: RecoveryPointByBackupVault): RecoveryPointFacts {
  const facts: RecoveryPointFacts = {
    arn: p.RecoveryPointArn ?? '',
    status: p.Status ?? 'UNKNOWN',
    storageClass: 'WARM',
    resourceArn: p.ResourceArn ?? '',
  };
  if (p.ResourceType) facts.resourceType = p.ResourceType;
  const created = iso(p.CreationDate);
  if (created) facts.createdAt = created;
  const cold = iso(p.CalculatedLifecycle?.MoveToColdStorageAt);
  if (cold) facts.moveToColdAt = cold;
  const deleteAt = iso(p.CalculatedLifecycle?.DeleteAt);
  if (deleteAt) facts.deleteAt = deleteAt;
  if (p.ParentRecoveryPointArn) facts.parentArn = p.ParentRecoveryPointArn;
  if (p.BackupSizeInBytes !== undefined) facts.sizeBytes = p.BackupSizeInBytes;
  return facts;
}

/** Every recovery point of a vault (of one resource when given), oldest first. */
export async function listRecoveryPoints(client: BackupClient, vault: string, resourceArn?: string): Promise<RecoveryPointFacts[]> {
  const { ListRecoveryPointsByBackupVaultCommand, DescribeRecoveryPointCommand } = await backupApi();
  const points: RecoveryPointFacts[] = [];
  let token: string | undefined;
  do {
    const out = await client.send(
      new ListRecoveryPointsByBackupVaultCommand({ BackupVaultName: vault, ByResourceArn: resourceArn, NextToken: token, MaxResults: 1000 }),
    );
    for (const p of out.RecoveryPoints ?? []) points.push(recoveryPointFromAws(p));
    token = out.NextToken;
  } while (token);
  // The listing does not carry the storage class: DescribeRecoveryPoint does.
  await Promise.all(
    points.map(async (p) => {
      const described = await client.send(new DescribeRecoveryPointCommand({ BackupVaultName: vault, RecoveryPointArn: p.arn }));
      if (described.StorageClass) p.storageClass = described.StorageClass;
    }),
  );
  return points.sort((a, b) => ((a.createdAt ?? '') < (b.createdAt ?? '') ? -1 : (a.createdAt ?? '') > (b.createdAt ?? '') ? 1 : 0));
}
