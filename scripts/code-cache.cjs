// Build step: makes dist/bkp.cjs.cache and dist/aws-sdk/*.cjs.cache, V8's code caches of the
// bundled CLI and of the AWS SDK's bundles, which the launcher hands to V8 (bin/load-bundle.cjs).
// V8 caches the functions compiled so far, so the bundles are run once first, in a child process
// whose output is not shown: `bkp validate` of each example for the CLI's cache, then the
// quickstart's plan and apply on the sandbox, in a temporary copy, for the caches of the SDK
// bundles they load (the core and EC2's). Commands and calls that did not run, and the SDK bundles
// without a cache, still work: their functions compile as usual.
//
// The CLI's cache is written before the plan runs: caching the planner and the engine as well made
// it a quarter larger (2.3 MB against 1.8) and saved the quickstart's plan nothing measurable.
'use strict';
const { spawnSync } = require('node:child_process');
const { cpSync, existsSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { loadBundle, loadedSdkBundles } = require('../bin/load-bundle.cjs');

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
  const run = async (args) => {
    await loaded.exports.main([...args, '-no-color']);
    // Checked after each run: the next successful one would set the exit code back to 0.
    if (process.exitCode) throw new Error(`bkp ${args.join(' ')} exited with ${process.exitCode}`);
  };
  for (const dir of exampleConfigurations()) await run([`-chdir=${dir}`, 'validate']);
  writeCache(cache, loaded.script);

  const quickstart = mkdtempSync(join(tmpdir(), 'bkp-code-cache-'));
  try {
    cpSync(join(root, 'examples', 'quickstart'), quickstart, { recursive: true });
    for (const args of [['plan'], ['apply', '-auto-approve']]) await run([`-chdir=${quickstart}`, ...args]);
  } finally {
    rmSync(quickstart, { recursive: true, force: true });
  }
  for (const { path, script } of loadedSdkBundles()) writeCache(`${path}.cache`, script);
}

function writeCache(path, script) {
  writeFileSync(`${path}.tmp`, script.createCachedData());
  renameSync(`${path}.tmp`, path);
}

if (process.argv[2] === '--train') {
  train().catch((error) => {
    process.stderr.write(`${error.stack ?? error}\n`);
    process.exitCode = 1;
  });
} else {
  rmSync(cache, { force: true });
  const sdkBundles = join(root, 'dist', 'aws-sdk');
  for (const file of existsSync(sdkBundles) ? readdirSync(sdkBundles) : []) if (file.endsWith('.cache')) rmSync(join(sdkBundles, file));
  const run = spawnSync(process.execPath, [__filename, '--train'], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (run.status !== 0) {
    // A speed-up only: the build (and `npm install`, through prepare) goes on without it.
    process.stderr.write(`code-cache: training the code cache failed; bkp works without it, only starts slower\n${run.stderr}`);
  }
}
