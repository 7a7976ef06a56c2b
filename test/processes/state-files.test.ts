// Several real processes against one state file: killed writers and competing writers.
import { expect } from 'chai';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { LocalStateBackend } from '../../src/state/local-backend.js';
import { readLockInfo } from '../../src/state/lock-file.js';
import type { StateDocument } from '../../src/state/model.js';
import { parseStateText } from '../../src/state/validate.js';
import { spawnFixture, tempDir, waitForExit, waitForLine } from '../state/helpers.js';

describe('state files under real processes', function () {
  this.timeout(120_000);

  let dir: string;
  let cleanup: () => void;
  let statePath: string;

  beforeEach(() => {
    ({ dir, cleanup } = tempDir());
    statePath = join(dir, 'bkp.state.json');
  });
  afterEach(() => cleanup());

  it('always leaves a valid state when a writer is killed with SIGKILL in the middle of many writes', async () => {
    const backend = new LocalStateBackend({ statePath, bkpVersion: '0.0.0-test' });
    let lastSerial = 0;
    for (const extraWrites of [2, 5, 3, 7]) {
      const writer = spawnFixture('write-forever.ts', [statePath]);
      const exited = waitForExit(writer);
      // Let it get a few writes past where the previous round stopped, then kill it at whatever it
      // is doing: the random pause spreads the kills over the phases of a write (temp file, fsync, rename).
      const target = lastSerial + extraWrites;
      await waitForLine(writer, (line) => Number(line) >= target);
      await sleep(Math.random() * 50);
      writer.kill('SIGKILL');
      const result = await exited;
      expect(result.signal).to.equal('SIGKILL');

      const text = readFileSync(statePath, 'utf8');
      const doc: StateDocument = parseStateText(text, statePath);
      expect(doc.serial).to.be.at.least(target);
      expect(doc.serial).to.be.at.least(lastSerial);
      lastSerial = doc.serial;
      if (existsSync(`${statePath}.backup`)) parseStateText(readFileSync(`${statePath}.backup`, 'utf8'), `${statePath}.backup`);

      // The killed writer's lock stays (stale); remove it the way a user would.
      const lock = await readLockInfo(join(dir, '.bkp.state.json.lock'));
      expect(lock.kind).to.equal('held');
      if (lock.kind === 'held') await backend.forceUnlock(lock.info.ID);
    }
    // The next locked session clears temp files that killed writers left behind.
    const session = await backend.open({ operation: 'apply', lockTimeoutMs: 0, lock: true });
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).to.deep.equal([]);
    expect(session.current().serial).to.equal(lastSerial);
    await session.close();
  });

  it('loses no update when four processes each run read-modify-persist cycles under the lock', async () => {
    const workers = 4;
    const cycles = 6;
    const results = await Promise.all(
      Array.from({ length: workers }, (_, worker) => waitForExit(spawnFixture('increment.ts', [statePath, String(worker), String(cycles)]))),
    );
    for (const result of results) expect(result.code, result.stderr).to.equal(0);

    const doc = parseStateText(readFileSync(statePath, 'utf8'), statePath);
    const total = workers * cycles;
    expect(doc.serial).to.equal(total);
    expect(doc.resources.find((r) => r.address === 'backup_vault.counter')?.attributes.count).to.equal(total);
    expect(doc.resources).to.have.length(total + 1);
    expect(existsSync(join(dir, '.bkp.state.json.lock'))).to.equal(false);
  });
});
