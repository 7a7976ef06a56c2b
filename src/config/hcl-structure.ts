// The statement structure of an HCL body, checked on the lexer's tokens before tree-sitter runs.
// HCL is line-oriented (`name = value` ends at the newline, a block header is `type "label" {`),
// but the tree-sitter grammar ignores newlines, so a missing value or `=` makes it glue two lines
// together. Here each statement is checked where it is written; mistakes are reported in the
// user's words and repaired so that tree-sitter parses the rest of the file as intended.
import type { LexResult, Token } from './hcl-lexer.js';
import { CLOSER, describeContext, describeToken, endsLine, isPunct, OPENER_KIND, type Context, type StructureRepairs } from './hcl-structure-base.js';
import { ValueChecker } from './hcl-structure-values.js';
import type { SyntaxErrors } from './hcl-text.js';

export type { StructureRepairs } from './hcl-structure-base.js';

export function checkStructure(lexed: LexResult, text: string, errors: SyntaxErrors, repairs: StructureRepairs): void {
  new StructureChecker(lexed, text, errors, repairs).run();
}

class StructureChecker extends ValueChecker {
  run(): void {
    for (;;) {
      while (this.token.kind === 'newline') this.i++;
      if (this.token.kind === 'eof' || this.errors.full) break;
      this.statement();
    }
    this.closeAtEnd();
  }

  private statement(): void {
    const first = this.token;
    if (first.kind === 'punct' && first.text === '}' && this.stack.length > 0) {
      this.noteIndentation(this.stack.pop()!, first);
      this.i++;
      return;
    }
    const problemsBefore = this.problemCount();
    this.statementBody(first, this.peek(1));
    if (this.problemCount() === problemsBefore) this.recovering = false;
  }

  private statementBody(first: Token, next: Token): void {
    if (first.kind === 'ident') {
      if (isPunct(next, '=')) {
        this.i += 2;
        this.attributeValue(next);
        return;
      }
      if (isPunct(next, ':')) {
        this.errors.report(next.start, next.end, "use '=' to set an attribute", `Write \`${first.text} = …\`: ':' only separates keys and values inside a map.`);
        this.repairs.replacements.set(next.start, '=');
        this.i += 2;
        this.attributeValue(next);
        return;
      }
      this.headerOrBrokenAttribute(first);
      return;
    }
    if (first.kind === 'string' && isPunct(next, '=') && /^"[\p{ID_Start}_][\p{ID_Continue}-]*"$/u.test(first.text)) {
      this.structureError(first.start, first.end, 'attribute names are not quoted', `Write \`${first.text.slice(1, -1)} = …\` without the quotes.`);
      this.repairs.replacements.set(first.start, ' ');
      this.repairs.replacements.set(first.end - 1, ' ');
      this.i += 2;
      this.attributeValue(next);
      return;
    }
    if (first.kind === 'punct' && '}])'.includes(first.text)) {
      this.unexpectedCloser(first);
      this.i++;
      return;
    }
    this.structureError(
      first.start,
      first.end,
      `expected an attribute or a block, found ${describeToken(first)}`,
      'A body holds attributes (`name = value`) and blocks (`type "label" { … }`), one per line.',
    );
    this.skipBrokenStatement();
  }

