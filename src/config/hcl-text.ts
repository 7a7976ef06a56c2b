// Positions and repairs. The HCL parser sometimes feeds tree-sitter a slightly repaired copy of the
// file (a closing quote added where a string was left open, `.0` before the exponent of `1e3`,
// which the grammar cannot read). Every position tree-sitter reports is in that copy; this module
// maps it back to the user's text and to 1-based line/column.
//
// Offsets and columns count UTF-16 code units, i.e. JavaScript string indices: web-tree-sitter
// parses a JS string as UTF-16 and reports indices in code units, and the renderer slices lines
// with the same indices, so `"ärger"` and emoji-bearing lines stay aligned.
import type { Diagnostic, SourcePos, SourceRange } from '../core/diagnostics.js';

/** Text inserted before `offset` of the user's text (replacing `deleteLength` characters, if given). */
export interface Insertion {
  offset: number;
  text: string;
  /**
   * Characters of the user's text replaced by `text`: long string contents are handed to
   * tree-sitter as one character, which its scanner reads much faster (positions stay exact).
   */
  deleteLength?: number;
  /**
   * Where a token that ends right at this edit ends in the user's text (by default where the
   * deleted text ends): a name's shortening also deletes the blanks after it (`name   =` → `n=`).
   */
  endAt?: number;
  /**
   * The insertion is a placeholder for something missing (a value after `=`): the attribute that
   * contains it is dropped from the AST, because its error has been reported already.
   */
  placeholder?: boolean;
}

export class LineIndex {
  private readonly lineStarts: number[] = [0];
  private lastLine = 0;

  constructor(readonly text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
  }

  position(offset: number): SourcePos {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const line = this.lineOf(clamped);
    return { line: line + 1, column: clamped - this.lineStarts[line]! + 1, offset: clamped };
  }

  /** 0-based line index of an offset. */
  lineOf(offset: number): number {
    // Lookups come mostly in source order: try the line of the previous lookup first.
    const hint = this.lastLine;
    if (this.lineStarts[hint]! <= offset && (hint + 1 >= this.lineStarts.length || offset < this.lineStarts[hint + 1]!)) return hint;
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    this.lastLine = low;
    return low;
  }

  lineStart(line: number): number {
    return this.lineStarts[line] ?? this.text.length;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }
}

/**
 * How positions are reported for one parse. `text` is the reference text literal parts are sliced
 * from; `toReference` maps an offset of the parsed (repaired) text into it; `position` turns a
 * reference offset into a file position (for embedded templates it points into the JSON file).
 */
export interface PositionMapper {
  readonly file: string;
  readonly text: string;
  toReference(parsedOffset: number): number;
  /** `toReference` for the end of a node: see Insertion.endAt. */
  toReferenceEnd(parsedOffset: number): number;
  position(referenceOffset: number): SourcePos;
}

/** A mapper of text that is its own reference (nothing repaired or shortened): offsets map to themselves. */
export function referenceMapper(file: string, text: string, position: (offset: number) => SourcePos): PositionMapper {
  const same = (offset: number): number => offset;
  return { file, text, toReference: same, toReferenceEnd: same, position };
}

export interface RepairedText {
  /** The text handed to tree-sitter. */
  parsed: string;
  toReference(parsedOffset: number): number;
  toReferenceEnd(parsedOffset: number): number;
  /** Reference offsets of placeholder insertions. */
  placeholders: number[];
}

