// Build step: bundles the CLI into one CommonJS file, dist/bkp.cjs, which bin/bkp.js runs.
// Loading ~150 ES modules one by one (resolve, read, link) cost more at every start than
// compiling the same code from one file; yargs alone is a few dozen files. Heavy dependencies
// that bkp loads only when a command needs them (the AWS SDK, ajv's compiler) stay outside and
// are required from node_modules as usual.
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

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
  // load faster.
  supported: { 'dynamic-import': false },
  legalComments: 'none',
  logLevel: 'warning',
});
