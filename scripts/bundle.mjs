// Build step: bundles the CLI into one CommonJS file, dist/bkp.cjs, which bin/bkp.js runs.
// Loading ~150 ES modules one by one (resolve, read, link) cost more at every start than
// compiling the same code from one file; yargs alone is a few dozen files. Heavy dependencies
// that bkp loads only when a command needs them (the AWS SDK, ajv's compiler) stay outside and
// are required from node_modules as usual.
import { build } from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

// The JSON Schema validators compiled by scripts/compile-schemas.mjs go into the bundle, so that
// V8's code cache of the bundle covers them too: required from dist/generated/ at run time, they
// were compiled on every start. src/core/precompiled-validators.ts finds them with a run-time
// require (tests run from src/, where there are none); in the bundle, that require becomes a
// static one, which esbuild follows.
const VALIDATORS_REQUIRE = "createRequire(import.meta.url)('./generated/schema-validators.cjs')";
const bundledValidators = {
  name: 'bundled-schema-validators',
  setup(pluginBuild) {
    pluginBuild.onLoad({ filter: /[\\/]src[\\/]core[\\/]precompiled-validators\.ts$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      if (!source.includes(VALIDATORS_REQUIRE)) throw new Error(`bundle: ${args.path} no longer loads the validators with ${VALIDATORS_REQUIRE}`);
      const generated = join(root, 'dist', 'generated', 'schema-validators.cjs');
      return { contents: source.replace(VALIDATORS_REQUIRE, `require(${JSON.stringify(generated)})`), loader: 'ts' };
    });
  },
};

await build({
  entryPoints: [join(root, 'src', 'cli', 'main.ts')],
  plugins: [bundledValidators],
  outfile: join(root, 'dist', 'bkp.cjs'),
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external: ['@aws-sdk/*', '@smithy/*', 'ajv', 'ajv/*'],
  // CommonJS has no import.meta: give every bundled module the bundle's own URL. The bundle lies
  // inside the package, where src/core/package-files.ts finds the package root.
  define: { 'import.meta.url': '__bkpBundleUrl' },
  banner: { js: "var __bkpBundleUrl = require('node:url').pathToFileURL(__filename).href;" },
  // Lazily loaded externals (the SDK clients) are required, not imported: their CommonJS builds
  // load faster.
  supported: { 'dynamic-import': false },
  legalComments: 'none',
  logLevel: 'warning',
});

// esbuild writes strings in ASCII but keeps comments as written, and a few have "…" or "→": one
// such character makes V8 hold the whole 2 MB bundle, which stays in memory as the script's
// source for every command, as a two-byte string (4 MB instead of 2). A \u escape in a comment is
// only text, so the bundle becomes ASCII without changing what it does.
const bundlePath = join(root, 'dist', 'bkp.cjs');
const bundled = readFileSync(bundlePath, 'utf8');
writeFileSync(bundlePath, bundled.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
