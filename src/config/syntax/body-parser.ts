// Bodies: attributes (`name = value`) and blocks (`type "label" { … }`), one per line. As
// hclsyntax's body parser, each item is a statement; a broken one is reported, skipped to where it
// ends and left out of the AST, and the next line is read as usual. A mistake that is repaired (a
// missing '=', quotes around a name) keeps its statement. Lines right after a broken statement
// that do not even start like one are its debris: their errors are not reported.
import type { Attribute, Block, BlockLabel, Body } from '../ast.js';
import { DAMAGED, TEMPLATED } from './lexer.js';
import { ExpressionParser } from './expression-parser.js';
import { BrokenStatement, exact, startsExpression, startsValue, type OpenContext } from './parser-base.js';
import { StopParsing } from './syntax-errors.js';

const QUOTED_NAME = /^"[\p{ID_Start}_][\p{ID_Continue}-]*"$/u;

/** What a block header's labels were written as. */
interface LabelToken {
  kind: 'ident' | 'string' | 'number';
  start: number;
  end: number;
  contentStart: number;
  contentEnd: number;
  flags: number;
}

/** Items of a block's body that turned out to follow its (misplaced) closer: they belong to the enclosing body. */
interface Spill {
  attributes: Attribute[];
  blocks: Block[];
}

export class BodyParser extends ExpressionParser {
  private spill: Spill | undefined;
  /** Where the '{' of the block being opened should have been, when it is missing. */
  private missingBrace = -1;

  /** The file's body (what was read, when the parse stopped early); the parser must be fresh. */
  file(): Body {
    const body: Body = { attributes: [], blocks: [], range: this.range(0, this.text.length) };
    try {
      this.next();
      this.bodyItems(body, undefined);
    } catch (e) {
      if (!(e instanceof StopParsing)) throw e;
    }
    return body;
  }

  /** The items of a body up to the '}' that closes `block` (left current) or the end of the file. */
  private bodyItems(body: Body, block: OpenContext | undefined): void {
    for (;;) {
      while (this.at('newline')) this.next();
      if (this.at('eof') || (this.at('}') && block)) return;
      this.statement(body, block);
      if (this.spill) {
        body.attributes.push(...this.spill.attributes);
        body.blocks.push(...this.spill.blocks);
        this.spill = undefined;
      }
    }
  }

  private statement(body: Body, block: OpenContext | undefined): void {
    this.statementBroken = false;
    this.statementReported = false;
    const depth = this.depth;
    const open = this.contexts.length;
    try {
      this.item(body, block);
      this.finishStatement();
    } catch (e) {
      if (!(e instanceof BrokenStatement)) throw e;
      this.depth = depth;
      this.skipStatement(this.contexts.splice(open));
      this.recovering = true;
    }
  }

  /**
   * After a statement (or a block header): a broken one makes the next lines possible debris, and
   * debris goes on while lines keep having errors, even repaired ones (they are not reported).
   */
  private finishStatement(): void {
    this.recovering = this.statementBroken || (this.recovering && this.statementReported);
  }

  private item(body: Body, block: OpenContext | undefined): void {
    const lexer = this.lexer;
    const start = lexer.start;
    const end = lexer.end;
    const kind = lexer.kind;
    if (kind === 'ident') {
      const name = this.intern(lexer.tokenText());
      this.next();
      if (this.at('=')) return this.attribute(body, block, name, start, end);
      if (this.at(':')) {
        this.errors.report('grammar', lexer.start, lexer.end, "use '=' to set an attribute", `Write \`${name} = …\`: ':' only separates keys and values inside a map.`);
        return this.attribute(body, block, name, start, end);
      }
      return this.blockOrBrokenAttribute(body, block, name, start, end);
    }
    if (kind === 'string' && QUOTED_NAME.test(lexer.tokenText()) && this.followedBy('=')) {
      this.grammarError(start, end, 'attribute names are not quoted', `Write \`${this.text.slice(start + 1, end - 1)} = …\` without the quotes.`, { repaired: true, atStatementStart: true });
      this.next();
      return this.attribute(body, block, this.intern(this.text.slice(start + 1, end - 1)), start + 1, end - 1);
    }
    if (kind === '}' || kind === ']' || kind === ')') {
      this.grammarError(start, end, `unexpected '${kind}'`, `This '${kind}' closes nothing: remove it, or look for a missing opening bracket before it.`, { atStatementStart: true });
      this.next();
      return;
    }
    if (kind === 'invalid') this.failQuietly();
    this.fail(start, end, `expected an attribute or a block, found ${this.describeToken()}`, 'A body holds attributes (`name = value`) and blocks (`type "label" { … }`), one per line.', true);
  }

