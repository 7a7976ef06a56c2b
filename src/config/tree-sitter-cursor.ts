// A tree cursor for copying large trees quickly. web-tree-sitter's TreeCursor keeps the cursor in
// JavaScript and copies it into WebAssembly memory and back around every call (eight generic
// getValue/setValue calls per move); copying the tree of a 2,000-block configuration spent more
// time there than in tree-sitter itself. The C side keeps the cursor in its transfer buffer between
// calls, so this cursor leaves it there and calls the module's exports directly: about 3.5× faster.
//
// It relies on how web-tree-sitter 0.25 binds its C functions (pinned in package.json), so
// tree-sitter.ts checks it once against the public TreeCursor on a small tree and falls back to
// the public cursor if anything differs.
import type { Tree, TreeCursor } from 'web-tree-sitter';

/** What the tree copy (hcl-syntax-tree.ts) reads; web-tree-sitter's TreeCursor has these members. */
export interface CursorReader {
  readonly nodeTypeId: number;
  readonly nodeIsMissing: boolean;
  readonly startIndex: number;
  readonly endIndex: number;
  gotoFirstChild(): boolean;
  gotoNextSibling(): boolean;
  gotoParent(): boolean;
  delete(): void;
}

/**
 * The Emscripten module web-tree-sitter builds: the options object given to `Parser.init` becomes
 * the module, which then holds the C exports (`_name`) and the views of WebAssembly memory.
 */
export interface TreeSitterBinding {
  HEAP32?: Int32Array;
  _ts_init?: () => number;
  _ts_tree_cursor_goto_first_child_wasm?: (tree: number) => number;
  _ts_tree_cursor_goto_next_sibling_wasm?: (tree: number) => number;
  _ts_tree_cursor_goto_parent_wasm?: (tree: number) => number;
  _ts_tree_cursor_current_node_type_id_wasm?: (tree: number) => number;
  _ts_tree_cursor_current_node_is_missing_wasm?: (tree: number) => number;
  _ts_tree_cursor_start_index_wasm?: (tree: number) => number;
  _ts_tree_cursor_end_index_wasm?: (tree: number) => number;
}

type Exports = Required<TreeSitterBinding>;

/** A cursor's four words in the transfer buffer: its heap id and the current node's context. */
const CURSOR_WORDS = 4;

/** Internal handles of web-tree-sitter's objects: the address of the tree, the cursor's words. */
type Handles = Record<number, unknown>;

function exportsOf(binding: TreeSitterBinding): Exports | undefined {
  const names = [
    '_ts_init',
    '_ts_tree_cursor_goto_first_child_wasm',
    '_ts_tree_cursor_goto_next_sibling_wasm',
    '_ts_tree_cursor_goto_parent_wasm',
    '_ts_tree_cursor_current_node_type_id_wasm',
    '_ts_tree_cursor_current_node_is_missing_wasm',
    '_ts_tree_cursor_start_index_wasm',
    '_ts_tree_cursor_end_index_wasm',
  ] as const;
  if (!(binding.HEAP32 instanceof Int32Array)) return undefined;
  return names.every((name) => typeof binding[name] === 'function') ? (binding as Exports) : undefined;
}

class DirectTreeCursor implements CursorReader {
  private readonly tree: number;
  private readonly exports: Exports;

  constructor(
    tree: Tree,
    binding: Exports,
    transferBuffer: number,
    /** The public cursor: it owns the C cursor's memory, which `delete()` frees. */
    private readonly owner: TreeCursor,
  ) {
    this.tree = (tree as unknown as Handles)[0] as number;
    this.exports = binding;
    // Hand the new cursor to the C side once; from here on it stays in the transfer buffer.
    const words = binding.HEAP32;
    for (let i = 0; i < CURSOR_WORDS; i++) words[(transferBuffer >> 2) + i] = (owner as unknown as Handles)[i] as number;
  }

  get nodeTypeId(): number {
    return this.exports._ts_tree_cursor_current_node_type_id_wasm(this.tree);
  }

  get nodeIsMissing(): boolean {
    return this.exports._ts_tree_cursor_current_node_is_missing_wasm(this.tree) === 1;
  }

  get startIndex(): number {
    return this.exports._ts_tree_cursor_start_index_wasm(this.tree);
  }

  get endIndex(): number {
    return this.exports._ts_tree_cursor_end_index_wasm(this.tree);
  }

  gotoFirstChild(): boolean {
    return this.exports._ts_tree_cursor_goto_first_child_wasm(this.tree) === 1;
  }

  gotoNextSibling(): boolean {
    return this.exports._ts_tree_cursor_goto_next_sibling_wasm(this.tree) === 1;
  }

  gotoParent(): boolean {
    return this.exports._ts_tree_cursor_goto_parent_wasm(this.tree) === 1;
  }

  delete(): void {
    // The heap id never changes while the cursor moves, so the owner's stale words free it correctly.
    this.owner.delete();
  }
}

/**
 * Opens cursors on trees. A direct cursor owns the transfer buffer while it is open: nothing else
 * may call into web-tree-sitter until it is deleted (the tree copy only reads the cursor).
 */
export class CursorFactory {
  private constructor(private readonly direct: { exports: Exports; transferBuffer: number } | undefined) {}

  /** Direct cursors when the binding has what they need and agree with the public cursor on `sample`. */
  static create(binding: TreeSitterBinding, sample: Tree): CursorFactory {
    const exports = exportsOf(binding);
    if (exports === undefined) return CursorFactory.publicOnly();
    const candidate = new CursorFactory({ exports, transferBuffer: exports._ts_init() });
    try {
      return sameWalk(candidate.open(sample), sample.walk()) ? candidate : CursorFactory.publicOnly();
    } catch {
      return CursorFactory.publicOnly();
    }
  }

  /** The public cursor, always. */
  static publicOnly(): CursorFactory {
    return new CursorFactory(undefined);
  }

  get isDirect(): boolean {
    return this.direct !== undefined;
  }

  open(tree: Tree): CursorReader {
    const owner = tree.walk();
    if (this.direct === undefined) return owner;
    return new DirectTreeCursor(tree, this.direct.exports, this.direct.transferBuffer, owner);
  }
}

/** Walks the whole tree with each cursor, one after the other (they share the transfer buffer), and compares what they read. */
function sameWalk(direct: CursorReader, reference: CursorReader): boolean {
  const visit = (cursor: CursorReader): string[] => {
    const seen: string[] = [];
    for (;;) {
      seen.push(`${cursor.nodeTypeId}:${cursor.startIndex}:${cursor.endIndex}:${cursor.nodeIsMissing}`);
      if (cursor.gotoFirstChild()) continue;
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) {
          cursor.delete();
          return seen;
        }
      }
    }
  };
  const fromDirect = visit(direct);
  const fromReference = visit(reference);
  return fromDirect.length > 1 && fromDirect.join(' ') === fromReference.join(' ');
}
