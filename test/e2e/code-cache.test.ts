// `npm run build` leaves a V8 code cache beside the bundle that the launcher's V8 accepts: a cache
// made under other flags or from another bundle would be rejected silently and only cost time.
import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

describe('built CLI: code cache', () => {
  it('is accepted by the launcher for the bundle it was built with', () => {
    const script = "const { loadBundle } = require('./bin/load-bundle.cjs'); process.stdout.write(String(loadBundle('dist/bkp.cjs', 'dist/bkp.cjs.cache').cacheUsed));";
    expect(execFileSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' })).to.equal('true');
  });
});
