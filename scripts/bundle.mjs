// Build step: bundles the CLI into one CommonJS file, dist/bkp.cjs, which bin/bkp.js runs, and the
// AWS SDK into bundles of its own, dist/aws-sdk/ (scripts/aws-sdk-bundles.mjs), which the CLI
// loads the first time a command calls AWS. Loading ~150 ES modules one by one (resolve, read,
// link) cost more at every start than compiling the same code from one file; yargs alone is a few
// dozen files. The SDK is the same story at a larger scale: the EC2 client alone is 2 MB of
// JavaScript, which Node parsed in full at every `bkp plan` that checks an instance. Bundled, it
// gets code caches (scripts/code-cache.cjs); bundled apart, `bkp validate`, which never calls AWS,
// does not load it.
//
// `--string-width-as-is` leaves string-width as its packages ship it (see below): the benchmark
// builds a copy that way to measure what the shortcut saves.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { asciiOnly } from './ascii-only.mjs';
import { bundleAwsSdk } from './aws-sdk-bundles.mjs';

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

// bkp imports the SDK's packages as values only through the modules of src/aws/sdk/ (one per
// package, test/layers.test.ts). In the CLI bundle, each import of one of them (`import('./sdk/client-ec2.js')`,
// a static import in a module that is itself loaded lazily) becomes a call to bin/load-bundle.cjs,
// which returns that package's exports from the SDK's bundles, loading them on first use.
const SDK_MODULES = join(root, 'src', 'aws', 'sdk');
const sdkFromItsBundles = {
  name: 'aws-sdk-from-its-bundles',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /[\\/]sdk[\\/][a-z0-9-]+\.js$/ }, (args) => {
      const path = join(args.resolveDir, args.path);
      if (dirname(path) !== SDK_MODULES) return undefined;
      return { path: `@aws-sdk/${basename(path, '.js')}`, namespace: 'aws-sdk' };
    });
    // Type-only imports never reach the resolver: a value import here would bundle a copy of the SDK.
    pluginBuild.onResolve({ filter: /^@(aws-sdk|smithy)\// }, (args) => ({
      errors: [{ text: `${args.path} is imported in ${args.importer}: import what bkp uses of an SDK package through src/aws/sdk/` }],
    }));
    pluginBuild.onLoad({ filter: /.*/, namespace: 'aws-sdk' }, (args) => ({
      contents: `module.exports = __bkpAwsSdkModule(${JSON.stringify(args.path)});`,
      loader: 'js',
    }));
  },
};

// string-width (three copies, through yargs and cliui) builds an Intl.Segmenter and Unicode-set
// regular expressions when it is loaded: 30-40 ms at every start. yargs lays out a command's help
// text each time it runs the command (in case it fails), and bkp's help text is printable ASCII,
// whose width is its length. So every import of string-width gets its documented default export,
// `stringWidth(string, options?)`, as a function that answers printable ASCII itself and loads
// the real module (the copy the importer would have had) for any other text.
const BEYOND_ASCII = 'string-width-beyond-ascii';
const stringWidthBeyondAscii = {
  name: BEYOND_ASCII,
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^string-width$/ }, async (args) => {
      if (args.pluginData === BEYOND_ASCII) return undefined;
      const real = await pluginBuild.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, pluginData: BEYOND_ASCII });
      if (real.errors.length > 0) return { errors: real.errors };
      // Relative, so that the bundle's text does not depend on where the package was built.
      return { path: relative(root, real.path), namespace: BEYOND_ASCII };
    });
    pluginBuild.onLoad({ filter: /.*/, namespace: BEYOND_ASCII }, (args) => ({
      contents: [
        'let stringWidth;',
        'export default (text, options) =>',
        '  typeof text === "string" && /^[\\x20-\\x7e]*$/.test(text)',
        '    ? text.length',
        `    : (stringWidth ??= require(${JSON.stringify(`./${basename(args.path)}`)}).default)(text, options);`,
      ].join('\n'),
      loader: 'js',
      resolveDir: join(root, dirname(args.path)),
    }));
  },
};

await build({
  entryPoints: [join(root, 'src', 'cli', 'main.ts')],
  plugins: [bundledValidators, sdkFromItsBundles, ...(process.argv.includes('--string-width-as-is') ? [] : [stringWidthBeyondAscii])],
  outfile: join(root, 'dist', 'bkp.cjs'),
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external: ['ajv', 'ajv/*'],
  // CommonJS has no import.meta: give every bundled module the bundle's own URL. The bundle lies
  // inside the package, where src/core/package-files.ts finds the package root. The bundle's
  // `require` resolves from dist/, where bin/ is a sibling.
  define: { 'import.meta.url': '__bkpBundleUrl' },
  banner: {
    js: [
      "var __bkpBundleUrl = require('node:url').pathToFileURL(__filename).href;",
      "var __bkpAwsSdkModule = (name) => require('../bin/load-bundle.cjs').awsSdkModule(name);",
    ].join('\n'),
  },
  // A dynamic import becomes a lazy require: the module it loads (an SDK package, or bkp's own
  // modules that use the SDK) runs only when the import does.
  supported: { 'dynamic-import': false },
  legalComments: 'none',
  logLevel: 'warning',
});

asciiOnly(join(root, 'dist', 'bkp.cjs'));

await bundleAwsSdk(root);