  /** `name =` read (the current token is the '=' or ':'): the value, up to the end of the statement. */
  private attribute(body: Body, block: OpenContext | undefined, name: string, start: number, nameEnd: number): void {
    const equals = this.lexer.end;
    this.next();
    const kind = this.kind;
    if (kind === 'newline' || kind === 'eof' || (kind === '}' && block)) {
      this.fail(equals, equals, "expected an expression after '='", 'The value of an attribute starts on the same line as its name: write `name = value`.');
    }
    if (!startsExpression(kind) && kind !== 'invalid') {
      this.fail(this.lexer.start, this.lexer.end, `expected an expression after '=', found ${this.describeToken()}`, 'The value of an attribute is an expression: a literal, a reference, a function call, a list or a map.');
    }
    this.value(body, block, name, start, nameEnd);
  }

  /** The value of attribute `name` at the current token, and the check that the statement ends after it. */
  private value(body: Body, block: OpenContext | undefined, name: string, start: number, nameEnd: number): void {
    const expr = this.expression();
    this.endOfAttribute(block);
    if (this.statementBroken) return;
    body.attributes.push({ name, nameRange: this.range(start, nameEnd), expr, range: this.range(start, this.previousEnd) });
  }

  /** After a value: the end of the line, the '}' of a one-line block, or its next attribute (`tag { key = "a" value = "b" }`). */
  private endOfAttribute(block: OpenContext | undefined): void {
    const lexer = this.lexer;
    const kind = lexer.kind;
    if (kind === 'newline' || kind === 'eof' || (kind === '}' && block) || this.lineBreakBefore()) return;
    if (kind === 'ident' && this.followedBy('=')) return;
    if (kind === 'invalid') this.failQuietly();
    if (kind === '=') this.fail(lexer.start, lexer.end, "unexpected '='", "'=' sets an attribute or a map key; compare with '=='.");
    if (kind === '}' || kind === ']' || kind === ')') {
      this.fail(lexer.start, lexer.end, `unexpected '${kind}'`, `This '${kind}' closes nothing: remove it, or look for a missing opening bracket before it.`);
    }
    const detail = startsValue(kind) ? 'Two values follow each other here: an operator, a comma or a line break is missing between them.' : 'The value ends before it: check for a missing operator or bracket.';
    this.failUnexpected(detail);
  }

  /** A name not followed by '=': a block header, or an attribute that lost its '='. */
  private blockOrBrokenAttribute(body: Body, block: OpenContext | undefined, name: string, start: number, nameEnd: number): void {
    const afterName = this.mark();
    const labels: LabelToken[] = [];
    for (;;) {
      const lexer = this.lexer;
      while (lexer.kind === 'ident' || lexer.kind === 'string' || lexer.kind === 'number') {
        labels.push({ kind: lexer.kind, start: lexer.start, end: lexer.end, contentStart: lexer.contentStart, contentEnd: lexer.contentEnd, flags: lexer.flags });
        this.next();
      }
      const kind = lexer.kind;
      const header = this.text.slice(start, labels[labels.length - 1]?.end ?? nameEnd);
      const lineEnds = kind === 'newline' || kind === 'eof';
      if (kind === '{') return this.block(body, name, start, nameEnd, labels, header);
      if (labels.length > 0 && lineEnds && this.braceOnNextLine(start, labels[labels.length - 1]!.end, header)) {
        return this.block(body, name, start, nameEnd, labels, header);
      }
      if (!lineEnds && this.lineEndsWithBrace()) {
        this.grammarError(lexer.start, lexer.end, `invalid block header: unexpected ${this.describeToken()}`, 'A block header is a type and quoted labels: type "label" {', { repaired: true, atStatementStart: true });
        // Keep the block, named by its type: its body is probably fine.
        while (!this.at('{')) this.next();
        return this.block(body, name, start, nameEnd, [], header);
      }
      if (labels.length > 0 && kind === '=') {
        this.fail(labels[0]!.start, labels[labels.length - 1]!.end, 'an attribute name cannot have labels', `Write \`${name} = …\` for an attribute, or \`${header} { … }\` for a block.`, true);
      }
      if (labels.length === 1 || (labels.length === 0 && startsExpression(kind))) {
        const valueStart = labels[0]?.start ?? lexer.start;
        const valueText = this.text.slice(valueStart, labels[0]?.end ?? lexer.end).split('\n')[0];
        this.grammarError(nameEnd, nameEnd, "missing '=' between attribute name and value", `Write \`${name} = ${valueText}\`.`, { repaired: true, atStatementStart: true });
        this.reset(afterName);
        return this.value(body, block, name, start, nameEnd);
      }
      if (kind === ')' || kind === ']' || (kind === '}' && (!block || !this.followedByLineEnd()))) {
        // A stray closer inside the header: report it, drop it, and read on.
        this.grammarError(lexer.start, lexer.end, `unexpected '${kind}'`, `This '${kind}' closes nothing: remove it, or look for a missing opening bracket before it.`, { repaired: true, atStatementStart: true });
        this.next();
        continue;
      }
      if (labels.length === 0 && (lineEnds || kind === '}')) {
        this.fail(start, nameEnd, `expected '=' or a block after '${name}'`, `An attribute is written \`${name} = value\`; a block \`${name} { … }\`.`, true);
      }
      if (kind === 'invalid') this.failQuietly();
      return this.fail(lexer.start, lexer.end, `expected '=' or '{' after '${header}', found ${this.describeToken()}`, 'An attribute is written `name = value`; a block `type "label" { … }`.', true);
    }
  }