  /** An identifier not followed by '=': a block header, or an attribute that lost its '='. */
  private headerOrBrokenAttribute(name: Token): void {
    let j = this.i + 1;
    while (['ident', 'string', 'number'].includes(this.tokens[j]!.kind)) j++;
    const after = this.tokens[j]!;
    const labels = this.tokens.slice(this.i + 1, j);
    if (isPunct(after, '{')) {
      this.openBlock(name, labels, after);
      this.i = j + 1;
      return;
    }
    if (labels.length > 0 && (after.kind === 'newline' || after.kind === 'eof')) {
      let k = j;
      while (this.tokens[k]!.kind === 'newline') k++;
      const nextLine = this.tokens[k]!;
      if (isPunct(nextLine, '{')) {
        this.openBlock(name, labels, nextLine); // the brace on the next line: unusual, but unambiguous
        this.i = k + 1;
        return;
      }
      const header = this.text.slice(name.start, labels[labels.length - 1]!.end);
      if (nextLine.kind !== 'eof' && this.indentOf(nextLine.start) > this.indentOf(name.start)) {
        const at = labels[labels.length - 1]!.end;
        this.structureError(at, at, `missing '{' after the block header ${header}`, `A block is written \`${header} { … }\` with '{' on the header line.`);
        this.repairs.insertions.push({ offset: at, text: ' {' });
        this.openBlock(name, labels, { kind: 'punct', start: at, end: at, text: '{', interpolated: false });
        this.i = j;
        return;
      }
    }
    if (!endsLine(after) && this.lineEndsWithBrace(j)) {
      this.structureError(after.start, after.end, `invalid block header: unexpected ${describeToken(after)}`, 'A block header is a type and quoted labels: type "label" {');
      this.skipBrokenStatement();
      return;
    }
    if (labels.length > 0 && isPunct(after, '=')) {
      this.structureError(
        labels[0]!.start,
        labels[labels.length - 1]!.end,
        'an attribute name cannot have labels',
        `Write \`${name.text} = …\` for an attribute, or \`${this.text.slice(name.start, labels[labels.length - 1]!.end)} { … }\` for a block.`,
      );
      this.skipBrokenStatement();
      return;
    }
    if (labels.length === 1 || (labels.length === 0 && startsExpression(after))) {
      const value = labels[0] ?? after;
      this.structureError(
        name.end,
        name.end,
        "missing '=' between attribute name and value",
        `Write \`${name.text} = ${this.text.slice(value.start, value.end).split('\n')[0]}\`.`,
      );
      this.repairs.insertions.push({ offset: name.end, text: ' =' });
      this.i++;
      this.checkedValue(name.end);
      return;
    }
    if (after.kind === 'punct' && (after.text === ')' || after.text === ']' || (after.text === '}' && (this.stack.length === 0 || !endsLine(this.tokens[j + 1]!))))) {
      // A stray closer inside the header: report it, drop it, and read the header again.
      this.unexpectedCloser(after);
      this.tokens.splice(j, 1);
      if (this.errors.full) this.skipBrokenStatement();
      else this.headerOrBrokenAttribute(name);
      return;
    }
    if (labels.length === 0 && (after.kind === 'newline' || after.kind === 'eof' || isPunct(after, '}'))) {
      this.structureError(
        name.start,
        name.end,
        `expected '=' or a block after '${name.text}'`,
        `An attribute is written \`${name.text} = value\`; a block \`${name.text} { … }\`.`,
      );
      this.repairs.insertions.push({ offset: name.end, text: ' = null', placeholder: true });
      this.i++;
      return;
    }
    this.structureError(
      after.start,
      after.end,
      `expected '=' or '{' after '${this.text.slice(name.start, (labels[labels.length - 1] ?? name).end)}', found ${describeToken(after)}`,
      'An attribute is written `name = value`; a block `type "label" { … }`.',
    );
    this.skipBrokenStatement();
  }

