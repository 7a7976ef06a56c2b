import { expect } from 'chai';
import { isIamPropagationError, retryingIamPropagation } from '../../../src/resources/backup-selection/iam-propagation.js';

const awsError = (name: string, message: string) => Object.assign(new Error(message), { name });
const fast = { timeoutMs: 200, firstDelayMs: 5, maxDelayMs: 20 };

describe('CreateBackupSelection while an IAM role propagates', () => {
  it('recognises the two messages AWS Backup answers while a role propagates, and nothing else', () => {
    expect(isIamPropagationError(awsError('InvalidParameterValueException', 'IAM Role arn:aws:iam::123456789012:role/r cannot be assumed by AWS Backup'))).to.equal(true);
    expect(isIamPropagationError(awsError('InvalidParameterValueException', 'IAM Role arn:aws:iam::123456789012:role/r is not authorized to call tag:GetResources'))).to.equal(true);
    expect(isIamPropagationError(awsError('InvalidParameterValueException', "Invalid backup selection. Either 'ListOfTags' or 'Resources' section must be non-empty."))).to.equal(false);
    expect(isIamPropagationError(awsError('AccessDeniedException', 'cannot be assumed'))).to.equal(false);
  });

  it('retries until the role is usable', async () => {
    let calls = 0;
    const result = await retryingIamPropagation(async () => {
      calls++;
      if (calls < 3) throw awsError('InvalidParameterValueException', 'IAM Role arn:aws:iam::123456789012:role/r cannot be assumed by AWS Backup');
      return 'created';
    }, fast);
    expect(result).to.equal('created');
    expect(calls).to.equal(3);
  });

  it('gives up after the timeout with the last error, and never retries another error', async () => {
    let calls = 0;
    const propagation = awsError('InvalidParameterValueException', 'IAM Role r cannot be assumed by AWS Backup');
    const failure = await retryingIamPropagation(async () => {
      calls++;
      throw propagation;
    }, fast).catch((e: unknown) => e);
    expect(failure).to.equal(propagation);
    expect(calls).to.be.greaterThan(1);
    calls = 0;
    const other = awsError('InvalidParameterValueException', 'bad selection');
    expect(await retryingIamPropagation(async () => {
      calls++;
      throw other;
    }, fast).catch((e: unknown) => e)).to.equal(other);
    expect(calls).to.equal(1);
  });
});
