// The syntax errors of one parse, and the rules that keep them to one message per mistake.
import { sortDiagnostics, type Diagnostic } from '../../core/diagnostics.js';
import type { SourceText } from './source.js';

/** The most syntax errors reported for one file: past that, more are noise from the same mistakes. */
export const MAX_SYNTAX_ERRORS = 30;

/** Past this many raw errors the parse stops: the text is not configuration. */
const GIVE_UP_AFTER = 10 * MAX_SYNTAX_ERRORS;

/**
 * - `lexical`: a mistake in a token (an unclosed string, a bad character). The token is repaired,
 *   and any grammar error later found on the same line is its echo, so it is dropped.
 * - `grammar`: a token in the wrong place.
 * - `standalone`: a mistake with no echo to drop (a block still open at the end of the file,
 *   a construct bkp does not support): always kept.
 */
export type ErrorKind = 'lexical' | 'grammar' | 'standalone';

interface Collected {
  diagnostic: Diagnostic;
  kind: ErrorKind;
  start: number;
}

/**
 * Ends the parse of a file: thrown once it has so many errors that going on is pointless, or after
 * reporting nesting too deep to follow. What was parsed so far is kept.
 */
export class StopParsing extends Error {}

/** Blocks, expressions and strings nested deeper than this are reported instead of followed. */
export const MAX_NESTING = 100;

export class SyntaxErrors {
  private readonly collected: Collected[] = [];
  /** `start:summary` of lexical errors: a token lexed again after a look-ahead reports once. */
  private readonly seen = new Set<string>();

  constructor(private readonly source: SourceText) {}

  report(kind: ErrorKind, start: number, end: number, summary: string, detail: string): void {
    if (kind === 'lexical') {
      const key = `${start}:${summary}`;
      if (this.seen.has(key)) return;
      this.seen.add(key);
    }
    this.collected.push({ diagnostic: { severity: 'error', summary, detail, range: this.source.range(start, end) }, kind, start });
    if (this.collected.length > GIVE_UP_AFTER) throw new StopParsing();
  }

  /** Reports nesting too deep to follow, and stops the parse (its recursion would overflow the stack). */
  tooDeep(at: number): never {
    this.report('standalone', at, at + 1, 'expression nested too deeply', `bkp reads at most ${MAX_NESTING} levels of nested blocks, expressions and strings.`);
    throw new StopParsing();
  }

  /** The errors by position, without the echoes of lexical errors, at most MAX_SYNTAX_ERRORS and a note. */
  diagnostics(): Diagnostic[] {
    if (this.collected.length === 0) return [];
    const lexicalLines = new Set<number>();
    for (const error of this.collected) if (error.kind === 'lexical') lexicalLines.add(this.lineOf(error));
    const kept = this.collected.filter((error) => error.kind !== 'grammar' || !lexicalLines.has(this.lineOf(error)));
    const sorted = sortDiagnostics(kept.map((error) => error.diagnostic));
    if (sorted.length <= MAX_SYNTAX_ERRORS) return sorted;
    return [
      ...sorted.slice(0, MAX_SYNTAX_ERRORS),
      {
        severity: 'error',
        summary: 'too many syntax errors',
        detail: `Only the first ${MAX_SYNTAX_ERRORS} syntax errors of this file are shown; fix them and run again.`,
        range: sorted[MAX_SYNTAX_ERRORS]!.range!,
      },
    ];
  }

  private lineOf(error: Collected): number {
    return this.source.position(error.start).line;
  }
}
