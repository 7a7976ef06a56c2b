// `*.bkp.json` files → the same AST as HCL, like Terraform's `.tf.json`:
//   {"backup_vault": {"main": {"name": "prod-${var.env}", "lock": {...}}}, "locals": {...}}
// Top-level keys are block types; labelled blocks nest one object per label; inside a body, a
// property is a nested block when the block's schema says so, otherwise an attribute whose JSON
// value maps to expressions (strings are templates). `"//"` keys are comments at any level.
//
// The JSON reader is our own so that every value keeps its position. Strings with `${` are read as
// templates by the HCL parser, their positions mapped into the JSON file.
import type { Diagnostic, SourceRange } from '../../core/diagnostics.js';
import { sortDiagnostics } from '../../core/diagnostics.js';
import { NUMBER_RANGE } from '../../core/values.js';
import type { Attribute, Block, Body, Expr } from '../ast.js';
import { blockSchema, bodySpec, schemaNameFor, TOP_LEVEL_BLOCKS, RESOURCE_KINDS, type BodySpec, type JsonSchema, type NestedBlockSpec } from '../block-schema.js';
import { hasTemplateSyntax, parseTemplate, type ParseResult } from './hcl-parser.js';
import { SourceText } from './source.js';

export type { ParseResult } from './hcl-parser.js';

export interface JsonConfigOptions {
  /** Where block schemas come from; the files in schemas/config/ unless given (tests pass their own). */
  schemaFor?: (name: string) => JsonSchema | undefined;
}

// ---------------------------------------------------------------------------------------------
// Reading JSON with positions

type JsonValue = JsonObject | JsonArray | JsonString | JsonScalar;
interface Span {
  start: number;
  end: number;
}
interface JsonObject extends Span {
  type: 'object';
  members: JsonMember[];
}
interface JsonArray extends Span {
  type: 'array';
  items: JsonValue[];
}
interface JsonString extends Span {
  type: 'string';
  value: string;
  /** File offset of each decoded character (and one past the end): escapes make them differ. */
  offsets: number[];
}
interface JsonScalar extends Span {
  type: 'scalar';
  value: number | boolean | null;
}
interface JsonMember extends Span {
  key: JsonString;
  value: JsonValue;
}

const MAX_JSON_NESTING = 200;

/** A syntax error the reader cannot continue after. */
class JsonAbort extends Error {}

class JsonReader {
  private i = 0;
  private depth = 0;

  constructor(
    private readonly text: string,
    private readonly fail: (start: number, end: number, summary: string, detail: string) => void,
  ) {}

  document(): JsonValue | undefined {
    try {
      this.skipBlanks();
      if (this.i >= this.text.length) {
        this.error(this.i, 'empty JSON configuration file', 'A .bkp.json file holds one JSON object whose keys are block types, e.g. {"backup_vault": {…}}.');
      }
      const value = this.value();
      this.skipBlanks();
      if (this.i < this.text.length) this.error(this.i, 'unexpected text after the JSON document', 'The file must hold exactly one JSON object.');
      return value;
    } catch (e) {
      if (e instanceof JsonAbort) return undefined;
      throw e;
    }
  }

  private error(at: number, summary: string, detail: string, length = 1): never {
    this.fail(at, Math.min(this.text.length, at + length), summary, detail);
    throw new JsonAbort();
  }

  private skipBlanks(): void {
    while (this.i < this.text.length && ' \t\r\n\uFEFF'.includes(this.text[this.i]!)) this.i++;
  }

  private value(): JsonValue {
    this.skipBlanks();
    const c = this.text[this.i];
    if (c === '{' || c === '[') {
      if (++this.depth > MAX_JSON_NESTING) this.error(this.i, 'JSON nested too deeply', `bkp reads at most ${MAX_JSON_NESTING} levels of nesting.`);
      const result = c === '{' ? this.object() : this.array();
      this.depth--;
      return result;
    }
    if (c === '"') return this.string();
    const start = this.i;
    const literal = /^(?:true|false|null|-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)/.exec(this.text.slice(start, start + 400));
    if (literal) {
      this.i += literal[0].length;
      const raw = literal[0];
      const value = raw === 'true' ? true : raw === 'false' ? false : raw === 'null' ? null : Number(raw);
      if (value === Infinity || value === -Infinity) this.error(start, `number ${raw} is out of range`, `bkp holds numbers from ${NUMBER_RANGE}: write one within them.`, raw.length);
      return { type: 'scalar', value, start, end: this.i };
    }
    if (c === undefined) this.error(start, 'unexpected end of the file: expected a value', 'The JSON document is incomplete.', 0);
    if (c === '/' && (this.text[start + 1] === '/' || this.text[start + 1] === '*')) {
      this.error(start, 'comments are not allowed in JSON', 'Use a "//" property for comments: {"//": "why this is so"}.', 2);
    }
    this.error(start, `expected a value, found ${describeJsonChar(c)}`, 'A JSON value is a string in double quotes, a number, true, false, null, an object or an array.');
  }

