// Every recovery point of every vault of an account, read for `bkp check -refresh`. Plain shapes:
// the policy layer turns them into its facts. (The account's resources: account-resources.ts.)
import { createBackupClient, type ClientSettings } from './clients.js';
import { awsCallError } from './errors.js';

export interface RecoveryPointSummary {
  arn: string;
  resourceArn: string;
  vaultName: string;
  status: string;
  createdAt: Date;
  deleteAt?: Date;
}

export interface RecoveryPoints {
  points: RecoveryPointSummary[];
  /** The clock of the account's Backup service (the Date of its replies): a sandbox's is virtual. */
  serverTime?: Date;
}

/** Every recovery point of every vault of the provider's region. */
export async function listRecoveryPoints(settings: ClientSettings, provider: string): Promise<RecoveryPoints> {
  const { ListBackupVaultsCommand, ListRecoveryPointsByBackupVaultCommand } = await import('./sdk/client-backup.js');
  let serverTime: Date | undefined;
  const client = createBackupClient({ ...settings, onServerTime: (date) => (serverTime = date) });
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
  } finally {
    client.destroy();
  }
  return { points, serverTime };
}
