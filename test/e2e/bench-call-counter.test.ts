// The scale benchmark's counter (bench/lib/count-calls.mjs) preloaded into the built CLI, as the
// benchmark runs it: the counts must be those of the bundled bkp's real calls to the sandbox.
// The sandbox transport's own request log (BKP_TEST_CALL_LOG) is the independent tally.
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { countedBkp } from '../../bench/lib/counted-run.js';
import { generateConfig, writeConfig } from '../../bench/lib/generate-config.js';
import { tempDir } from '../support/cli.js';

const requestsLogged = (log: string) => readFileSync(log, 'utf8').split('\n').filter((line) => line !== '').length;

describe('bench: API calls counted in the built CLI', function () {
  this.timeout(120_000);

  it('counts every call of `bkp apply` and `bkp plan` against the sandbox, one request each without faults', async () => {
    const { dir, cleanup } = await tempDir('bkp-bench-counter-');
    try {
      writeConfig(dir, generateConfig({ units: 2 }));
      const log = join(dir, 'requests.log');
      const apply = await countedBkp(['apply', '-auto-approve', '-no-color'], { cwd: dir, latencyMs: 0, env: { BKP_TEST_CALL_LOG: log } });
      expect(apply.exitCode, apply.stderr).to.equal(0);
      // 2 vaults, 2 plans, 4 selections: a create each, and the vaults' and plans' reads and tags.
      expect(apply.calls).to.include({ CreateBackupVault: 2, CreateBackupPlan: 2, CreateBackupSelection: 4 });
      expect(apply.requests).to.equal(apply.totalCalls);
      expect(apply.requests).to.equal(requestsLogged(log));

      const plan = await countedBkp(['plan', '-detailed-exitcode', '-no-color'], { cwd: dir, latencyMs: 0 });
      expect(plan.exitCode, plan.stderr).to.equal(0);
      expect(plan.totalCalls).to.be.greaterThan(0);
      expect(plan.requests).to.equal(plan.totalCalls);
    } finally {
      await cleanup();
    }
  });

  it('counts the retries of throttled calls as requests, as many as reached the sandbox', async () => {
    const { dir, cleanup } = await tempDir('bkp-bench-counter-');
    try {
      writeConfig(dir, generateConfig({ units: 2 }));
      const log = join(dir, 'requests.log');
      const env = { BKP_TEST_CALL_LOG: log, BKP_SANDBOX_FAULTS: 'throttle=0.1,seed=7' };
      const apply = await countedBkp(['apply', '-auto-approve', '-no-color'], { cwd: dir, latencyMs: 0, env });
      expect(apply.exitCode, apply.stderr).to.equal(0);
      expect(apply.totalCalls).to.be.greaterThan(0);
      expect(apply.requests).to.be.greaterThan(apply.totalCalls);
      expect(apply.requests).to.equal(requestsLogged(log));
    } finally {
      await cleanup();
    }
  });
});
