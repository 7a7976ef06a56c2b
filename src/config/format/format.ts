// `bkp fmt`'s canonical layout, done over tokens the way hashicorp/hcl's hclwrite does it: only
// the blanks between tokens change, so formatting cannot change what a file means. Each line is
// indented two spaces per bracket level it is nested in; tokens on a line are spaced by the rules
// of spaceAfter; the `=` of consecutive one-line attributes, and comments ending consecutive
// lines, are aligned; runs of blank lines shrink to one; the file ends with one newline. Heredocs
// and quoted strings are single tokens, written back as they are.
import type { Diagnostic } from '../../core/diagnostics.js';
import { InternalError } from '../../core/errors.js';
import { parseHcl } from '../syntax/hcl-parser.js';
import { layoutTokens, type LayoutKind, type LayoutToken } from './tokens.js';

export type FormatResult = { ok: true; text: string } | { ok: false; diagnostics: Diagnostic[] };

/** One line split as hclwrite splits it: what comes before the `=`, the `=` and its value, a trailing comment. */
interface Line {
  lead: LayoutToken[];
  assign: LayoutToken[];
  comment: LayoutToken[];
  /** Spaces before each token, by token. */
  spaces: Map<LayoutToken, number>;
}

const BYTE_ORDER_MARK = '\uFEFF';

/** The canonical layout of a configuration or variable file; a file that does not parse is returned as its errors. */
export function formatHcl(text: string, file: string): FormatResult {
  const errors = parseHcl(text, file).diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) return { ok: false, diagnostics: errors };
  const formatted = formatTokens(text);
  // The guarantee that formatting changes only blanks, checked rather than assumed.
  if (!sameTokens(text, formatted)) throw new InternalError(`formatting ${file} would change more than its layout`);
  return { ok: true, text: formatted };
}

/**
 * Whether two texts have the same tokens, comments included; a run of newlines counts as one, and
 * newlines at the start and the end do not count.
 */
function sameTokens(a: string, b: string): boolean {
  const significant = (text: string) =>
    layoutTokens(text)
      .filter((token, i, all) => token.kind !== 'newline' || (i > 0 && all[i - 1]!.kind !== 'newline' && all.slice(i).some((t) => t.kind !== 'newline')))
      .map((token) => `${token.kind}:${token.text}`);
  const left = significant(a);
  const right = significant(b);
  return left.length === right.length && left.every((token, i) => token === right[i]);
}

function formatTokens(text: string): string {
  // A file written with CRLF line ends keeps them; heredocs and block comments carry theirs already.
  const crlf = text.includes('\r\n') && !/(^|[^\r])\n/.test(text);
  const lines = splitLines(layoutTokens(text));
  indent(lines);
  space(lines);
  align(lines);
  const out: string[] = [];
  for (const line of lines) {
    const rendered = render(line);
    // One blank line at most between items, none at the start.
    if (rendered === '' && (out.length === 0 || out[out.length - 1] === '')) continue;
    out.push(rendered);
  }
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  const bom = text.startsWith(BYTE_ORDER_MARK) ? BYTE_ORDER_MARK : '';
  if (out.length === 0) return bom;
  const eol = crlf ? '\r\n' : '\n';
  return bom + out.join(eol) + eol;
}

function splitLines(tokens: LayoutToken[]): Line[] {
  const lines: Line[] = [];
  let current: LayoutToken[] = [];
  for (const token of tokens) {
    if (token.kind === 'newline') {
      lines.push(cells(current));
      current = [];
    } else current.push(token);
  }
  if (current.length > 0) lines.push(cells(current));
  return lines;
}

/** Splits a line into its cells: a trailing comment, and an `=` whose value ends on this line. */
function cells(tokens: LayoutToken[]): Line {
  let lead = tokens;
  let comment: LayoutToken[] = [];
  if (lead.length > 1 && lead[lead.length - 1]!.kind === 'comment') {
    comment = lead.slice(-1);
    lead = lead.slice(0, -1);
  }
  let assign: LayoutToken[] = [];
  const equals = lead.findIndex((token, i) => i > 0 && token.kind === '=');
  if (equals > 0 && netBrackets(lead.slice(equals)) === 0) {
    assign = lead.slice(equals);
    lead = lead.slice(0, equals);
  }
  return { lead, assign, comment, spaces: new Map() };
}

