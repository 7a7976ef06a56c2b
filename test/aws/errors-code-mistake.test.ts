// A TypeError or ReferenceError out of a call to AWS is a mistake in code (bkp's, or the SDK's on
// an unexpected reply), not the account's: it is reported as a bug to report, with its stack,
// instead of as a user error that sends the user to "the AWS message above".
import { expect } from 'chai';
import { awsCallError } from '../../src/aws/errors.js';
import { reportError } from '../../src/cli/main.js';
import { InternalError, UserError } from '../../src/core/errors.js';
import { handlerCallError } from '../../src/resources/kind.js';
import { captureIo } from '../cli/sandbox-helpers.js';

describe('a mistake in code during a call to AWS', () => {
  it('is an internal error naming the operation, the address and the mistake, with the mistake as its cause', () => {
    for (const mistake of [new TypeError("Cannot read properties of undefined (reading 'Rules')"), new ReferenceError('plan is not defined')]) {
      const wrapped = awsCallError(mistake, 'Reading', 'backup_plan.daily');
      expect(wrapped).to.be.instanceOf(InternalError);
      expect(wrapped.source).to.equal('internal');
      expect(wrapped.message).to.equal(`Reading backup_plan.daily failed: ${mistake.name}: ${mistake.message}`);
      expect(wrapped.cause).to.equal(mistake);
    }
  });

  it('is printed by the CLI as a bug, with the stack of the mistake, where an AWS error gets its hint', () => {
    const mistake = new TypeError("Cannot read properties of undefined (reading 'Rules')");
    const io = captureIo();
    expect(reportError(handlerCallError(mistake, 'Updating', 'backup_plan.daily'), io)).to.equal(1);
    const printed = io.stderr.join('\n');
    expect(printed).to.contain('Updating backup_plan.daily failed: TypeError').and.contain('This is a bug in bkp');
    expect(printed).to.contain(mistake.stack!.split('\n')[1]!.trim());
    expect(printed).to.not.contain('See the AWS message above');

    const refused = Object.assign(new Error('Invalid lifecycle'), { name: 'InvalidParameterValueException', $metadata: { httpStatusCode: 400 } });
    const fromAws = handlerCallError(refused, 'Updating', 'backup_plan.daily');
    expect(fromAws).to.be.instanceOf(UserError);
    const awsIo = captureIo();
    reportError(fromAws, awsIo);
    expect(awsIo.stderr.join('\n')).to.contain('InvalidParameterValueException: Invalid lifecycle').and.contain('AWS rejected a value').and.not.contain('This is a bug');
  });

  it('leaves a reply that is not JSON (a SyntaxError) a user error', () => {
    expect(awsCallError(new SyntaxError('Unexpected token < in JSON at position 0'), 'Listing the vaults of', 'provider "aws"')).to.be.instanceOf(UserError);
  });
});
