// Plan-time checks of on-demand backup sources: the decisions and the sandbox inventory (the
// check against moto's EC2 is in test/moto/aws/source-checks.test.ts).
import { expect } from 'chai';
import { join } from 'node:path';
import { CreateBackupVaultCommand, PutBackupVaultLockConfigurationCommand } from '@aws-sdk/client-backup';
import {
  checkJobSources,
  checkUnmanagedVault,
  ec2InstanceFinding,
  eligibilityFinding,
  retentionViolation,
} from '../../src/aws/source-preflight.js';
import { sandboxClientSettings } from '../../src/app/sandbox-provider.js';
import { createBackupClient, type ClientSettings } from '../../src/aws/clients.js';
import { openSandbox } from '../../src/sandbox/account.js';
import { addResource, removeResource } from '../../src/sandbox/inventory.js';
import { tempDir } from '../support/cli.js';

describe('source preflight decisions', () => {
  it('accepts running and stopped instances and refuses terminated or missing ones', () => {
    expect(ec2InstanceFinding('a', 'arn', 'running')).to.equal(undefined);
    expect(ec2InstanceFinding('a', 'arn', 'stopped')).to.equal(undefined);
    const terminated = ec2InstanceFinding('on_demand_backup.web', 'arn:i', 'terminated')!;
    expect(terminated.severity).to.equal('error');
    expect(terminated.summary).to.include('on_demand_backup.web');
    expect(terminated.detail).to.include('terminated');
    expect(ec2InstanceFinding('a', 'arn:i', undefined)!.detail).to.include('no instance');
    expect(ec2InstanceFinding('a', 'arn:i', 'pending')!.severity).to.equal('warning');
  });

  it('maps sandbox eligibility: wait is a queue warning, fail and missing are errors', () => {
    expect(eligibilityFinding('a', 'arn', { kind: 'ok' })).to.equal(undefined);
    const wait = eligibilityFinding('a', 'arn', { kind: 'wait', message: 'fsx fs-1 is UPDATING' })!;
    expect(wait.severity).to.equal('warning');
    expect(wait.summary).to.include('wait in the queue');
    expect(wait.detail).to.include('EXPIRED');
    expect(eligibilityFinding('a', 'arn', { kind: 'fail', message: 'DP volumes are not supported' })!.severity).to.equal('error');
    expect(eligibilityFinding('a', 'arn', undefined)!.summary).to.include('does not exist');
  });

  it('checks retention against a vault lock', () => {
    expect(retentionViolation({ min: 7, max: 30 }, 14)).to.equal(undefined);
    expect(retentionViolation({ min: 7, max: 30 }, 3)).to.include('7 to 30 days');
    expect(retentionViolation({ min: 7, max: 30 }, 60)).to.include('kept 60 days');
    expect(retentionViolation({ max: 30 }, undefined)).to.include('kept forever');
    expect(retentionViolation({ min: 7 }, undefined)).to.equal(undefined);
  });
});

