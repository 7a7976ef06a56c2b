// Build step: bundles the CLI into one CommonJS file, dist/bkp.cjs, which bin/bkp.js runs.
// Loading ~150 ES modules one by one (resolve, read, link) cost more at every start than
// compiling the same code from one file; yargs alone is a few dozen files. Heavy dependencies
// that bkp loads only when a command needs them (the AWS SDK, ajv's compiler) stay outside and
// are required from node_modules as usual.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * yargs and cliui import string-width, whose module start-up creates an Intl.Segmenter and
 * compiles Unicode property regular expressions: ~50 ms on every run, for text widths only help
 * output needs. Each import of it becomes a stub that loads the real module on first use (from
 * the importer's directory, so each package keeps its own version).
 */
const lazyStringWidth = {
  name: 'lazy-string-width',
  setup(plugin) {
    plugin.onResolve({ filter: /^string-width$/ }, (args) =>
      args.namespace === 'lazy-string-width' ? undefined : { path: relative(root, args.importer), namespace: 'lazy-string-width' },
    );
    plugin.onLoad({ filter: /.*/, namespace: 'lazy-string-width' }, (args) => ({
      resolveDir: dirname(join(root, args.path)),
      contents: "let real; export default function stringWidth(text, options) { real ??= require('string-width'); return (real.default ?? real)(text, options); }",
    }));
  },
};

await build({
  entryPoints: [join(root, 'src', 'cli', 'main.ts')],
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
  // load faster, and code run from V8's code cache (bin/bkp.js) cannot use import().
  supported: { 'dynamic-import': false },
  plugins: [lazyStringWidth],
  legalComments: 'none',
  logLevel: 'warning',
});

// bin/bkp.js keeps V8's code cache of the bundle beside it; the new bundle starts without one.
rmSync(join(root, 'dist', 'bkp.cjs.v8-cache'), { force: true });
