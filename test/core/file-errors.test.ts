// The reasons bkp gives for a file it cannot read or write: in words, never a system call or the
// name of a temporary file.
import { expect } from 'chai';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomically } from '../../src/core/atomic-write.js';
import { fileErrorReason, fileErrorText } from '../../src/core/file-errors.js';
import { outputFileError, UserError } from '../../src/core/errors.js';
import { FileRefusedError, readFileLimited } from '../../src/core/read-file.js';
import { tempDir } from '../support/cli.js';

const failureOf = (work: Promise<unknown>) => work.then(() => undefined, (e: unknown) => e);

describe('file error reasons', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  before(async () => {
    ({ dir, cleanup } = await tempDir('bkp-file-errors-'));
    await mkdir(join(dir, 'folder'));
    await writeFile(join(dir, 'file'), 'x');
  });
  after(() => cleanup());

  it('says what is wrong with a path that cannot be read', async () => {
    expect(fileErrorReason(await failureOf(readFileLimited(join(dir, 'missing'), 100)), 'read')).to.equal('the file does not exist');
    expect(fileErrorReason(await failureOf(readFileLimited(join(dir, 'file', 'below'), 100)), 'read')).to.equal('a part of its path is a file, not a folder');
    expect(fileErrorReason(await failureOf(readFileLimited(join(dir, 'folder'), 100)), 'read')).to.equal('it is a directory, not a file');
  });

  it('says what is wrong with a path that cannot be written, without the temporary file', async () => {
    const intoFolder = await failureOf(writeFileAtomically(join(dir, 'folder'), 'x'));
    expect(fileErrorReason(intoFolder, 'write')).to.equal('it is a directory');
    expect((intoFolder as Error).message).to.contain('.tmp');
    const missingFolder = outputFileError(await failureOf(writeFileAtomically(join(dir, 'none', 'plan'), 'x')), join(dir, 'none', 'plan'), 'the plan');
    expect(missingFolder).to.be.instanceOf(UserError);
    expect((missingFolder as UserError).message).to.equal(`Cannot write the plan to ${join(dir, 'none', 'plan')}: its folder does not exist.`);
  });

  it('keeps bkp\'s own refusals, and the message of any other failure', () => {
    expect(fileErrorText(new FileRefusedError('it is a FIFO, not a regular file', 'BKP_NOT_A_REGULAR_FILE'), 'read')).to.equal('it is a FIFO, not a regular file');
    expect(fileErrorReason(new TypeError('not a path problem'), 'read')).to.equal(undefined);
    expect(fileErrorText(new TypeError('not a path problem'), 'write')).to.equal('not a path problem');
  });
});
