// Several real processes writing one sandbox account through its lock file (issue 22, section 6):
// a lock left by a dead process, or left empty by a holder killed while creating it, is taken over
// by exactly one writer, and no acknowledged write is lost.
import { spawn, spawnSync } from 'node:child_process';
import { expect } from 'chai';
import { readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { tempDir, waitForExit } from '../state/helpers.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

function spawnIncrementer(accountPath: string, count: number, startAt: number) {
  return spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'test/processes/fixtures/account-increment.ts'), accountPath, String(count), String(startAt)], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** The pid of a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '0']);
  return child.pid!;
}

async function raceIncrementers(accountPath: string, writers: number, count: number): Promise<{ acknowledged: number; counter: unknown }> {
  // Released together, after every child has loaded: all of them meet the planted lock at once.
  const startAt = Date.now() + 4_000;
  const results = await Promise.all(Array.from({ length: writers }, () => waitForExit(spawnIncrementer(accountPath, count, startAt))));
  for (const result of results) expect(result.code, result.stderr).to.equal(0);
  const acknowledged = results.reduce((sum, r) => sum + r.stdout.split('\n').filter((line) => line === 'ack').length, 0);
  const account = JSON.parse(readFileSync(accountPath, 'utf8')) as { extensions: Record<string, unknown> };
  return { acknowledged, counter: account.extensions['counter'] };
}

describe('the sandbox account lock under real processes', function () {
  this.timeout(180_000);

  let dir: string;
  let cleanup: () => void;
  let accountPath: string;

  beforeEach(() => {
    ({ dir, cleanup } = tempDir());
    accountPath = join(dir, 'sandbox.json');
  });
  afterEach(() => cleanup());

  it('loses no acknowledged write when eight writers keep meeting locks left by dead processes', async () => {
    // A lock left by a dead process is planted before the writers start, and again (only while
    // the lock is free, as a holder that dies at once would) all the time they run: every
    // writer goes through the take-over again and again, and two of them judging the same dead
    // lock must not both end up writing.
    const lockPath = `${accountPath}.lock`;
    const dead = deadPid();
    const deadLock = () => JSON.stringify({ pid: dead, host: hostname(), created: Date.now() });
    writeFileSync(lockPath, deadLock());
    let running = true;
    let planted = 0;
    const planter = (async () => {
      while (running) {
        try {
          writeFileSync(lockPath, deadLock(), { flag: 'wx' });
          planted++;
        } catch {
          // Held: try again shortly.
        }
        await sleep(1);
      }
    })();
    try {
      const { acknowledged, counter } = await raceIncrementers(accountPath, 8, 40);
      expect(acknowledged).to.equal(8 * 40);
      expect(counter, `acknowledged increments were lost (${planted} dead locks planted)`).to.equal(acknowledged);
    } finally {
      running = false;
      await planter;
    }
    expect(planted).to.be.greaterThan(1);
  });

  it('takes over an empty lock left by a holder killed while creating it, and removes dead writers\' temp files', async () => {
    writeFileSync(`${accountPath}.lock`, '');
    const old = new Date(Date.now() - 60_000);
    utimesSync(`${accountPath}.lock`, old, old);
    const leftover = `.sandbox.json.${deadPid()}.5f3a.tmp`;
    writeFileSync(join(dir, leftover), '{"half":');
    const { acknowledged, counter } = await raceIncrementers(accountPath, 3, 5);
    expect(acknowledged).to.equal(15);
    expect(counter).to.equal(15);
    expect(readdirSync(dir)).to.deep.equal(['sandbox.json']);
  });
});