  private object(): JsonObject {
    const start = this.i++;
    const members: JsonMember[] = [];
    this.skipBlanks();
    if (this.text[this.i] === '}') return { type: 'object', members, start, end: ++this.i };
    for (;;) {
      this.skipBlanks();
      if (this.text[this.i] !== '"') {
        this.error(this.i, 'expected a property name in double quotes', 'JSON property names are strings: {"name": value}.', this.text[this.i] === undefined ? 0 : 1);
      }
      const key = this.string();
      this.skipBlanks();
      if (this.text[this.i] !== ':') this.error(this.i, "expected ':' after the property name", `Write "${key.value}": value.`);
      this.i++;
      const value = this.value();
      members.push({ key, value, start: key.start, end: value.end });
      this.skipBlanks();
      const next = this.text[this.i];
      if (next === '}') return { type: 'object', members, start, end: ++this.i };
      if (next === ',') {
        const comma = this.i++;
        this.skipBlanks();
        if (this.text[this.i] === '}') {
          this.fail(comma, comma + 1, 'trailing comma', 'JSON does not allow a comma after the last property: remove it.');
          return { type: 'object', members, start, end: ++this.i };
        }
        continue;
      }
      if (next === '"') {
        this.fail(this.i, this.i + 1, "expected ',' or '}' after property", 'Separate properties with commas.');
        continue; // read on as if the comma were there
      }
      this.error(this.i, "expected ',' or '}' after property", next === undefined ? 'The object is not closed.' : 'Separate properties with commas and close the object with }.', next === undefined ? 0 : 1);
    }
  }

  private array(): JsonArray {
    const start = this.i++;
    const items: JsonValue[] = [];
    this.skipBlanks();
    if (this.text[this.i] === ']') return { type: 'array', items, start, end: ++this.i };
    for (;;) {
      items.push(this.value());
      this.skipBlanks();
      const next = this.text[this.i];
      if (next === ']') return { type: 'array', items, start, end: ++this.i };
      if (next === ',') {
        const comma = this.i++;
        this.skipBlanks();
        if (this.text[this.i] === ']') {
          this.fail(comma, comma + 1, 'trailing comma', 'JSON does not allow a comma after the last item: remove it.');
          return { type: 'array', items, start, end: ++this.i };
        }
        continue;
      }
      this.error(this.i, "expected ',' or ']' after item", next === undefined ? 'The array is not closed.' : 'Separate items with commas and close the array with ].', next === undefined ? 0 : 1);
    }
  }

  private string(): JsonString {
    const text = this.text;
    const start = this.i++;
    let value = '';
    const offsets: number[] = [];
    for (;;) {
      const c = text[this.i];
      if (c === undefined || c === '\n') this.error(start, 'unclosed string', 'A JSON string ends with " on the same line.', 1);
      if (c === '"') break;
      offsets.push(this.i);
      if (c === '\\') {
        const [decoded, length] = this.escape();
        value += decoded;
        for (let k = 1; k < decoded.length; k++) offsets.push(this.i);
        this.i += length;
        continue;
      }
      if (c < ' ') this.fail(this.i, this.i + 1, 'control character in string', 'Write tabs and other control characters as escapes (\\t, \\u0001).');
      value += c;
      this.i++;
    }
    offsets.push(this.i);
    return { type: 'string', value, offsets, start, end: ++this.i };
  }

  /** The escape at the current backslash: its text and length in the source. */
  private escape(): [string, number] {
    const next = this.text[this.i + 1];
    const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
    if (next !== undefined && simple[next] !== undefined) return [simple[next], 2];
    const hex = this.text.slice(this.i + 2, this.i + 6);
    if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(hex)) return [String.fromCharCode(parseInt(hex, 16)), 6];
    this.fail(this.i, this.i + 2, `invalid escape sequence '\\${next ?? ''}'`, 'JSON escapes are \\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t and \\uXXXX.');
    return ['\\', 1];
  }
}

function describeJsonChar(c: string): string {
  return c === "'" ? "' (JSON strings use double quotes)" : `'${c}'`;
}

// ---------------------------------------------------------------------------------------------
// JSON values → configuration AST

export function parseJsonConfig(text: string, file: string, options: JsonConfigOptions = {}): ParseResult {
  return new JsonConfigConverter(text, file, options.schemaFor ?? blockSchema).convert();
}

const RESOURCE_KIND_NAMES: readonly string[] = RESOURCE_KINDS;

class JsonConfigConverter {
  private readonly source: SourceText;
  private readonly diagnostics: Diagnostic[] = [];

  constructor(
    private readonly text: string,
    private readonly file: string,
    private readonly schemaFor: (name: string) => JsonSchema | undefined,
  ) {
    this.source = new SourceText(file, text);
  }

