// Plain-JavaScript copies of a tree-sitter tree. Every property read on a web-tree-sitter node
// crosses into WebAssembly (and `node.children` builds new objects each time), which made the
// conversion of a large file take seconds; one pass with a tree cursor copies what the
// converter needs, and everything after it is ordinary JavaScript.
//
// The copy is flat: a node is a number, an index into typed arrays that one statement after the
// other reuses. An object per node made the copy a fifth of all the memory a 2,000-block load
// allocated (~40 MB of ~220 MB), and the young-generation collections that came with it.
import type { Language, Tree } from 'web-tree-sitter';
import type { CursorFactory, CursorReader } from './tree-sitter-cursor.js';
import { treeCursors } from './tree-sitter.js';

/** A node of the copied statement: an index into its SyntaxTree. */
export type NodeId = number;

/** No node: what `firstChild` of a leaf, `nextSibling` of a last child, `parent` of the root return. */
export const NO_NODE: NodeId = -1;

/** Named node types that are always tokens (leaves), with their fixed length when they have one. */
const NAMED_LEAVES = new Map<string, number | undefined>([
  ['identifier', undefined],
  ['numeric_lit', undefined],
  ['template_literal', undefined],
  ['heredoc_identifier', undefined],
  ['comment', undefined],
  ['quoted_template_start', 1],
  ['quoted_template_end', 1],
  ['template_interpolation_start', 2],
  ['template_interpolation_end', 1],
  ['template_directive_start', 2],
  ['template_directive_end', 1],
  ['strip_marker', 1],
  ['ellipsis', 3],
  ['null_lit', 4],
]);

/** Per node type id: leaf → its fixed length (or -1 when it varies); inner node → undefined. */
const leafLengthCache = new WeakMap<object, Array<number | undefined>>();

function leafLengths(language: Language): Array<number | undefined> {
  let lengths = leafLengthCache.get(language);
  if (!lengths) {
    lengths = language.types.map((type, id) => {
      if (!language.nodeTypeIsNamed(id)) return type.length; // an anonymous token's type is its text: `==`, `for`
      return NAMED_LEAVES.has(type) ? (NAMED_LEAVES.get(type) ?? -1) : undefined;
    });
    leafLengthCache.set(language, lengths);
  }
  return lengths;
}

const MISSING = 1;
const HAS_ERROR = 2;

/**
 * One copied statement (or the whole file when it is a single ERROR node). Comments are left out:
 * they carry no meaning. Offsets are those of the parsed text, in UTF-16 code units.
 */
export class SyntaxTree {
  private capacity = 0;
  private count = 0;
  /** Grammar type: `attribute`, `expression`, `ERROR`, or the token itself for anonymous ones (`=`, `(`). */
  private types: string[] = [];
  private starts = new Int32Array(0);
  private ends = new Int32Array(0);
  private parents = new Int32Array(0);
  private firstChildren = new Int32Array(0);
  private lastChildren = new Int32Array(0);
  private nextSiblings = new Int32Array(0);
  private flags = new Uint8Array(0);

  constructor(initialCapacity = 1024) {
    this.grow(initialCapacity);
  }

  /** '' for NO_NODE, so that a type test on an absent child is simply false. */
  type(node: NodeId): string {
    return this.types[node] ?? '';
  }

  start(node: NodeId): number {
    return this.starts[node]!;
  }

  end(node: NodeId): number {
    return this.ends[node]!;
  }

  /** A token tree-sitter assumed to recover from an error; zero width. */
  isMissing(node: NodeId): boolean {
    return (this.flags[node]! & MISSING) !== 0;
  }

  /** This node or a descendant is ERROR or MISSING. */
  hasError(node: NodeId): boolean {
    return (this.flags[node]! & HAS_ERROR) !== 0;
  }

  parent(node: NodeId): NodeId {
    return this.parents[node] ?? NO_NODE;
  }

