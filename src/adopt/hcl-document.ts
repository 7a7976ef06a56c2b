// The configuration `generate` and `convert` write, as a small tree of blocks, attributes and
// comments, and its text. The text is laid out by bkp's own formatter afterwards (config/format), so
// this file only has to get the syntax right: quoting, escapes, and which names need quotes.
import type { Value } from '../core/values.js';
import { isUnknown } from '../core/values.js';

/** An expression written as it is (a reference, a function call): never quoted. */
export class Expression {
  constructor(readonly text: string) {}
}

/** A value to write: data, with expressions anywhere inside it. */
export type HclValue = string | number | boolean | null | Expression | HclValue[] | { [key: string]: HclValue };

export interface HclAttribute {
  kind: 'attribute';
  name: string;
  value: HclValue;
}

export interface HclComment {
  kind: 'comment';
  /** Lines of text, written as `# line`. */
  lines: string[];
}

export interface HclBlock {
  kind: 'block';
  type: string;
  labels: string[];
  items: HclItem[];
}

export type HclItem = HclAttribute | HclComment | HclBlock;

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** Whether `name` can be written bare as a block label reference or an object key. */
export function isIdentifier(name: string): boolean {
  return IDENTIFIER.test(name);
}

/** A quoted HCL string: escapes, and `${` / `%{` doubled so they stay literal text. */
export function quoted(text: string): string {
  const escaped = text
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t')
    .replace(/\$\{/g, '$${')
    .replace(/%\{/g, '%%{');
  return `"${escaped}"`;
}

/** Plain data as an HclValue (the two types differ only by Expression). */
export function fromValue(value: Value): HclValue {
  if (isUnknown(value)) throw new Error('an unknown value cannot be written into a configuration');
  if (Array.isArray(value)) return value.map(fromValue);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fromValue(v)]));
  return value;
}

function valueText(value: HclValue, indent: string): string {
  if (value instanceof Expression) return value.text;
  if (value === null) return 'null';
  if (typeof value === 'string') return quoted(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const simple = value.every((v) => v === null || typeof v !== 'object' || v instanceof Expression);
    if (simple) return `[${value.map((v) => valueText(v, indent)).join(', ')}]`;
    return `[\n${value.map((v) => `${inner}${valueText(v, inner)},`).join('\n')}\n${indent}]`;
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([k, v]) => `${inner}${isIdentifier(k) ? k : quoted(k)} = ${valueText(v, inner)}`).join('\n')}\n${indent}}`;
}

function itemText(item: HclItem, indent: string): string {
  if (item.kind === 'comment') return item.lines.map((line) => `${indent}#${line === '' ? '' : ` ${line}`}`).join('\n');
  if (item.kind === 'attribute') return `${indent}${item.name} = ${valueText(item.value, indent)}`;
  const header = [item.type, ...item.labels.map(quoted)].join(' ');
  if (item.items.length === 0) return `${indent}${header} {}`;
  return `${indent}${header} {\n${item.items.map((i) => itemText(i, `${indent}  `)).join('\n')}\n${indent}}`;
}

/**
 * The text of a file: top-level blocks separated by a blank line, a comment directly above the block
 * it belongs to. Not yet aligned: run it through config/format.
 */
export function documentText(items: readonly HclItem[]): string {
  const parts: string[] = [];
  items.forEach((item, i) => {
    // A comment sticks to what follows it; everything else is a paragraph of its own.
    if (i > 0 && items[i - 1]!.kind !== 'comment') parts.push('');
    parts.push(itemText(item, ''));
  });
  return `${parts.join('\n')}\n`;
}

/** A function call with one argument, as an expression: `jsonencode({ … })`. */
export function callExpression(name: string, argument: HclValue): Expression {
  return new Expression(`${name}(${valueText(argument, '')})`);
}
