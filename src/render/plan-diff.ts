// The attribute-level difference between two versions of a resource, as a tree the views draw:
// every attribute, map element, list element, nested block and JSON document line carries the
// action that applies to it. Computing the tree is separate from drawing it so that "what
// changed" is decided once, and hidden-line counts come for free.
import { isObjectValue, isUnknown, type ObjectValue, type Value } from '../core/values.js';
import { diffArrays, diffLines } from 'diff';
import { valuesEqual } from '../resources/canonical.js';
import type { BodyShape } from './plan-shape.js';
import type { PathSegment, SensitiveMatcher } from '../config/sensitive-paths.js';
import { isAbsent, prettyJsonDocument, quoteString, SENSITIVE_TEXT, UNKNOWN_TEXT } from './value-format.js';

export type DiffAction = 'create' | 'update' | 'delete' | 'no-op';

interface NodeBase {
  action: DiffAction;
  /** The change of this attribute or block is what forces the resource's replacement. */
  forcesReplacement: boolean;
}

export interface PrimitiveNode extends NodeBase {
  type: 'primitive';
  before: Value | undefined;
  after: Value | undefined;
}

export interface SensitiveNode extends NodeBase {
  type: 'sensitive';
}

export interface MapNode extends NodeBase {
  type: 'map';
  elements: Array<{ key: string; node: DiffNode }>;
}

export interface ListNode extends NodeBase {
  type: 'list';
  elements: DiffNode[];
}

export interface JsonLine {
  action: DiffAction;
  text: string;
}

export interface JsonNode extends NodeBase {
  type: 'json';
  lines: JsonLine[];
}

export interface BlockEntry {
  name: string;
  /** The block label as displayed (`"daily"` in `rule "daily"`), when the block kind has one. */
  label?: string;
  node: BlockNode;
}

export interface BlockNode extends NodeBase {
  type: 'block';
  attributes: Array<{ name: string; node: DiffNode }>;
  /** Nested blocks in name order; repeated blocks of one name in display order. */
  blocks: BlockEntry[];
}

export type DiffNode = PrimitiveNode | SensitiveNode | MapNode | ListNode | JsonNode;

export interface ResourceDiffInput {
  before: ObjectValue | null;
  after: ObjectValue | null;
  shape: BodyShape;
  sensitive: SensitiveMatcher;
  /** Top-level attributes whose change forced the replacement. */
  replaceAttributes?: ReadonlySet<string>;
}

export function diffResource(input: ResourceDiffInput): BlockNode {
  const ctx: DiffContext = { sensitive: input.sensitive };
  return diffBlock(input.before ?? undefined, input.after ?? undefined, input.shape, [], ctx, {
    replaceAttributes: input.replaceAttributes,
  });
}

interface DiffContext {
  sensitive: SensitiveMatcher;
}

function actionOf(before: Value | undefined, after: Value | undefined): DiffAction {
  if (before === undefined && after === undefined) return 'no-op';
  if (before === undefined) return 'create';
  if (after === undefined) return 'delete';
  return valuesEqual(before, after) ? 'no-op' : 'update';
}

function present(v: Value | undefined): Value | undefined {
  return isAbsent(v) ? undefined : v;
}

function diffValue(
  rawBefore: Value | undefined,
  rawAfter: Value | undefined,
  path: PathSegment[],
  ctx: DiffContext,
  opts: { json?: boolean; forces?: boolean } = {},
): DiffNode {
  const before = present(rawBefore);
  const after = present(rawAfter);
  const action = actionOf(before, after);
  const forcesReplacement = opts.forces === true && action !== 'no-op';
  if (ctx.sensitive.covers(path)) return { type: 'sensitive', action, forcesReplacement };
  if (isUnknown(before) || isUnknown(after)) return { type: 'primitive', action, forcesReplacement, before, after };
  if (opts.json) {
    const lines = jsonLines(before, after);
    if (lines) return { type: 'json', action, forcesReplacement, lines };
  }
  const sides = [before, after].filter((v) => v !== undefined);
  if (sides.length > 0 && sides.every(isObjectValue)) {
    return { type: 'map', action, forcesReplacement, elements: mapElements(before, after, path, ctx) };
  }
  if (sides.length > 0 && sides.every(Array.isArray)) {
    return { type: 'list', action, forcesReplacement, elements: listElements(before, after, path, ctx) };
  }
  return { type: 'primitive', action, forcesReplacement, before, after };
}

