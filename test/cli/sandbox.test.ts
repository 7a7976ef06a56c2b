import { expect } from 'chai';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CreateBackupVaultCommand, DescribeRecoveryPointCommand, StartBackupJobCommand } from '@aws-sdk/client-backup';
import { DescribeInstancesCommand, DescribeVolumesCommand, StopInstancesCommand } from '@aws-sdk/client-ec2';
import { createBackupClient, createEc2Client } from '../../src/aws/clients.js';
import { sandboxClientSettings } from '../../src/app/sandbox-provider.js';
import { parseDuration } from '../../src/app/sandbox/common.js';
import { bkpSandbox, tempDir } from './sandbox-helpers.js';

interface ListedResource {
  id: string;
  type: string;
  name: string;
  arn: string;
  state: string;
  tags: Record<string, string>;
  backup: { kind: string; message?: string };
  volumeIds?: string[];
  members?: { name: string; failed: boolean }[];
}

async function listJson(dir: string): Promise<ListedResource[]> {
  const result = await bkpSandbox(dir, 'resource', 'list', '-json');
  expect(result.exitCode).to.equal(0);
  return JSON.parse(result.stdout) as ListedResource[];
}

describe('bkp sandbox resource', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = tempDir()));
  afterEach(() => cleanup());

  it('adds a resource of every type with AWS ARNs, and lists them with their backup eligibility', async () => {
    const adds = [
      ['ec2-instance', 'web', '--tag', 'env=prod', '--tag', 'backup=daily'],
      ['rds-instance', 'orders', '--state', 'updating'],
      ['aurora-cluster', 'ledger'],
      ['docdb-cluster', 'catalog', '--state', 'FAILED'],
      ['efs', 'home'],
      ['fsx', 'share', '--full'],
      ['fsx-ontap-volume', 'vol1', '--file-system', 'share'],
      ['vm', 'legacy', '--state', 'offline'],
      ['ebs-volume', 'scratch', '--size', '100'],
    ];
    for (const args of adds) {
      const result = await bkpSandbox(dir, 'resource', 'add', ...args);
      expect(result.exitCode, args.join(' ')).to.equal(0);
      expect(result.stdout).to.match(new RegExp(`^Added ${args[0]} ${args[1]}\\n  id: `));
    }
    const listed = await listJson(dir);
    const byName = new Map(listed.map((r) => [`${r.type}/${r.name}`, r]));
    const web = byName.get('ec2-instance/web')!;
    expect(web.arn).to.match(/^arn:aws:ec2:us-east-1:123456789012:instance\/i-[0-9a-f]{17}$/);
    expect(web.tags).to.deep.equal({ env: 'prod', backup: 'daily', Name: 'web' });
    expect(web.backup.kind).to.equal('ok');
    // The instance comes with its root volume, as in EC2.
    expect(listed.filter((r) => r.type === 'ebs-volume')).to.have.length(2);
    expect(byName.get('rds-instance/orders')!.arn).to.equal('arn:aws:rds:us-east-1:123456789012:db:orders');
    expect(byName.get('rds-instance/orders')!.backup.kind).to.equal('wait');
    expect(byName.get('docdb-cluster/catalog')!.backup.kind).to.equal('fail');
    const fsx = byName.get('fsx/share')!;
    const ontap = byName.get('fsx-ontap-volume/vol1')!;
    expect(ontap.arn).to.equal(`arn:aws:fsx:us-east-1:123456789012:volume/${fsx.id}/${ontap.id}`);
    expect(ontap.backup.message).to.contain('is full');
    expect(byName.get('vm/legacy')!.backup.message).to.contain('hypervisor is OFFLINE');

    const table = await bkpSandbox(dir, 'resource', 'list');
    expect(table.stdout.split('\n')[0]).to.match(/^NAME\s+TYPE\s+STATE\s+ID\s+BACKUP\s+TAGS$/);
    expect(table.stdout).to.match(/\nweb\s+ec2-instance\s+running\s+i-[0-9a-f]{17}\s+ok\s+env=prod, backup=daily, Name=web\n/);
    const onlyVms = await bkpSandbox(dir, 'resource', 'list', '--type', 'vm');
    expect(onlyVms.stdout.split('\n')).to.have.length(2);
  });

  it('records ONTAP volume types, full flags and composite members', async () => {
    await bkpSandbox(dir, 'resource', 'add', 'fsx-ontap-volume', 'mirror', '--ontap-volume-type', 'LS');
    await bkpSandbox(dir, 'resource', 'add', 'ec2-instance', 'sap', '--member', 'data', '--member', 'log:failed');
    const listed = await listJson(dir);
    const mirror = listed.find((r) => r.name === 'mirror')!;
    expect(mirror.backup).to.deep.equal({
      kind: 'fail',
      message: `Unable to back up fsx-ontap-volume ${mirror.id}: FSx for ONTAP LS volumes are not supported by AWS Backup.`,
    });
    expect(listed.find((r) => r.name === 'sap')!.members).to.deep.equal([
      { name: 'data', failed: false },
      { name: 'log', failed: true },
    ]);
  });

  it('refuses an unknown type, listing the types and suggesting the closest', async () => {
    const result = await bkpSandbox(dir, 'resource', 'add', 'aurora', 'x');
    expect(result.exitCode).to.equal(1);
    expect(result.error?.message).to.equal('Unknown source resource type "aurora".');
    expect(result.error?.hint).to.contain('ec2-instance, ebs-volume, rds-instance, aurora-cluster');
    const typo = await bkpSandbox(dir, 'resource', 'add', 'rds-instanse', 'x');
    expect(typo.error?.message).to.contain('Did you mean "rds-instance"?');
  });

  it('refuses a wrong state, a malformed tag, a duplicate name and flags that do not fit the type', async () => {
    const state = await bkpSandbox(dir, 'resource', 'add', 'vm', 'a', '--state', 'running');
    expect(state.error?.message).to.contain('"running" is not a vm state');
    expect(state.error?.hint).to.contain('ONLINE, OFFLINE, ERROR');
    const tag = await bkpSandbox(dir, 'resource', 'add', 'efs', 'a', '--tag', 'env');
    expect(tag.error?.message).to.contain('"env" is not a tag');
    await bkpSandbox(dir, 'resource', 'add', 'efs', 'home');
    const duplicate = await bkpSandbox(dir, 'resource', 'add', 'efs', 'home');
    expect(duplicate.error?.message).to.match(/already has efs "home" in us-east-1/);
    const misplaced = await bkpSandbox(dir, 'resource', 'add', 'efs', 'other', '--ontap-volume-type', 'DP');
    expect(misplaced.error?.message).to.equal('--ontap-volume-type does not apply to efs resources.');
    const badType = await bkpSandbox(dir, 'resource', 'add', 'fsx-ontap-volume', 'v', '--ontap-volume-type', 'XX');
    expect(badType.error?.hint).to.contain('RW (read-write), DP (data protection) or LS');
    const negative = await bkpSandbox(dir, 'resource', 'add', 'ebs-volume', 'v', '--size', '-5');
    expect(negative.error?.message).to.equal('--size must be a whole number of GiB of at least 1, not -5.');
    const word = await bkpSandbox(dir, 'resource', 'add', 'ebs-volume', 'v', '--size', 'big');
    expect(word.error?.message).to.equal('--size must be a whole number of GiB of at least 1.');
    expect((await listJson(dir)).map((r) => r.name)).to.deep.equal(['home']);
  });

  it('sets state and tags, resolves names by type, and explains ambiguity and typos', async () => {
    await bkpSandbox(dir, 'resource', 'add', 'ec2-instance', 'db');
    await bkpSandbox(dir, 'resource', 'add', 'rds-instance', 'db');
    const ambiguous = await bkpSandbox(dir, 'resource', 'set', 'db', '--state', 'stopped');
    expect(ambiguous.error?.message).to.match(/^"db" names 2 sandbox resources: ec2-instance i-[0-9a-f]{17}, rds-instance db\.$/);
    expect(ambiguous.error?.hint).to.contain('--type');

    const set = await bkpSandbox(dir, 'resource', 'set', 'db', '--type', 'ec2-instance', '--state', 'terminated', '--tag', 'team=data');
    expect(set.exitCode).to.equal(0);
    expect(set.stdout).to.contain('state:  terminated');
    expect(set.stdout).to.contain('backup: fails');
    const untag = await bkpSandbox(dir, 'resource', 'set', 'db', '--type', 'ec2-instance', '--untag', 'team');
    expect(untag.stdout).to.contain('tags:   Name=db');

    const typo = await bkpSandbox(dir, 'resource', 'set', 'dv', '--type', 'rds-instance', '--state', 'AVAILABLE');
    expect(typo.error?.message).to.equal('The sandbox has no rds-instance called "dv". Did you mean "db"?');
    const nothing = await bkpSandbox(dir, 'resource', 'set', 'db', '--type', 'rds-instance');
    expect(nothing.error?.message).to.equal('Nothing to change for "db".');
  });

  it('removes an instance with its root volume, and refuses to remove a file system that still has volumes', async () => {
    await bkpSandbox(dir, 'resource', 'add', 'ec2-instance', 'web');
    const removed = await bkpSandbox(dir, 'resource', 'rm', 'web');
    expect(removed.stdout).to.match(/^Removed ec2-instance web \(i-[0-9a-f]{17}\)/);
    expect(await listJson(dir)).to.deep.equal([]);

    await bkpSandbox(dir, 'resource', 'add', 'fsx', 'share');
    await bkpSandbox(dir, 'resource', 'add', 'fsx-ontap-volume', 'v1', '--file-system', 'share');
    const refused = await bkpSandbox(dir, 'resource', 'rm', 'share');
    expect(refused.error?.message).to.equal('File system "share" still has 1 volume(s): v1.');
    await bkpSandbox(dir, 'resource', 'rm', 'v1');
    expect((await bkpSandbox(dir, 'resource', 'rm', 'share')).exitCode).to.equal(0);
  });

  it('is the same data the EC2 API shows and changes', async () => {
    await bkpSandbox(dir, 'resource', 'add', 'ec2-instance', 'web', '--tag', 'env=prod');
    const file = join(dir, '.bkp', 'sandbox.json');
    const ec2 = await createEc2Client(sandboxClientSettings({ region: 'us-east-1', path: file }));
    const described = await ec2.send(new DescribeInstancesCommand({ Filters: [{ Name: 'tag:env', Values: ['prod'] }] }));
    const instance = described.Reservations?.[0]?.Instances?.[0];
    expect(instance?.State?.Name).to.equal('running');
    const volumes = await ec2.send(new DescribeVolumesCommand({}));
    expect(volumes.Volumes?.[0]?.Attachments?.[0]?.InstanceId).to.equal(instance?.InstanceId);

    await ec2.send(new StopInstancesCommand({ InstanceIds: [instance!.InstanceId!] }));
    const listed = await listJson(dir);
    expect(listed.find((r) => r.name === 'web')?.state).to.equal('stopped');
  });

  it('creates the account in the region given by --region, and --file chooses the account file', async () => {
    const result = await bkpSandbox(dir, 'resource', 'add', 'efs', 'home', '--region', 'eu-west-1', '--file', 'other.json');
    expect(result.stdout).to.contain('arn:aws:elasticfilesystem:eu-west-1:123456789012:file-system/fs-');
    const status = await bkpSandbox(dir, 'status', '--file', 'other.json', '-json');
    expect(JSON.parse(status.stdout)).to.include({ defaultRegion: 'eu-west-1', path: join(dir, 'other.json') });
  });

  it('refuses a --region that is no Region name and an --account-id that is not twelve digits, creating no file', async () => {
    const region = await bkpSandbox(dir, 'resource', 'add', 'efs', 'home', '--region', 'Europe', '--file', 'other.json');
    expect(region.error?.message).to.equal('--region=Europe is not an AWS Region name.');
    const account = await bkpSandbox(dir, 'status', '--account-id', 'abc', '--file', 'other.json');
    expect(account.error?.message).to.equal('--account-id=abc is not an AWS account id: it must be twelve digits.');
    expect(existsSync(join(dir, 'other.json'))).to.equal(false);
  });
});

