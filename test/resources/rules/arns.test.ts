import { expect } from 'chai';
import { UNKNOWN } from '../../../src/core/values.js';
import {
  checkBackupVaultArn,
  checkIamRoleArn,
  checkKmsKeyArn,
  checkResourceArn,
  checkSnsTopicArn,
} from '../../../src/resources/rules/arns.js';

describe('resources/rules/arns', () => {
  it('accepts IAM role ARNs with and without a path, in any partition', () => {
    expect(checkIamRoleArn('arn:aws:iam::123456789012:role/backup', '/iam_role_arn')).to.deep.equal([]);
    expect(checkIamRoleArn('arn:aws:iam::123456789012:role/service-role/AWSBackupDefaultServiceRole', '/iam_role_arn')).to.deep.equal([]);
    expect(checkIamRoleArn('arn:aws-us-gov:iam::123456789012:role/backup', '/iam_role_arn')).to.deep.equal([]);
    expect(checkIamRoleArn(UNKNOWN, '/iam_role_arn')).to.deep.equal([]);
  });

  it('refuses malformed IAM role ARNs with the expected shape', () => {
    const [p] = checkIamRoleArn('arn:aws:iam::1234:role/backup', '/iam_role_arn');
    expect(p!.path).to.equal('/iam_role_arn');
    expect(p!.summary).to.equal('Invalid IAM role ARN');
    expect(p!.detail).to.include('Expected arn:aws:iam::ACCOUNT_ID:role/NAME');
    expect(checkIamRoleArn('AWSBackupDefaultServiceRole', '/x')[0]!.detail).to.include('It must be an ARN, not a name.');
    expect(checkIamRoleArn('arn:aws:iam::123456789012:user/bob', '/x')[0]!.detail).to.include('This is an IAM user');
    expect(checkIamRoleArn('arn:aws:iam:eu-west-1:123456789012:role/x', '/x')).to.have.length(1);
  });

  it('checks KMS key ARNs', () => {
    expect(checkKmsKeyArn('arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab', '/kms_key_arn')).to.deep.equal([]);
    expect(checkKmsKeyArn('arn:aws:kms:eu-west-1:123456789012:alias/backup', '/kms_key_arn')).to.deep.equal([]);
    const [p] = checkKmsKeyArn('1234abcd-12ab-34cd-56ef-1234567890ab', '/kms_key_arn');
    expect(p!.summary).to.equal('Invalid KMS key ARN');
    expect(p!.detail).to.include('arn:aws:kms:REGION:ACCOUNT_ID:key/KEY_ID');
  });

  it('checks SNS topic ARNs', () => {
    expect(checkSnsTopicArn('arn:aws:sns:eu-west-1:123456789012:backup-events', '/s')).to.deep.equal([]);
    expect(checkSnsTopicArn('arn:aws:sqs:eu-west-1:123456789012:queue', '/s')[0]!.summary).to.equal('Invalid SNS topic ARN');
    expect(checkSnsTopicArn('arn:aws:sns:eu-west-1:123456789012:events.fifo', '/s')[0]!.detail).to.include('AWS Backup notifies only standard topics');
  });

  it('checks backup vault ARNs', () => {
    expect(checkBackupVaultArn('arn:aws:backup:us-east-1:123456789012:backup-vault:dr', '/d')).to.deep.equal([]);
    const [p] = checkBackupVaultArn('dr-vault', '/rule/0/copy/0/destination_vault_arn');
    expect(p!.path).to.equal('/rule/0/copy/0/destination_vault_arn');
    expect(p!.detail).to.include('Copy destinations are given by ARN');
    expect(checkBackupVaultArn('arn:aws:backup:us-east-1:123456789012:backup-plan:abc', '/d')).to.have.length(1);
  });

  it('checks on-demand resource ARNs and refuses wildcards', () => {
    expect(checkResourceArn('arn:aws:ec2:eu-west-1:123456789012:instance/i-0abc', '/resource_arn')).to.deep.equal([]);
    expect(checkResourceArn('arn:aws:s3:::my-bucket', '/resource_arn')).to.deep.equal([]);
    expect(checkResourceArn('arn:aws:ec2:eu-west-1:123456789012:instance/*', '/resource_arn')[0]!.detail).to.include('contains a wildcard');
    expect(checkResourceArn('i-0abc', '/resource_arn')[0]!.summary).to.equal('Invalid resource ARN');
  });
});
