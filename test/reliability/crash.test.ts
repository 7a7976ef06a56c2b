// Issue 6.2: `bkp apply` killed with SIGKILL at random points — between two AWS calls, or while
// it writes the state — leaves a valid state file (or a valid .backup), a stale lock that the
// error names and `force-unlock` removes, and an account that the next apply brings to
// "No changes" without a duplicate. SIGINT at a random call finishes cleanly with exit 130.
import { expect } from 'chai';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tempDir } from '../support/cli.js';
import { countCalls, runChild, type ChildOutcome } from './support/child.js';
import { newFigures, reportFigures } from './support/figures.js';
import { runInProcess } from './support/in-process.js';
import { checkStateFile, findDuplicates, looksLikeACrash, missingFromState, readAccountFile, readValidState, writeProject } from './support/project.js';
import { randomInt, scaled, seededRandom } from './support/scale.js';

/** A first apply of the project makes about 30 AWS calls, an update about 20. */
const CALLS_IN_AN_APPLY = 30;
/** An apply writes the state (and its backup) up to about a dozen times. */
const WRITES_IN_AN_APPLY = 12;

interface Trial {
  name: string;
  /** Apply variant "one" first (in-process), so the killed apply updates instead of creating. */
  update: boolean;
  env: NodeJS.ProcessEnv;
}

function trials(): Trial[] {
  const random = seededRandom(6_2);
  const list: Trial[] = [];
  for (let i = 0; i < scaled(4); i++) {
    const n = 1 + randomInt(random, CALLS_IN_AN_APPLY);
    const update = i % 2 === 1;
    list.push({ name: `SIGKILL after AWS call ${n} of ${update ? 'an update' : 'a first apply'}`, update, env: { BKP_TEST_KILL_AFTER_CALLS: String(n) } });
  }
  for (let i = 0; i < scaled(2); i++) {
    const n = 1 + randomInt(random, WRITES_IN_AN_APPLY);
    const partial = i % 2 === 0 ? ':partial' : '';
    list.push({
      name: `SIGKILL ${partial ? 'halfway through' : 'at the end of'} state write ${n} (before its rename)`,
      update: i % 2 === 1,
      env: { BKP_TEST_KILL_DURING_STATE_WRITE: `${n}${partial}` },
    });
  }
  return list;
}

describe('reliability: apply killed at random points', function () {
  this.timeout(120_000);
  const figures = newFigures();
  after(() => reportFigures('crash', figures));

  async function assertConverges(dir: string, variant: string): Promise<void> {
    const apply = await runInProcess(dir, ['apply', '-auto-approve', `-var=variant=${variant}`]);
    figures.applies++;
    expect(apply.code, apply.stdout + apply.stderr).to.equal(0);
    const plan = await runInProcess(dir, ['plan', '-detailed-exitcode', `-var=variant=${variant}`]);
    expect(plan.code, plan.stdout + plan.stderr).to.equal(0);
    expect(plan.stdout).to.include('No changes.');
    const state = await readValidState(dir);
    const account = await readAccountFile(dir);
    const duplicates = findDuplicates(account);
    figures.duplicates += duplicates.length;
    expect(duplicates).to.deep.equal([]);
    expect(missingFromState(account, state)).to.deep.equal([]);
  }

  /** After a SIGKILL: the state (or its backup) is valid and the stale lock is named and removable. */
  async function recoverFromKill(dir: string, killed: ChildOutcome): Promise<void> {
    const state = await checkStateFile(dir);
    if (!state.ok) figures.stateFilesLost++;
    expect(state.ok, state.ok ? '' : state.problem).to.equal(true);
    const duplicates = findDuplicates(await readAccountFile(dir));
    figures.duplicates += duplicates.length;
    expect(duplicates, 'duplicates right after the kill').to.deep.equal([]);
    expect(figures.deleteRecoveryPointCalls, 'DeleteRecoveryPoint calls').to.equal(0);

    const lockText = await readFile(join(dir, '.bkp.state.json.lock'), 'utf8').catch(() => '');
    if (killed.signal !== 'SIGKILL' || lockText === '') return;
    const lock = JSON.parse(lockText) as { ID: string; Pid: number; Operation: string };
    const blocked = await runInProcess(dir, ['apply', '-auto-approve']);
    expect(blocked.code).to.equal(1);
    expect(blocked.stderr).to.include(lock.ID).and.to.include(`pid ${lock.Pid} is not running`).and.to.include('stale');
    expect(looksLikeACrash(blocked.stderr), blocked.stderr).to.equal(false);
    const unlock = await runInProcess(dir, ['force-unlock', lock.ID]);
    expect(unlock.code, unlock.stderr).to.equal(0);
  }

  for (const trial of trials()) {
    it(trial.name, async () => {
      const { dir, cleanup } = await tempDir('bkp-crash-');
      try {
        await writeProject(dir);
        if (trial.update) {
          const first = await runInProcess(dir, ['apply', '-auto-approve', '-var=variant=one']);
          expect(first.code, first.stderr).to.equal(0);
        }
        const variant = trial.update ? 'two' : 'one';
        const killed = await runChild(dir, ['apply', '-auto-approve', `-var=variant=${variant}`], trial.env);
        figures.applies++;
        countCalls(figures, killed);
        if (killed.signal === 'SIGKILL') figures.crashes++;
        else expect(killed.code, `the apply ended before the kill point: ${killed.stdout}${killed.stderr}`).to.equal(0);
        await recoverFromKill(dir, killed);
        await assertConverges(dir, variant);
      } finally {
        await cleanup();
      }
    });
  }

  it('SIGINT at a random AWS call: the apply stops cleanly with exit 130 and the next one converges', async () => {
    const random = seededRandom(130);
    for (let i = 0; i < scaled(1); i++) {
      const { dir, cleanup } = await tempDir('bkp-sigint-');
      try {
        await writeProject(dir);
        const n = 8 + randomInt(random, 14);
        const interrupted = await runChild(dir, ['apply', '-auto-approve'], { BKP_TEST_KILL_AFTER_CALLS: `${n}:SIGINT` });
        figures.applies++;
        countCalls(figures, interrupted);
        expect(interrupted.code, interrupted.stdout + interrupted.stderr).to.be.oneOf([130, 0]);
        if (interrupted.code === 130) expect(interrupted.stdout).to.include('Apply interrupted.');
        expect(looksLikeACrash(interrupted.stderr), interrupted.stderr).to.equal(false);
        expect(await readFile(join(dir, '.bkp.state.json.lock'), 'utf8').catch(() => 'released'), 'the lock is released').to.equal('released');
        await recoverFromKill(dir, interrupted);
        await assertConverges(dir, 'one');
      } finally {
        await cleanup();
      }
    }
  });
});