describe('bkp sandbox advance, status and restore-check', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = tempDir()));
  afterEach(() => cleanup());

  async function startJobForWeb(deleteAfterDays?: number) {
    await bkpSandbox(dir, 'resource', 'add', 'ec2-instance', 'web');
    const [web] = (await listJson(dir)).filter((r) => r.type === 'ec2-instance');
    const backup = createBackupClient(sandboxClientSettings({ region: 'us-east-1', path: join(dir, '.bkp', 'sandbox.json') }));
    await backup.send(new CreateBackupVaultCommand({ BackupVaultName: 'main' }));
    const job = await backup.send(
      new StartBackupJobCommand({
        BackupVaultName: 'main',
        ResourceArn: web!.arn,
        IamRoleArn: 'arn:aws:iam::123456789012:role/backup',
        Lifecycle: deleteAfterDays === undefined ? undefined : { DeleteAfterDays: deleteAfterDays },
      }),
    );
    return { backup, job, web: web! };
  }

  it('advances the clock and prints the job transitions and the recovery point created', async () => {
    const { job } = await startJobForWeb();
    const before = JSON.parse((await bkpSandbox(dir, 'status', '-json')).stdout) as { now: number };
    const result = await bkpSandbox(dir, 'advance', '1d');
    expect(result.exitCode).to.equal(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).to.equal(
      `Advanced the sandbox clock by 1d: ${new Date(before.now).toISOString().slice(0, 19).replace('T', ' ')} UTC → ` +
        `${new Date(before.now + 86_400_000).toISOString().slice(0, 19).replace('T', ' ')} UTC`,
    );
    expect(result.stdout).to.contain(`job ${job.BackupJobId} CREATED → RUNNING`);
    expect(result.stdout).to.contain(`job ${job.BackupJobId} RUNNING → COMPLETED`);
    expect(result.stdout).to.match(/recovery point \S+ created in main \(full, [\d.]+ \w+\) for web \(i-[0-9a-f]{17}\)/);
    expect(lines[lines.length - 1]).to.match(/^0 jobs created, 2 job state changes, 1 recovery points created, 0 moved to cold storage, 0 deleted\.$/);

    const quiet = await bkpSandbox(dir, 'advance', '90m');
    expect(quiet.stdout.split('\n')[1]).to.equal('Nothing happened.');
  });

  it('reports lifecycle deletions, and restore-check says whether a recovery point can be restored', async () => {
    const { backup, job } = await startJobForWeb(1);
    const advanced = JSON.parse((await bkpSandbox(dir, 'advance', '6h', '-json')).stdout) as { events: { kind: string; arn?: string }[] };
    const created = advanced.events.find((e) => e.kind === 'point-created');
    expect(created?.arn).to.be.a('string');
    const described = await backup.send(new DescribeRecoveryPointCommand({ BackupVaultName: 'main', RecoveryPointArn: created!.arn }));
    expect(described.Status).to.equal('COMPLETED');
    expect(job.BackupJobId).to.match(/^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/);

    const ok = await bkpSandbox(dir, 'restore-check', created!.arn!);
    expect(ok.exitCode).to.equal(0);
    expect(ok.stdout).to.match(/^Restorable: \S+ \(full image: [\d.]+ \w+\)$/);

    const later = await bkpSandbox(dir, 'advance', '2d');
    expect(later.stdout).to.contain(`recovery point ${created!.arn} deleted (lifecycle) from main`);
    const gone = await bkpSandbox(dir, 'restore-check', created!.arn!, '-json');
    expect(gone.exitCode).to.equal(1);
    expect(JSON.parse(gone.stdout)).to.include({ recovery_point_arn: created!.arn, restorable: false });
  });

  it('shows the clock, the inventory and per-region counts', async () => {
    await startJobForWeb();
    await bkpSandbox(dir, 'advance', '1d');
    const status = await bkpSandbox(dir, 'status');
    expect(status.stdout).to.match(/clock: {7}\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC \(virtual\)/);
    expect(status.stdout).to.contain('inventory:   2 resources (1 ec2-instance, 1 ebs-volume)');
    expect(status.stdout).to.contain('us-east-1\n  vaults: 1, plans: 0, selections: 0\n  jobs: 1 COMPLETED\n  recovery points: 1 WARM');
  });

  it('refuses a duration it cannot read', async () => {
    const result = await bkpSandbox(dir, 'advance', 'tomorrow');
    expect(result.exitCode).to.equal(1);
    expect(result.error?.message).to.equal('"tomorrow" is not a duration the sandbox clock can advance by.');
    expect(result.error?.hint).to.contain('1d12h');
  });
});

describe('parseDuration', () => {
  it('reads days, hours, minutes and seconds and their combinations', () => {
    expect(parseDuration('6h')).to.equal(6 * 3_600_000);
    expect(parseDuration('90m')).to.equal(90 * 60_000);
    expect(parseDuration('3d')).to.equal(3 * 86_400_000);
    expect(parseDuration('1d12h')).to.equal(36 * 3_600_000);
    expect(parseDuration('1h30m15s')).to.equal(5_415_000);
  });

  it('refuses empty, zero, unitless and unknown units', () => {
    for (const text of ['', '0h', '12', '3w', 'h', '1.5h', '-1h']) expect(() => parseDuration(text), text).to.throw(/is not a duration/);
  });
});
