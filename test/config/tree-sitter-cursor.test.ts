import { expect } from 'chai';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Tree } from 'web-tree-sitter';
import { generateConfig } from '../../bench/lib/generate-config.js';
import { initHclParser } from '../../src/config/hcl-parser.js';
import { forEachStatement, type NodeId, type SyntaxTree } from '../../src/config/hcl-syntax-tree.js';
import { CursorFactory, type TreeSitterBinding } from '../../src/config/tree-sitter-cursor.js';
import { hclTreeSitter, treeCursors, treeSitterBinding } from '../../src/config/tree-sitter.js';

/** Every .bkp.hcl file under a directory (examples, fixtures), with its text. */
function hclFiles(dir: string): Array<{ path: string; text: string }> {
  const found: Array<{ path: string; text: string }> = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) found.push(...hclFiles(path));
    else if (name.endsWith('.hcl')) found.push({ path, text: readFileSync(path, 'utf8') });
  }
  return found;
}

/** The tree copy as plain nested data. */
function copyOf(tree: Tree, cursors: CursorFactory): unknown[] {
  const plain = (syntax: SyntaxTree, node: NodeId): unknown => ({
    type: syntax.type(node),
    start: syntax.start(node),
    end: syntax.end(node),
    missing: syntax.isMissing(node),
    hasError: syntax.hasError(node),
    children: syntax.children(node).map((child) => plain(syntax, child)),
  });
  const statements: unknown[] = [];
  forEachStatement(tree, (syntax, root) => statements.push(plain(syntax, root)), cursors);
  return statements;
}

describe('Tree cursors: the direct cursor reads trees as the public one does', () => {
  before(async () => {
    await initHclParser();
  });

  it('is the one in use with the pinned web-tree-sitter', () => {
    expect(treeCursors().isDirect).to.equal(true);
  });

  it('copies the examples, every invalid fixture and a generated configuration exactly as the public cursor', () => {
    const generated = [...generateConfig({ units: 8 }).files.entries()].map(([path, text]) => ({ path, text }));
    const corpus = [...hclFiles('examples'), ...hclFiles('test/fixtures'), ...generated];
    expect(corpus.length).to.be.greaterThan(100);
    let withErrors = 0;
    for (const { path, text } of corpus) {
      const tree = hclTreeSitter().parse(text)!;
      try {
        if (tree.rootNode.hasError) withErrors++;
        expect(copyOf(tree, treeCursors()), path).to.deep.equal(copyOf(tree, CursorFactory.publicOnly()));
      } finally {
        tree.delete();
      }
    }
    // The comparison covered ERROR and MISSING nodes, not only clean trees.
    expect(withErrors).to.be.greaterThan(10);
  });

  describe('falls back to the public cursor', () => {
    let sample: Tree;
    let binding: TreeSitterBinding;

    before(() => {
      binding = treeSitterBinding();
      sample = hclTreeSitter().parse('a = [1, 2\nb "x" {\n}\n')!;
    });

    after(() => {
      sample.delete();
    });

    it('when web-tree-sitter no longer exposes what it calls', () => {
      expect(CursorFactory.create({ ...binding, _ts_tree_cursor_goto_parent_wasm: undefined }, sample).isDirect).to.equal(false);
      expect(CursorFactory.create({}, sample).isDirect).to.equal(false);
    });

    it('when its calls no longer mean what they did (checked on a sample tree)', () => {
      const shifted = binding._ts_tree_cursor_start_index_wasm!;
      const changed = { ...binding, _ts_tree_cursor_start_index_wasm: (tree: number) => shifted(tree) + 1 };
      expect(CursorFactory.create(changed, sample).isDirect).to.equal(false);
    });
  });
});
