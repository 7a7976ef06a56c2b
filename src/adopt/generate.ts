// `bkp generate`'s pure half: the objects read from an account → the files of a configuration that
// adopts them. Labels from AWS names, defaults left out (by each kind's canonical form), shared
// values as references, AWS-managed objects left out with a note, one import block per object.
import { blockSchema, bodySpec, type BodySpec } from '../config/block-schema.js';
import { isObjectValue, type ObjectValue } from '../core/values.js';
import { InternalError } from '../core/errors.js';
import { kindModel } from '../resources/registry.js';
import type { KindModel } from '../resources/kind-model.js';
import { awsManagedReason } from './aws-managed.js';
import { bodyItems } from './blocks.js';
import { configurablePart, withoutDefaults } from './defaults.js';
import { configurationFiles, type ResourceBlock } from './files.js';
import { callExpression, fromValue, type HclItem, type HclValue } from './hcl-document.js';
import type { AdoptedObject, SkippedObject } from './model.js';
import { LabelAllocator } from './naming.js';
import { generatedKinds, type GeneratedKind } from './read-account.js';
import { withReferences, type LabelledObject } from './references.js';

/** The provider block the configuration talks to the account through. */
export interface ProviderBlock {
  type: 'aws' | 'sandbox';
  attributes: Record<string, string>;
}

export interface GeneratedConfiguration {
  files: Map<string, string>;
  counts: Record<string, number>;
  imports: number;
  skipped: SkippedObject[];
}

/** Tag keys under the `aws:` prefix are AWS's own: nobody can set them, so bkp never manages them. */
function withoutAwsTags(model: KindModel, attributes: ObjectValue): ObjectValue {
  const out = { ...attributes };
  for (const attribute of model.tagAttributes) {
    const tags = out[attribute];
    if (attribute === 'tags' && isObjectValue(tags)) out[attribute] = Object.fromEntries(Object.entries(tags).filter(([k]) => !k.startsWith('aws:')));
  }
  return out;
}

/** JSON documents (a vault's access policy) as `jsonencode({ … })`, which reads better than an escaped string. */
function withJsonDocuments(model: KindModel, values: { [key: string]: HclValue }, attributes: ObjectValue): { [key: string]: HclValue } {
  const out = { ...values };
  for (const attribute of model.jsonAttributes) {
    const document = attributes[attribute];
    if (document !== undefined && document !== null && typeof document === 'object') out[attribute] = callExpression('jsonencode', fromValue(document));
  }
  return out;
}

/** What a kind's block needs written to match the object: its schema's body and its model. */
function kindParts(kind: string): { spec: BodySpec; model: KindModel } {
  const schema = blockSchema(kind);
  const model = kindModel(kind);
  if (!schema || !model) throw new InternalError(`no schema or model for the adopted kind ${kind}`);
  return { spec: bodySpec(schema), model };
}

export function generateConfiguration(objects: readonly AdoptedObject[], skippedBefore: readonly SkippedObject[], provider: ProviderBlock): GeneratedConfiguration {
  const skipped: SkippedObject[] = [...skippedBefore];
  const adopted: AdoptedObject[] = [];
  const kinds = generatedKinds();
  const generationOf = (kind: string): GeneratedKind['generation'] => {
    const found = kinds.find((k) => k.kind.name === kind);
    if (!found) throw new InternalError(`${kind} is not a kind bkp generate adopts`);
    return found.generation;
  };
  /** Kind → the ids left out: an object within one of them is left out too. */
  const leftOut = new Map<string, Set<string>>();
  for (const object of objects) {
    const within = generationOf(object.kind).within;
    const parentLeftOut = within !== undefined && leftOut.get(within.kind)?.has(object.id.slice(0, object.id.indexOf('/')));
    const reason = awsManagedReason(object, generationOf(object.kind)) ?? (parentLeftOut ? `its ${within!.kind.replace(/_/g, ' ')} is left out` : undefined);
    if (reason !== undefined) {
      skipped.push({ kind: object.kind, id: object.id, reason });
      leftOut.set(object.kind, (leftOut.get(object.kind) ?? new Set()).add(object.id));
    } else {
      adopted.push(object);
    }
  }

  const order = (kind: string) => kinds.findIndex((k) => k.kind.name === kind);
  adopted.sort((a, b) => order(a.kind) - order(b.kind) || a.awsName.localeCompare(b.awsName) || a.id.localeCompare(b.id));
  const allocators = new Map<string, LabelAllocator>();
  const labelled: LabelledObject[] = adopted.map((object) => {
    const allocator = allocators.get(object.kind) ?? new LabelAllocator();
    allocators.set(object.kind, allocator);
    const { spec, model } = kindParts(object.kind);
    const read = { ...generationOf(object.kind).ownSettings, ...configurablePart(model, spec, object.attributes) };
    const attributes = withoutDefaults(model, spec, withoutAwsTags(model, read));
    const values = withJsonDocuments(model, fromValue(attributes) as { [key: string]: HclValue }, attributes);
    return { kind: object.kind, label: allocator.label(object.awsName), id: object.id, read: object.attributes, values };
  });

  const { objects: referenced, locals } = withReferences(labelled);
  const resources: ResourceBlock[] = referenced.map((o, i) => ({
    kind: o.kind,
    label: o.label,
    items: bodyItems(o.values, kindParts(o.kind).spec),
    comment: generationOf(o.kind).note?.(adopted[i]!.attributes),
  }));
  const counts: Record<string, number> = {};
  for (const r of resources) counts[r.kind] = (counts[r.kind] ?? 0) + 1;

  const main: HclItem[] = [
    { kind: 'comment', lines: ['Written by `bkp generate` from what the account holds. Review it, then run `bkp plan`:', 'it should show only imports.'] },
    { kind: 'block', type: 'provider', labels: [provider.type], items: Object.entries(provider.attributes).map(([name, value]) => ({ kind: 'attribute', name, value })) },
  ];
  if (locals.size > 0) {
    main.push({ kind: 'block', type: 'locals', labels: [], items: [...locals].map(([name, value]) => ({ kind: 'attribute', name, value })) });
  }
  if (skipped.length > 0) {
    main.push({ kind: 'comment', lines: ['Left out:', ...skipped.map((s) => `  ${s.kind} "${s.id}": ${s.reason}`)] });
  }
  const files = configurationFiles({
    main,
    resources,
    imports: referenced.map((o) => ({ address: `${o.kind}.${o.label}`, id: o.id })),
  });
  return { files, counts, imports: referenced.length, skipped };
}
