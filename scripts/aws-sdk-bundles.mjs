// The AWS SDK's bundles, which the CLI loads through its launcher (bin/load-bundle.cjs,
// awsSdkModule) the first time a command asks for an SDK package. Run by scripts/bundle.mjs.
//
// bkp imports SDK packages as values only through src/aws/sdk/ (test/layers.test.ts checks it):
// one module per package, which re-exports what bkp uses of it.
// - dist/aws-sdk/core.cjs: @aws-sdk/client-backup, which every command that calls AWS needs, with
//   everything it requires (Smithy, the SDK's core, the credential chain).
// - dist/aws-sdk/<package>.cjs for each other module of src/aws/sdk/ (client-ec2, client-s3,
//   credential-providers, …): what that module re-exports, built from the package's ES module
//   build so that esbuild leaves out the commands and shapes bkp does not use (EC2's bundle:
//   1 MB instead of 2.3), and taking from the core bundle every module the core holds, so that all
//   clients share one copy of the client class, the middleware and the credential chain.
//
// One bundle for all of them was simpler and as fast, but every command that called AWS then held
// the EC2 client's 2 MB of source and its cached code: the first apply of 5,000 resources peaked
// 20 MB higher. Each package's modules run only when first required (esbuild wraps every required
// module in a function), and each bundle gets a code cache of its own (scripts/code-cache.cjs).
import { build } from 'esbuild';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { asciiOnly } from './ascii-only.mjs';

const CORE_PACKAGE = '@aws-sdk/client-backup';

// Where the launcher looks for a package's bundle.
const { sdkBundleFile } = createRequire(import.meta.url)('../bin/load-bundle.cjs');

/** Builds the core bundle and one bundle per other module of src/aws/sdk/; `root` is the repository. */
export async function bundleAwsSdk(root) {
  const sdkModules = join(root, 'src', 'aws', 'sdk');
  const packages = readdirSync(sdkModules).filter((file) => file.endsWith('.ts')).map((file) => `@aws-sdk/${file.slice(0, -'.ts'.length)}`);
  if (!packages.includes(CORE_PACKAGE)) throw new Error(`bundle: src/aws/sdk/ has no module for ${CORE_PACKAGE}; the SDK bundles would miss their core`);
  const out = join(root, 'dist', 'aws-sdk');
  rmSync(out, { recursive: true, force: true });

  // The core's files: a package's module that is one of them comes from the core bundle.
  const probe = await build({ ...common(root), stdin: entry([CORE_PACKAGE], root), write: false, metafile: true });
  const coreFiles = new Set(Object.keys(probe.metafile.inputs).map((input) => join(root, input)));

  // What the other bundles take from the core, by the specifier they require it with.
  const fromCore = new Set([CORE_PACKAGE]);
  const others = packages.filter((name) => name !== CORE_PACKAGE);
  const files = others.map(sdkBundleFile);
  if (new Set(files).size !== files.length) throw new Error(`bundle: two SDK packages would share a bundle file: ${others.join(', ')}`);
  for (const name of others) {
    const bundled = await build({
      ...common(root),
      entryPoints: [join(sdkModules, `${name.slice('@aws-sdk/'.length)}.ts`)],
      outfile: join(out, sdkBundleFile(name)),
      plugins: [esModuleBuildOf(name, root), takeFromCore(coreFiles, fromCore)],
      metafile: true,
    });
    // A second copy of a core module (reached by a relative path from a file the core does not
    // hold) would be a second client class or registry: refuse to build rather than ship that. A
    // package.json read for its version is data, and a copy of it changes nothing.
    const copied = Object.keys(bundled.metafile.inputs).filter((input) => coreFiles.has(join(root, input)) && !input.endsWith('.json'));
    if (copied.length > 0) throw new Error(`bundle: the bundle of ${name} would hold its own copy of ${copied.join(', ')}, which the core bundle holds`);
  }
  const coreSpecifiers = [...fromCore].sort();
  await build({ ...common(root), stdin: entry(coreSpecifiers, root), outfile: join(out, 'core.cjs') });
  for (const file of ['core.cjs', ...files]) asciiOnly(join(out, file));
}

/**
 * `name` itself from the ES module build its package.json names in "module": esbuild can leave out
 * what an ES module does not use, not what a CommonJS one does.
 */
function esModuleBuildOf(name, root) {
  return {
    name: 'es-module-build',
    setup(pluginBuild) {
      pluginBuild.onResolve({ filter: /^@aws-sdk\// }, (args) => {
        if (args.path !== name) return undefined;
        const folder = join(root, 'node_modules', name);
        const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8'));
        if (typeof manifest.module !== 'string') throw new Error(`bundle: ${name} names no ES module build ("module" in its package.json)`);
        return { path: join(folder, manifest.module) };
      });
    },
  };
}

/**
 * A package that resolves to a file of the core bundle is required from it at run time (the
 * launcher's require). It is resolved as the core's CommonJS code required it: an ES module's
 * `import` of a package with an "import" condition would name another file of the same package.
 */
function takeFromCore(coreFiles, fromCore) {
  return {
    name: 'take-from-the-core-bundle',
    setup(pluginBuild) {
      pluginBuild.onResolve({ filter: /^[^./]/ }, async (args) => {
        if (args.pluginData === 'resolving') return undefined;
        const resolved = await pluginBuild.resolve(args.path, { kind: 'require-call', resolveDir: args.resolveDir, pluginData: 'resolving' });
        if (resolved.errors.length > 0 || !coreFiles.has(resolved.path)) return undefined;
        fromCore.add(args.path);
        return { path: args.path, external: true };
      });
    },
  };
}

/** The core bundle's entry: `load(specifier)` gives each module it serves, undefined for any other. */
function entry(specifiers, root) {
  return {
    contents: [
      '// The AWS SDK modules of the core bundle, by the specifier bkp or another SDK bundle requires them with (scripts/aws-sdk-bundles.mjs).',
      'exports.load = (specifier) => {',
      '  switch (specifier) {',
      ...specifiers.map((specifier) => `    case ${JSON.stringify(specifier)}: return require(${JSON.stringify(specifier)});`),
      '  }',
      '  return undefined;',
      '};',
    ].join('\n'),
    resolveDir: root,
    sourcefile: 'aws-sdk-core.cjs',
    loader: 'js',
  };
}

function common(root) {
  return { absWorkingDir: root, bundle: true, format: 'cjs', platform: 'node', target: 'node20', legalComments: 'none', logLevel: 'warning' };
}