  convert(): ParseResult {
    const reader = new JsonReader(this.text, (start, end, summary, detail) => this.error(start, end, summary, detail));
    const root = reader.document();
    const body: Body = { attributes: [], blocks: [], range: this.range({ start: 0, end: this.text.length }) };
    if (root && root.type !== 'object') {
      this.error(root.start, root.end, 'expected a JSON object at the top of the file', 'A .bkp.json file holds one object whose keys are block types, e.g. {"backup_vault": {"main": {…}}}.');
    } else if (root) {
      for (const member of root.members) {
        if (member.key.value !== '//') body.blocks.push(...this.topLevel(member));
      }
    }
    return { body, diagnostics: sortDiagnostics(this.diagnostics) };
  }

  private topLevel(member: JsonMember): Block[] {
    const type = member.key.value;
    const labelCount = TOP_LEVEL_BLOCKS[type]?.labels ?? 0;
    const specFor = (labels: string[]): BodySpec | undefined => {
      const schema = this.schemaFor(schemaNameFor(type, labels[0]));
      return schema ? bodySpec(schema) : undefined;
    };
    return this.blocks(type, member, labelCount, specFor, RESOURCE_KIND_NAMES.includes(type));
  }

  /**
   * The blocks one property stands for: `labelCount` levels of objects keyed by label, then one
   * body object or an array of body objects.
   */
  private blocks(type: string, member: JsonMember, labelCount: number, specFor: (labels: string[]) => BodySpec | undefined, isResource: boolean): Block[] {
    const out: Block[] = [];
    const visit = (value: JsonValue, labels: JsonString[], owner: JsonMember): void => {
      if (labels.length < labelCount) {
        if (value.type !== 'object') {
          this.error(value.start, value.end, `expected an object keyed by the ${type} block's label`, `Write {"${type}": {"label": {…}}}.`);
          return;
        }
        for (const inner of value.members) if (inner.key.value !== '//') visit(inner.value, [...labels, inner.key], inner);
        return;
      }
      const bodies = value.type === 'array' ? value.items : [value];
      for (const bodyValue of bodies) {
        if (bodyValue.type !== 'object') {
          this.error(bodyValue.start, bodyValue.end, `expected an object for the ${type} block`, `The body of a block is a JSON object: {"${type}": {…}}.`);
          continue;
        }
        const labelValues = labels.map((l) => l.value);
        out.push({
          type,
          typeRange: this.range(member.key),
          labels: labels.map((l) => ({ value: l.value, range: this.range(l) })),
          body: this.body(bodyValue, specFor(labelValues), isResource),
          range: this.range(owner),
        });
      }
    };
    visit(member.value, [], member);
    return out;
  }

  private body(object: JsonObject, spec: BodySpec | undefined, isResource: boolean): Body {
    const body: Body = { attributes: [], blocks: [], range: this.range(object) };
    for (const member of object.members) {
      const name = member.key.value;
      if (name === '//') continue;
      const nested: NestedBlockSpec | undefined = spec?.blocks[name];
      if (nested) {
        body.blocks.push(...this.blocks(name, member, nested.labels.length, () => nested.body, false));
      } else if (isResource && name === 'lifecycle') {
        // The resource meta block: a single block on every resource, whatever the kind's schema says.
        body.blocks.push(...this.blocks(name, member, 0, () => undefined, false));
      } else {
        body.attributes.push(this.attribute(member));
      }
    }
    return body;
  }

  private attribute(member: JsonMember): Attribute {
    return { name: member.key.value, nameRange: this.range(member.key), expr: this.expr(member.value), range: this.range(member) };
  }

  private expr(value: JsonValue): Expr {
    switch (value.type) {
      case 'scalar':
        return { kind: 'literal', value: value.value, range: this.range(value) };
      case 'string':
        return this.stringExpr(value);
      case 'array':
        return { kind: 'tuple', items: value.items.map((item) => this.expr(item)), range: this.range(value) };
      case 'object':
        return {
          kind: 'object',
          items: value.members
            .filter((m) => m.key.value !== '//')
            .map((m) => ({ key: { kind: 'literal', value: m.key.value, range: this.range(m.key) }, value: this.expr(m.value), range: this.range(m) })),
          range: this.range(value),
        };
    }
  }

  /** A JSON string is a template: "${…}" interpolates, "$${" is a literal "${". */
  private stringExpr(value: JsonString): Expr {
    const range = this.range(value);
    if (!hasTemplateSyntax(value.value)) return { kind: 'literal', value: value.value, range };
    const result = parseTemplate(value.value, this.file, (index) => this.source.position(value.offsets[index] ?? value.end - 1), range);
    this.diagnostics.push(...result.diagnostics);
    return result.expr;
  }

  private error(start: number, end: number, summary: string, detail: string): void {
    this.diagnostics.push({ severity: 'error', summary, detail, range: this.range({ start, end }) });
  }

  private range(span: Span): SourceRange {
    return this.source.range(span.start, span.end);
  }
}
