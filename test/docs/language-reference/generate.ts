// Generates the tables of docs/language.md from the sources bkp itself reads: the block schemas
// (schemas/config/*.schema.json), the function table (src/config/functions.ts), the Terraform
// names (src/config/terraform-names.ts) and the AWS field map beside this file. The hand-written
// prose of the page stays as it is; only the text between `<!-- generated:NAME -->` and
// `<!-- /generated:NAME -->` is produced here. test/docs/language-reference.test.ts fails when the
// page and this output differ; to update the page:
//
//   npx tsx test/docs/language-reference/generate.ts --write
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { blockSchema, computedAttributes, RESOURCE_KINDS, type JsonSchema } from '../../../src/config/block-schema.js';
import { FUNCTIONS, type FunctionParam } from '../../../src/config/functions.js';
import { TERRAFORM_RESOURCES, type TerraformBody } from '../../../src/config/terraform-names.js';
import { typeToString } from '../../../src/config/type-constraint.js';
import { AWS_FIELDS, SETTING_TARGETS } from './aws-fields.js';
import { FUNCTION_DOCS } from './function-docs.js';

export const LANGUAGE_MD = fileURLToPath(new URL('../../../docs/language.md', import.meta.url));

/** The blocks that are not resource kinds, in the order the page documents them. */
export const SETTING_BLOCKS = ['provider_aws', 'provider_sandbox', 'backend_local', 'backend_s3', 'variable', 'output', 'import', 'policy'] as const;

/** One documented attribute or nested block of a block type. */
export interface ReferenceRow {
  /** Dotted bkp path: `rule.copy.lifecycle.delete_after_days`. */
  path: string;
  type: string;
  required: boolean;
  forcesReplacement: boolean;
  computed: boolean;
  description: string;
  validation: string;
}

/** Every attribute and nested block of a schema, depth first, computed attributes last. */
export function referenceRows(schemaName: string): ReferenceRow[] {
  const schema = blockSchema(schemaName);
  if (!schema) throw new Error(`no schema ${schemaName}`);
  const rows: ReferenceRow[] = [];
  walk(schema, '', rows);
  for (const name of RESOURCE_KINDS.includes(schemaName) ? computedAttributes(schemaName) : []) {
    if (rows.some((r) => r.path === name)) continue;
    rows.push({ path: name, type: 'computed', required: false, forcesReplacement: false, computed: true, description: 'Known after apply; readable by reference.', validation: '' });
  }
  return rows;
}

function walk(schema: JsonSchema, prefix: string, rows: ReferenceRow[]): void {
  const required = new Set(schema.required ?? []);
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    const annotation = property['x-bkp'];
    const path = `${prefix}${name}`;
    const inner = annotation?.block === 'list' ? (property.items ?? {}) : property;
    const labels = annotation?.labels ?? [];
    rows.push({
      path,
      type: annotation?.block ? `block${annotation.block === 'list' ? ', repeatable' : ''}${labels.length > 0 ? `, labels: ${labels.join(', ')}` : ''}` : typeText(property),
      required: required.has(name),
      forcesReplacement: annotation?.forcesReplacement === true,
      computed: false,
      description: typeof property.description === 'string' ? property.description : '',
      validation: annotation?.block ? blockValidation(property) : validationText(property),
    });
    // A block's labels fill properties of it (`rule "daily"` → rule.name): they are listed too.
    if (annotation?.block) walk(inner, `${path}.`, rows);
  }
}

function typeText(property: JsonSchema): string {
  const type = Array.isArray(property.type) ? property.type.join(' | ') : property.type;
  switch (type) {
    case 'string':
      return 'string';
    case 'integer':
      return 'number (whole)';
    case 'number':
      return 'number';
    case 'boolean':
      return 'bool';
    case 'array':
      return `list(${property.items ? typeText(property.items) : 'any'})`;
    case 'object': {
      const values = typeof property.additionalProperties === 'object' ? typeText(property.additionalProperties) : 'any';
      return `map(${values})`;
    }
    default:
      return type ?? 'any';
  }
}

const code = (text: string | number | boolean): string => `\`${String(text).replace(/\|/g, '\\|')}\``;

function validationText(property: JsonSchema): string {
  const parts: string[] = [];
  const values = (property.enum ?? (property.items as JsonSchema | undefined)?.enum) as unknown[] | undefined;
  if (values) parts.push(`one of ${values.map((v) => code(String(v))).join(', ')}`);
  const range = (min: unknown, max: unknown, unit: string) => {
    if (min !== undefined && min === max) parts.push(`${unit}exactly ${String(min)}`);
    else if (min !== undefined && max !== undefined) parts.push(`${unit}${String(min)}–${String(max)}`);
    else if (min !== undefined) parts.push(`${unit}≥ ${String(min)}`);
    else if (max !== undefined) parts.push(`${unit}≤ ${String(max)}`);
  };
  range(property.minimum, property.maximum, '');
  if (property.exclusiveMinimum !== undefined) parts.push(`> ${String(property.exclusiveMinimum)}`);
  range(property.minLength, property.maxLength, 'length ');
  range(property.minItems, property.maxItems, 'items ');
  if (typeof property.pattern === 'string') parts.push(`matches ${code(property.pattern)}`);
  const itemPattern = (property.items as JsonSchema | undefined)?.pattern;
  if (typeof itemPattern === 'string') parts.push(`each matches ${code(itemPattern)}`);
  if (property.uniqueItems === true) parts.push('no duplicates');
  if (property.default !== undefined) parts.push(`default ${code(JSON.stringify(property.default))}`);
  return parts.join('; ');
}

