// Issue 6.3: parallel applies on one state — the lock is honoured (each either waits its turn or
// fails at once naming the holder), no write is lost and the state stays valid; a lock left by a
// SIGKILLed process is recognisable as stale and `force-unlock ID` removes it.
import { expect } from 'chai';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tempDir } from '../support/cli.js';
import { countCalls, runChild } from './support/child.js';
import { newFigures, reportFigures } from './support/figures.js';
import { runInProcess } from './support/in-process.js';
import { findDuplicates, looksLikeACrash, missingFromState, readAccountFile, readValidState, writeProject } from './support/project.js';
import { scaled } from './support/scale.js';

describe('reliability: concurrent applies on one state', function () {
  this.timeout(180_000);
  const figures = newFigures();
  let dir: string;
  let cleanup: () => Promise<void>;
  before(async () => {
    ({ dir, cleanup } = await tempDir('bkp-concurrency-'));
    await writeProject(dir);
    const first = await runInProcess(dir, ['apply', '-auto-approve']);
    expect(first.code, first.stderr).to.equal(0);
  });
  after(async () => {
    reportFigures('concurrency', figures);
    await cleanup();
  });

  // Rounds rather than more processes at once: a soak run must not start dozens of node processes together.
  for (let round = 0; round < scaled(1); round++) {
    it(`round ${round + 1}: waiting and impatient applies race; none corrupts the state or loses a resource`, async () => {
      const serialBefore = (JSON.parse(await readFile(join(dir, 'bkp.state.json'), 'utf8')) as { serial: number }).serial;
      const env = { BKP_SANDBOX_FAULTS: `latency_ms=5,lost_response=0.05,seed=${63 + round}` };
      const waiting = Array.from({ length: 3 }, (_, i) => ['apply', '-auto-approve', '-lock-timeout=120s', `-var=variant=r${round}w${i}`]);
      const impatient = Array.from({ length: 2 }, (_, i) => ['apply', '-auto-approve', `-var=variant=r${round}i${i}`]);
      const runs = [...waiting, ...impatient].map((args) => runChild(dir, args, env));
      const results = await Promise.all(runs);
      figures.applies += results.length;
      for (const r of results) countCalls(figures, r);
      expect(figures.deleteRecoveryPointCalls).to.equal(0);
      let applied = 0;
      results.forEach((r, i) => {
        expect(looksLikeACrash(r.stdout + r.stderr), r.stderr).to.equal(false);
        if (i < waiting.length) expect(r.code, `a waiting apply: ${r.stdout}${r.stderr}`).to.equal(0);
        else if (r.code !== 0) expect(r.stderr, 'an impatient apply fails only on the lock').to.match(/is locked by .*pid \d+/s);
        if (r.code === 0) applied++;
      });
      const state = await readValidState(dir);
      // Every successful apply changed the tags: one serial (at least) each, none lost.
      expect(state.serial).to.be.at.least(serialBefore + applied);
      const winner = state.resources.find((r) => r.address === 'backup_vault.v["a"]')!.attributes.tags as Record<string, string>;
      const plan = await runInProcess(dir, ['plan', '-detailed-exitcode', `-var=variant=${winner.variant}`]);
      expect(plan.code, plan.stdout + plan.stderr).to.equal(0);
      const account = await readAccountFile(dir);
      const duplicates = findDuplicates(account);
      figures.duplicates += duplicates.length;
      expect(duplicates).to.deep.equal([]);
      expect(missingFromState(account, state)).to.deep.equal([]);
    });
  }

  it('a stale lock from a killed process is named as stale, and force-unlock removes only that lock', async () => {
    const killed = await runChild(dir, ['plan'], { BKP_TEST_KILL_AFTER_CALLS: '1' });
    expect(killed.signal).to.equal('SIGKILL');
    figures.crashes++;
    const lock = JSON.parse(await readFile(join(dir, '.bkp.state.json.lock'), 'utf8')) as { ID: string; Pid: number; Operation: string; Created: string };
    expect(lock.Operation).to.equal('plan');

    const blocked = await runInProcess(dir, ['apply', '-auto-approve']);
    expect(blocked.code).to.equal(1);
    for (const detail of [lock.ID, String(lock.Pid), 'plan', 'stale', `force-unlock ${lock.ID}`]) expect(blocked.stderr).to.include(detail);
    expect(looksLikeACrash(blocked.stderr), blocked.stderr).to.equal(false);

    const wrong = await runInProcess(dir, ['force-unlock', '00000000-0000-4000-8000-000000000000']);
    expect(wrong.code).to.equal(1);
    expect(wrong.stderr).to.include('does not match');
    expect(await readFile(join(dir, '.bkp.state.json.lock'), 'utf8')).to.include(lock.ID);

    const unlock = await runInProcess(dir, ['force-unlock', lock.ID]);
    expect(unlock.code, unlock.stderr).to.equal(0);
    expect(await readFile(join(dir, '.bkp.state.json.lock'), 'utf8').catch(() => 'gone')).to.equal('gone');
    const plan = await runInProcess(dir, ['plan']);
    expect(plan.code, plan.stderr).to.equal(0);
  });
});