  firstChild(node: NodeId): NodeId {
    return this.firstChildren[node] ?? NO_NODE;
  }

  lastChild(node: NodeId): NodeId {
    return this.lastChildren[node] ?? NO_NODE;
  }

  nextSibling(node: NodeId): NodeId {
    return this.nextSiblings[node] ?? NO_NODE;
  }

  /** The `index`th child (0-based), or NO_NODE. */
  child(node: NodeId, index: number): NodeId {
    let child = this.firstChild(node);
    for (let k = 0; k < index && child !== NO_NODE; k++) child = this.nextSiblings[child]!;
    return child;
  }

  /** The first child of a type, or NO_NODE. */
  childOfType(node: NodeId, type: string): NodeId {
    for (let child = this.firstChild(node); child !== NO_NODE; child = this.nextSiblings[child]!) {
      if (this.types[child] === type) return child;
    }
    return NO_NODE;
  }

  /** The children as a new array: for the converter's rarer nodes, where brevity beats allocation. */
  children(node: NodeId): NodeId[] {
    const children: NodeId[] = [];
    for (let child = this.firstChild(node); child !== NO_NODE; child = this.nextSiblings[child]!) children.push(child);
    return children;
  }

  /** Forgets the previous statement's nodes. */
  clear(): void {
    this.count = 0;
  }

  /** A new node, appended to its parent's children unless it is a comment; its span unknown (-1). */
  add(type: string, parent: NodeId, missing: boolean): NodeId {
    if (this.count === this.capacity) this.grow(this.capacity * 2);
    const node = this.count++;
    this.types[node] = type;
    this.starts[node] = -1;
    this.ends[node] = -1;
    this.parents[node] = parent;
    this.firstChildren[node] = NO_NODE;
    this.lastChildren[node] = NO_NODE;
    this.nextSiblings[node] = NO_NODE;
    this.flags[node] = missing ? MISSING | HAS_ERROR : type === 'ERROR' ? HAS_ERROR : 0;
    if (parent !== NO_NODE && type !== 'comment') {
      const last = this.lastChildren[parent]!;
      if (last === NO_NODE) this.firstChildren[parent] = node;
      else this.nextSiblings[last] = node;
      this.lastChildren[parent] = node;
    }
    return node;
  }

  setSpan(node: NodeId, start: number, end: number): void {
    this.starts[node] = start;
    this.ends[node] = end;
  }

  /** A completed child widens its parent's span and passes its error up. */
  extendParent(child: NodeId): void {
    if (this.types[child] === 'comment') return;
    const parent = this.parents[child]!;
    if (this.starts[parent] === -1) this.starts[parent] = this.starts[child]!;
    this.ends[parent] = this.ends[child]!;
    if ((this.flags[child]! & HAS_ERROR) !== 0) this.flags[parent]! |= HAS_ERROR;
  }

  private grow(capacity: number): void {
    const widen = <T extends Int32Array | Uint8Array>(old: T, make: (n: number) => T): T => {
      const wider = make(capacity);
      wider.set(old);
      return wider;
    };
    const int32 = (n: number) => new Int32Array(n);
    this.starts = widen(this.starts, int32);
    this.ends = widen(this.ends, int32);
    this.parents = widen(this.parents, int32);
    this.firstChildren = widen(this.firstChildren, int32);
    this.lastChildren = widen(this.lastChildren, int32);
    this.nextSiblings = widen(this.nextSiblings, int32);
    this.flags = widen(this.flags, (n) => new Uint8Array(n));
    this.capacity = capacity;
  }
}

/**
 * Copies a tree statement by statement: each top-level attribute or block (or stray node) is
 * copied and handed to `visit` as the root of `syntax`; the next statement's copy reuses the same
 * arrays, so node ids are only valid during the `visit` call that received them.
 */
