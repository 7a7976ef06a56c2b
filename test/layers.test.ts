// The layers of DESIGN.md section 1, checked on the sources: the folder-level import graph of src/
// has no cycle and no edge the table forbids; the engine names no resource kind and calls no SDK.
import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RESOURCE_KINDS } from '../src/config/block-schema.js';
import { resourceKinds } from '../src/resources/registry.js';

const SRC = join(dirname(fileURLToPath(import.meta.url)), '..', 'src');
/** The modules that re-export what bkp uses of each SDK package. */
const SDK_MODULES = join(SRC, 'aws', 'sdk');

/** What each folder of src/ may import (DESIGN.md section 1); anything else is a forbidden edge. */
const MAY_IMPORT: Record<string, readonly string[]> = {
  cli: ['app', 'render', 'core'],
  app: ['adopt', 'aws', 'config', 'data-sources', 'domain', 'engine', 'policy', 'resources', 'sandbox', 'simulation', 'state', 'core'],
  render: ['adopt', 'config', 'engine', 'policy', 'resources', 'sandbox', 'simulation', 'state', 'domain', 'core'],
  policy: ['config', 'engine', 'resources', 'domain', 'core'],
  simulation: ['config', 'engine', 'resources', 'sandbox', 'state', 'domain', 'core'],
  engine: ['config', 'resources', 'state', 'core'],
  adopt: ['aws', 'config', 'resources', 'domain', 'core'],
  resources: ['aws', 'config', 'domain', 'core'],
  'data-sources': ['aws', 'config', 'resources', 'domain', 'core'],
  config: ['core'],
  state: ['core'],
  aws: ['domain', 'core'],
  sandbox: ['domain', 'core'],
  domain: ['core'],
  core: [],
};

interface SourceFile {
  path: string;
  folder: string;
  text: string;
}

function sourceFiles(dir = SRC): SourceFile[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    if (!entry.name.endsWith('.ts')) return [];
    return [{ path, folder: relative(SRC, path).split('/')[0]!, text: readFileSync(path, 'utf8') }];
  });
}

