import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  accountObjectCounts,
  generateConfig,
  instanceCounts,
  providerKey,
  REGION_NAMES,
  REGION_QUOTA,
  regionCount,
  regionShares,
  unitLayout,
  unitsForBlocks,
  unitsForResources,
  writeConfig,
} from '../../bench/lib/generate-config.js';
import { loadConfig } from '../../src/app/configuration.js';

describe('bench: generated configuration', () => {
  it('counts four resources per unit and fewer blocks where for_each groups units', () => {
    const small = generateConfig({ units: 12 });
    expect(small.instances).to.deep.include({ vaults: 12, plans: 12, selections: 24, legalHolds: 0, regionSettings: 0, total: 48 });
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
    expect(config.files.get('main.bkp.hcl')).to.contain('alias      = "r2"');
  });

  it('uses at least two regions and one more per 250 units', () => {
    expect([1, 3, 250, 251, 500, 501, 1250].map(regionCount)).to.deep.equal([2, 2, 2, 2, 2, 3, 5]);
    expect([0, 1, 4].map(providerKey)).to.deep.equal(['sandbox', 'sandbox.r2', 'sandbox.r5']);
  });

  it('keeps every region of the 5,000-resource configuration under the 300-vault quota', () => {
    const shares = regionShares(1250);
    expect(shares.map((s) => s.region)).to.deep.equal(REGION_NAMES.slice(0, 5));
    expect(shares.reduce((n, s) => n + s.units, 0)).to.equal(1250);
    for (const share of shares) expect(share.units, share.region).to.be.at.most(REGION_QUOTA);

    const main = generateConfig({ units: 1250 }).files.get('main.bkp.hcl')!;
    expect(main.match(/^provider "sandbox" \{/gm)).to.have.length(5);
    expect(main).to.contain('alias      = "r5"').and.to.contain('region     = "ap-southeast-2"');
  });

  it('sends every unit\'s copies to a vault in another region and keeps a for_each group in one region', () => {
    for (const units of [3, 25, 250, 540, 1250]) {
      const { region, copyTarget } = unitLayout(units);
      region.forEach((own, unit) => expect(region[copyTarget[unit]!], `unit ${unit} of ${units}`).to.not.equal(own));
    }
    const { region } = unitLayout(100);
    // Units 45–49 form the first for_each group.
    expect(new Set(region.slice(45, 50)).size).to.equal(1);
  });

  it('refuses a size no named set of regions can hold', () => {
    expect(() => generateConfig({ units: REGION_NAMES.length * 250 + 1 })).to.throw(/regions/);
  });

  it('is a valid configuration whose resources follow the layout, over three regions', async function () {
    this.timeout(60_000);
    const dir = mkdtempSync(join(tmpdir(), 'bkp-bench-test-'));
    try {
      const units = 501;
      writeConfig(dir, generateConfig({ units }));
      const result = await loadConfig({ dir, env: {} });
      expect(result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.summary)).to.deep.equal([]);
      const resources = result.config!.resources;
      expect(resources).to.have.length(4 * units);
      const vaultsIn = (provider: string) => resources.filter((r) => r.kind === 'backup_vault' && r.provider === provider).length;
      expect(regionShares(units).map((s) => vaultsIn(s.provider))).to.deep.equal(regionShares(units).map((s) => s.units));
      // Every selection is in its plan's region (a for_each block's instances share one provider).
      const planProvider = new Map(resources.filter((r) => r.kind === 'backup_plan').map((r) => [`backup_plan.${r.name}`, r.provider]));
      for (const selection of resources.filter((r) => r.kind === 'backup_selection')) {
        const plan = selection.dependencies.find((d) => planProvider.has(d));
        expect(plan && planProvider.get(plan), selection.address).to.equal(selection.provider);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('adds the other kinds in proportion, to plain units only, and sizes 5,000 resources with them', () => {
    // Plain units 5, 31, 57, 83 … have an air-gapped vault, 13, 39, 65, 91 … a tiering configuration, 30, 81 … a legal hold.
    expect(accountObjectCounts(100)).to.deep.equal({ airGappedVaults: 4, tieringConfigurations: 4, legalHolds: 2, regionSettings: 2, globalSettings: 1 });
    expect(instanceCounts(100, true).total).to.equal(400 + 4 + 4 + 2 + 2 + 1);
    const units = unitsForResources(5000);
    expect(units).to.equal(1218);
    expect(instanceCounts(units, true)).to.deep.equal({
      vaults: 1218,
      plans: 1218,
      selections: 2436,
      airGappedVaults: 49,
      tieringConfigurations: 49,
      legalHolds: 24,
      regionSettings: 5,
      globalSettings: 1,
      total: 5000,
    });
    // AWS's default quota is 50 active legal holds per account; vaults of both types stay under 300 per region.
    expect(instanceCounts(units, true).legalHolds).to.be.at.most(50);
    for (const share of regionShares(units)) expect(share.units + Math.ceil(share.units / 25) + 1).to.be.below(REGION_QUOTA);
    expect([10, 100, 1000, 2000].map((n) => instanceCounts(unitsForResources(n), true).total)).to.deep.equal([11, 101, 1000, 2000]);
  });

  it('spreads the other kinds over every region of the 5,000-resource configuration', () => {
    const main = generateConfig({ units: unitsForResources(5000), accountObjects: true });
    const text = [...main.files.values()].join('\n');
    for (const kind of ['logically_air_gapped_vault', 'tiering_configuration', 'legal_hold']) {
      const providers = new Map<string, number>();
      for (const match of text.matchAll(new RegExp(`^${kind} "[^"]+" \\{\\n\\s+provider\\s+= (\\S+)`, 'gm'))) providers.set(match[1]!, (providers.get(match[1]!) ?? 0) + 1);
      expect([...providers.keys()].sort(), kind).to.deep.equal(['sandbox', 'sandbox.r2', 'sandbox.r3', 'sandbox.r4', 'sandbox.r5']);
      // Within one of an even share: no region gets them all.
      const counts = [...providers.values()];
      expect(Math.max(...counts) - Math.min(...counts), kind).to.be.at.most(1);
    }
  });

  it('writes the other kinds as a valid configuration whose objects refer to their unit\'s vault in its region', async function () {
    this.timeout(60_000);
    const dir = mkdtempSync(join(tmpdir(), 'bkp-bench-test-'));
    try {
      const units = 60;
      const generated = generateConfig({ units, accountObjects: true });
      writeConfig(dir, generated);
      const result = await loadConfig({ dir, env: {} });
      expect(result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.summary)).to.deep.equal([]);
      const resources = result.config!.resources;
      expect(resources).to.have.length(generated.instances.total);
      const byKind = (kind: string) => resources.filter((r) => r.kind === kind);
      expect(byKind('logically_air_gapped_vault').map((r) => r.name)).to.deep.equal(['a0005', 'a0031', 'a0057']);
      expect(byKind('region_settings').map((r) => r.provider)).to.deep.equal(['sandbox', 'sandbox.r2']);
      expect(byKind('global_settings')).to.have.length(1);
      const vaultProvider = new Map(byKind('backup_vault').map((r) => [r.address, r.provider]));
      for (const object of [...byKind('tiering_configuration'), ...byKind('legal_hold')]) {
        const vault = object.dependencies.find((d) => vaultProvider.has(d));
        expect(vault && vaultProvider.get(vault), object.address).to.equal(object.provider);
      }
      expect(byKind('legal_hold').map((r) => r.address)).to.deep.equal(['legal_hold.h0030']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
