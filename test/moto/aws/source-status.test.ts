// Database and file-system sources read through their own SDK clients, against moto's RDS and EFS;
// moto is started for it (test/support/moto.ts), or the suite says it skipped.
import { expect } from 'chai';
import { CreateFileSystemCommand, EFSClient } from '@aws-sdk/client-efs';
import { CreateDBInstanceCommand, RDSClient, StopDBInstanceCommand } from '@aws-sdk/client-rds';
import type { ProviderSettings } from '../../../src/aws/clients.js';
import { checkJobSources } from '../../../src/aws/source-preflight.js';
import { requireMoto, type MotoServer } from '../../support/moto.js';

describe('source preflight against moto RDS and EFS', function () {
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

  it('accepts an available database and file system, refuses a stopped database and a missing one', async function () {
    this.timeout(60_000);
    const provider: ProviderSettings = { type: 'aws', region: 'us-east-1', endpoint: moto.endpoint };
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
