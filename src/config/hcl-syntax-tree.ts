// Plain-JavaScript copies of a tree-sitter tree. Every property read on a web-tree-sitter node
// crosses into WebAssembly (and `node.children` builds new objects each time), which made the
// conversion of a large file take seconds; one pass with a tree cursor copies what the
// converter needs, and everything after it is ordinary JavaScript.
import type { Language, Tree } from 'web-tree-sitter';
import type { CursorFactory, CursorReader } from './tree-sitter-cursor.js';
import { treeCursors } from './tree-sitter.js';

export interface SyntaxNode {
  /** Grammar type: `attribute`, `expression`, `ERROR`, or the token itself for anonymous ones (`=`, `(`). */
  type: string;
  /** Offsets in the parsed text (UTF-16 code units). */
  start: number;
  end: number;
  /** Comments are left out: they carry no meaning. */
  children: SyntaxNode[];
  /** A token tree-sitter assumed to recover from an error; zero width. */
  missing: boolean;
  /** This node or a descendant is ERROR or MISSING. */
  hasError: boolean;
  parent: SyntaxNode | undefined;
}

/** Shared by all leaves (most nodes), so that they allocate no array. */
const NO_CHILDREN: SyntaxNode[] = [];

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

/**
 * Copies a tree statement by statement: each top-level attribute or block (or stray node) is
 * copied, handed to `visit`, and can be dropped before the next one is copied, so that a large
 * file never holds a copy of its whole tree (that made garbage collection dominate).
 */
export function forEachStatement(tree: Tree, visit: (node: SyntaxNode) => void, cursors: CursorFactory = treeCursors()): void {
  // rootNode first: a direct cursor owns web-tree-sitter's transfer buffer, which rootNode would overwrite.
  const hasError = tree.rootNode.hasError;
  const reader = new TreeReader(tree.language, hasError, cursors.open(tree));
  const cursor = reader.cursor;
  try {
    if (reader.typeHere() !== 'config_file') {
      visit(reader.subtree()); // the whole file is one ERROR node
      return;
    }
    if (!cursor.gotoFirstChild()) return;
    do {
      const type = reader.typeHere();
      if (type === 'body') {
        if (!cursor.gotoFirstChild()) continue;
        do {
          if (reader.typeHere() !== 'comment') visit(reader.subtree());
        } while (cursor.gotoNextSibling());
        cursor.gotoParent();
      } else if (type !== 'comment') {
        visit(reader.subtree());
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

  /** A copy of the node at the cursor and everything below it; the cursor ends where it started. */
  subtree(): SyntaxNode {
    const cursor = this.cursor;
    const root = this.node(undefined);
    let current = root;
    for (;;) {
      if (current.start === -1 && current.type !== 'comment' && cursor.gotoFirstChild()) {
        current = this.node(current);
        continue;
      }
      if (current.start === -1 && current.type !== 'comment') {
        // A leaf of an inner type (an empty ERROR node, say): read its span.
        current.start = cursor.startIndex;
        current.end = cursor.endIndex;
      }
      // `current` and then each ancestor without a next sibling is complete.
      for (;;) {
        if (current === root) return root;
        extend(current.parent!, current);
        if (cursor.gotoNextSibling()) {
          current = this.node(current.parent);
          break;
        }
        cursor.gotoParent();
        current = current.parent!;
        // The digits of `list.0` are a hidden token: the only node whose visible children end early.
        // A node with only comments inside has no visible child to take its span from.
        if (current.type === 'legacy_index' || current.start === -1) {
          current.start = cursor.startIndex;
          current.end = cursor.endIndex;
        }
      }
    }
  }

  /** The node at the cursor, appended to its parent's children (unless it is a comment). */
  private node(parent: SyntaxNode | undefined): SyntaxNode {
    const cursor = this.cursor;
    const id = cursor.nodeTypeId;
    const type = this.types[id] ?? 'ERROR';
    const node: SyntaxNode = { type, start: -1, end: -1, children: NO_CHILDREN, missing: false, hasError: type === 'ERROR', parent };
    if (this.checkMissing && cursor.nodeIsMissing) node.missing = node.hasError = true;
    const length = type === 'ERROR' ? undefined : this.lengths[id];
    if (length !== undefined && type !== 'comment') {
      node.start = cursor.startIndex;
      node.end = length >= 0 && !node.missing ? node.start + length : cursor.endIndex;
    }
    if (parent && type !== 'comment') {
      if (parent.children === NO_CHILDREN) parent.children = [node];
      else parent.children.push(node);
    }
    return node;
  }
}

function extend(parent: SyntaxNode, child: SyntaxNode): void {
  if (child.type === 'comment') return;
  if (parent.start === -1) parent.start = child.start;
  parent.end = child.end;
  if (child.hasError) parent.hasError = true;
}
