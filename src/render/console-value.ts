// How `bkp console` prints a value: in HCL syntax, laid out as `terraform console` lays it out
// (one element per line with a trailing comma in lists, `"key" = value` in maps, heredocs for
// multi-line strings), with Terraform's placeholders for unknown and sensitive values.
import { isObjectValue, isUnknown, type Value } from '../core/values.js';
import { quoteString, SENSITIVE_TEXT, UNKNOWN_TEXT } from './value-format.js';

export function renderConsoleValue(value: Value, sensitive: boolean): string {
  return sensitive ? SENSITIVE_TEXT : formatValue(value, '');
}

function formatValue(value: Value | undefined, indent: string): string {
  if (value === undefined || value === null) return 'null';
  if (isUnknown(value)) return UNKNOWN_TEXT;
  if (typeof value === 'string') return formatString(value, indent);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((item) => `${inner}${formatValue(item, inner)},\n`).join('')}${indent}]`;
  }
  if (isObjectValue(value)) {
    const keys = Object.keys(value).sort();
    if (keys.length === 0) return '{}';
    const width = Math.max(...keys.map((k) => quoteString(k).length));
    return `{\n${keys.map((k) => `${inner}${quoteString(k).padEnd(width)} = ${formatValue(value[k], inner)}\n`).join('')}${indent}}`;
  }
  return String(value);
}

/** A string with line breaks prints as a heredoc, as Terraform does; others as a quoted literal. */
function formatString(text: string, indent: string): string {
  if (!text.includes('\n') || text.includes('EOT\n') || /[\u0000-\u0009\u000b-\u001f]/.test(text)) return quoteString(text);
  const body = text.endsWith('\n') ? text : `${text}\n`;
  return `<<EOT\n${body.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{')}${indent}EOT`;
}
