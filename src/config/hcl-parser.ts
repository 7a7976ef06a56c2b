// The HCL parser: `*.bkp.hcl` text → AST with positions, plus every syntax error of the file.
//
// Pipeline: the lexer and the structure checker find what the tree-sitter grammar handles badly
// (unclosed strings, missing values, unbalanced brackets, stray characters) and repair the text;
// tree-sitter parses the repaired text; the converter builds the AST and maps every position back
// to the user's text. Parsing never throws for any input.
import type { Diagnostic, SourcePos } from '../core/diagnostics.js';
import { sortDiagnostics } from '../core/diagnostics.js';
import type { Body } from './ast.js';
import { HclConverter } from './hcl-convert.js';
import { lexHcl } from './hcl-lexer.js';
import { checkStructure } from './hcl-structure.js';
import { forEachStatement } from './hcl-syntax-tree.js';
import { applyInsertions, LineIndex, mergeByOffset, rangeOf, referenceMapper, shorteningsClearOf, SyntaxErrors, type PositionMapper, type RepairedText } from './hcl-text.js';
import { reportTreeErrors } from './hcl-tree-errors.js';
import { hclTreeSitter, initTreeSitter } from './tree-sitter.js';

export interface ParseResult {
  body: Body;
  diagnostics: Diagnostic[];
}

/** Loads the tree-sitter grammar; required once before `parseHclSync` (and JSON strings with `${`). */
export async function initHclParser(): Promise<void> {
  await initTreeSitter();
}

export async function parseHcl(text: string, file: string): Promise<ParseResult> {
  await initHclParser();
  return parseHclSync(text, file);
}

/** Parses after `await initHclParser()`. */
export function parseHclSync(text: string, file: string): ParseResult {
  return parsePreparedHcl(prepareHcl(text, file));
}

/**
 * A file lexed, checked and repaired for tree-sitter: everything before tree-sitter runs, so it
 * needs no `initHclParser()` (loadConfig lexes while the grammar's WebAssembly compiles).
 */
export interface PreparedHcl {
  base: PositionMapper;
  errors: SyntaxErrors;
  repaired: RepairedText;
}

export function prepareHcl(text: string, file: string): PreparedHcl {
  const lines = new LineIndex(text);
  return prepare(text, file, (offset) => lines.position(offset));
}

/**
 * Parses `text`, reporting positions through `position` (an offset of `text` → file position).
 * The JSON parser uses it for templates inside JSON strings.
 */
export function parseWithPositions(text: string, file: string, position: (offset: number) => SourcePos): ParseResult {
  return parsePreparedHcl(prepare(text, file, position));
}

function prepare(text: string, file: string, position: (offset: number) => SourcePos): PreparedHcl {
  // Strip a byte order mark the same length, so offsets stay those of the file.
  const source = text.startsWith('\uFEFF') ? ` ${text.slice(1)}` : text;
  const base = referenceMapper(file, text, position);
  const errors = new SyntaxErrors(base);
  const lexed = lexHcl(source, errors);
  const repairs = { insertions: lexed.insertions, replacements: lexed.replacements };
  if (lexed.complete) checkStructure(lexed, source, errors, repairs);
  // The grammar needs a newline after a heredoc's closing marker, even at the end of the file.
  if (!source.endsWith('\n')) repairs.insertions.push({ offset: source.length, text: '\n' });
  const edits = mergeByOffset(repairs.insertions, shorteningsClearOf(lexed.shortenings, repairs.insertions, repairs.replacements));
  return { base, errors, repaired: applyInsertions(applyReplacements(source, repairs.replacements), edits) };
}

/** tree-sitter and the conversion to the AST, after `await initHclParser()`. */
export function parsePreparedHcl({ base, errors, repaired }: PreparedHcl): ParseResult {
  const tree = hclTreeSitter().parse(repaired.parsed);
  if (!tree) {
    return { body: { attributes: [], blocks: [], range: rangeOf(base, 0, base.text.length) }, diagnostics: errors.diagnostics };
  }
  try {
    const converter = new HclConverter({ ...base, toReference: repaired.toReference, toReferenceEnd: repaired.toReferenceEnd }, errors, repaired.placeholders);
    const body = converter.fileBody();
    forEachStatement(tree, (syntax, statement) => {
      reportTreeErrors(syntax, statement, errors, repaired.toReference);
      converter.addStatement(body, syntax, statement);
    });
    return { body, diagnostics: sortDiagnostics(errors.diagnostics) };
  } finally {
    tree.delete();
  }
}

function applyReplacements(text: string, replacements: Map<number, string>): string {
  if (replacements.size === 0) return text;
  const chars = text.split('');
  for (const [offset, replacement] of replacements) chars[offset] = replacement;
  return chars.join('');
}
