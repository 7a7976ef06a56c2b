// The resources AWS Backup has backed up in an account (ListProtectedResources), read for
// `bkp check -refresh` as evidence of what is protected: each with its latest backup.
import { createBackupClient, type ClientSettings } from './clients.js';
import { awsCallError } from './errors.js';

export interface ProtectedResourceSummary {
  arn: string;
  type?: string;
  name?: string;
  lastBackupTime?: Date;
  lastBackupVaultArn?: string;
  lastRecoveryPointArn?: string;
}

/** Every resource of the provider's Region that AWS Backup lists as protected, page by page. */
export async function listProtectedResources(settings: ClientSettings, provider: string): Promise<ProtectedResourceSummary[]> {
  const { ListProtectedResourcesCommand } = await import('./sdk/client-backup.js');
  const client = createBackupClient(settings);
  const resources: ProtectedResourceSummary[] = [];
  try {
    let token: string | undefined;
    do {
      const page = await client.send(new ListProtectedResourcesCommand({ NextToken: token, MaxResults: 1000 }));
      for (const r of page.Results ?? []) {
        if (!r.ResourceArn) continue;
        const resource: ProtectedResourceSummary = { arn: r.ResourceArn };
        if (r.ResourceType) resource.type = r.ResourceType;
        if (r.ResourceName) resource.name = r.ResourceName;
        if (r.LastBackupTime) resource.lastBackupTime = r.LastBackupTime;
        if (r.LastBackupVaultArn) resource.lastBackupVaultArn = r.LastBackupVaultArn;
        if (r.LastRecoveryPointArn) resource.lastRecoveryPointArn = r.LastRecoveryPointArn;
        resources.push(resource);
      }
      token = page.NextToken;
    } while (token);
  } catch (e) {
    throw awsCallError(e, 'Listing the protected resources of', `provider ${provider}`);
  } finally {
    client.destroy();
  }
  return resources;
}
