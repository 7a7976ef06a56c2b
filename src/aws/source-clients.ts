// The SDK clients that read source resources (EC2, RDS, EFS, FSx, the tagging API) for one
// provider: each created on first use, per region (a source's ARN names its region), and all
// destroyed together. Their modules are large, so nothing loads one a run does not need.
import type { EC2Client } from '@aws-sdk/client-ec2';
import type { EFSClient } from '@aws-sdk/client-efs';
import type { FSxClient } from '@aws-sdk/client-fsx';
import type { RDSClient } from '@aws-sdk/client-rds';
import type { ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { createEc2Client, createEfsClient, createFsxClient, createRdsClient, createTaggingClient, type ClientSettings } from './clients.js';

interface Destroyable {
  destroy(): void;
}

export class SourceClients {
  private readonly clients = new Map<string, Promise<Destroyable>>();

  constructor(readonly settings: ClientSettings) {}

  ec2(region?: string): Promise<EC2Client> {
    return this.get('ec2', region, createEc2Client);
  }

  rds(region?: string): Promise<RDSClient> {
    return this.get('rds', region, createRdsClient);
  }

  efs(region?: string): Promise<EFSClient> {
    return this.get('efs', region, createEfsClient);
  }

  fsx(region?: string): Promise<FSxClient> {
    return this.get('fsx', region, createFsxClient);
  }

  tagging(region?: string): Promise<ResourceGroupsTaggingAPIClient> {
    return this.get('tagging', region, createTaggingClient);
  }

  async destroy(): Promise<void> {
    const all = [...this.clients.values()];
    this.clients.clear();
    for (const settled of await Promise.allSettled(all)) if (settled.status === 'fulfilled') settled.value.destroy();
  }

  /** `region` empty or absent: the provider's. */
  private get<T extends Destroyable>(service: string, region: string | undefined, create: (settings: ClientSettings) => Promise<T>): Promise<T> {
    const where = region || this.settings.region;
    const key = `${service}\u0000${where}`;
    let client = this.clients.get(key);
    if (client === undefined) {
      client = create({ ...this.settings, region: where });
      this.clients.set(key, client);
    }
    return client as Promise<T>;
  }
}
