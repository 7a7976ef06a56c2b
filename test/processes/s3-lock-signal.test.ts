// A Ctrl-C (or SIGTERM) never leaves an S3 state lock behind: not while the lock is held, and not
// in the window where S3 has stored the lock object but its reply has not reached bkp yet (the
// backend "s3" end-to-end test met that window once under load, and the lock stayed).
import { spawn } from 'node:child_process';
import { expect } from 'chai';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir, waitForExit, waitForLine } from '../state/helpers.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

describe('an S3 state lock under interrupt signals', function () {
  this.timeout(60_000);

  for (const [moment, line] of [
    ['after S3 stored the lock object, before its reply', 'stored'],
    ['while the lock is held', 'acquired'],
  ] as const) {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      it(`${signal} ${moment}: the lock object is deleted, then the signal ends the process`, async () => {
        const { dir, cleanup } = await tempDir();
        try {
          const lockObject = join(dir, 'state.lock');
          const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'test/processes/fixtures/s3-lock-interrupted.ts'), lockObject], {
            cwd: repoRoot,
            stdio: ['ignore', 'pipe', 'pipe'],
          });
          const exited = waitForExit(child);
          await waitForLine(child, (l) => l === line);
          expect(existsSync(lockObject)).to.equal(true);
          child.kill(signal);
          const result = await exited;
          expect(result.signal, result.stderr).to.equal(signal);
          expect(existsSync(lockObject), `the lock object is left behind ${JSON.stringify(result)}`).to.equal(false);
        } finally {
          await cleanup();
        }
      });
    }
  }
});
