import { expect } from 'chai';
import { UserError } from '../../src/core/errors.js';
import {
  BACKUP_RESOURCE_TYPE,
  SOURCE_TYPES,
  backupResourceTypeOf,
  STATES_BY_TYPE,
  addResource,
  backupEligibility,
  compositeOutcome,
  eligibilityOfArn,
  findByArn,
  newResource,
  parseSourceType,
  parseState,
  type InventoryHolder,
  type SourceResource,
  type SourceType,
} from '../../src/sandbox/inventory.js';

const NOW = '2026-01-05T10:00:00.000Z';
const base = { region: 'eu-west-1', accountId: '111122223333', now: NOW };

function holder(): InventoryHolder {
  return { inventory: [], ids: { seed: 'inventory-tests', counter: 0 } };
}

function add(h: InventoryHolder, type: SourceType, name: string, extra: Partial<Parameters<typeof addResource>[3]> = {}): SourceResource {
  return addResource(h, type, name, { ...base, ...extra });
}

describe('sandbox inventory: ids and ARNs', () => {
  it('gives every type an AWS-shaped id and its real ARN format', () => {
    const h = holder();
    const arnOf = (type: SourceType, name: string) => add(h, type, name);
    const instance = arnOf('ec2-instance', 'web');
    expect(instance.id).to.match(/^i-[0-9a-f]{17}$/);
    expect(instance.arn).to.equal(`arn:aws:ec2:eu-west-1:111122223333:instance/${instance.id}`);
    const volume = arnOf('ebs-volume', 'data');
    expect(volume.arn).to.match(/^arn:aws:ec2:eu-west-1:111122223333:volume\/vol-[0-9a-f]{17}$/);
    expect(arnOf('rds-instance', 'orders').arn).to.equal('arn:aws:rds:eu-west-1:111122223333:db:orders');
    expect(arnOf('aurora-cluster', 'ledger').arn).to.equal('arn:aws:rds:eu-west-1:111122223333:cluster:ledger');
    expect(arnOf('docdb-cluster', 'catalog').arn).to.equal('arn:aws:rds:eu-west-1:111122223333:cluster:catalog');
    expect(arnOf('efs', 'home').arn).to.match(/^arn:aws:elasticfilesystem:eu-west-1:111122223333:file-system\/fs-[0-9a-f]{17}$/);
    const fsx = arnOf('fsx', 'share');
    expect(fsx.arn).to.match(/^arn:aws:fsx:eu-west-1:111122223333:file-system\/fs-[0-9a-f]{17}$/);
    const ontap = add(h, 'fsx-ontap-volume', 'vol1', { fileSystemId: fsx.id });
    expect(ontap.arn).to.equal(`arn:aws:fsx:eu-west-1:111122223333:volume/${fsx.id}/${ontap.id}`);
    expect(ontap.id).to.match(/^fsvol-[0-9a-f]{17}$/);
    expect(arnOf('vm', 'legacy').arn).to.match(/^arn:aws:backup-gateway:eu-west-1:111122223333:vm\/vm-[0-9a-f]{17}$/);
  });

  it('derives ids from the account seed and counter: reproducible, never repeated', () => {
    const a = holder();
    const b = holder();
    const first = add(a, 'ec2-instance', 'web');
    expect(add(b, 'ec2-instance', 'web').id).to.equal(first.id);
    a.inventory.splice(0, 1);
    const second = add(a, 'ec2-instance', 'web');
    expect(second.id).to.not.equal(first.id);
    const other = { inventory: [], ids: { seed: 'another-account', counter: 0 } };
    expect(add(other, 'ec2-instance', 'web').id).to.not.equal(first.id);
  });

  it('uses the default state, size and details of each type', () => {
    const h = holder();
    for (const type of SOURCE_TYPES) {
      const name = type.replace(/[^a-z]/g, '');
      expect(add(h, type, name).state, type).to.equal(STATES_BY_TYPE[type][0]);
    }
    expect(add(h, 'ec2-instance', 'app').instanceType).to.equal('t3.micro');
    expect(add(h, 'fsx-ontap-volume', 'v').ontapVolumeType).to.equal('RW');
    expect(BACKUP_RESOURCE_TYPE['aurora-cluster']).to.equal('Aurora');
  });

  it('types the resource of a job by the inventory first, then by its ARN, then by its service', () => {
    const h = holder();
    const docdb = add(h, 'docdb-cluster', 'catalog');
    expect(docdb.arn).to.match(/:rds:.*:cluster:catalog$/);
    expect(backupResourceTypeOf(docdb.arn, h.inventory)).to.equal('DocumentDB');
    expect(backupResourceTypeOf('arn:aws:rds:eu-west-1:123456789012:cluster:elsewhere', h.inventory)).to.equal('Aurora');
    expect(backupResourceTypeOf('arn:aws:redshift:eu-west-1:123456789012:cluster:warehouse', h.inventory)).to.equal('Redshift');
    expect(backupResourceTypeOf('arn:aws:sqs:eu-west-1:123456789012:queue', h.inventory)).to.equal('sqs');
    expect(backupResourceTypeOf('not-an-arn', h.inventory)).to.equal('Unknown');
  });

  it('refuses a duplicate database identifier and an invalid one', () => {
    const h = holder();
    add(h, 'rds-instance', 'orders');
    expect(() => add(h, 'rds-instance', 'orders')).to.throw(UserError, /already exists/);
    expect(() => add(h, 'rds-instance', '1orders')).to.throw(UserError, /not a valid rds-instance identifier/);
    expect(() => add(h, 'aurora-cluster', 'a--b')).to.throw(UserError);
  });

  it('finds resources by ARN', () => {
    const h = holder();
    const efs = add(h, 'efs', 'home');
    expect(findByArn(h.inventory, efs.arn)).to.equal(efs);
    expect(findByArn(h.inventory, 'arn:aws:elasticfilesystem:eu-west-1:111122223333:file-system/fs-0')).to.equal(undefined);
  });
});