  private openBlock(name: Token, labels: Token[], open: Token): void {
    for (const label of labels) {
      if (label.kind === 'number') {
        this.errors.report(label.start, label.end, 'block labels must be quoted strings', `Write "${label.text}" with quotes.`);
        this.repairs.insertions.push({ offset: label.start, text: '"' }, { offset: label.end, text: '"' });
      } else if (label.kind === 'string' && label.interpolated) {
        this.errors.report(label.start, label.end, 'block labels cannot contain interpolations', 'A label is a fixed name: remove the "${…}" from it.');
        // Escape each `${` / `%{` so that tree-sitter reads the label as plain text.
        for (const match of label.text.matchAll(/(?<![$%])[$%]\{/g)) {
          this.repairs.insertions.push({ offset: label.start + match.index, text: match[0][0]! });
        }
      }
    }
    const header = this.text.slice(name.start, (labels[labels.length - 1] ?? name).end);
    this.stack.push({ kind: 'block', open, indent: this.indentOf(name.start), header });
  }

  /** After `name =`: the value must start on the same line. */
  private attributeValue(equals: Token): void {
    const first = this.token;
    if (first.kind === 'newline' || first.kind === 'eof' || (isPunct(first, '}') && this.stack.length > 0)) {
      // Invalid characters after '=' have their own error.
      if (!this.hasInvalidCharacters(equals.end, first.start)) {
        this.errors.report(
          equals.end,
          equals.end,
          "expected an expression after '='",
          'The value of an attribute starts on the same line as its name: write `name = value`.',
        );
      }
      this.repairs.insertions.push({ offset: equals.end, text: ' null', placeholder: true });
      return;
    }
    if (first.kind === 'punct' && !['[', '(', '{', '-', '!'].includes(first.text)) {
      this.structureError(first.start, first.end, `expected an expression after '=', found '${first.text}'`, 'The value of an attribute is an expression: a literal, a reference, a function call, a list or a map.');
      const base = this.stack.length;
      const { end } = this.scanExpression();
      if (this.stack.length === base) this.blank(first.start, end);
      this.repairs.insertions.push({ offset: equals.end, text: ' null', placeholder: true });
      return;
    }
    this.checkedValue(equals.end);
  }

  /** Whether the line from token `from` ends with '{' and has no '=': a block header, however garbled. */
  private lineEndsWithBrace(from: number): boolean {
    let k = from;
    while (!endsLine(this.tokens[k]!) && !isPunct(this.tokens[k]!, '=')) k++;
    return endsLine(this.tokens[k]!) && isPunct(this.tokens[k - 1]!, '{');
  }

  /**
   * Drops a broken statement (already reported) from what tree-sitter sees: the rest of its line
   * when the brackets on it balance, otherwise only its first token, so that the brackets the
   * following lines rely on stay in place.
   */
  private skipBrokenStatement(): void {
    let depth = 0;
    let k = this.i;
    for (; ; k++) {
      const token = this.tokens[k]!;
      if (token.kind === 'newline' || token.kind === 'eof') break;
      if (token.kind === 'punct' && OPENER_KIND[token.text]) depth++;
      else if (token.kind === 'punct' && '}])'.includes(token.text) && --depth < 0) break;
    }
    const first = this.token;
    const last = this.tokens[k - 1]!;
    if (k - 1 > this.i && isPunct(last, '{') && (this.token.kind === 'ident' || this.token.kind === 'string')) {
      // A garbled block header: keep the block (its body is probably fine), as a block named by the first word.
      const header = this.text.slice(first.start, last.start).trim();
      if (first.kind !== 'ident') for (let at = first.start; at < first.end; at++) this.repairs.replacements.set(at, '_');
      if (k - 2 > this.i) this.blank(this.tokens[this.i + 1]!.start, this.tokens[k - 2]!.end);
      this.stack.push({ kind: 'block', open: last, indent: this.indentOf(first.start), header });
      this.i = k;
      return;
    }
    if (depth === 0 && k > this.i) {
      this.blank(first.start, last.end);
      this.i = k;
    } else {
      this.blank(first.start, first.end);
      this.i++;
    }
  }

  /** Blocks and brackets still open at the end of the file. */
  private closeAtEnd(): void {
    const end = this.lastSignificantEnd(this.tokens.length - 1);
    while (this.stack.length > 0) {
      const context = this.stack.pop()!;
      // Prefer the first place where a closer was indented like an outer level: the '}' is probably missing there.
      const hint = this.misplaced.find((m) => !m.used && m.closer.start > context.open.start);
      if (hint) {
        hint.used = true;
        const at = this.lastSignificantEnd(this.tokens.indexOf(hint.closer) - 1);
        this.reportMissingCloser(hint.context, at, `The '${hint.closer.text}' on line ${this.lineOf(hint.closer.start)} is indented like an outer level, so the '${CLOSER[hint.context.kind]}' is probably missing just before it.`);
      } else {
        this.reportMissingCloser(context, end, undefined);
      }
    }
  }

  private reportMissingCloser(context: Context, at: number, hint: string | undefined): void {
    const closer = CLOSER[context.kind];
    const line = this.lineOf(context.open.start);
    const summary =
      context.kind === 'block'
        ? `unclosed block: missing '}' for ${context.header} opened at line ${line}`
        : `missing '${closer}' to close the ${describeContext(context)} opened at line ${line}`;
    // An unclosed heredoc or comment that ran to the end explains the missing closers.
    if (!this.lexed.swallowedToEnd) {
      this.errors.report(at, at, summary, [`Every '${this.text[context.open.start] ?? '{'}' needs a matching '${closer}'.`, hint].filter(Boolean).join(' '));
    }
    this.repairs.insertions.push({ offset: at, text: context.kind === 'block' ? `\n${closer}` : closer });
  }
}

function startsExpression(token: Token): boolean {
  if (token.kind === 'heredoc' || token.kind === 'number' || token.kind === 'string') return true;
  return token.kind === 'punct' && ['[', '(', '-', '!'].includes(token.text);
}
