// `npm run build` leaves a V8 code cache beside each bundle that the launcher's V8 accepts: a cache
// made under other flags or from another bundle would be rejected silently and only cost time.
import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

const cacheUsed = (bundle: string): string => {
  const script = `const { loadBundle } = require('./bin/load-bundle.cjs'); process.stdout.write(String(loadBundle('dist/${bundle}', 'dist/${bundle}.cache').cacheUsed));`;
  return execFileSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' });
};

describe('built CLI: code cache', () => {
  it('is accepted by the launcher for the bundle it was built with', () => {
    expect(cacheUsed('bkp.cjs')).to.equal('true');
  });

  it('is accepted for the AWS SDK bundles a plan of the quickstart loads: the core and EC2\'s', () => {
    expect(cacheUsed('aws-sdk/core.cjs')).to.equal('true');
    expect(cacheUsed('aws-sdk/client-ec2.cjs')).to.equal('true');
  });
});
