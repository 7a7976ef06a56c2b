// Loads the bundled CLI (dist/bkp.cjs) with V8's code cache for it (dist/bkp.cjs.cache), which
// `npm run build` makes by running the CLI once (scripts/code-cache.cjs). With the cache, V8 skips
// parsing and compiling the functions a command runs: 70-90 ms of a 2,000-block `bkp validate`
// and ~25 ms of the quickstart's (docs/architecture.md, "Start-up"). Only documented APIs: node:vm's
// `cachedData` / `createCachedData()` and `module.createRequire`. A missing cache, or one V8
// rejects (another Node.js version, a rebuilt bundle), costs nothing but the cache's benefit.
'use strict';
const { isAscii } = require('node:buffer');
const { readFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { dirname, resolve } = require('node:path');
const { setFlagsFromString } = require('node:v8');
const { Script } = require('node:vm');

// A plan holds the configuration, the state and the account's answers at once, then drops most
// of it. By default V8 lets the heap grow to up to 4x what survived the last full collection
// before collecting again; 1.3x keeps the first apply of 5,000 resources near 230 MiB of peak RSS
// (1.5x: 238-243 MiB, 4x: about 440 MiB; bench/README.md, "Start-up and memory flags"), for a few
// per cent more CPU time and no change to `bkp validate`. V8 reads this flag at every collection;
// v8.setFlagsFromString is Node's documented way to set it from the program. It is set here,
// before compiling, because V8 accepts a code cache only under the flags it was made with.
setFlagsFromString('--heap-growing-percent=30');

/**
 * Runs the bundle at `bundlePath` as CommonJS and returns its exports, the compiled script (to
 * make a cache from) and whether a cache at `cachePath` was used.
 */
function loadBundle(bundleFile, cachePath) {
  const bundlePath = resolve(bundleFile);
  // scripts/bundle.mjs makes the bundle ASCII, and ASCII read as Latin-1 is the same text: Node
  // decodes 2 MB as Latin-1 in a third of the time UTF-8 takes (10 ms less at every start). Any
  // other bundle is read as UTF-8.
  const bytes = readFileSync(bundlePath);
  const source = bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8');
  let cachedData;
  try {
    cachedData = readFileSync(cachePath);
  } catch {
    cachedData = undefined;
  }
  // The same wrapper Node gives a CommonJS module, so the bundle sees what `require` would give it.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: bundlePath, cachedData });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(bundlePath), module, bundlePath, dirname(bundlePath));
  return { exports: module.exports, script, cacheUsed: cachedData !== undefined && !script.cachedDataRejected };
}

module.exports = { loadBundle };