function mapElements(before: Value | undefined, after: Value | undefined, path: PathSegment[], ctx: DiffContext) {
  const b = isObjectValue(before) ? before : {};
  const a = isObjectValue(after) ? after : {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].sort();
  return keys
    .filter((key) => b[key] !== undefined || a[key] !== undefined)
    .map((key) => ({ key, node: diffElement(b[key], a[key], [...path, key], ctx) }));
}

/** A map or list element: unlike an attribute, an empty or null element is still an element. */
function diffElement(before: Value | undefined, after: Value | undefined, path: PathSegment[], ctx: DiffContext): DiffNode {
  if ((before !== undefined && isAbsent(before)) || (after !== undefined && isAbsent(after))) {
    const action = actionOf(before, after);
    if (ctx.sensitive.covers(path)) return { type: 'sensitive', action, forcesReplacement: false };
    return { type: 'primitive', action, forcesReplacement: false, before, after };
  }
  return diffValue(before, after, path, ctx);
}

function listElements(before: Value | undefined, after: Value | undefined, path: PathSegment[], ctx: DiffContext): DiffNode[] {
  const b = Array.isArray(before) ? before : [];
  const a = Array.isArray(after) ? after : [];
  const out: DiffNode[] = [];
  let beforeIndex = 0;
  let afterIndex = 0;
  for (const chunk of diffArrays(b, a, { comparator: (x, y) => valuesEqual(x, y) })) {
    for (const item of chunk.value) {
      if (chunk.removed) out.push(diffElement(item, undefined, [...path, beforeIndex++], ctx));
      else if (chunk.added) out.push(diffElement(undefined, item, [...path, afterIndex++], ctx));
      else {
        out.push(diffElement(item, item, [...path, afterIndex++], ctx));
        beforeIndex++;
      }
    }
  }
  return out;
}

function jsonLines(before: Value | undefined, after: Value | undefined): JsonLine[] | undefined {
  const prettyBefore = before === undefined ? '' : prettyJsonDocument(before);
  const prettyAfter = after === undefined ? '' : prettyJsonDocument(after);
  if (prettyBefore === undefined || prettyAfter === undefined) return undefined;
  if (prettyBefore === '') return linesOf(prettyAfter, 'create');
  if (prettyAfter === '') return linesOf(prettyBefore, 'delete');
  const lines: JsonLine[] = [];
  for (const chunk of diffLines(`${prettyBefore}\n`, `${prettyAfter}\n`)) {
    const action: DiffAction = chunk.added ? 'create' : chunk.removed ? 'delete' : 'no-op';
    lines.push(...linesOf(chunk.value.replace(/\n$/, ''), action));
  }
  return lines;
}

function linesOf(text: string, action: DiffAction): JsonLine[] {
  return text.split('\n').map((line) => ({ action, text: line }));
}

interface BlockOptions {
  replaceAttributes?: ReadonlySet<string>;
  /** The property shown as the block's label, not as an attribute. */
  labelProperty?: string;
  forces?: boolean;
}

