// Issue 6.1: under heavy injected faults (throttling, 5xx, lost responses, latency) `bkp apply`
// completes or fails with a clear error, and re-running it converges to "No changes" with no
// duplicate in the account and no managed object missing from state. Many seeds; in-process so
// the sandbox's own injector counts the faults.
import { expect } from 'chai';
import type { FaultInjector } from '../../src/sandbox/faults.js';
import { tempDir } from '../support/cli.js';
import { newFigures, reportFigures } from './support/figures.js';
import { runInProcess, setFaults } from './support/in-process.js';
import { checkStateFile, findDuplicates, looksLikeACrash, missingFromState, readAccountFile, readValidState, writeProject } from './support/project.js';
import { scaled } from './support/scale.js';

/**
 * Two mixes. Throttling is cheap for the sandbox but slow for the SDK: its adaptive retry mode
 * then holds a client to 0.5 requests a second for a few seconds (wall-clock time this suite
 * cannot compress), so the throttling mix runs fewer seeds.
 */
const PROFILES = [
  { name: '5xx and lost responses', faults: { throttle: 0, error: 0.15, lostResponse: 0.15, latencyMs: 1 }, seeds: scaled(4), firstSeed: 1000 },
  { name: 'throttling, 5xx and lost responses', faults: { throttle: 0.1, error: 0.1, lostResponse: 0.1, latencyMs: 2 }, seeds: scaled(1), firstSeed: 2000 },
];
/**
 * With 30% of requests failing and the SDK's 3 attempts, about 3% of calls fail for good, so an
 * apply (with its ~20 refresh reads) succeeds about half the time; each failed attempt still saves
 * what completed. 20 attempts make a spurious failure about one in a million.
 */
const MAX_ATTEMPTS = 20;

describe('reliability: applies converge under injected faults', function () {
  this.timeout(300_000);
  const figures = newFigures();
  after(async () => {
    await setFaults(undefined);
    reportFigures('fault-convergence', figures);
  });

  /** Applies until one succeeds; every failure must be a clear user error. */
  async function applyUntilDone(dir: string, args: string[], faults: FaultInjector): Promise<number> {
    const errors: string[] = [];
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const before = faults.counters.requests;
      const r = await runInProcess(dir, ['apply', '-auto-approve', ...args], { fastRetries: true });
      figures.applies++;
      figures.awsCalls += faults.counters.requests - before;
      expect(looksLikeACrash(r.stdout + r.stderr), r.stdout + r.stderr).to.equal(false);
      expect(r.code, r.stderr).to.be.oneOf([0, 1]);
      if (r.code === 1) expect(r.stderr, 'a failed apply says why').to.match(/Error: \S/);
      const state = await checkStateFile(dir);
      if (!state.ok) figures.stateFilesLost++;
      expect(state.ok, state.ok ? '' : state.problem).to.equal(true);
      const duplicates = findDuplicates(await readAccountFile(dir));
      figures.duplicates += duplicates.length;
      expect(duplicates, 'duplicates after an apply under faults').to.deep.equal([]);
      if (r.code === 0) return attempt;
      errors.push(r.stderr.split('\n')[0]!);
    }
    throw new Error(`apply did not succeed in ${MAX_ATTEMPTS} attempts:\n${errors.join('\n')}`);
  }

  it('every reply lost once: each create (vault, plan, selection, backup job) is re-sent and made only once', async () => {
    const { FaultInjector, setSandboxFaults } = await import('../../src/sandbox/faults.js');
    /** Drops the reply of every request that follows a delivered one: with -parallelism=1 each call's first attempt. */
    class EveryFirstReplyLost extends FaultInjector {
      #lostLast = false;
      override decide(): ReturnType<FaultInjector['decide']> {
        this.counters.requests += 1;
        this.#lostLast = !this.#lostLast;
        if (this.#lostLast) this.counters.lost_response += 1;
        return { kind: this.#lostLast ? 'lost_response' : 'none', latencyMs: 0 };
      }
    }
    const { dir, cleanup } = await tempDir('bkp-lost-');
    try {
      await writeProject(dir);
      const faults = setSandboxFaults(new EveryFirstReplyLost())!;
      const r = await runInProcess(dir, ['apply', '-auto-approve', '-parallelism=1'], { fastRetries: true });
      figures.applies++;
      figures.awsCalls += faults.counters.requests;
      figures.faultsInjected += faults.counters.lost_response;
      await setFaults(undefined);
      expect(r.code, r.stdout + r.stderr).to.equal(0);
      expect(faults.counters.lost_response).to.be.at.least(20);
      const account = await readAccountFile(dir);
      expect(findDuplicates(account)).to.deep.equal([]);
      expect(missingFromState(account, await readValidState(dir))).to.deep.equal([]);
      const plan = await runInProcess(dir, ['plan', '-detailed-exitcode']);
      expect(plan.code, plan.stdout + plan.stderr).to.equal(0);
    } finally {
      await setFaults(undefined);
      await cleanup();
    }
  });

  for (const profile of PROFILES) {
    for (let i = 0; i < profile.seeds; i++) {
      const seed = profile.firstSeed + i;
      it(`${profile.name}, seed ${seed}: create, then update in place, each converging to "No changes"`, async () => {
        const { dir, cleanup } = await tempDir('bkp-faults-');
        const faults = (await setFaults({ ...profile.faults, seed }))!;
        try {
          await writeProject(dir);
          for (const variant of ['one', 'two']) {
            await applyUntilDone(dir, [`-var=variant=${variant}`], faults);
            // With the faults still on, a plan either fails clearly or finds nothing to do.
            const faultyPlan = await runInProcess(dir, ['plan', '-detailed-exitcode', `-var=variant=${variant}`], { fastRetries: true });
            expect(looksLikeACrash(faultyPlan.stderr), faultyPlan.stderr).to.equal(false);
            expect(faultyPlan.code, faultyPlan.stdout + faultyPlan.stderr).to.be.oneOf([0, 1]);
            if (faultyPlan.code === 0) expect(faultyPlan.stdout).to.include('No changes.');
          }
          await setFaults(undefined);
          const plan = await runInProcess(dir, ['plan', '-detailed-exitcode', '-var=variant=two'], { fastRetries: true });
          expect(plan.code, plan.stdout + plan.stderr).to.equal(0);
          expect(plan.stdout).to.include('No changes.');
          const state = await readValidState(dir);
          const account = await readAccountFile(dir);
          expect(missingFromState(account, state)).to.deep.equal([]);
          expect(findDuplicates(account)).to.deep.equal([]);
        } finally {
          figures.faultsInjected += faults.counters.throttle + faults.counters.error + faults.counters.lost_response;
          await setFaults(undefined);
          await cleanup();
        }
      });
    }
  }
});
