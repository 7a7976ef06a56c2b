import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeConfig } from '../../bench/lib/generate-config.js';
import { accountId, multiAccountConfig, RESOURCES_PER_LOCATION } from '../../bench/lib/multi-account-config.js';
import { loadConfig } from '../../src/app/configuration.js';

describe('bench: multi-account configuration', () => {
  it('sizes 100 accounts × 2 regions at 50 resources per location: 10,000 resources, 200 provider blocks', () => {
    const config = multiAccountConfig(100);
    expect([RESOURCES_PER_LOCATION, config.locations, config.resources, config.files.size]).to.deep.equal([50, 200, 10_000, 101]);
    expect(accountId(17)).to.equal('100000000017');
  });

  it('loads and validates: one sandbox file per account, every resource on its own location, copies to the other region', async () => {
    const generated = multiAccountConfig(2);
    const dir = mkdtempSync(join(tmpdir(), 'bkp-bench-accounts-test-'));
    try {
      writeConfig(dir, { files: generated.files } as Parameters<typeof writeConfig>[1]);
      const loaded = await loadConfig({ dir, env: {} });
      expect(loaded.diagnostics.filter((d) => d.severity === 'error')).to.deep.equal([]);
      const config = loaded.config!;
      expect(config.resources).to.have.length(generated.resources);
      expect(config.providers.map((p) => [p.key, p.attributes.path, p.attributes.account_id, p.attributes.region])).to.deep.equal([
        ['sandbox.a000_use1', '.bkp/a000.json', '100000000000', 'us-east-1'],
        ['sandbox.a000_euw1', '.bkp/a000.json', '100000000000', 'eu-west-1'],
        ['sandbox.a001_use1', '.bkp/a001.json', '100000000001', 'us-east-1'],
        ['sandbox.a001_euw1', '.bkp/a001.json', '100000000001', 'eu-west-1'],
      ]);
      const perProvider = new Map<string, number>();
      for (const r of config.resources) perProvider.set(r.provider, (perProvider.get(r.provider) ?? 0) + 1);
      expect([...perProvider.values()]).to.deep.equal([50, 50, 50, 50]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
