// The tree-sitter HCL parser, loaded once. web-tree-sitter runs the grammar as WebAssembly, so the
// first use is asynchronous (compiling two wasm modules); every later parse is synchronous.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Language, Parser } from 'web-tree-sitter';
import { InternalError } from '../core/errors.js';
import { CursorFactory, type TreeSitterBinding } from './tree-sitter-cursor.js';

const GRAMMAR_PACKAGE = '@tree-sitter-grammars/tree-sitter-hcl';
const GRAMMAR_WASM = 'tree-sitter-hcl.wasm';

let parser: Parser | undefined;
let cursors: CursorFactory | undefined;
/** The options object `Parser.init` was given: web-tree-sitter's WebAssembly module once loaded. */
const binding: TreeSitterBinding = {};
let loading: Promise<Parser> | undefined;

/**
 * Checked once against the public cursor before direct cursors are used: every kind of node the
 * copy reads (blocks, templates, a MISSING token, an ERROR) and a non-ASCII character before them.
 */
const CURSOR_SAMPLE = 'é = "x${b.c[0]}"\nblock "l" {\n  n = [1, 2 +\n}\n = oops\n';

/** Where the HCL grammar's wasm build lives, found through the module system (never a fixed path). */
export function hclGrammarWasmPath(): string {
  const require = createRequire(import.meta.url);
  try {
    // The grammar package declares no `exports`, so its package.json is resolvable; its directory holds the wasm.
    return join(dirname(require.resolve(`${GRAMMAR_PACKAGE}/package.json`)), GRAMMAR_WASM);
  } catch {
    // Should a later version restrict `exports`, find the wasm above the package's main entry instead.
    for (let dir = dirname(require.resolve(GRAMMAR_PACKAGE)); dir !== dirname(dir); dir = dirname(dir)) {
      if (existsSync(join(dir, GRAMMAR_WASM))) return join(dir, GRAMMAR_WASM);
    }
    throw new InternalError(`${GRAMMAR_WASM} was not found in ${GRAMMAR_PACKAGE}; reinstall the dependencies`);
  }
}

/** Loads web-tree-sitter and the HCL grammar. Cheap to call again: the parser is cached. */
export function initTreeSitter(): Promise<Parser> {
  if (parser) return Promise.resolve(parser);
  loading ??= load().then(
    (loaded) => (parser = loaded),
    (e: unknown) => {
      loading = undefined; // let a later call retry instead of caching the failure
      throw new InternalError(`could not load the tree-sitter HCL grammar: ${(e as Error).message}`, e);
    },
  );
  return loading;
}

async function load(): Promise<Parser> {
  await Parser.init(binding as Parameters<typeof Parser.init>[0]);
  const language = await Language.load(hclGrammarWasmPath());
  const created = new Parser();
  created.setLanguage(language);
  const sample = created.parse(CURSOR_SAMPLE);
  try {
    cursors = sample ? CursorFactory.create(binding, sample) : CursorFactory.publicOnly();
  } finally {
    sample?.delete();
  }
  return created;
}

/** The cached parser; only valid after `await initTreeSitter()`. */
export function hclTreeSitter(): Parser {
  if (!parser) throw new InternalError('the HCL parser is used before initHclParser() finished');
  return parser;
}

/** web-tree-sitter's module, for tests of the direct cursor; only filled after `await initTreeSitter()`. */
export function treeSitterBinding(): Readonly<TreeSitterBinding> {
  return binding;
}

/** Cursors for copying trees; only valid after `await initTreeSitter()`. */
export function treeCursors(): CursorFactory {
  if (!cursors) throw new InternalError('the HCL parser is used before initHclParser() finished');
  return cursors;
}

export function isTreeSitterReady(): boolean {
  return parser !== undefined;
}