describe('source preflight on the sandbox, through the service APIs', function () {
  this.timeout(60_000);
  let dir: string;
  let cleanup: () => Promise<void>;
  let provider: ClientSettings;
  const arns: Record<string, string> = {};

  before(async () => {
    ({ dir, cleanup } = await tempDir());
    const path = join(dir, 'sandbox.json');
    provider = sandboxClientSettings({ region: 'us-east-1', path });
    await openSandbox(path).update((account) => {
      const add = (type: Parameters<typeof addResource>[1], name: string, state?: string, extra = {}) => {
        const resource = addResource(account, type, name, { region: 'us-east-1', accountId: account.accountId, now: new Date(account.clock.now).toISOString(), state, ...extra });
        arns[name] = resource.arn;
        return resource;
      };
      add('ec2-instance', 'running');
      add('ec2-instance', 'gone', 'terminated');
      add('rds-instance', 'db', 'AVAILABLE');
      add('rds-instance', 'paused', 'STOPPED');
      add('rds-instance', 'resizing', 'UPDATING');
      add('aurora-cluster', 'ledger', 'AVAILABLE');
      add('docdb-cluster', 'catalog', 'STOPPED');
      add('efs', 'shared', 'AVAILABLE');
      add('efs', 'broken', 'FAILED');
      const deleted = add('efs', 'deleted', 'AVAILABLE');
      removeResource(account, deleted);
      const busy = add('fsx', 'busy', 'UPDATING');
      const ontap = add('fsx', 'ontap', 'AVAILABLE');
      add('fsx-ontap-volume', 'dp', 'AVAILABLE', { ontapVolumeType: 'DP', fileSystemId: ontap.id });
      add('fsx-ontap-volume', 'ls', 'AVAILABLE', { ontapVolumeType: 'LS', fileSystemId: ontap.id });
      add('fsx-ontap-volume', 'rw', 'AVAILABLE', { fileSystemId: ontap.id });
      add('fsx-ontap-volume', 'changing', 'UPDATING', { fileSystemId: ontap.id });
      add('fsx-ontap-volume', 'onbusy', 'AVAILABLE', { fileSystemId: busy.id });
      add('vm', 'legacy', 'OFFLINE');
    });
  });
  after(async () => cleanup());

  it('judges every source type as AWS Backup would, from what its service describes', async () => {
    const names = Object.keys(arns);
    const findings = await checkJobSources(names.map((name) => ({ address: `on_demand_backup.${name}`, resourceArn: arns[name]!, provider })));
    const by = Object.fromEntries(findings.map((f) => [f.address.split('.')[1]!, f]));
    const verdicts = Object.fromEntries(names.map((name) => [name, by[name]?.severity ?? 'ok']));
    expect(verdicts).to.deep.equal({
      running: 'ok',
      gone: 'error',
      db: 'ok',
      paused: 'error',
      resizing: 'warning',
      ledger: 'ok',
      catalog: 'error',
      shared: 'ok',
      broken: 'error',
      deleted: 'error',
      busy: 'warning',
      ontap: 'ok',
      dp: 'error',
      ls: 'error',
      rw: 'ok',
      changing: 'warning',
      onbusy: 'warning',
      legacy: 'warning',
    });
    expect(by['gone']!.detail).to.include('terminated');
    expect(by['paused']!.detail).to.include('RDS instance paused is stopped');
    expect(by['resizing']!.summary).to.include('wait in the queue');
    expect(by['catalog']!.detail).to.include('DocumentDB cluster catalog is stopped');
    expect(by['broken']!.detail).to.include('EFS file system');
    expect(by['deleted']!.summary).to.include('does not exist');
    expect(by['busy']!.detail).to.include('UPDATING');
    expect(by['dp']!.detail).to.include('DP');
    expect(by['changing']!.detail).to.include('VOLUME_UPDATE');
    expect(by['onbusy']!.detail).to.include('file system');
    expect(by['legacy']!.summary).to.include('not checked');
  });

  it('reports a source that does not exist', async () => {
    const [finding] = await checkJobSources([{ address: 'x', resourceArn: 'arn:aws:rds:us-east-1:123456789012:db:nope', provider }]);
    expect(finding!.severity).to.equal('error');
    expect(finding!.summary).to.include('does not exist');
  });

  it('refuses an unmanaged vault whose lock forbids the retention, and a missing vault', async () => {
    const backup = createBackupClient(provider);
    await backup.send(new CreateBackupVaultCommand({ BackupVaultName: 'locked' }));
    await backup.send(new PutBackupVaultLockConfigurationCommand({ BackupVaultName: 'locked', MinRetentionDays: 7, MaxRetentionDays: 30 }));
    expect(await checkUnmanagedVault({ address: 'a', vault: 'locked', deleteAfterDays: 14, backup })).to.equal(undefined);
    expect((await checkUnmanagedVault({ address: 'a', vault: 'locked', deleteAfterDays: 90, backup }))!.attribute).to.equal('lifecycle');
    expect((await checkUnmanagedVault({ address: 'a', vault: 'missing', deleteAfterDays: 14, backup }))!.summary).to.include('does not exist');
    backup.destroy();
  });
});