/** Applies insertions (in any order; equal offsets keep their order; none may overlap) and builds the offset map back. */
export function applyInsertions(text: string, insertions: readonly Insertion[]): RepairedText {
  if (insertions.length === 0) return { parsed: text, toReference: (o) => o, toReferenceEnd: (o) => o, placeholders: [] };
  const sorted = inOffsetOrder(insertions);
  const count = sorted.length;
  const pieces: string[] = [];
  // Per insertion: where it starts in the parsed text, its length, the original offset, and where
  // the original text resumes after it. Typed arrays: a large file has tens of thousands of edits.
  const parsedStarts = new Float64Array(count);
  const lengths = new Float64Array(count);
  const originals = new Float64Array(count);
  const resumes = new Float64Array(count);
  /** Where a node ending right after edit k's inserted text ends: its endAt, or where the user's text resumes. */
  const ends = new Float64Array(count);
  let last = 0;
  let shift = 0;
  for (let k = 0; k < count; k++) {
    const ins = sorted[k]!;
    const deleted = ins.deleteLength ?? 0;
    pieces.push(text.slice(last, ins.offset));
    if (ins.text !== '') pieces.push(ins.text); // most edits (shortenings) only delete
    parsedStarts[k] = ins.offset + shift;
    lengths[k] = ins.text.length;
    originals[k] = ins.offset;
    resumes[k] = ins.offset + deleted;
    ends[k] = ins.endAt ?? ins.offset + deleted;
    shift += ins.text.length - deleted;
    last = ins.offset + deleted;
  }
  pieces.push(text.slice(last));
  let lastFound = 0;
  /** Whether edit `k` is the last one starting at or before `parsedOffset`. */
  const isLastBefore = (k: number, parsedOffset: number): boolean =>
    k < parsedStarts.length && parsedStarts[k]! <= parsedOffset && (k + 1 === parsedStarts.length || parsedStarts[k + 1]! > parsedOffset);
  /** The last edit starting at or before `parsedOffset`, or -1. */
  const lastEditAt = (parsedOffset: number): number => {
    // Lookups come mostly in source order: try the edit found last time, and the next one, first.
    if (isLastBefore(lastFound, parsedOffset)) return lastFound;
    if (isLastBefore(lastFound + 1, parsedOffset)) return (lastFound += 1);
    let found = -1;
    let low = 0;
    let high = parsedStarts.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      if (parsedStarts[mid]! <= parsedOffset) {
        found = mid;
        low = mid + 1;
      } else high = mid - 1;
    }
    if (found !== -1) lastFound = found;
    return found;
  };
  const referenceAfter = (k: number, parsedOffset: number): number => {
    if (k === -1) return parsedOffset;
    const inserted = parsedStarts[k]! + lengths[k]!;
    // Inside inserted text: report the point of insertion.
    if (parsedOffset < inserted) return originals[k]!;
    return resumes[k]! + (parsedOffset - inserted);
  };
  const toReference = (parsedOffset: number): number => referenceAfter(lastEditAt(parsedOffset), parsedOffset);
  /** Whether `parsedOffset` is where edit `k`'s inserted text ends (where a token before it ends). */
  const endsAt = (k: number, parsedOffset: number): boolean => k >= 0 && parsedStarts[k]! + lengths[k]! === parsedOffset;
  const toReferenceEnd = (parsedOffset: number): number => {
    const k = lastEditAt(parsedOffset);
    const reference = referenceAfter(k, parsedOffset);
    // A node ending where an edit's inserted text ends ends at that edit's endAt (or, when the next
    // edit starts right there, at the previous edit's).
    if (endsAt(k, parsedOffset)) return Math.min(reference, ends[k]!);
    if (endsAt(k - 1, parsedOffset)) return Math.min(reference, ends[k - 1]!);
    return reference;
  };
  return {
    parsed: pieces.join(''),
    toReference,
    toReferenceEnd,
    placeholders: sorted.filter((ins) => ins.placeholder).map((ins) => ins.offset),
  };
}

/** The insertions by offset, those at the same offset in the order given (usually already so). */
function inOffsetOrder(insertions: readonly Insertion[]): readonly Insertion[] {
  if (isInOffsetOrder(insertions)) return insertions;
  const indexed = insertions.map((ins, order) => ({ ins, order }));
  indexed.sort((a, b) => a.ins.offset - b.ins.offset || a.order - b.order);
  return indexed.map((entry) => entry.ins);
}

/**
 * The shortenings that no repair falls inside (a repair where one ends, the next token, is fine)
 * and whose text no repair blanked (`replaced`: same-length replacements by offset).
 */
export function shorteningsClearOf(shortenings: readonly Insertion[], repairs: readonly Insertion[], replaced: ReadonlyMap<number, string>): readonly Insertion[] {
  if (replaced.size > 0) shortenings = shortenings.filter((s) => !replaced.has(s.offset));
  if (repairs.length === 0) return shortenings;
  const offsets = repairs.map((r) => r.offset);
  if (!isInOffsetOrder(repairs)) offsets.sort((a, b) => a - b);
  // Both lists ascend: walk them together.
  const clear: Insertion[] = [];
  let k = 0;
  for (const shortening of shortenings) {
    while (k < offsets.length && offsets[k]! < shortening.offset) k++;
    if (k === offsets.length || offsets[k]! >= shortening.offset + shortening.deleteLength!) clear.push(shortening);
  }
  return clear;
}