export function forEachStatement(tree: Tree, visit: (syntax: SyntaxTree, root: NodeId) => void, cursors: CursorFactory = treeCursors()): void {
  // rootNode first: a direct cursor owns web-tree-sitter's transfer buffer, which rootNode would overwrite.
  const hasError = tree.rootNode.hasError;
  const reader = new TreeReader(tree.language, hasError, cursors.open(tree));
  const cursor = reader.cursor;
  const statement = (): void => {
    const root = reader.copyHere();
    visit(reader.syntax, root);
  };
  try {
    if (reader.typeHere() !== 'config_file') {
      statement(); // the whole file is one ERROR node
      return;
    }
    if (!cursor.gotoFirstChild()) return;
    do {
      const type = reader.typeHere();
      if (type === 'body') {
        if (!cursor.gotoFirstChild()) continue;
        do {
          if (reader.typeHere() !== 'comment') statement();
        } while (cursor.gotoNextSibling());
        cursor.gotoParent();
      } else if (type !== 'comment') {
        statement();
      }
    } while (cursor.gotoNextSibling());
  } finally {
    cursor.delete();
  }
}

/**
 * Reads nodes with a tree cursor. Every cursor read is a call into WebAssembly, so it reads as
 * little as possible: an inner node gets the span of its visible children (which also leaves out
 * the whitespace tokens the grammar attaches to some nodes), a token of fixed text only its start.
 */
class TreeReader {
  readonly syntax = new SyntaxTree();
  private readonly types: string[];
  private readonly lengths: Array<number | undefined>;
  private readonly checkMissing: boolean;

  constructor(
    language: Language,
    /** The tree has an ERROR or MISSING node somewhere: only then is nodeIsMissing worth reading. */
    hasError: boolean,
    readonly cursor: CursorReader,
  ) {
    this.types = language.types;
    this.lengths = leafLengths(language);
    this.checkMissing = hasError;
  }

  typeHere(): string {
    return this.types[this.cursor.nodeTypeId] ?? 'ERROR';
  }

  /** Copies the node at the cursor and everything below it, replacing the previous copy; the cursor ends where it started. */
  copyHere(): NodeId {
    const cursor = this.cursor;
    const syntax = this.syntax;
    syntax.clear();
    const root = this.node(NO_NODE);
    let current = root;
    for (;;) {
      const open = syntax.start(current) === -1 && syntax.type(current) !== 'comment';
      if (open && cursor.gotoFirstChild()) {
        current = this.node(current);
        continue;
      }
      // A leaf of an inner type (an empty ERROR node, say): read its span.
      if (open) syntax.setSpan(current, cursor.startIndex, cursor.endIndex);
      // `current` and then each ancestor without a next sibling is complete.
      for (;;) {
        if (current === root) return root;
        syntax.extendParent(current);
        const parent = syntax.parent(current);
        if (cursor.gotoNextSibling()) {
          current = this.node(parent);
          break;
        }
        cursor.gotoParent();
        current = parent;
        // The digits of `list.0` are a hidden token: the only node whose visible children end early.
        // A node with only comments inside has no visible child to take its span from.
        if (syntax.type(current) === 'legacy_index' || syntax.start(current) === -1) syntax.setSpan(current, cursor.startIndex, cursor.endIndex);
      }
    }
  }

  /** The node at the cursor, appended to its parent's children (unless it is a comment). */
  private node(parent: NodeId): NodeId {
    const cursor = this.cursor;
    const id = cursor.nodeTypeId;
    const type = this.types[id] ?? 'ERROR';
    const missing = this.checkMissing && cursor.nodeIsMissing;
    const node = this.syntax.add(type, parent, missing);
    const length = type === 'ERROR' ? undefined : this.lengths[id];
    if (length !== undefined && type !== 'comment') {
      const start = cursor.startIndex;
      this.syntax.setSpan(node, start, length >= 0 && !missing ? start + length : cursor.endIndex);
    }
    return node;
  }
}
