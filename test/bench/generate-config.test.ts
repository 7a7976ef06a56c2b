import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateConfig, unitsForBlocks, writeConfig } from '../../bench/lib/generate-config.js';
import { loadConfig } from '../../src/config/load.js';

describe('bench: generated configuration', () => {
  it('counts four resources per unit and fewer blocks where for_each groups units', () => {
    const small = generateConfig({ units: 12 });
    expect(small.instances).to.deep.equal({ vaults: 12, plans: 12, selections: 24, total: 48 });
    expect(small.blocks).to.equal(48);

    const grouped = generateConfig({ units: 100 });
    expect(grouped.instances.total).to.equal(400);
    // Units 45–49 and 95–99 are two for_each groups of five: 4 blocks each instead of 20.
    expect(grouped.blocks).to.equal(400 - 2 * 16);
    expect([...grouped.files.values()].join('\n')).to.contain('for_each = local.g0009');
  });

  it('finds the smallest number of units that reaches a block count', () => {
    const units = unitsForBlocks(2000);
    expect(generateConfig({ units }).blocks).to.be.at.least(2000);
    expect(generateConfig({ units: units - 1 }).blocks).to.be.below(2000);
  });

  it('splits the units over files and writes a provider file first', () => {
    const config = generateConfig({ units: 120, unitsPerFile: 50 });
    expect([...config.files.keys()]).to.deep.equal(['main.bkp.hcl', 'units-0001.bkp.hcl', 'units-0002.bkp.hcl', 'units-0003.bkp.hcl']);
    expect(config.files.get('main.bkp.hcl')).to.contain('alias      = "dr"');
  });

  it('is a valid configuration that spreads resources evenly over the two regions', async function () {
    this.timeout(30_000);
    const dir = mkdtempSync(join(tmpdir(), 'bkp-bench-test-'));
    try {
      writeConfig(dir, generateConfig({ units: 100 }));
      const result = await loadConfig({ dir, env: {} });
      expect(result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.summary)).to.deep.equal([]);
      const resources = result.config!.resources;
      expect(resources).to.have.length(400);
      const vaultsIn = (provider: string) => resources.filter((r) => r.kind === 'backup_vault' && r.provider === provider).length;
      // Plain units alternate regions, and so do for_each groups: 500 units stay under a region's 300-vault quota.
      expect(vaultsIn('sandbox') + vaultsIn('sandbox.dr')).to.equal(100);
      expect(Math.abs(vaultsIn('sandbox') - vaultsIn('sandbox.dr'))).to.be.at.most(2);
      // Every selection is in its plan's region.
      for (const selection of resources.filter((r) => r.kind === 'backup_selection')) {
        const plan = resources.find((r) => r.kind === 'backup_plan' && selection.dependencies.includes(`backup_plan.${r.name}`));
        expect(plan?.provider, selection.address).to.equal(selection.provider);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
