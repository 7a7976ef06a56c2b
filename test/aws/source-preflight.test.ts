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
import { createBackupClient, type ProviderSettings } from '../../src/aws/clients.js';
import { openSandbox } from '../../src/sandbox/account.js';
import { addResource } from '../../src/sandbox/inventory.js';
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

describe('source preflight on the sandbox', function () {
  this.timeout(60_000);
  let dir: string;
  let cleanup: () => Promise<void>;
  let provider: ProviderSettings;
  const arns: Record<string, string> = {};

  before(async () => {
    ({ dir, cleanup } = await tempDir());
    const path = join(dir, 'sandbox.json');
    provider = { type: 'sandbox', region: 'us-east-1', sandboxPath: path };
    await openSandbox(path).update((account) => {
      const add = (type: Parameters<typeof addResource>[1], name: string, state?: string, extra = {}) => {
        arns[name] = addResource(account, type, name, { region: 'us-east-1', accountId: account.accountId, now: new Date(account.clock.now).toISOString(), state, ...extra }).arn;
      };
      add('ec2-instance', 'running');
      add('ec2-instance', 'gone', 'terminated');
      add('fsx', 'busy', 'UPDATING');
      add('fsx-ontap-volume', 'dp', 'AVAILABLE', { ontapVolumeType: 'DP' });
      add('rds-instance', 'db', 'AVAILABLE');
    });
  });
  after(async () => cleanup());

  it('reads EC2 through the EC2 client and the other types from the inventory', async () => {
    const findings = await checkJobSources(
      ['running', 'gone', 'busy', 'dp', 'db'].map((name) => ({ address: `on_demand_backup.${name}`, resourceArn: arns[name]!, provider })),
    );
    const by = Object.fromEntries(findings.map((f) => [f.address, f]));
    expect(by['on_demand_backup.running']).to.equal(undefined);
    expect(by['on_demand_backup.db']).to.equal(undefined);
    expect(by['on_demand_backup.gone']!.severity).to.equal('error');
    expect(by['on_demand_backup.busy']!.severity).to.equal('warning');
    expect(by['on_demand_backup.dp']!.severity).to.equal('error');
    expect(by['on_demand_backup.dp']!.detail).to.include('DP');
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
