// The launcher's bundle loader: it runs a CommonJS bundle through node:vm with V8's code cache,
// and a missing or foreign cache only costs speed, never correctness.
import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface Loaded {
  exports: Record<string, unknown>;
  script: { createCachedData(): Buffer };
  cacheUsed: boolean;
}
const { loadBundle } = createRequire(import.meta.url)('../../bin/load-bundle.cjs') as { loadBundle(bundle: string, cache: string): Loaded };

describe('launcher: loadBundle', () => {
  let dir: string;
  let bundle: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bkp-load-bundle-'));
    bundle = join(dir, 'bundle.cjs');
    // Uses what a CommonJS module gets: exports, module, require (relative to the bundle), __filename, __dirname.
    writeFileSync(join(dir, 'helper.cjs'), 'module.exports = 40;');
    writeFileSync(bundle, "exports.answer = () => require('./helper.cjs') + 2; module.exports.where = [__filename, __dirname];");
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('runs the bundle as CommonJS, without a cache', () => {
    const loaded = loadBundle(bundle, join(dir, 'missing.cache'));
    expect((loaded.exports.answer as () => number)()).to.equal(42);
    expect(loaded.exports.where).to.deep.equal([bundle, dir]);
    expect(loaded.cacheUsed).to.equal(false);
  });

  it('uses a cache made from the same bundle', () => {
    const first = loadBundle(bundle, join(dir, 'missing.cache'));
    (first.exports.answer as () => number)();
    writeFileSync(join(dir, 'bundle.cache'), first.script.createCachedData());
    const second = loadBundle(bundle, join(dir, 'bundle.cache'));
    expect(second.cacheUsed).to.equal(true);
    expect((second.exports.answer as () => number)()).to.equal(42);
  });

  it('reads a bundle that is not ASCII as UTF-8', () => {
    writeFileSync(bundle, "exports.word = 'sauvegardé → été ✓';");
    expect(loadBundle(bundle, join(dir, 'missing.cache')).exports.word).to.equal('sauvegardé → été ✓');
  });

  it('ignores a cache that is not V8 code cache for this bundle', () => {
    writeFileSync(join(dir, 'bundle.cache'), 'not a code cache');
    const loaded = loadBundle(bundle, join(dir, 'bundle.cache'));
    expect(loaded.cacheUsed).to.equal(false);
    expect((loaded.exports.answer as () => number)()).to.equal(42);
  });
});
