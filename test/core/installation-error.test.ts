// The launcher's IncompleteInstallationError (a bundle of bkp's build that cannot be read) becomes
// a user error with the way to build bkp again, also when it comes out of a call to AWS (the SDK's
// bundles load on a command's first call): never a bug report, never "see the AWS message above".
import { expect } from 'chai';
import { createRequire } from 'node:module';
import { awsCallError } from '../../src/aws/errors.js';
import { reportError } from '../../src/cli/main.js';
import { ErrorCode, INSTALLATION_HINT, installationError, UserError } from '../../src/core/errors.js';
import { handlerCallError } from '../../src/resources/kind.js';
import { captureIo } from '../cli/sandbox-helpers.js';

const { IncompleteInstallationError } = createRequire(import.meta.url)('../../bin/load-bundle.cjs') as {
  IncompleteInstallationError: new (path: string, cause: unknown) => Error & { hint: string; code: string };
};

const missing = () => new IncompleteInstallationError('/opt/bkp/dist/aws-sdk/core.cjs', Object.assign(new Error('no such file'), { code: 'ENOENT' }));

describe('an incomplete installation', () => {
  it('is told by the launcher with the same code and hint as the CLI uses', () => {
    const error = missing();
    expect(error.message).to.equal("bkp's installation is incomplete: /opt/bkp/dist/aws-sdk/core.cjs cannot be read (ENOENT).");
    expect(error.code).to.equal(ErrorCode.Installation);
    expect(error.hint).to.equal(INSTALLATION_HINT);
  });

  it('is a user error out of a call to AWS, and printed with its hint only', () => {
    const wrapped = handlerCallError(missing(), 'Refreshing', 'backup_vault.main');
    expect(wrapped).to.be.instanceOf(UserError);
    expect((wrapped as UserError).code).to.equal(ErrorCode.Installation);
    expect(awsCallError(missing(), 'Listing the vaults of', 'provider "aws"').code).to.equal(ErrorCode.Installation);
    const io = captureIo();
    expect(reportError(missing(), io)).to.equal(1);
    const printed = io.stderr.join('\n');
    expect(printed).to.contain("Error: bkp's installation is incomplete").and.contain(INSTALLATION_HINT);
    expect(printed).to.not.contain('This is a bug').and.not.contain('See the AWS message above');
  });

  it('is recognised by name only', () => {
    expect(installationError(new Error('ENOENT: no such file'))).to.equal(undefined);
    expect(installationError('IncompleteInstallationError')).to.equal(undefined);
  });
});
