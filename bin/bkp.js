#!/usr/bin/env node
// Thin launcher for the bundled CLI (dist/bkp.cjs, built by `npm run build`, which `npm install`
// runs through `prepare`). `--version` alone is answered here, without loading the CLI at all.
// CommonJS (see bin/package.json): Node starts a CommonJS entry ~20 ms sooner than an ES module.
'use strict';
const { readFileSync, renameSync, writeFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { dirname, join } = require('node:path');
const { setFlagsFromString } = require('node:v8');
const { constants, Script } = require('node:vm');

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-version' || args[0] === '-v')) {
  process.stdout.write(`${JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')).version}\n`);
} else {
  // A plan holds the configuration, the state and the account's answers at once, then drops most
  // of it. By default V8 lets the heap grow to up to 4× what survived the last full collection
  // before collecting again; 1.5× keeps a 5,000-resource plan's peak RSS near 260 MB instead of
  // 310 MB, for about 5% more CPU time (bench/RESULTS.md). V8 reads this flag at every collection.
  setFlagsFromString('--heap-growing-percent=50');
  loadBundle().main(args);
}

/**
 * Runs dist/bkp.cjs as Node would require it, but with V8's code cache kept beside it
 * (dist/bkp.cjs.v8-cache): compiling the 1 MB bundle on every start cost about 50 ms of CPU.
 * V8 checks the cache against the source, its own version and its flags, and rejects a stale
 * one; the cache is then written again when the command ends (if dist/ is writable).
 */
function loadBundle() {
  const bundle = join(__dirname, '..', 'dist', 'bkp.cjs');
  const cachePath = `${bundle}.v8-cache`;
  let cachedData;
  try {
    cachedData = readFileSync(cachePath);
  } catch {
    cachedData = undefined;
  }
  const source = `(function (exports, require, module, __filename, __dirname) {${readFileSync(bundle, 'utf8')}\n})`;
  const script = new Script(source, { filename: bundle, cachedData, importModuleDynamically: constants.USE_MAIN_CONTEXT_DEFAULT_LOADER });
  if (cachedData === undefined || script.cachedDataRejected) {
    // At exit the cache also holds the functions this run compiled, not only the top level.
    process.once('exit', () => {
      const temp = `${cachePath}.${process.pid}.tmp`;
      try {
        writeFileSync(temp, script.createCachedData());
        renameSync(temp, cachePath);
      } catch {
        // A read-only installation runs without the cache.
      }
    });
  }
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, dirname(bundle));
  return module.exports;
}