function blockValidation(property: JsonSchema): string {
  return validationText({ minItems: property.minItems, maxItems: property.maxItems } as JsonSchema);
}

/** Markdown table cells: one line, pipes escaped. */
function cell(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|').trim();
}

function requirement(row: ReferenceRow): string {
  if (row.computed) return 'computed';
  return [row.required ? 'required' : 'optional', row.forcesReplacement ? 'forces replacement' : ''].filter(Boolean).join(', ');
}

/** The attribute table of one block type; `targets` says what each path maps to. */
function blockTable(schemaName: string, header: string, targets: Readonly<Record<string, string>> | undefined): string {
  const lines = [`| attribute | type | use | ${header} | validation | description |`, '| --- | --- | --- | --- | --- | --- |'];
  for (const row of referenceRows(schemaName)) {
    const target = targets?.[row.path] ?? '—';
    lines.push(`| ${code(row.path)} | ${cell(row.type)} | ${requirement(row)} | ${cell(target)} | ${cell(row.validation)} | ${cell(row.description)} |`);
  }
  return lines.join('\n');
}

export function kindsSection(): string {
  return RESOURCE_KINDS.map((kind) => {
    const identity = blockSchema(kind)?.['x-bkp']?.identity ?? 'id';
    return [`### ${kind}`, '', `A whole-resource reference (\`${kind}.NAME\`) stands for its \`${identity}\`.`, '', blockTable(kind, 'AWS API field', AWS_FIELDS[kind])].join('\n');
  }).join('\n\n');
}

export function settingsSection(): string {
  return SETTING_BLOCKS.map((name) => [`### ${name.replace('_', ' ')}`, '', blockTable(name, 'configures', SETTING_TARGETS[name])].join('\n')).join('\n\n');
}

function signature(name: string): string {
  const def = FUNCTIONS.get(name)!;
  const param = (p: FunctionParam) => `${p.name}${p.optional ? '?' : ''} ${typeToString(p.type)}`;
  const params = def.params.map(param);
  if (def.variadic) params.push(`${param(def.variadic)}...`);
  return `${name}(${params.join(', ')})`;
}

export function functionsSection(): string {
  const lines = ['| function | what it returns |', '| --- | --- |'];
  for (const name of FUNCTIONS.keys()) lines.push(`| ${code(signature(name))} | ${cell(FUNCTION_DOCS[name] ?? '')} |`);
  return lines.join('\n');
}

export function terraformSection(): string {
  const lines = ['| Terraform | bkp | note |', '| --- | --- | --- |'];
  for (const resource of TERRAFORM_RESOURCES) {
    const target = resource.kind === null ? '—' : resource.block ? `${resource.kind}.${resource.block}` : resource.kind;
    lines.push(`| ${code(resource.type)} | ${target === '—' ? '—' : code(target)} | ${cell(resource.note ?? (resource.block ? `a block of ${resource.kind}` : ''))} |`);
    terraformRows(resource.body, resource.type, resource.kind === null ? null : target, lines);
  }
  return lines.join('\n');
}

function terraformRows(body: TerraformBody, terraformPath: string, bkpPath: string | null, lines: string[]): void {
  for (const [name, field] of Object.entries(body)) {
    const bkp = field.bkp === null || bkpPath === null ? '—' : code(`${bkpPath}.${field.bkp}`);
    lines.push(`| ${code(`${terraformPath}.${name}`)} | ${bkp} | ${cell(field.note ?? '')} |`);
    const nestedBkpPath = field.inline ? bkpPath : field.bkp === null || bkpPath === null ? null : `${bkpPath}.${field.bkp}`;
    if (field.body) terraformRows(field.body, `${terraformPath}.${name}`, nestedBkpPath, lines);
  }
}

export const SECTIONS: Readonly<Record<string, () => string>> = {
  blocks: settingsSection,
  kinds: kindsSection,
  functions: functionsSection,
  terraform: terraformSection,
};

/** The page with every generated section replaced by what the sources say now. */
export function regenerate(page: string): string {
  let out = page;
  for (const [name, make] of Object.entries(SECTIONS)) {
    const open = `<!-- generated:${name} -->`;
    const close = `<!-- /generated:${name} -->`;
    const start = out.indexOf(open);
    const end = out.indexOf(close);
    if (start === -1 || end < start) throw new Error(`docs/language.md has no ${open} … ${close} section`);
    out = `${out.slice(0, start + open.length)}\n${make()}\n${out.slice(end)}`;
  }
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1] && process.argv.includes('--write')) {
  writeFileSync(LANGUAGE_MD, regenerate(readFileSync(LANGUAGE_MD, 'utf8')));
}
