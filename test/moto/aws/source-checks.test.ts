// The source checks of on-demand backups against moto: EC2 instances (launched, stopped and
// terminated there), RDS databases and EFS file systems, each read through its own SDK client.
// moto is started for it (test/support/moto.ts), or the suite says it skipped.
import { expect } from 'chai';
import { EC2Client, RunInstancesCommand, StopInstancesCommand, TerminateInstancesCommand } from '@aws-sdk/client-ec2';
import { CreateFileSystemCommand, EFSClient } from '@aws-sdk/client-efs';
import { CreateDBInstanceCommand, RDSClient, StopDBInstanceCommand } from '@aws-sdk/client-rds';
import type { ClientSettings } from '../../../src/aws/clients.js';
import { checkJobSources } from '../../../src/aws/source-preflight.js';
import { requireMoto, type MotoServer } from '../../support/moto.js';

describe('source preflight against moto (EC2, RDS, EFS)', function () {
  let moto: MotoServer;
  const saved = { ...process.env };

  before(async function () {
    moto = await requireMoto(this);
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_EC2_METADATA_DISABLED: 'true' });
  });
  after(async () => {
    process.env = saved;
    await moto?.stop();
  });

  it('accepts running and stopped instances and refuses a terminated one', async function () {
    this.timeout(60_000);
    const provider: ClientSettings = { region: 'us-east-1', endpoint: moto.endpoint };
    const ec2 = new EC2Client({ region: 'us-east-1', endpoint: moto.endpoint });
    const launched = await ec2.send(new RunInstancesCommand({ ImageId: 'ami-12c6146b', MinCount: 3, MaxCount: 3, InstanceType: 't3.micro' }));
    const [running, stopped, terminated] = launched.Instances!.map((i) => i.InstanceId!);
    await ec2.send(new StopInstancesCommand({ InstanceIds: [stopped!] }));
    await ec2.send(new TerminateInstancesCommand({ InstanceIds: [terminated!] }));
    ec2.destroy();
    const arn = (id: string) => `arn:aws:ec2:us-east-1:123456789012:instance/${id}`;
    const findings = await checkJobSources([
      { address: 'on_demand_backup.running', resourceArn: arn(running!), provider },
      { address: 'on_demand_backup.stopped', resourceArn: arn(stopped!), provider },
      { address: 'on_demand_backup.terminated', resourceArn: arn(terminated!), provider },
      { address: 'on_demand_backup.missing', resourceArn: arn('i-0123456789abcdef0'), provider },
      { address: 'on_demand_backup.db', resourceArn: 'arn:aws:rds:us-east-1:123456789012:db:prod', provider },
      { address: 'on_demand_backup.vm', resourceArn: 'arn:aws:backup-gateway:us-east-1:123456789012:vm/vm-0123456789abcdef0', provider },
    ]);
    const by = Object.fromEntries(findings.map((f) => [f.address, f]));
    expect(Object.keys(by).sort()).to.deep.equal(['on_demand_backup.db', 'on_demand_backup.missing', 'on_demand_backup.terminated', 'on_demand_backup.vm']);
    expect(by['on_demand_backup.terminated']!.severity).to.equal('error');
    expect(by['on_demand_backup.terminated']!.detail).to.include('terminated');
    expect(by['on_demand_backup.missing']!.severity).to.equal('error');
    // Read through the RDS client: moto has no database "prod".
    expect(by['on_demand_backup.db']!.severity).to.equal('error');
    expect(by['on_demand_backup.db']!.summary).to.include('does not exist');
    // VMs are not read (no Backup gateway client at the pinned SDK release): reported as not checked.
    expect(by['on_demand_backup.vm']!.severity).to.equal('warning');
    expect(by['on_demand_backup.vm']!.summary).to.include('not checked');
  });

  it('accepts an available database and file system, refuses a stopped database and a missing one', async function () {
    this.timeout(60_000);
    const provider: ClientSettings = { region: 'us-east-1', endpoint: moto.endpoint };
    const rds = new RDSClient({ region: 'us-east-1', endpoint: moto.endpoint });
    for (const id of ['orders', 'archive']) {
      await rds.send(
        new CreateDBInstanceCommand({ DBInstanceIdentifier: id, DBInstanceClass: 'db.t3.micro', Engine: 'postgres', AllocatedStorage: 20, MasterUsername: 'admin', MasterUserPassword: 'password123' }),
      );
    }
    await rds.send(new StopDBInstanceCommand({ DBInstanceIdentifier: 'archive' }));
    const efs = new EFSClient({ region: 'us-east-1', endpoint: moto.endpoint });
    const fs = await efs.send(new CreateFileSystemCommand({ CreationToken: 'shared' }));
    const arn = (resource: string) => `arn:aws:rds:us-east-1:123456789012:${resource}`;
    const findings = await checkJobSources([
      { address: 'on_demand_backup.orders', resourceArn: arn('db:orders'), provider },
      { address: 'on_demand_backup.archive', resourceArn: arn('db:archive'), provider },
      { address: 'on_demand_backup.gone', resourceArn: arn('db:gone'), provider },
      { address: 'on_demand_backup.shared', resourceArn: `arn:aws:elasticfilesystem:us-east-1:123456789012:file-system/${fs.FileSystemId}`, provider },
    ]);
    expect(findings.map((f) => [f.address, f.severity, f.summary])).to.deep.equal([
      ['on_demand_backup.archive', 'error', 'on_demand_backup.archive: the resource cannot be backed up'],
      ['on_demand_backup.gone', 'error', 'on_demand_backup.gone: the resource to back up does not exist'],
    ]);
    expect(findings[0]!.detail).to.include('RDS instance archive is stopped');
  });
});
