// The structure of every block kind, read from the JSON Schemas in schemas/config/.
//
// Convention (the `x-bkp` annotation, ignored by ajv's validation):
// - on a property that is a nested block: `"x-bkp": { "block": "single" | "list", "labels": ["name"] }`.
//   A single block evaluates to an object, a list block to an array of objects; the block's labels
//   fill the named properties (`rule "daily" {…}` → `{ "name": "daily", … }`).
// - on an attribute: `"x-bkp": { "forcesReplacement": true }` when changing it forces replacement.
// - on the root of a resource kind: `"x-bkp": { "resource": true, "identity": "name", "computed":
//   ["arn", …] }`. `resource` makes the file's name a resource block type (so a new kind needs no
//   line here); `identity` is the attribute a whole-resource reference stands for (default `id`);
//   `computed` lists attributes known only after apply, readable through references but never set
//   in configuration.
//
// The other top-level block types and their label counts are fixed by the language.
import { readdirSync, readFileSync } from 'node:fs';
import { SCHEMAS_DIR } from '../core/package-files.js';

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  'x-bkp'?: BkpAnnotation;
  [keyword: string]: unknown;
}

export interface BkpAnnotation {
  block?: 'single' | 'list';
  labels?: string[];
  forcesReplacement?: boolean;
  resource?: boolean;
  /** The root of a data source's schema (`data_<kind>.schema.json`): `data "<kind>" "NAME"` reads it. */
  dataSource?: boolean;
  identity?: string;
  computed?: string[];
}

export interface NestedBlockSpec {
  name: string;
  repeatable: boolean;
  /** Property names the block labels fill, in order. */
  labels: string[];
  body: BodySpec;
}

/** What a body may contain: used by the HCL/JSON loaders and the decoder. */
export interface BodySpec {
  attributes: string[];
  blocks: Record<string, NestedBlockSpec>;
}

const schemaDir = new URL('config/', SCHEMAS_DIR);
const cache = new Map<string, JsonSchema | null>();

const schemaNames = readdirSync(schemaDir)
  .filter((file) => file.endsWith('.schema.json'))
  .map((file) => file.slice(0, -'.schema.json'.length))
  .sort();

/** The resource block types: every schema of schemas/config/ whose root says `"resource": true`. */
export const RESOURCE_KINDS: readonly string[] = schemaNames.filter((name) => blockSchema(name)?.['x-bkp']?.resource === true);

/** The data source kinds (`data "backup_vault" "x"`): every data_<kind> schema whose root says `"dataSource": true`. */
export const DATA_SOURCE_KINDS: readonly string[] = schemaNames
  .filter((name) => name.startsWith('data_') && blockSchema(name)?.['x-bkp']?.dataSource === true)
  .map((name) => name.slice('data_'.length));

/** Top-level block types with the number of labels each takes. */
export const TOP_LEVEL_BLOCKS: Record<string, { labels: number; labelNames: string[] }> = {
  provider: { labels: 1, labelNames: ['type'] },
  backend: { labels: 1, labelNames: ['type'] },
  variable: { labels: 1, labelNames: ['name'] },
  locals: { labels: 0, labelNames: [] },
  import: { labels: 0, labelNames: [] },
  policy: { labels: 1, labelNames: ['name'] },
  output: { labels: 1, labelNames: ['name'] },
  data: { labels: 2, labelNames: ['type', 'name'] },
  module: { labels: 1, labelNames: ['name'] },
  moved: { labels: 0, labelNames: [] },
  ...Object.fromEntries(RESOURCE_KINDS.map((k) => [k, { labels: 1, labelNames: ['name'] }])),
};

/** Meta-arguments accepted on every resource block, handled by the decoder, not the kind schema. */
export const RESOURCE_META_ATTRIBUTES = ['for_each', 'count', 'provider', 'depends_on'] as const;
/** Keys of a resource's top-level `lifecycle` block that are meta-arguments. */
export const LIFECYCLE_META_KEYS = ['prevent_destroy', 'create_before_destroy', 'ignore_changes'] as const;


/**
 * The schema file for a block: `backup_vault`, `provider_aws`, `provider_sandbox`, `backend_local`,
 * `backend_s3`, `variable`, `import`. Undefined when there is none (an unknown block type).
 */
export function blockSchema(kind: string): JsonSchema | undefined {
  // A data source is addressed `data.<kind>` and described by data_<kind>.schema.json.
  const name = kind.startsWith('data.') ? `data_${kind.slice('data.'.length)}` : kind;
  if (!cache.has(name)) {
    if (!/^[a-z0-9_]+$/.test(name)) return undefined;
    try {
      cache.set(name, JSON.parse(readFileSync(new URL(`${name}.schema.json`, schemaDir), 'utf8')) as JsonSchema);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      cache.set(name, null);
    }
  }
  return cache.get(name) ?? undefined;
}

/** The schema name for a top-level block: `provider "aws"` → `provider_aws`, `data "region" "x"` → `data_region`, `backup_vault "x"` → `backup_vault`. */
export function schemaNameFor(blockType: string, firstLabel: string | undefined): string {
  return blockType === 'provider' || blockType === 'backend' || blockType === 'data' ? `${blockType}_${firstLabel ?? ''}` : blockType;
}

/** Derives the body structure from a schema: attribute names and nested blocks, recursively. */
export function bodySpec(schema: JsonSchema): BodySpec {
  const attributes: string[] = [];
  const blocks: Record<string, NestedBlockSpec> = {};
  for (const [name, prop] of Object.entries(schema.properties ?? {})) {
    const ann = prop['x-bkp'];
    if (ann?.block) {
      const inner = ann.block === 'list' ? (prop.items ?? {}) : prop;
      const labels = ann.labels ?? [];
      blocks[name] = { name, repeatable: ann.block === 'list', labels, body: withoutLabels(bodySpec(inner), labels) };
    } else {
      attributes.push(name);
    }
  }
  return { attributes, blocks };
}

function withoutLabels(spec: BodySpec, labels: string[]): BodySpec {
  return { ...spec, attributes: spec.attributes.filter((a) => !labels.includes(a)) };
}

/** Computed attribute names of a resource kind (readable by reference, unknown until apply). */
/** What a whole-resource reference (`plan = backup_plan.daily`) stands for: the kind's identity attribute. */
export function identityAttribute(kind: string): string {
  return blockSchema(kind)?.['x-bkp']?.identity ?? 'id';
}

export function computedAttributes(kind: string): string[] {
  return blockSchema(kind)?.['x-bkp']?.computed ?? [];
}
