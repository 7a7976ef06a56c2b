import { expect } from 'chai';
import { gnuTimeAvailable, runChild, tail } from '../../bench/lib/child.js';

describe('bench: child processes', () => {
  it('returns the exit code, the output and the wall time', async () => {
    const run = await runChild(process.execPath, ['-e', 'process.stdout.write("out"); process.stderr.write("err"); process.exit(3)']);
    expect(run.exitCode).to.equal(3);
    expect(run.stdout).to.equal('out');
    expect(run.stderr).to.equal('err');
    expect(run.wallMs).to.be.greaterThan(0);
  });

  it('measures CPU time and peak memory with GNU time when the machine has it', async () => {
    const run = await runChild(process.execPath, ['-e', 'const a = Buffer.alloc(64 * 1024 * 1024, 1); console.log(a[0])']);
    expect(run.exitCode).to.equal(0);
    if (gnuTimeAvailable()) {
      expect(run.cpuMs).to.be.a('number');
      expect(run.peakRssBytes).to.be.greaterThan(64 * 1024 * 1024);
    } else {
      expect(run.cpuMs).to.equal(undefined);
    }
  });

  it('keeps the last lines of long output', () => {
    expect(tail('a\nb\nc\nd\n', 2)).to.equal('c\nd');
  });
});
