// What `bkp check -refresh` reads of an aws provider's account, against the sandbox's Resource
// Groups Tagging API: tagged source resources by type. (Its recovery-point read runs in the
// `last_recovery_point_created` fixtures of test/e2e/check.test.ts.)
import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBackupVaultCommand } from '@aws-sdk/client-backup';
import { RunInstancesCommand } from '@aws-sdk/client-ec2';
import { listTaggedResources } from '../../src/aws/account-inventory.js';
import { createBackupClient, createEc2Client, createTaggingClient, type ProviderSettings } from '../../src/aws/clients.js';

describe('aws: account inventory for bkp check -refresh', () => {
  let dir: string;
  let settings: ProviderSettings;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'bkp-account-inventory-'));
    settings = { type: 'sandbox', region: 'eu-west-1', sandboxPath: join(dir, 'sandbox.json') };
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('lists tagged instances and volumes with their tags, and leaves out untagged ones and backup objects', async () => {
    const ec2 = await createEc2Client(settings);
    const tagged = await ec2.send(
      new RunInstancesCommand({
        ImageId: 'ami-12c6146b',
        MinCount: 2,
        MaxCount: 2,
        TagSpecifications: [
          { ResourceType: 'instance', Tags: [{ Key: 'backup', Value: 'daily' }] },
          { ResourceType: 'volume', Tags: [{ Key: 'backup', Value: 'volume' }] },
        ],
      }),
    );
    const untagged = await ec2.send(new RunInstancesCommand({ ImageId: 'ami-12c6146b', MinCount: 1, MaxCount: 1 }));
    const backup = createBackupClient(settings);
    await backup.send(new CreateBackupVaultCommand({ BackupVaultName: 'main', BackupVaultTags: { team: 'infra' } }));

    const found = await listTaggedResources(await createTaggingClient(settings), 'aws');
    const instances = found.filter((r) => r.arn.includes(':instance/'));
    const volumes = found.filter((r) => r.arn.includes(':volume/'));
    expect(instances.map((r) => r.arn.split('/')[1]).sort()).to.deep.equal(tagged.Instances!.map((i) => i.InstanceId).sort());
    expect(instances.every((r) => r.tags.backup === 'daily')).to.equal(true);
    expect(volumes).to.have.length(2);
    expect(volumes.every((r) => r.tags.backup === 'volume')).to.equal(true);
    expect(found.some((r) => r.arn.includes(untagged.Instances![0]!.InstanceId!))).to.equal(false);
    expect(found.some((r) => r.arn.includes(':backup:')), 'vaults are not resources to protect').to.equal(false);
  });
});
