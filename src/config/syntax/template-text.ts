// Template text: turning the raw pieces of a quoted string or heredoc into literal parts. The
// indentation of `<<-` heredocs is removed, escapes are decoded and the `~` strip markers of
// interpolations trim the neighbouring text.

export type Segment<E> =
  | { kind: 'literal'; raw: string; start: number }
  | { kind: 'interpolation'; expr: E; stripBefore: boolean; stripAfter: boolean };

export type EscapeStyle = 'quoted' | 'heredoc';

export interface EscapeProblem {
  /** Offset of the escape inside the literal's raw text. */
  index: number;
  length: number;
  summary: string;
  detail: string;
}

/** Decodes escapes: all of them in quoted strings; only `$${` and `%%{` in heredocs. */
export function unescapeTemplateText(raw: string, style: EscapeStyle, problems: EscapeProblem[] = []): string {
  if (!raw.includes('\\') && !raw.includes('${') && !raw.includes('%{')) return raw;
  let out = '';
  for (let i = 0; i < raw.length; ) {
    const c = raw[i]!;
    if ((c === '$' || c === '%') && raw[i + 1] === c && raw[i + 2] === '{') {
      out += `${c}{`;
      i += 3;
    } else if (c === '\\' && style === 'quoted') {
      const [text, length] = decodeBackslash(raw, i, problems);
      out += text;
      i += length;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };

function decodeBackslash(raw: string, i: number, problems: EscapeProblem[]): [string, number] {
  const next = raw[i + 1];
  if (next !== undefined && SIMPLE_ESCAPES[next] !== undefined) return [SIMPLE_ESCAPES[next], 2];
  const digits = next === 'u' ? 4 : next === 'U' ? 8 : 0;
  const hex = raw.slice(i + 2, i + 2 + digits);
  if (digits > 0 && hex.length === digits && /^[0-9a-fA-F]+$/.test(hex)) {
    const code = parseInt(hex, 16);
    if (code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)) return [String.fromCodePoint(code), 2 + digits];
    problems.push({
      index: i,
      length: 2 + digits,
      summary: `'\\${next}${hex}' is not a valid Unicode character`,
      detail: 'Unicode escapes name a character from U+0000 to U+10FFFF, except the surrogates D800–DFFF.',
    });
    return ['\uFFFD', 2 + digits];
  }
  // A backslash at the end of an unclosed string's line escapes nothing: its string has its error.
  if (next === undefined) return ['\\', 1];
  if (next === '$' || next === '%') {
    problems.push(templateEscapeProblem(next, i));
    return ['\\', 1];
  }
  const shown = raw.slice(i, i + 2 + digits).split('\n')[0]!;
  problems.push({
    index: i,
    length: shown.length,
    summary: `invalid escape sequence '${shown}'`,
    detail:
      digits > 0
        ? `'\\${next}' must be followed by exactly ${digits} hexadecimal digits.`
        : "In a quoted string a backslash starts an escape: \\n, \\r, \\t, \\\", \\\\, \\uNNNN or \\UNNNNNNNN. Write '\\\\' for a backslash.",
  });
  // Read on as a literal backslash.
  return ['\\', 1];
}

/**
 * `\$` and `\%` are no escapes, as in HCL (Terraform: "The symbol "$" is not a valid escape sequence
 * selector"): a literal `${` is written `$${`. Said at the backslash, also before an interpolation.
 */
export function templateEscapeProblem(selector: '$' | '%', index: number): EscapeProblem {
  return {
    index,
    length: 2,
    summary: `invalid escape sequence '\\${selector}'`,
    detail: `A backslash does not escape "${selector}": write ${selector}${selector}{ for a literal ${selector}{, and '\\\\' for a backslash.`,
  };
}

/**
 * Applies the `~` strip markers to a heredoc's lines, before its indentation is removed, as HCL
 * does: a marker trims only the line next to it, and a line it emptied starts no line, so its
 * follower keeps its indentation.
 */
export function stripHeredocLines<E>(segments: Segment<E>[]): void {
  segments.forEach((segment, k) => {
    if (segment.kind !== 'literal') return;
    const before = segments[k - 1];
    const after = segments[k + 1];
    if (before?.kind === 'interpolation' && before.stripAfter) {
      const trimmed = segment.raw.trimStart();
      segment.start += segment.raw.length - trimmed.length;
      segment.raw = trimmed;
    }
    if (after?.kind === 'interpolation' && after.stripBefore) segment.raw = segment.raw.trimEnd();
  });
}

/**
 * Removes the common indentation of a `<<-` heredoc. Lines holding only whitespace do not count;
 * a line that starts with an interpolation has no indentation, so nothing is removed.
 */
export function removeHeredocIndent<E>(segments: Segment<E>[]): void {
  let smallest = Infinity;
  const last = segments[segments.length - 1];
  forEachLineStart(segments, (segment, at) => {
    if (!segment) {
      smallest = 0; // the line starts with an interpolation
      return;
    }
    const indent = leadingBlanks(segment.raw, at);
    const rest = segment.raw[at + indent];
    const blankLine = rest === '\n' || rest === '\r' || (rest === undefined && segment === last);
    if (!blankLine) smallest = Math.min(smallest, indent);
  });
  if (smallest === 0 || smallest === Infinity) return;
  // Whether the next segment starts a line: after a line's end, not after an interpolation; an
  // empty literal changes nothing.
  let startsLine = true;
  for (const segment of segments) {
    if (segment.kind !== 'literal') {
      startsLine = false;
      continue;
    }
    let out = '';
    let lineStart = startsLine;
    for (let i = 0; i < segment.raw.length; ) {
      if (lineStart) {
        i += Math.min(smallest, leadingBlanks(segment.raw, i));
        lineStart = false;
        continue;
      }
      const c = segment.raw[i]!;
      out += c;
      lineStart = c === '\n';
      i++;
    }
    segment.raw = out;
    if (out !== '') startsLine = out.endsWith('\n');
  }
}

/** Calls back for each line start: the literal and the offset in it, or undefined when an interpolation starts the line. */
function forEachLineStart<E>(segments: Segment<E>[], visit: (segment: Extract<Segment<E>, { kind: 'literal' }> | undefined, at: number) => void): void {
  let atLineStart = true;
  for (const segment of segments) {
    if (segment.kind !== 'literal') {
      if (atLineStart) visit(undefined, 0);
      atLineStart = false;
      continue;
    }
    if (atLineStart) visit(segment, 0);
    for (let i = segment.raw.indexOf('\n'); i !== -1; i = segment.raw.indexOf('\n', i + 1)) {
      if (i + 1 < segment.raw.length) visit(segment, i + 1);
    }
    atLineStart = segment.raw.endsWith('\n') || (segment.raw === '' && atLineStart);
  }
}

function leadingBlanks(text: string, at: number): number {
  let i = at;
  while (text[i] === ' ' || text[i] === '\t') i++;
  return i - at;
}

/** Applies `${~ … ~}` strip markers to the (decoded) literal parts around each interpolation. */
export function applyStripMarkers<E>(parts: Array<string | { expr: E; stripBefore: boolean; stripAfter: boolean }>): Array<string | E> {
  const out: Array<string | E> = [];
  for (let k = 0; k < parts.length; k++) {
    const part = parts[k]!;
    if (typeof part === 'string') {
      let text = part;
      const before = parts[k - 1];
      const after = parts[k + 1];
      if (before !== undefined && typeof before !== 'string' && before.stripAfter) text = text.trimStart();
      if (after !== undefined && typeof after !== 'string' && after.stripBefore) text = text.trimEnd();
      if (text !== '') {
        if (typeof out[out.length - 1] === 'string') out[out.length - 1] = (out[out.length - 1] as string) + text;
        else out.push(text);
      }
    } else {
      out.push(part.expr);
    }
  }
  return out;
}