function isInOffsetOrder(list: readonly Insertion[]): boolean {
  for (let k = 1; k < list.length; k++) if (list[k - 1]!.offset > list[k]!.offset) return false;
  return true;
}

/** Two lists of edits as one; merged in offset order when both are in order, as they usually are. */
export function mergeByOffset(a: readonly Insertion[], b: readonly Insertion[]): Insertion[] {
  if (!isInOffsetOrder(a) || !isInOffsetOrder(b)) return [...a, ...b]; // applyInsertions sorts them
  const merged: Insertion[] = [];
  let j = 0;
  for (const ins of a) {
    while (j < b.length && b[j]!.offset < ins.offset) merged.push(b[j++]!);
    merged.push(ins);
  }
  while (j < b.length) merged.push(b[j++]!);
  return merged;
}

/** The range from `start` to `end`, offsets of the text `mapper` maps from (see OffsetRange). */
export function rangeOf(mapper: PositionMapper, start: number, end: number): SourceRange {
  return new OffsetRange(mapper, start, end);
}

/**
 * A SourceRange that keeps two offsets of the text its mapper maps from (tree-sitter's parsed text
 * for the HCL converter, the user's text itself for errors and JSON) and works out the file
 * position when `start` or `end` is read. A 2,000-block configuration has over 100,000 ranges and
 * a run reads a handful: as three objects each, mapped as they were made, they were a fifth of the
 * AST and two edit-map lookups per node. `toJSON` writes the shape of a plain SourceRange.
 */
export class OffsetRange implements SourceRange {
  constructor(
    private readonly mapper: PositionMapper,
    private readonly startOffset: number,
    private readonly endOffset: number,
  ) {}

  get file(): string {
    return this.mapper.file;
  }

  get start(): SourcePos {
    return this.mapper.position(this.mapper.toReference(this.startOffset));
  }

  get end(): SourcePos {
    const start = this.mapper.toReference(this.startOffset);
    return this.mapper.position(Math.max(start, this.mapper.toReferenceEnd(this.endOffset)));
  }

  toJSON(): SourceRange {
    return { file: this.file, start: this.start, end: this.end };
  }
}

/** The most syntax errors reported for one file: past that, more are noise from the same mistakes. */
export const MAX_SYNTAX_ERRORS = 30;

/**
 * Collects syntax errors of one parse. Remembers which lines already carry an error so that the
 * generic errors tree-sitter's recovery produces for the same mistake are not reported again.
 */
export class SyntaxErrors {
  readonly diagnostics: Diagnostic[] = [];
  private readonly flaggedLines = new Set<number>();
  private truncated = false;

  constructor(readonly mapper: PositionMapper) {}

  /** Reports a problem at reference offsets [start, end). Returns false once the limit is reached. */
  report(start: number, end: number, summary: string, detail?: string): boolean {
    const range = rangeOf(this.mapper, start, end);
    this.flaggedLines.add(range.start.line);
    if (this.diagnostics.length >= MAX_SYNTAX_ERRORS) {
      if (!this.truncated) {
        this.truncated = true;
        this.diagnostics.push({
          severity: 'error',
          summary: 'too many syntax errors',
          detail: `Only the first ${MAX_SYNTAX_ERRORS} syntax errors of this file are shown; fix them and run again.`,
          range,
        });
      }
      return false;
    }
    this.diagnostics.push({ severity: 'error', summary, ...(detail ? { detail } : {}), range });
    return true;
  }

  /** Marks a line as erroneous without a diagnostic of its own (another error explains it). */
  flagLine(referenceOffset: number): void {
    this.flaggedLines.add(this.mapper.position(referenceOffset).line);
  }

  isLineFlagged(referenceOffset: number): boolean {
    return this.flaggedLines.has(this.mapper.position(referenceOffset).line);
  }

  /** True once an error past the limit was dropped: checking further is pointless. */
  get full(): boolean {
    return this.truncated;
  }
}
