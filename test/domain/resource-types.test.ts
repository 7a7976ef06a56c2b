import { expect } from 'chai';
import { BACKUP_RESOURCE_TYPES, resourceTypeOfArn, UNSTOPPABLE_RESOURCE_TYPES } from '../../src/domain/resource-types.js';

describe('domain/resource-types', () => {
  it('types the resources AWS Backup protects by their ARN', () => {
    const cases: Array<[string, string]> = [
      ['arn:aws:ec2:eu-west-1:123456789012:instance/i-0abc', 'EC2'],
      ['arn:aws:ec2:eu-west-1:123456789012:volume/vol-0abc', 'EBS'],
      ['arn:aws:rds:eu-west-1:123456789012:db:orders', 'RDS'],
      ['arn:aws:rds:eu-west-1:123456789012:cluster:ledger', 'Aurora'],
      ['arn:aws:elasticfilesystem:eu-west-1:123456789012:file-system/fs-0abc', 'EFS'],
      ['arn:aws:fsx:eu-west-1:123456789012:file-system/fs-0abc', 'FSx'],
      ['arn:aws:fsx:eu-west-1:123456789012:volume/fs-0abc/fsvol-0def', 'FSx'],
      ['arn:aws:backup-gateway:eu-west-1:123456789012:vm/vm-0abc', 'VirtualMachine'],
      ['arn:aws:dynamodb:eu-west-1:123456789012:table/orders', 'DynamoDB'],
      ['arn:aws:s3:::my-bucket', 'S3'],
      ['arn:aws:storagegateway:eu-west-1:123456789012:gateway/sgw-1/volume/vol-1', 'Storage Gateway'],
      ['arn:aws-cn:ec2:cn-north-1:123456789012:instance/i-0abc', 'EC2'],
    ];
    for (const [arn, type] of cases) expect(resourceTypeOfArn(arn), arn).to.equal(type);
  });

  // The sandbox's copy named these by their service ('redshift', 'cloudformation', 'timestream'):
  // AWS Backup's ResourceType is capitalised as below.
  it('names Redshift, CloudFormation and Timestream resources as AWS Backup does', () => {
    expect(resourceTypeOfArn('arn:aws:redshift:eu-west-1:123456789012:cluster:warehouse')).to.equal('Redshift');
    expect(resourceTypeOfArn('arn:aws:cloudformation:eu-west-1:123456789012:stack/app/1a2b')).to.equal('CloudFormation');
    expect(resourceTypeOfArn('arn:aws:timestream:eu-west-1:123456789012:database/metrics/table/cpu')).to.equal('Timestream');
  });

  // The sandbox's copy typed every EC2 ARN but a volume as EC2, every RDS ARN but a cluster as RDS
  // and every Backup gateway ARN as a VM: AWS Backup backs up none of these.
  it('has no type for the other resources of EC2, RDS and Backup gateway', () => {
    expect(resourceTypeOfArn('arn:aws:ec2:eu-west-1::image/ami-0abc')).to.equal(undefined);
    expect(resourceTypeOfArn('arn:aws:ec2:eu-west-1::snapshot/snap-0abc')).to.equal(undefined);
    expect(resourceTypeOfArn('arn:aws:rds:eu-west-1:123456789012:snapshot:awsbackup:job-1')).to.equal(undefined);
    expect(resourceTypeOfArn('arn:aws:backup-gateway:eu-west-1:123456789012:hypervisor/hype-1')).to.equal(undefined);
  });

  it('has no type for other services, or for what is not an ARN', () => {
    expect(resourceTypeOfArn('arn:aws:sqs:eu-west-1:123456789012:queue')).to.equal(undefined);
    expect(resourceTypeOfArn('arn:aws:constructor:eu-west-1:123456789012:toString/x')).to.equal(undefined);
    expect(resourceTypeOfArn('arn:aws:ec2:eu-west-1:123456789012:constructor/x')).to.equal(undefined);
    expect(resourceTypeOfArn('i-0abc')).to.equal(undefined);
  });

  it('lists every type it maps to, and the types whose jobs cannot be stopped', () => {
    const mapped = ['EC2', 'EBS', 'RDS', 'Aurora', 'EFS', 'FSx', 'VirtualMachine', 'DynamoDB', 'S3', 'Redshift', 'Storage Gateway', 'CloudFormation', 'Timestream'];
    for (const type of mapped) expect(BACKUP_RESOURCE_TYPES).to.include(type);
    for (const type of UNSTOPPABLE_RESOURCE_TYPES) expect(BACKUP_RESOURCE_TYPES).to.include(type);
    expect(UNSTOPPABLE_RESOURCE_TYPES.has('EC2')).to.equal(false);
  });
});
