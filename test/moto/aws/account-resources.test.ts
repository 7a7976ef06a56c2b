// What `bkp check` reads of an account, against moto's EC2 and RDS: untagged resources too, and a
// service the endpoint does not serve named instead of failing the listing. moto is started for it
// (test/support/moto.ts), or the suite says it skipped.
import { expect } from 'chai';
import { EC2Client, RunInstancesCommand } from '@aws-sdk/client-ec2';
import { CreateDBInstanceCommand, RDSClient } from '@aws-sdk/client-rds';
import { listAccountResources } from '../../../src/aws/account-resources.js';
import type { ClientSettings } from '../../../src/aws/clients.js';
import { requireMoto, type MotoServer } from '../../support/moto.js';

describe('aws: the account resources bkp check reads, against moto', function () {
  let moto: MotoServer;
  before(async function () {
    moto = await requireMoto(this);
  });
  after(async () => moto?.stop());

  it('lists instances, volumes and databases untagged too, and names a service the endpoint does not serve', async function () {
    this.timeout(60_000);
    const credentials = { accessKeyId: 'testing', secretAccessKey: 'testing' };
    const settings: ClientSettings = { region: 'us-east-1', endpoint: moto.endpoint, credentials, maxAttempts: 1 };
    const ec2 = new EC2Client(settings);
    const launched = await ec2.send(new RunInstancesCommand({ ImageId: 'ami-12c6146b', MinCount: 1, MaxCount: 1 }));
    ec2.destroy();
    const rds = new RDSClient(settings);
    await rds.send(
      new CreateDBInstanceCommand({ DBInstanceIdentifier: 'orders', DBInstanceClass: 'db.t3.micro', Engine: 'postgres', AllocatedStorage: 20, MasterUsername: 'admin', MasterUserPassword: 'password123' }),
    );
    rds.destroy();
    const { resources, unreadable } = await listAccountResources(settings, 'aws');
    expect(resources.map((r) => r.type).sort()).to.deep.equal(['EBS', 'EC2', 'RDS']);
    expect(resources.find((r) => r.type === 'EC2')!.id).to.equal(launched.Instances![0]!.InstanceId);
    expect(resources.find((r) => r.type === 'EBS')!.arn).to.match(/^arn:aws:ec2:us-east-1:123456789012:volume\//);
    // moto has no FSx DescribeVolumes: the listing goes on without FSx and says so.
    expect(unreadable).to.deep.equal(['FSx (not served by the endpoint)']);
  });
});
