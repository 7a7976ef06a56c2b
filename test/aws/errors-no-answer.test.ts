// Issue 22, section 7: a create that fails without an answer from AWS says the object may exist.
import { expect } from 'chai';
import { awsCallError } from '../../src/aws/errors.js';

function networkError(message: string, code: string): Error {
  return Object.assign(new Error(message), { code, $metadata: { attempts: 3 } });
}

describe('AWS call errors without an answer', () => {
  it('says a create that got no answer (socket hang up, reset, timeout) may have created the object, and that the next run adopts it', () => {
    for (const error of [networkError('socket hang up', 'ECONNRESET'), networkError('read ETIMEDOUT', 'ETIMEDOUT'), Object.assign(new Error('timed out'), { name: 'TimeoutError' })]) {
      const wrapped = awsCallError(error, 'Creating', 'backup_vault.main');
      expect(wrapped.message).to.include('AWS sent no answer').and.include('backup_vault.main may have been created');
      expect(wrapped.hint).to.include('adopts it');
    }
  });

  it('says "may have taken effect" for other operations, and nothing of the kind when AWS answered', () => {
    expect(awsCallError(networkError('socket hang up', 'ECONNRESET'), 'Updating', 'backup_plan.daily').message).to.include('may have taken effect anyway.');
    const answered = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $metadata: { httpStatusCode: 400 } });
    expect(awsCallError(answered, 'Creating', 'backup_vault.main').message).to.not.include('no answer');
  });
});