describe('sandbox inventory: parsing user input', () => {
  it('lists the types and suggests the closest one for an unknown type', () => {
    try {
      parseSourceType('ec2-instanse');
      expect.fail('should throw');
    } catch (error) {
      expect(error).to.be.instanceOf(UserError);
      expect((error as UserError).message).to.contain('Did you mean "ec2-instance"?');
      expect((error as UserError).hint).to.contain('rds-instance, aurora-cluster');
    }
  });

  it('accepts states in any case and refuses a state of another type', () => {
    expect(parseState('fsx', 'updating')).to.equal('UPDATING');
    expect(parseState('ec2-instance', 'STOPPED')).to.equal('stopped');
    expect(() => parseState('vm', 'running')).to.throw(UserError, /not a vm state/);
  });
});

describe('sandbox inventory: backupEligibility (DESIGN.md section 5)', () => {
  function eligibility(type: SourceType, state: string, extra: Partial<Parameters<typeof addResource>[3]> = {}) {
    const h = holder();
    const name = type.replace(/[^a-z]/g, '');
    const resource = add(h, type, name, { state, ...extra });
    return backupEligibility(resource, h.inventory);
  }

  it('EC2: running and stopped are ok, terminated fails, transitional states wait', () => {
    expect(eligibility('ec2-instance', 'running').kind).to.equal('ok');
    expect(eligibility('ec2-instance', 'stopped').kind).to.equal('ok');
    const terminated = eligibility('ec2-instance', 'terminated');
    expect(terminated.kind).to.equal('fail');
    expect(terminated.kind === 'fail' && terminated.message).to.contain('terminated');
    expect(eligibility('ec2-instance', 'shutting-down').kind).to.equal('fail');
    expect(eligibility('ec2-instance', 'pending').kind).to.equal('wait');
    expect(eligibility('ec2-instance', 'stopping').kind).to.equal('wait');
  });

  it('EBS: available and in-use are ok, creating waits, error and deleted fail', () => {
    expect(eligibility('ebs-volume', 'available').kind).to.equal('ok');
    expect(eligibility('ebs-volume', 'in-use').kind).to.equal('ok');
    expect(eligibility('ebs-volume', 'creating').kind).to.equal('wait');
    expect(eligibility('ebs-volume', 'error').kind).to.equal('fail');
    expect(eligibility('ebs-volume', 'deleted').kind).to.equal('fail');
  });

  for (const type of ['rds-instance', 'aurora-cluster', 'docdb-cluster', 'efs', 'fsx'] as const) {
    it(`${type}: AVAILABLE is ok, CREATING/UPDATING wait, DELETING/FAILED fail`, () => {
      expect(eligibility(type, 'AVAILABLE').kind).to.equal('ok');
      expect(eligibility(type, 'CREATING').kind).to.equal('wait');
      expect(eligibility(type, 'UPDATING').kind).to.equal('wait');
      expect(eligibility(type, 'DELETING').kind).to.equal('fail');
      expect(eligibility(type, 'FAILED').kind).to.equal('fail');
    });
  }

  it('FSx MISCONFIGURED fails', () => {
    expect(eligibility('fsx', 'MISCONFIGURED').kind).to.equal('fail');
  });

  it('FSx for ONTAP: RW is ok; DP, LS, a full volume and a volume on a full file system fail', () => {
    expect(eligibility('fsx-ontap-volume', 'AVAILABLE', { ontapVolumeType: 'RW' }).kind).to.equal('ok');
    const dp = eligibility('fsx-ontap-volume', 'AVAILABLE', { ontapVolumeType: 'DP' });
    expect(dp.kind === 'fail' && dp.message).to.contain('DP volumes are not supported');
    expect(eligibility('fsx-ontap-volume', 'AVAILABLE', { ontapVolumeType: 'LS' }).kind).to.equal('fail');
    const full = eligibility('fsx-ontap-volume', 'AVAILABLE', { full: true });
    expect(full.kind === 'fail' && full.message).to.contain('the volume is full');

    const h = holder();
    const fileSystem = add(h, 'fsx', 'share', { full: true });
    const onFull = add(h, 'fsx-ontap-volume', 'v1', { fileSystemId: fileSystem.id });
    const result = backupEligibility(onFull, h.inventory);
    expect(result.kind === 'fail' && result.message).to.contain(`file system ${fileSystem.id} is full`);
  });

  it('FSx for ONTAP: a volume waits while its file system is UPDATING', () => {
    const h = holder();
    const fileSystem = add(h, 'fsx', 'share', { state: 'UPDATING' });
    const volume = add(h, 'fsx-ontap-volume', 'v1', { fileSystemId: fileSystem.id });
    expect(backupEligibility(volume, h.inventory).kind).to.equal('wait');
    fileSystem.state = 'AVAILABLE';
    expect(backupEligibility(volume, h.inventory).kind).to.equal('ok');
  });

  it('VMs: hypervisor ONLINE is ok, OFFLINE, ERROR and PENDING fail', () => {
    expect(eligibility('vm', 'ONLINE').kind).to.equal('ok');
    for (const state of ['OFFLINE', 'ERROR', 'PENDING']) {
      const result = eligibility('vm', state);
      expect(result.kind, state).to.equal('fail');
      expect(result.kind === 'fail' && result.message).to.contain(`hypervisor is ${state}`);
    }
  });

  it('an ARN missing from the inventory fails', () => {
    const result = eligibilityOfArn('arn:aws:ec2:eu-west-1:111122223333:instance/i-0123456789abcdef0', []);
    expect(result.kind).to.equal('fail');
  });
});

describe('sandbox inventory: composite resources', () => {
  it('complete without failed members, partial with some, failed with all', () => {
    const resource = newResource('ec2-instance', 'sap', {
      ...base,
      serial: 1,
      members: [
        { name: 'data', failed: false },
        { name: 'log', failed: false },
      ],
    });
    expect(compositeOutcome(resource)).to.equal('complete');
    resource.members![1]!.failed = true;
    expect(compositeOutcome(resource)).to.equal('partial');
    resource.members![0]!.failed = true;
    expect(compositeOutcome(resource)).to.equal('failed');
    expect(compositeOutcome(newResource('efs', 'x', { ...base, serial: 2 }))).to.equal('complete');
  });
});
