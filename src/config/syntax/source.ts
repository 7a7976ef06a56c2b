// Positions in configuration text. Offsets and columns count UTF-16 code units (JavaScript string
// indices), as the renderer does when it slices a line for an excerpt, so lines with "ärger" or
// emoji stay aligned.
import type { SourcePos, SourceRange } from '../../core/diagnostics.js';

/** Line starts of a text, for turning offsets into 1-based lines and columns. */
export class LineIndex {
  private readonly lineStarts: number[] = [0];
  private lastLine = 0;

  constructor(private readonly text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
  }

  position(offset: number): SourcePos {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const line = this.lineOf(clamped);
    return { line: line + 1, column: clamped - this.lineStarts[line]! + 1, offset: clamped };
  }

  /** 0-based line of an offset. */
  private lineOf(offset: number): number {
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
}

/**
 * The text being parsed, and how its offsets become file positions: its own lines for a file, or
 * a mapping into the JSON file for a template that was a JSON string.
 */
export class SourceText {
  private lines: LineIndex | undefined;

  constructor(
    readonly file: string,
    readonly text: string,
    private readonly mapPosition?: (offset: number) => SourcePos,
  ) {}

  position(offset: number): SourcePos {
    if (this.mapPosition) return this.mapPosition(offset);
    // Built on first use: a configuration that loads without a problem rarely asks for a line.
    this.lines ??= new LineIndex(this.text);
    return this.lines.position(offset);
  }

  range(start: number, end: number): TextRange {
    return new TextRange(this, start, end);
  }

  lineOf(offset: number): number {
    return this.position(offset).line;
  }

  /** Whether only blanks come before `offset` on its line. */
  isFirstOnLine(offset: number): boolean {
    for (let at = offset - 1; at >= 0; at--) {
      const c = this.text[at];
      if (c === '\n') return true;
      if (c !== ' ' && c !== '\t' && c !== '\r') return false;
    }
    return true;
  }

  /** Leading blanks of the line holding `offset`. */
  indentOf(offset: number): number {
    const lineStart = this.text.lastIndexOf('\n', offset - 1) + 1;
    let at = lineStart;
    while (at < offset && (this.text[at] === ' ' || this.text[at] === '\t')) at++;
    return at - lineStart;
  }

  sameLine(a: number, b: number): boolean {
    const newline = this.text.indexOf('\n', Math.min(a, b));
    return newline === -1 || newline >= Math.max(a, b);
  }
}

/**
 * A SourceRange that keeps two offsets and works out line and column when `start` or `end` is
 * read. A 2,000-block configuration has over 100,000 ranges and a run reads a handful: as plain
 * objects with two positions each they were a fifth of the AST. `toJSON` writes the plain shape.
 */
export class TextRange implements SourceRange {
  constructor(
    private readonly source: SourceText,
    readonly startOffset: number,
    readonly endOffset: number,
  ) {}

  get file(): string {
    return this.source.file;
  }

  get start(): SourcePos {
    return this.source.position(this.startOffset);
  }

  get end(): SourcePos {
    return this.source.position(Math.max(this.startOffset, this.endOffset));
  }

  toJSON(): SourceRange {
    return { file: this.file, start: this.start, end: this.end };
  }
}
