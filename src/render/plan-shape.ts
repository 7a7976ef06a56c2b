// The structure the plan views need to draw a resource like its configuration: which attributes
// are nested blocks (`rule "daily" { … }`, `lifecycle { … }`) rather than maps, how repeated
// blocks are matched and labelled, and which attributes hold JSON documents.
//
// Block structure comes from the kind's configuration schema (the `x-bkp` annotations), matching
// rules from the kind model. A kind without a schema is drawn with maps and lists only.
import { blockSchema, bodySpec, type BodySpec } from '../config/block-schema.js';
import { kindModel } from '../resources/registry.js';

export interface BlockShape {
  repeatable: boolean;
  /** Property whose value labels the block (`rule "daily"`); excluded from the block's attributes. */
  label?: string;
  /** Property that matches repeated blocks between before and after (rules by name); by content otherwise. */
  key?: string;
  body: BodyShape;
}

export interface BodyShape {
  blocks: Readonly<Record<string, BlockShape>>;
  jsonAttributes: ReadonlySet<string>;
}

const EMPTY_BODY: BodyShape = { blocks: {}, jsonAttributes: new Set() };
const cache = new Map<string, BodyShape>();

export function resourceShape(kind: string): BodyShape {
  let shape = cache.get(kind);
  if (!shape) {
    shape = buildResourceShape(kind);
    cache.set(kind, shape);
  }
  return shape;
}

function buildResourceShape(kind: string): BodyShape {
  const model = kindModel(kind);
  const schema = blockSchema(kind);
  const body = schema ? fromSpec(bodySpec(schema)) : EMPTY_BODY;
  const blocks: Record<string, BlockShape> = { ...body.blocks };
  for (const [name, key] of Object.entries(model?.keyedLists ?? {})) {
    const known = blocks[name];
    blocks[name] = known
      ? { ...known, key, label: known.label ?? key }
      : { repeatable: true, key, label: key, body: EMPTY_BODY };
  }
  return { blocks, jsonAttributes: new Set(model?.jsonAttributes ?? []) };
}

function fromSpec(spec: BodySpec): BodyShape {
  const blocks: Record<string, BlockShape> = {};
  for (const [name, nested] of Object.entries(spec.blocks)) {
    const label = nested.labels[0];
    blocks[name] = { repeatable: nested.repeatable, label, key: label, body: fromSpec(nested.body) };
  }
  return { blocks, jsonAttributes: new Set() };
}
