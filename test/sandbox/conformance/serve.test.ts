// The conformance scenario (scenario.ts) against the sandbox in-process and over `serve`: the
// same answers either way. (The comparison with moto is test/moto/sandbox/conformance.test.ts.)
import { expect } from 'chai';
import { runScenario } from './scenario.js';
import { inProcessTarget, servedTarget } from './targets.js';

describe('conformance: the sandbox in-process and over serve', () => {
  it('answers the same sequence of calls identically', async () => {
    const inProcess = await inProcessTarget();
    const served = await servedTarget();
    try {
      const direct = await runScenario(inProcess.clients);
      const overHttp = await runScenario(served.clients);
      expect([...overHttp.keys()]).to.deep.equal([...direct.keys()]);
      for (const [step, result] of direct) expect(overHttp.get(step), step).to.deep.equal(result);
      // Spot checks that the scenario exercised real behaviour, not errors everywhere.
      expect(direct.get('plan: versions')).to.deep.equal({ value: 2 });
      expect(direct.get('ec2: describe stopped')?.value).to.have.length(1);
    } finally {
      await inProcess.close();
      await served.close();
    }
  });
});
