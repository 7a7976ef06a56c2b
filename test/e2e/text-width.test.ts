// The built CLI measures text with string-width only beyond printable ASCII (scripts/bundle.mjs):
// loading string-width builds an Intl.Segmenter and Unicode-set regular expressions, which cost
// about 40 ms of every start, and yargs measures a command's help text every time it runs the
// command. These tests fail if the bundle loads string-width again on a plain run, and if its help
// text is laid out differently from what string-width itself gives (the CLI run from src/).
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from '../support/cli.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Runs `node [nodeArgs] -e script` in the package root; stdout, stderr and the exit status. */
function node(nodeArgs: string[], script: string) {
  const child = spawnSync(process.execPath, [...nodeArgs, '-e', script], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { stdout: child.stdout, stderr: child.stderr, status: child.status };
}

const builtCli = (args: string[]) => `require('./bin/load-bundle.cjs').loadBundle('dist/bkp.cjs', 'dist/bkp.cjs.cache').exports.main(${JSON.stringify(args)})`;
const sourceCli = (args: string[]) => `import('./src/cli/main.ts').then((cli) => cli.main(${JSON.stringify(args)}))`;

describe('built CLI: text width', function () {
  this.timeout(60_000);

  it('bkp validate builds no Intl.Segmenter (string-width is not loaded)', async () => {
    const { dir, cleanup } = await tempDir('bkp-text-width-');
    try {
      const counter = join(dir, 'count-segmenters.cjs');
      writeFileSync(
        counter,
        `const Segmenter = Intl.Segmenter;
         let made = 0;
         Intl.Segmenter = class extends Segmenter { constructor(...args) { super(...args); made += 1; } };
         process.on('exit', () => process.stderr.write('segmenters: ' + made + '\\n'));`,
      );
      const validate = node(['-r', counter], builtCli(['-chdir=examples/quickstart', 'validate', '-no-color']));
      expect(validate.status, validate.stderr).to.equal(0);
      expect(validate.stderr).to.contain('segmenters: 0');
      // The counter counts: help text beyond ASCII ("terminated…") loads string-width.
      const help = node(['-r', counter], builtCli(['sandbox', 'resource', 'add', '--help']));
      expect(help.stdout).to.contain('terminated…');
      expect(help.stderr).to.match(/segmenters: [1-9]/);
    } finally {
      await cleanup();
    }
  });

  for (const args of [['--help'], ['validate', '--help'], ['sandbox', 'resource', 'add', '--help']]) {
    it(`lays out \`bkp ${args.join(' ')}\` as string-width does`, () => {
      const built = node([], builtCli(args));
      const fromSource = node(['--import', 'tsx'], sourceCli(args));
      expect(built.status, built.stderr).to.equal(0);
      expect(fromSource.status, fromSource.stderr).to.equal(0);
      expect(built.stdout).to.have.length.greaterThan(200);
      expect(built.stdout).to.equal(fromSource.stdout);
    });
  }
});
