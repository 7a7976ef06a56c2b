// Build step: makes dist/bkp.cjs.cache, V8's code cache of the bundled CLI, which the launcher
// hands to V8 (bin/load-bundle.cjs). V8 caches the functions compiled so far, so the bundle is
// run once first on the examples: `bkp validate` of each, in a child process whose output is not
// shown. Commands it does not run still work from the cache: their functions compile as usual.
'use strict';
const { spawnSync } = require('node:child_process');
const { readdirSync, renameSync, rmSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { loadBundle } = require('../bin/load-bundle.cjs');

const root = join(__dirname, '..');
const bundle = join(root, 'dist', 'bkp.cjs');
const cache = `${bundle}.cache`;

// The examples that are configurations (examples/ci holds CI files, not a configuration).
function exampleConfigurations() {
  const examples = join(root, 'examples');
  return readdirSync(examples, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && readdirSync(join(examples, entry.name)).some((file) => /\.bkp\.(hcl|json)$/.test(file)))
    .map((entry) => join(examples, entry.name));
}

async function train() {
  const loaded = loadBundle(bundle, join(root, 'dist', 'no-code-cache'));
  for (const dir of exampleConfigurations()) {
    await loaded.exports.main([`-chdir=${dir}`, 'validate', '-no-color']);
    // Checked after each run: the next successful one would set the exit code back to 0.
    if (process.exitCode) throw new Error(`bkp validate of ${dir} exited with ${process.exitCode}`);
  }
  writeFileSync(`${cache}.tmp`, loaded.script.createCachedData());
  renameSync(`${cache}.tmp`, cache);
}

if (process.argv[2] === '--train') {
  train().catch((error) => {
    process.stderr.write(`${error.stack ?? error}\n`);
    process.exitCode = 1;
  });
} else {
  rmSync(cache, { force: true });
  const run = spawnSync(process.execPath, [__filename, '--train'], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (run.status !== 0) {
    // A speed-up only: the build (and `npm install`, through prepare) goes on without it.
    process.stderr.write(`code-cache: training the code cache failed; bkp works without it, only starts slower\n${run.stderr}`);
  }
}
