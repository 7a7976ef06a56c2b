// What `bkp check` reads of a sandbox account through the service APIs: every source resource
// (untagged ones too) with its tags and name, tagged-only types through the tagging API, and the
// account's clock. (Against moto: test/moto/aws/account-resources.test.ts. The recovery-point read
// runs in the `last_recovery_point_created` fixtures of test/e2e/check.test.ts.)
import { expect } from 'chai';
import { join } from 'node:path';
import { CreateBackupVaultCommand } from '@aws-sdk/client-backup';
import { RunInstancesCommand, TerminateInstancesCommand } from '@aws-sdk/client-ec2';
import { sandboxClientSettings } from '../../src/app/sandbox-provider.js';
import { listAccountResources } from '../../src/aws/account-resources.js';
import { createBackupClient, createEc2Client, type ClientSettings } from '../../src/aws/clients.js';
import { forgetCachedAccount, openSandbox } from '../../src/sandbox/account.js';
import { addResource, type SourceType } from '../../src/sandbox/inventory.js';
import { tempDir } from '../support/cli.js';

const START = new Date('2030-06-01T12:00:00Z');

describe('aws: the account resources bkp check reads, on the sandbox', function () {
  this.timeout(60_000);
  let dir: string;
  let cleanup: () => Promise<void>;
  let path: string;
  let settings: ClientSettings;

  before(async () => {
    ({ dir, cleanup } = await tempDir());
    path = join(dir, 'sandbox.json');
    settings = sandboxClientSettings({ region: 'eu-west-1', path });
    await openSandbox(path, { startTime: START, region: 'eu-west-1' }).update((account) => {
      const add = (type: SourceType, name: string, tags: Record<string, string> = {}, extra = {}) =>
        addResource(account, type, name, { region: 'eu-west-1', accountId: account.accountId, now: START.toISOString(), tags, ...extra });
      add('rds-instance', 'orders', { backup: 'daily' });
      add('aurora-cluster', 'ledger');
      add('docdb-cluster', 'catalog', { team: 'search' });
      add('efs', 'shared');
      const fs = add('fsx', 'files', { Name: 'files' });
      add('fsx-ontap-volume', 'vol1', {}, { fileSystemId: fs.id });
      add('vm', 'legacy', { backup: 'weekly' });
      add('vm', 'untagged-vm');
      add('rds-instance', 'elsewhere', {}, { region: 'us-east-1' });
    });
  });
  after(async () => {
    forgetCachedAccount(path);
    await cleanup();
  });

  it('lists every source with its type, id, name and tags; VMs only when tagged; never backup objects', async () => {
    const ec2 = await createEc2Client(settings);
    const launched = await ec2.send(
      new RunInstancesCommand({ ImageId: 'ami-12c6146b', MinCount: 2, MaxCount: 2, TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'Name', Value: 'web' }] }] }),
    );
    await ec2.send(new TerminateInstancesCommand({ InstanceIds: [launched.Instances![1]!.InstanceId!] }));
    ec2.destroy();
    const backup = createBackupClient(settings);
    await backup.send(new CreateBackupVaultCommand({ BackupVaultName: 'main', BackupVaultTags: { team: 'infra' } }));
    backup.destroy();

    const { resources, unreadable, serverTime } = await listAccountResources(settings, 'sandbox');
    expect(unreadable).to.deep.equal([]);
    expect(serverTime?.toISOString()).to.equal(START.toISOString());
    const summary = resources.map((r) => `${r.type} ${r.name ?? '-'} ${JSON.stringify(r.tags)}`).sort();
    expect(summary).to.deep.equal(
      [
        'EC2 web {"Name":"web"}',
        // The running instance's root volume; the terminated one's was deleted with it.
        'EBS - {}',
        'RDS orders {"backup":"daily"}',
        'Aurora ledger {}',
        'DocumentDB catalog {"team":"search"}',
        'EFS shared {}',
        'FSx files {"Name":"files"}',
        'FSx vol1 {}',
        'VirtualMachine - {"backup":"weekly"}',
      ].sort(),
    );
    const instance = resources.find((r) => r.type === 'EC2')!;
    expect(instance.arn).to.equal(`arn:aws:ec2:eu-west-1:123456789012:instance/${launched.Instances![0]!.InstanceId}`);
    expect(resources.find((r) => r.type === 'EBS')!.arn).to.match(/^arn:aws:ec2:eu-west-1:123456789012:volume\/vol-/);
    expect(resources.find((r) => r.type === 'RDS')!.arn).to.equal('arn:aws:rds:eu-west-1:123456789012:db:orders');
  });
});