/** Every module a file names: static and type-only imports, re-exports and dynamic import(). */
function importedSpecifiers(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(/^\s*(?:import|export)\b[^'";]*?\bfrom\s+'([^']+)'|^\s*import\s+'([^']+)'|\bimport\(\s*'([^']+)'\s*\)/gm)) {
    found.push((match[1] ?? match[2] ?? match[3])!);
  }
  return found;
}

function folderEdges(files: readonly SourceFile[]): Map<string, Set<string>> {
  const edges = new Map<string, Set<string>>();
  for (const file of files) {
    for (const specifier of importedSpecifiers(file.text)) {
      if (!specifier.startsWith('.')) continue;
      const target = relative(SRC, normalize(join(dirname(file.path), specifier))).split('/')[0]!;
      if (target === file.folder) continue;
      if (!edges.has(file.folder)) edges.set(file.folder, new Set());
      edges.get(file.folder)!.add(target);
    }
  }
  return edges;
}

/** A cycle of the graph as a path `a → b → a`, or undefined. */
function findCycle(edges: ReadonlyMap<string, ReadonlySet<string>>): string[] | undefined {
  const done = new Set<string>();
  const onPath: string[] = [];
  const visit = (node: string): string[] | undefined => {
    const at = onPath.indexOf(node);
    if (at >= 0) return [...onPath.slice(at), node];
    if (done.has(node)) return undefined;
    onPath.push(node);
    for (const next of edges.get(node) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    onPath.pop();
    done.add(node);
    return undefined;
  };
  for (const node of edges.keys()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return undefined;
}

describe('layers', () => {
  const files = sourceFiles();
  const edges = folderEdges(files);

  it('finds the imports of every form it checks', () => {
    const text = "import a from './a.js';\nimport type { B } from '../b/b.js';\nexport { c } from './c.js';\nconst d = await import('../d/d.js');\nimport './e.js';";
    expect(importedSpecifiers(text)).to.deep.equal(['./a.js', '../b/b.js', './c.js', '../d/d.js', './e.js']);
    expect(findCycle(new Map([['a', new Set(['b'])], ['b', new Set(['c'])], ['c', new Set(['a'])]]))).to.deep.equal(['a', 'b', 'c', 'a']);
    expect(findCycle(new Map([['a', new Set(['b'])], ['b', new Set(['c'])]]))).to.equal(undefined);
  });

  it('has a row of the table for every folder of src/', () => {
    expect([...new Set(files.map((f) => f.folder))].filter((folder) => !folder.endsWith('.ts')).sort()).to.deep.equal(Object.keys(MAY_IMPORT).sort());
  });

  it('has no import the table forbids', () => {
    const forbidden: string[] = [];
    for (const file of files) {
      for (const specifier of importedSpecifiers(file.text)) {
        if (!specifier.startsWith('.')) continue;
        const target = relative(SRC, normalize(join(dirname(file.path), specifier))).split('/')[0]!;
        if (target !== file.folder && !MAY_IMPORT[file.folder]?.includes(target)) forbidden.push(`${relative(SRC, file.path)} imports ${specifier}`);
      }
    }
    expect(forbidden).to.deep.equal([]);
  });

  it('has no cycle between folders', () => {
    expect(findCycle(edges)).to.equal(undefined);
  });

  it('keeps the SDK out of the engine, and fs out of the planner', () => {
    const engine = files.filter((f) => f.folder === 'engine');
    expect(engine.length).to.be.greaterThan(3);
    const sdk = engine.filter((f) => importedSpecifiers(f.text).some((s) => s.startsWith('@aws-sdk/') || s.startsWith('@smithy/')));
    expect(sdk.map((f) => relative(SRC, f.path))).to.deep.equal([]);
    const planner = engine.find((f) => f.path.endsWith('planner.ts'))!;
    expect(importedSpecifiers(planner.text).filter((s) => /^(node:)?fs(\/|$)/.test(s))).to.deep.equal([]);
  });

  it('loads the AWS SDK only when a command calls AWS: no static import chain leads from the CLI to it', () => {
    // A static chain would load the SDK for every command (about 150 ms of `bkp validate`);
    // `import type` is free, and so is a module reached through `import()`.
    const byPath = new Map(files.map((f) => [f.path, f]));
    const reached = new Set<string>();
    const chains: string[] = [];
    const visit = (file: SourceFile, chain: string[]) => {
      if (reached.has(file.path)) return;
      reached.add(file.path);
      for (const match of file.text.matchAll(/^import\s+(?!type\b)[^;]*?from\s+'([^']+)'/gm)) {
        const specifier = match[1]!;
        const here = [...chain, relative(SRC, file.path)];
        if (specifier.startsWith('@aws-sdk/')) chains.push(`${here.join(' → ')} → ${specifier}`);
        if (!specifier.startsWith('.')) continue;
        const path = normalize(join(dirname(file.path), specifier.replace(/\.js$/, '.ts')));
        // src/aws/sdk/ re-exports the SDK's packages: reaching one of its modules is reaching the SDK.
        if (dirname(path) === SDK_MODULES) chains.push(`${here.join(' → ')} → ${relative(SRC, path)}`);
        const target = byPath.get(path);
        if (target) visit(target, here);
      }
    };
    visit(byPath.get(join(SRC, 'cli', 'main.ts'))!, []);
    expect(reached.size).to.be.greaterThan(50);
    expect(chains).to.deep.equal([]);
  });

  it('imports the SDK\'s packages as values only in src/aws/sdk/, which the build bundles apart (docs/architecture.md, "Start-up")', () => {
    const outside = files.filter((f) => dirname(f.path) !== SDK_MODULES);
    const imports = outside.flatMap((f) =>
      [...f.text.matchAll(/^(?:import|export)\s+(?!type\b)[^;]*?from\s+'(@aws-sdk\/[^']+|@smithy\/[^']+)'|import\('(@aws-sdk\/[^']+|@smithy\/[^']+)'\)/gm)].map(
        (m) => `${relative(SRC, f.path)} imports ${m[1] ?? m[2]}`,
      ),
    );
    expect(outside.length).to.be.greaterThan(50);
    expect(imports).to.deep.equal([]);
  });

  it('names no resource kind in the engine, not even in a comment', () => {
    const kinds = new Set([...RESOURCE_KINDS, ...resourceKinds().map((k) => k.name)]);
    expect(kinds.size).to.be.greaterThan(3);
    const named: string[] = [];
    for (const file of files.filter((f) => f.folder === 'engine')) {
      for (const kind of kinds) if (new RegExp(`\\b${kind}\\b`).test(file.text)) named.push(`${relative(SRC, file.path)} names ${kind}`);
    }
    expect(named).to.deep.equal([]);
  });

  it('compares with no kind name outside the kinds\' folders, the offline checks and the Terraform translation: the kind says what differs', () => {
    // policy/ reasons about particular kinds (a plan's rules), the Terraform translation maps
    // Terraform's resource types onto kinds, and config/ names kinds only in the table of
    // Terraform's names; the layers that run commands, and `bkp generate`, don't.
    const kinds = resourceKinds().map((k) => k.name);
    const folders = new Set(['app', 'cli', 'render', 'engine', 'state', 'aws', 'domain', 'core', 'sandbox', 'adopt']);
    const terraformTranslation = new Set(['adopt/convert.ts', 'adopt/terraform-mapping.ts', 'adopt/terraform-backup-policy.ts']);
    const named: string[] = [];
    for (const file of files.filter((f) => folders.has(f.folder) && !terraformTranslation.has(relative(SRC, f.path)))) {
      for (const kind of kinds) if (new RegExp(`['"]${kind}['"]`).test(file.text)) named.push(`${relative(SRC, file.path)} compares with '${kind}'`);
    }
    expect(files.filter((f) => f.folder === 'app').length).to.be.greaterThan(20);
    expect(named).to.deep.equal([]);
  });
});
