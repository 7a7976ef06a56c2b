// Loads the bundled CLI (dist/bkp.cjs) with V8's code cache for it (dist/bkp.cjs.cache), which
// `npm run build` makes by running the CLI once (scripts/code-cache.cjs). With the cache, V8 skips
// parsing and compiling the functions a command runs: 70-90 ms of a 2,000-block `bkp validate`
// and ~25 ms of the quickstart's (docs/architecture.md, "Start-up"). Only documented APIs: node:vm's
// `cachedData` / `createCachedData()` and `module.createRequire`. A missing cache, or one V8
// rejects (another Node.js version, a rebuilt bundle), costs nothing but the cache's benefit.
// The AWS SDK's bundles (dist/aws-sdk/) are loaded the same way, each the first time the CLI asks
// for a package it holds (awsSdkModule, below).
'use strict';
const { isAscii } = require('node:buffer');
const { readFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { dirname, join, resolve } = require('node:path');
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
// V8 optimises a function with TurboFan once it has run through its interrupt budget a few times.
// At V8's default (67,584 in Node 20) a command optimised a few hundred functions on feedback
// from its first thousand blocks or resources, deoptimised some as the rest differed, and spent
// a core on it: with about six times the budget, a whole `bkp validate` of 2,000 blocks takes
// 75-80 ms less, a first apply of 2,160 resources a fifth less CPU time and a plan of them a
// third less, and short commands are unchanged (bench/README.md, "Start-up and memory flags").
// Same API, same reason to set it before compiling.
const TIERING_FLAG = '--interrupt-budget=400000';
setFlagsFromString(TIERING_FLAG);

/**
 * A bundle of bkp's own build cannot be read: a build that did not finish, or a copy of bkp that
 * left dist/ out. Thrown before or while the CLI runs, it is a user error without a stack (bin/bkp.js
 * prints it; src/core/errors.ts's installationError maps it, with the same hint), not a bug to report.
 */
class IncompleteInstallationError extends Error {
  constructor(path, cause) {
    super(`bkp's installation is incomplete: ${path} cannot be read (${cause?.code ?? cause?.message ?? cause}).`, { cause });
    this.name = 'IncompleteInstallationError';
    this.code = 'BKP_E002';
    this.hint = 'Build bkp again: run `npm run build` in its folder (`npm install` and `npm ci` run it too), or install bkp again.';
  }
}

/**
 * Runs the bundle at `bundlePath` as CommonJS and returns its exports, the compiled script (to
 * make a cache from) and whether a cache at `cachePath` was used. The bundle's `require` is
 * `requireFromBundle`, by default Node's from the bundle's folder.
 */
function loadBundle(bundleFile, cachePath, requireFromBundle = undefined) {
  const bundlePath = resolve(bundleFile);
  // scripts/bundle.mjs makes the bundle ASCII, and ASCII read as Latin-1 is the same text: Node
  // decodes 2 MB as Latin-1 in a third of the time UTF-8 takes (10 ms less at every start). Any
  // other bundle is read as UTF-8.
  let bytes;
  try {
    bytes = readFileSync(bundlePath);
  } catch (error) {
    throw new IncompleteInstallationError(bundlePath, error);
  }
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
  script.runInThisContext()(module.exports, requireFromBundle ?? createRequire(bundlePath), module, bundlePath, dirname(bundlePath));
  return { exports: module.exports, script, cacheUsed: cachedData !== undefined && !script.cachedDataRejected };
}

const SDK_BUNDLES = join(__dirname, '..', 'dist', 'aws-sdk');
/** The SDK's bundles loaded so far, by path. */
const sdkBundles = new Map();

/** The file, under dist/aws-sdk/, of the bundle of an SDK package the core does not hold: `@aws-sdk/client-ec2` → `client-ec2.cjs`. */
function sdkBundleFile(name) {
  return `${name.replace(/^@[^/]+\//, '').replace(/[^a-z0-9-]/gi, '-')}.cjs`;
}

function loadSdkBundle(file, requireFromBundle) {
  const bundle = join(SDK_BUNDLES, file);
  let loaded = sdkBundles.get(bundle);
  if (loaded === undefined) {
    loaded = loadBundle(bundle, `${bundle}.cache`, requireFromBundle);
    sdkBundles.set(bundle, loaded);
  }
  return loaded.exports;
}

/**
 * One SDK package (`@aws-sdk/client-ec2`): what the CLI bundle gets for `import('@aws-sdk/client-ec2')`.
 * The SDK's bundles (scripts/aws-sdk-bundles.mjs) are loaded on first use, each with its code
 * cache, and kept: the core bundle (AWS Backup's client and everything it requires), then the
 * package's own bundle when the core does not hold it.
 */
function awsSdkModule(name) {
  const core = loadSdkBundle('core.cjs');
  const fromCore = core.load(name);
  if (fromCore !== undefined) return fromCore;
  const file = sdkBundleFile(name);
  const nodeRequire = createRequire(join(SDK_BUNDLES, file));
  // What the package's bundle left out, the core holds: one client class, one credential chain for all clients.
  return loadSdkBundle(file, (specifier) => core.load(specifier) ?? nodeRequire(specifier));
}

/** The SDK bundles this process loaded, for scripts/code-cache.cjs: `{ path, script }` each. */
function loadedSdkBundles() {
  return [...sdkBundles].map(([path, loaded]) => ({ path, script: loaded.script }));
}

module.exports = { loadBundle, awsSdkModule, loadedSdkBundles, sdkBundleFile, IncompleteInstallationError };