function diffBlock(
  before: ObjectValue | undefined,
  after: ObjectValue | undefined,
  shape: BodyShape,
  path: PathSegment[],
  ctx: DiffContext,
  opts: BlockOptions,
): BlockNode {
  const b = before ?? {};
  const a = after ?? {};
  const attributes: BlockNode['attributes'] = [];
  const blocks: BlockEntry[] = [];
  const names = [...new Set([...Object.keys(b), ...Object.keys(a)])].sort();
  for (const name of names) {
    if (name === opts.labelProperty) continue;
    const forces = opts.replaceAttributes?.has(name) === true;
    const blockShape = shape.blocks[name];
    if (blockShape && hasBlockShape(b[name], blockShape.repeatable) && hasBlockShape(a[name], blockShape.repeatable)) {
      const childPath = [...path, name];
      const pairs = blockShape.repeatable
        ? pairBlocks(objectItems(b[name]), objectItems(a[name]), blockShape.key)
        : [{ before: objectOrUndefined(b[name]), after: objectOrUndefined(a[name]) }];
      pairs.forEach((pair, index) => {
        if (!pair.before && !pair.after) return;
        const entryPath = blockShape.repeatable ? [...childPath, index] : childPath;
        const node = diffBlock(pair.before, pair.after, blockShape.body, entryPath, ctx, { labelProperty: blockShape.label, forces });
        blocks.push({ name, label: blockLabel(pair, blockShape.label, entryPath, ctx), node });
      });
      continue;
    }
    if (isAbsent(b[name]) && isAbsent(a[name])) continue;
    attributes.push({ name, node: diffValue(b[name], a[name], [...path, name], ctx, { json: shape.jsonAttributes.has(name), forces }) });
  }
  const action: DiffAction = !before
    ? 'create'
    : !after
      ? 'delete'
      : [...attributes, ...blocks].some((c) => c.node.action !== 'no-op')
        ? 'update'
        : 'no-op';
  return { type: 'block', action, forcesReplacement: opts.forces === true && action !== 'no-op', attributes, blocks };
}

/** Absent, or the form the schema promises (an object, or a list of objects): else drawn as a plain value. */
function hasBlockShape(v: Value | undefined, repeatable: boolean): boolean {
  if (v === undefined || v === null) return true;
  return repeatable ? Array.isArray(v) && v.every(isObjectValue) : isObjectValue(v);
}

function objectItems(v: Value | undefined): ObjectValue[] {
  return Array.isArray(v) ? v.filter(isObjectValue) : [];
}

function objectOrUndefined(v: Value | undefined): ObjectValue | undefined {
  return isObjectValue(v) ? v : undefined;
}

interface BlockPair {
  before?: ObjectValue;
  after?: ObjectValue;
}

/**
 * Keyed blocks (rules) pair by key, so a reordered rule is no change and a renamed rule is one
 * removed and one added. Other repeated blocks pair identical content first, then what is left
 * by position (a copy whose lifecycle changed reads as one updated block, not two).
 */
function pairBlocks(before: ObjectValue[], after: ObjectValue[], key: string | undefined): BlockPair[] {
  if (key) {
    const byKey = (items: ObjectValue[]) => new Map(items.map((item) => [String(item[key]), item]));
    const b = byKey(before);
    const a = byKey(after);
    const keys = [...new Set([...b.keys(), ...a.keys()])].sort();
    return keys.map((k) => ({ before: b.get(k), after: a.get(k) }));
  }
  const unmatchedBefore = [...before];
  const matched = new Map<ObjectValue, ObjectValue>();
  for (const item of after) {
    const index = unmatchedBefore.findIndex((candidate) => valuesEqual(candidate, item));
    if (index >= 0) matched.set(item, unmatchedBefore.splice(index, 1)[0]!);
  }
  const unmatchedAfter = after.filter((item) => !matched.has(item));
  const pairedWith = new Map(unmatchedAfter.map((item, i) => [item, unmatchedBefore[i]]));
  const removed = unmatchedBefore.slice(unmatchedAfter.length).map((item) => ({ before: item }));
  return [...removed, ...after.map((item) => ({ before: matched.get(item) ?? pairedWith.get(item), after: item }))];
}

function blockLabel(pair: BlockPair, property: string | undefined, path: PathSegment[], ctx: DiffContext): string | undefined {
  if (!property) return undefined;
  if (ctx.sensitive.covers([...path, property])) return SENSITIVE_TEXT;
  const value = (pair.after ?? pair.before)?.[property];
  return value === undefined || value === null ? undefined : isUnknown(value) ? UNKNOWN_TEXT : quoteString(String(value));
}
