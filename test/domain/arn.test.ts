import { expect } from 'chai';
import {
  arnPatternMatches,
  formatArn,
  isAccountId,
  isBackupVaultArn,
  isIamRoleArn,
  isKmsKeyArn,
  isPartition,
  isRegionName,
  isResourceArn,
  isSnsTopicArn,
  parseArn,
  parseBackupVaultArn,
  resourceIdOfArn,
  selectionArnProblem,
} from '../../src/domain/arn.js';

describe('domain/arn', () => {
  describe('parseArn', () => {
    it('splits an ARN into its fields, and the resource part into type and id', () => {
      expect(parseArn('arn:aws:ec2:eu-west-1:123456789012:instance/i-0abc')).to.deep.equal({
        partition: 'aws',
        service: 'ec2',
        region: 'eu-west-1',
        account: '123456789012',
        resource: 'instance/i-0abc',
        resourceType: 'instance',
        resourceId: 'i-0abc',
      });
      const db = parseArn('arn:aws-us-gov:rds:us-gov-west-1:123456789012:db:orders')!;
      expect([db.partition, db.resourceType, db.resourceId]).to.deep.equal(['aws-us-gov', 'db', 'orders']);
    });

    it('keeps the colons and slashes of the resource part', () => {
      const snapshot = parseArn('arn:aws:rds:eu-west-1:123456789012:snapshot:awsbackup:job-1')!;
      expect([snapshot.resource, snapshot.resourceType, snapshot.resourceId]).to.deep.equal(['snapshot:awsbackup:job-1', 'snapshot', 'awsbackup:job-1']);
      const volume = parseArn('arn:aws:fsx:eu-west-1:123456789012:volume/fs-0abc/fsvol-0def')!;
      expect([volume.resourceType, volume.resourceId]).to.deep.equal(['volume', 'fs-0abc/fsvol-0def']);
    });

    it('reads ARNs without a region or an account, and resource parts without a type', () => {
      expect(parseArn('arn:aws:s3:::my-bucket')).to.deep.include({ service: 's3', region: '', account: '', resource: 'my-bucket', resourceType: undefined, resourceId: 'my-bucket' });
      expect(parseArn('arn:aws:ec2:eu-west-1::snapshot/snap-1')).to.deep.include({ account: '', resourceType: 'snapshot' });
      expect(parseArn('arn:aws:iam::123456789012:role/service-role/Backup')).to.deep.include({ region: '', resourceType: 'role', resourceId: 'service-role/Backup' });
    });

    it('refuses text that is not shaped like an ARN', () => {
      expect(parseArn('i-0abc')).to.equal(undefined);
      expect(parseArn('arn:aws:ec2:eu-west-1:instance/i-0abc')).to.equal(undefined);
      expect(parseArn('urn:aws:ec2:eu-west-1:123456789012:instance/i-0abc')).to.equal(undefined);
    });

    it('formats the fields back into the same ARN', () => {
      for (const arn of ['arn:aws:ec2:eu-west-1:123456789012:instance/i-0abc', 'arn:aws:s3:::my-bucket', 'arn:aws-cn:rds:cn-north-1:123456789012:cluster:orders']) {
        expect(formatArn(parseArn(arn)!)).to.equal(arn);
      }
      expect(formatArn({ service: 'backup', region: 'eu-west-1', account: '123456789012', resource: 'backup-vault:main' })).to.equal('arn:aws:backup:eu-west-1:123456789012:backup-vault:main');
    });

    it('names the resource by the id its service uses', () => {
      const id = resourceIdOfArn;
      expect(id('arn:aws:ec2:eu-west-1:123456789012:instance/i-0abc')).to.equal('i-0abc');
      expect(id('arn:aws:rds:eu-west-1:123456789012:db:orders')).to.equal('orders');
      expect(id('arn:aws:fsx:eu-west-1:123456789012:volume/fs-0abc/fsvol-0def')).to.equal('fsvol-0def');
      expect(id('arn:aws:s3:::my-bucket')).to.equal('my-bucket');
      expect(id('my-bucket')).to.equal(undefined);
    });
  });

  it('checks the fields: partition, Region, account', () => {
    for (const partition of ['aws', 'aws-cn', 'aws-us-gov', 'aws-iso-b']) expect(isPartition(partition), partition).to.equal(true);
    for (const partition of ['', 'AWS', 'azure', 'aws-', '*']) expect(isPartition(partition), partition).to.equal(false);
    for (const region of ['eu-west-1', 'us-gov-west-1', 'ap-southeast-2']) expect(isRegionName(region), region).to.equal(true);
    for (const region of ['', 'eu-west', 'EU-WEST-1', '*', 'eu-*']) expect(isRegionName(region), region).to.equal(false);
    expect(isAccountId('123456789012')).to.equal(true);
    expect(isAccountId('1234')).to.equal(false);
  });

  it('knows the shapes of the ARNs a backup configuration names', () => {
    expect(isIamRoleArn('arn:aws:iam::123456789012:role/service-role/AWSBackupDefaultServiceRole')).to.equal(true);
    expect(isIamRoleArn('arn:aws:iam::123456789012:user/bob')).to.equal(false);
    expect(isIamRoleArn('arn:aws:iam:eu-west-1:123456789012:role/backup')).to.equal(false);
    expect(isKmsKeyArn('arn:aws:kms:eu-west-1:123456789012:alias/backup')).to.equal(true);
    expect(isKmsKeyArn('arn:aws:kms:eu-west-1:123456789012:grant/1')).to.equal(false);
    expect(isSnsTopicArn('arn:aws:sns:eu-west-1:123456789012:backup-events')).to.equal(true);
    // bkp's validation accepted FIFO topics, the sandbox refused them: AWS Backup cannot notify one.
    expect(isSnsTopicArn('arn:aws:sns:eu-west-1:123456789012:events.fifo')).to.equal(false);
    expect(isSnsTopicArn('arn:aws:sqs:eu-west-1:123456789012:events')).to.equal(false);
    expect(isBackupVaultArn('arn:aws:backup:us-east-1:123456789012:backup-vault:dr')).to.equal(true);
    expect(isBackupVaultArn('arn:aws:backup:us-east-1:123456789012:backup-plan:dr')).to.equal(false);
    expect(parseBackupVaultArn('arn:aws:backup:us-east-1:123456789012:backup-vault:dr')).to.deep.equal({ partition: 'aws', region: 'us-east-1', account: '123456789012', name: 'dr' });
    expect(isResourceArn('arn:aws:s3:::my-bucket')).to.equal(true);
    expect(isResourceArn('arn:aws:ec2:eu-west-1:123:instance/i-1')).to.equal(false);
  });

  describe('selection ARN patterns', () => {
    it('accepts concrete ARNs, prefix wildcards, whole-field wildcards and "*"', () => {
      for (const arn of [
        '*',
        'arn:aws:ec2:*:*:instance/*',
        'arn:aws:ec2:eu-west-1:123456789012:volume/vol-0abc',
        'arn:aws:rds:*:*:db:*',
        'arn:aws:s3:::my-bucket',
        'arn:aws:dynamodb:us-east-1:123456789012:table/prod-*',
      ]) {
        expect(selectionArnProblem(arn), arn).to.equal(undefined);
      }
    });

    // bkp validation refused these, while the sandbox and both matchers took them as prefixes:
    // AWS matches a trailing `*` as a prefix, wherever it ends.
    it('accepts a trailing wildcard that ends the pattern before the resource part', () => {
      for (const arn of ['arn:aws:rds:*', 'arn:aws:ec2:*:*', 'arn:aws:ec2:eu-west-*', 'arn:aws:dynamodb:us-east-1:1234*', 'arn:*', 'arn:aws:ec2:*:123456789012:*']) {
        expect(selectionArnProblem(arn), arn).to.equal(undefined);
      }
      expect(selectionArnProblem('arn:aws:rds')).to.include('it is not an ARN');
      expect(selectionArnProblem('arn:aws:rds:*:*')).to.equal(undefined);
      expect(selectionArnProblem('arn:aws:r*s:*')).to.include('service "r*s"');
      expect(selectionArnProblem('arn:aws:ec2:eu-*-1:*')).to.include('Region "eu-*-1"');
      expect(selectionArnProblem('arn:aws:ec2:eu-west-1:1234*5:*')).to.include('account "1234*5"');
      expect(selectionArnProblem('arn:aws:ec2:*:*:volume/*/x*')).to.include('may only end an ARN');
    });

    it('refuses a wildcard anywhere but the end, the Region or the account', () => {
      expect(selectionArnProblem('arn:aws:ec2:eu-west-1:123456789012:instance/*-prod')).to.include('may only end an ARN');
      expect(selectionArnProblem('arn:aws:ec2:eu-*:123456789012:instance/i-1')).to.include('Region "eu-*"');
      expect(selectionArnProblem('arn:aws:*:eu-west-1:123456789012:instance/i-1')).to.include('service "*"');
      expect(selectionArnProblem('arn:*:ec2:eu-west-1:123456789012:instance/i-1')).to.include('partition "*"');
    });

    it('refuses entries that are not ARNs', () => {
      expect(selectionArnProblem('i-0abc')).to.include('it is not an ARN');
      expect(selectionArnProblem('arn:aws:ec2:eu-west-1:123:instance/i-1')).to.include('account "123"');
      expect(selectionArnProblem('arn:aws:ec2:eu-west-1:123456789012:')).to.include('resource part is empty');
    });

    it('matches exactly, with whole-field wildcards and with a trailing wildcard', () => {
      const arn = 'arn:aws:ec2:eu-west-1:123456789012:instance/i-0abc';
      expect(arnPatternMatches(arn, arn)).to.equal(true);
      expect(arnPatternMatches('*', arn)).to.equal(true);
      expect(arnPatternMatches('arn:aws:ec2:*:*:instance/*', arn)).to.equal(true);
      expect(arnPatternMatches('arn:aws:ec2:*:*:volume/*', arn)).to.equal(false);
      expect(arnPatternMatches('arn:aws:ec2:eu-west-1:123456789012:instance/i-0a*', arn)).to.equal(true);
      expect(arnPatternMatches('arn:aws:ec2:us-east-1:*:instance/*', arn)).to.equal(false);
      expect(arnPatternMatches('arn:aws:rds:*', arn)).to.equal(false);
    });

    it('lets a trailing wildcard cross colons but a field wildcard cover one field only', () => {
      expect(arnPatternMatches('arn:aws:rds:*', 'arn:aws:rds:eu-west-1:123456789012:db:orders')).to.equal(true);
      expect(arnPatternMatches('arn:aws:rds:*:*:db:orders', 'arn:aws:rds:eu-west-1:123456789012:db:orders')).to.equal(true);
      expect(arnPatternMatches('arn:aws:rds:*:db:orders', 'arn:aws:rds:eu-west-1:123456789012:db:orders')).to.equal(false);
    });

    it('is case sensitive and takes a "*" inside a field literally', () => {
      const arn = 'arn:aws:ec2:eu-west-1:123456789012:instance/i-0abc';
      expect(arnPatternMatches('arn:aws:ec2:*:*:Instance/*', arn)).to.equal(false);
      expect(arnPatternMatches('arn:aws:ec2:eu-*:123456789012:instance/i-0abc', arn)).to.equal(false);
      expect(arnPatternMatches('arn:aws:ec2:*:*:instance/i-0ab.', arn)).to.equal(false);
    });
  });
});