/** Indentation by bracket nesting, as hclwrite's formatIndent: a line that opens brackets indents the lines after it. */
function indent(lines: Line[]): void {
  // Openers still open, per line that opened them: a line closing several levels at once dedents past them all.
  const open: number[] = [];
  for (const line of lines) {
    const first = line.lead[0];
    if (!first) continue;
    const net = netBrackets(line.lead) + netBrackets(line.assign);
    if (net > 0) {
      line.spaces.set(first, 2 * open.length);
      open.push(net);
      continue;
    }
    for (let closed = -net; closed > 0 && open.length > 0; ) {
      const top = open[open.length - 1]!;
      if (closed < top) {
        open[open.length - 1] = top - closed;
        closed = 0;
      } else {
        open.pop();
        closed -= top;
      }
    }
    line.spaces.set(first, 2 * open.length);
  }
}

function space(lines: Line[]): void {
  for (const line of lines) {
    for (const cell of [line.lead, line.assign]) {
      for (let i = 1; i < cell.length; i++) {
        line.spaces.set(cell[i]!, spaceAfter(cell[i - 1]!, cell[i - 2], cell[i]!) ? 1 : 0);
      }
    }
    if (line.assign.length > 0) line.spaces.set(line.assign[0]!, 1);
    if (line.comment.length > 0) line.spaces.set(line.comment[0]!, line.lead.length > 0 ? 1 : 0);
  }
}

/** Aligns the `=` of consecutive lines that assign a one-line value, then the comments ending consecutive lines. */
function align(lines: Line[]): void {
  alignCells(lines, (line) => line.assign, (line) => width(line, line.lead));
  alignCells(lines, (line) => line.comment, (line) => width(line, line.lead) + width(line, line.assign));
}

function alignCells(lines: Line[], cell: (line: Line) => LayoutToken[], before: (line: Line) => number): void {
  for (let start = 0; start < lines.length; ) {
    if (cell(lines[start]!).length === 0) {
      start++;
      continue;
    }
    let end = start;
    while (end < lines.length && cell(lines[end]!).length > 0) end++;
    const chain = lines.slice(start, end);
    const column = Math.max(...chain.map(before));
    for (const line of chain) line.spaces.set(cell(line)[0]!, column - before(line) + 1);
    start = end;
  }
}

/** Columns a cell takes, its leading spaces included; a token over several lines counts its last line. */
function width(line: Line, cell: LayoutToken[]): number {
  let total = 0;
  for (const token of cell) {
    const lastLine = token.text.slice(token.text.lastIndexOf('\n') + 1);
    total = (token.text.includes('\n') ? 0 : total + (line.spaces.get(token) ?? 0)) + [...lastLine].length;
  }
  return total;
}

function render(line: Line): string {
  let out = '';
  for (const token of [...line.lead, ...line.assign, ...line.comment]) out += ' '.repeat(line.spaces.get(token) ?? 0) + token.text;
  return out;
}

function netBrackets(tokens: LayoutToken[]): number {
  let net = 0;
  for (const token of tokens) net += bracketChange(token.kind);
  return net;
}

function bracketChange(kind: LayoutKind): number {
  if (kind === '{' || kind === '[' || kind === '(') return 1;
  if (kind === '}' || kind === ']' || kind === ')') return -1;
  return 0;
}

/** What may come before a negative sign: after these a `-` negates (`= -1`, `(-x)`, `a * -b`) and takes no space after it. */
const BEFORE_NEGATION = new Set<LayoutKind | undefined>([
  undefined, '(', '{', '[', '=', ':', ',', '?', '+', '-', '*', '/', '%', '==', '!=', '<', '<=', '>', '>=', '&&', '||', '!', '=>',
]);

/** Whether a space separates `subject` from the token `after` it (`before` is the one before `subject`): hclwrite's spaceAfterToken. */
function spaceAfter(subject: LayoutToken, before: LayoutToken | undefined, after: LayoutToken): boolean {
  const s = subject.kind;
  const a = after.kind;
  if (s === 'ident' && a === '(') return false; // a call: name(…)
  if (s === '.' || a === '.') return false; // attribute access
  if (a === ',' || a === '...') return false;
  if (s === ',') return true;
  if (s === 'ident' && subject.text === 'in' && before?.kind === 'ident') return true; // `for x in [a]`, not an index
  if (a === '[' && (s === 'ident' || s === 'number' || s === 'string' || bracketChange(s) < 0)) return false; // an index
  if (s === '!') return false;
  if (s === '-') return !BEFORE_NEGATION.has(before?.kind);
  if (s === '{' || a === '}') return !(s === '{' && a === '}'); // `{ a = 1 }`, but `{}`
  if (bracketChange(s) > 0) return false;
  if (bracketChange(a) < 0) return false;
  return true;
}
