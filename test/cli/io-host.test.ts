// The CLI as the use cases' host: which stream each message goes to, what a terminal gets that a
// pipe does not, and an output file that cannot be written as a user error.
import { expect } from 'chai';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import type { AnyIoMessage } from '../../src/app/io-host.js';
import { CliIoHost } from '../../src/cli/io-host.js';
import { UserError, outputFileError } from '../../src/core/errors.js';
import type { JobFacts } from '../../src/domain/job-facts.js';
import { captureIo, tempDir } from './sandbox-helpers.js';

const job = (jobId: string, state: string): JobFacts => ({ jobId, state, address: `on_demand_backup.${jobId}`, resourceArn: 'arn:aws:ec2:eu-west-1:123456789012:instance/i-1', vault: 'main' });
const emptyReport = { results: [], refreshed: false, inventorySources: [] };

describe('cli io host', () => {
  it('prints a result on stdout and the rest on stderr, as its text when it has no view of its own', async () => {
    const io = captureIo();
    const host = new CliIoHost(io);
    await host.notify({ code: 'BKP_R_STATE_MOVED', level: 'result', message: 'Moved a to b.', data: { from: 'a', to: 'b' } });
    await host.notify({ code: 'BKP_I_NO_STATE', level: 'info', message: 'There is no state here yet.', data: { location: 'here' } });
    expect(io.stdout).to.deep.equal(['Moved a to b.']);
    expect(io.stderr).to.deep.equal(['There is no state here yet.']);
  });

  it('draws refresh progress only on a terminal, and job progress as changed lines on a pipe', async () => {
    const io = captureIo();
    const host = new CliIoHost(io);
    await host.notify({ code: 'BKP_P_REFRESH', level: 'progress', message: '', data: { done: 1, total: 1 } });
    const running = job('a', 'RUNNING');
    await host.notify({ code: 'BKP_P_JOBS', level: 'progress', message: '', data: { jobs: [running, job('b', 'CREATED')], changed: [running] } } as AnyIoMessage);
    expect(io.stderr).to.deep.equal([]);
    expect(io.stdout).to.have.length(1);
    expect(io.stdout[0]).to.contain('on_demand_backup.a').and.not.contain('on_demand_backup.b');

    const tty = { ...captureIo(), stderrIsTty: true };
    await new CliIoHost(tty).notify({ code: 'BKP_P_REFRESH', level: 'progress', message: '', data: { done: 1, total: 2 } });
    expect(tty.stderr.join('')).to.contain('Refreshing state... 1/2');
  });

  it('writes a check report to its -out file, and refuses a path it cannot write as a user error', async () => {
    const { dir, cleanup } = tempDir();
    try {
      await writeReports(dir);
    } finally {
      cleanup();
    }
  });

  async function writeReports(dir: string): Promise<void> {
    const io = captureIo();
    const host = new CliIoHost(io);
    const message = (outFile: string): AnyIoMessage => ({
      code: 'BKP_R_CHECK',
      level: 'result',
      message: '',
      data: { report: emptyReport, format: 'json', sources: new Map(), sarifUriPrefix: '', outFile },
    });
    await host.notify(message(join(dir, 'report.json')));
    expect(JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'))).to.be.an('object');
    expect(io.stderr).to.deep.equal([`Wrote the json report to ${join(dir, 'report.json')}.`]);

    const missing = join(dir, 'no-such-folder', 'report.json');
    const error = await host.notify(message(missing)).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(UserError);
    expect((error as UserError).message).to.equal(`Cannot write the json report to ${missing}: its folder does not exist.`);
  }

  it('leaves a failure that is not the path\'s fault as it is', () => {
    const bug = new TypeError('not a path problem');
    expect(outputFileError(bug, 'x', 'the plan')).to.equal(bug);
    const denied = Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    expect(outputFileError(denied, 'x', 'the plan')).to.be.instanceOf(UserError);
  });
});