  /**
   * After a header with labels and a line break: a '{' on the next line is accepted; a next line
   * indented deeper means the '{' was forgotten (reported; the block is read without it). Leaves
   * the current token at the '{', or after the header when it returns false.
   */
  private braceOnNextLine(start: number, headerEnd: number, header: string): boolean {
    const afterHeader = this.mark();
    while (this.at('newline')) this.next();
    if (this.at('{')) return true;
    if (!this.at('eof') && this.source.indentOf(this.lexer.start) > this.source.indentOf(start)) {
      this.grammarError(headerEnd, headerEnd, `missing '{' after the block header ${header}`, `A block is written \`${header} { … }\` with '{' on the header line.`, { repaired: true, atStatementStart: true });
      this.reset(afterHeader);
      this.missingBrace = headerEnd;
      return true;
    }
    this.reset(afterHeader);
    return false;
  }

  /** Whether the line from the current token on ends with '{' and has no '=': a block header, however garbled. */
  private lineEndsWithBrace(): boolean {
    const state = this.mark();
    let last = this.kind;
    while (!this.at('newline') && !this.at('eof') && !this.at('=')) {
      last = this.kind;
      this.lexer.next();
    }
    const found = !this.at('=') && last === '{';
    this.reset(state);
    return found;
  }

  private followedByLineEnd(): boolean {
    const state = this.mark();
    this.lexer.next();
    const found = this.at('newline') || this.at('eof');
    this.reset(state);
    return found;
  }

  /** A block whose header is read; the current token is its '{' (or the first token of its body, when the '{' is missing). */
  private block(body: Body, type: string, start: number, typeEnd: number, labelTokens: LabelToken[], header: string): void {
    const labels = labelTokens.map((label) => this.label(label));
    const braceMissing = this.missingBrace !== -1;
    const open = braceMissing ? this.missingBrace : this.lexer.start;
    this.missingBrace = -1;
    const context = this.openBlock(start, header);
    this.enter();
    if (!braceMissing) this.next();
    // The header is a statement of its own: the body's items are the next ones.
    this.finishStatement();
    const inner: Body = { attributes: [], blocks: [], range: this.range(open, open) };
    this.bodyItems(inner, context);
    let end: number;
    let spillFrom: number | undefined;
    if (this.at('}')) {
      end = this.lexer.end;
      this.closeContext(context);
    } else {
      spillFrom = this.unclosedAtEnd(context);
      end = this.previousEnd;
    }
    this.leave();
    // A block that closes ends any debris: the statement after it is read afresh.
    this.statementBroken = false;
    this.statementReported = false;
    if (spillFrom !== undefined) this.spill = this.itemsAfter(inner, spillFrom);
    inner.attributes = exact(inner.attributes);
    inner.blocks = exact(inner.blocks);
    inner.range = this.range(open, end);
    body.blocks.push({ type, typeRange: this.range(start, typeEnd), labels: exact(labels), body: inner, range: this.range(start, end) });
  }

  private label(token: LabelToken): BlockLabel {
    const range = this.range(token.start, token.end);
    if (token.kind === 'number') {
      const text = this.text.slice(token.start, token.end);
      this.errors.report('standalone', token.start, token.end, 'block labels must be quoted strings', `Write "${text}" with quotes.`);
      return { value: text, range };
    }
    if (token.kind === 'ident') return { value: this.intern(this.text.slice(token.start, token.end)), range };
    if (token.flags & TEMPLATED && !(token.flags & DAMAGED)) {
      this.errors.report('standalone', token.start, token.end, 'block labels cannot contain interpolations', 'A label is a fixed name: remove the "${…}" from it.');
    }
    return { value: this.quotedText(token.contentStart, token.contentEnd), range };
  }

  /** Removes from `body` the items that start after `offset`, and returns them. */
  private itemsAfter(body: Body, offset: number): Spill {
    const after = (item: Attribute | Block): boolean => this.offsetOf(item) > offset;
    const spill = { attributes: body.attributes.filter(after), blocks: body.blocks.filter(after) };
    body.attributes = body.attributes.filter((item) => !after(item));
    body.blocks = body.blocks.filter((item) => !after(item));
    return spill;
  }

  private offsetOf(item: Attribute | Block): number {
    return item.range.start.offset;
  }
}

