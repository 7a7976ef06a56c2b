// Evaluates a block body against its structure (from the kind's JSON Schema through bodySpec):
// unknown or misplaced arguments and blocks are reported, arguments are evaluated, nested blocks
// become objects or lists of objects, and every value gets its source range by JSON Pointer.
import { indefinite } from '../core/suggest.js';
import type { SourceRange } from '../core/diagnostics.js';
import type { Attribute, Block, Body, Expr } from './ast.js';
import type { BodySpec, NestedBlockSpec } from './block-schema.js';
import { dynamicBlockExpressions, expandDynamicBlocks, isDynamicBlock } from './evaluate-dynamic.js';
import { evaluateGuarded, type Scope } from './evaluate-expression.js';
import { childPointer } from '../core/json-pointer.js';
import { formatPosition, setKey } from './evaluate-values.js';
import type { PathRanges } from './model.js';
import { didYouMean } from '../core/suggest.js';
import { UNKNOWN, type ObjectValue, type Value } from '../core/values.js';
import { terraformHint, type TerraformNameScope } from './terraform-names.js';

/** Where the ranges and sensitive paths of an evaluated body are collected. */
export interface BodyOutput {
  ranges: PathRanges;
  sensitivePaths: string[];
}

export interface BodyOptions {
  /** How messages name the block: `a backup_plan block`, `a rule block`. */
  where: string;
  /** Arguments handled by the caller (meta-arguments): neither evaluated nor reported as unknown. */
  skip?: ReadonlySet<string>;
  /** Terraform's names at this place of a resource kind: an unknown one is told bkp's name. */
  terraformNames?: TerraformNameScope;
}

/**
 * The expressions `evaluateBody` will evaluate (arguments the spec knows, in nested blocks it
 * knows), so that references are checked exactly where values are computed.
 */
export function bodyExpressions(body: Body, spec: BodySpec | undefined, skip?: ReadonlySet<string>): Expr[] {
  const out: Expr[] = [];
  const seen = new Set<string>();
  for (const attr of body.attributes) {
    if (seen.has(attr.name) || skip?.has(attr.name)) continue;
    seen.add(attr.name);
    if (!spec || spec.attributes.includes(attr.name)) out.push(attr.expr);
  }
  for (const block of body.blocks) {
    if (isDynamicBlock(block, spec)) {
      out.push(...dynamicBlockExpressions(block, spec, (content, nested) => bodyExpressions(content, nested)));
      continue;
    }
    const nested = spec ? spec.blocks[block.type] : undefined;
    if (spec && !nested) continue;
    out.push(...bodyExpressions(block.body, nested?.body));
  }
  return out;
}

export function evaluateBody(body: Body, spec: BodySpec | undefined, scope: Scope, path: string, output: BodyOutput, options: BodyOptions): ObjectValue {
  const result: ObjectValue = {};
  const error = (summary: string, detail: string, range: SourceRange): void => scope.reporter.error(summary, detail, range, scope.context);
  const firstSeen = new Map<string, Attribute>();

  for (const attr of body.attributes) {
    const previous = firstSeen.get(attr.name);
    if (previous) {
      error('Duplicate argument', `The argument "${attr.name}" was already set at ${formatPosition(previous.nameRange)}. Each argument may be set only once.`, attr.nameRange);
      continue;
    }
    firstSeen.set(attr.name, attr);
    if (options.skip?.has(attr.name)) continue;
    if (spec && !spec.attributes.includes(attr.name)) {
      const detail = spec.blocks[attr.name]
        ? `${attr.name} is a block, write \`${attr.name} ${spec.blocks[attr.name]!.labels.length > 0 ? '"NAME" ' : ''}{ … }\`.`
        : `An argument named "${attr.name}" is not expected in ${options.where}.${unknownNameHint(attr.name, [...spec.attributes, ...(options.skip ?? [])], options)}`;
      error('Unsupported argument', detail, attr.nameRange);
      continue;
    }
    const attrPath = childPointer(path, attr.name);
    const value = evaluateAttribute(attr.expr, scope, attrPath, output);
    // As in Terraform, an argument set to null is the same as an argument not set.
    if (value !== null) setKey(result, attr.name, value);
  }

  // The first block of each type, and of each label within a type, for duplicate messages.
  // Made when the body has blocks: most bodies have none.
  let firstOfType: Map<string, Block> | undefined;
  let firstWithLabels: Map<string, Block> | undefined;
  // A dynamic block stands for the blocks it generates, each evaluated with its iterator bound.
  const expanded = expandDynamicBlocks(body.blocks, spec, scope);
  for (const { block, scope: blockScope } of expanded.blocks) {
    if (!spec) {
      evaluateFreeBlock(block, blockScope, path, output, result);
      continue;
    }
    const nested = spec.blocks[block.type];
    if (!nested) {
      const detail = spec.attributes.includes(block.type)
        ? `${block.type} is an argument, write \`${block.type} = …\`.`
        : `Blocks of type "${block.type}" are not expected in ${options.where}.${unknownNameHint(block.type, Object.keys(spec.blocks), options)}`;
      error('Unsupported block type', detail, block.typeRange);
      continue;
    }
    firstOfType ??= new Map();
    const first = firstOfType.get(block.type);
    if (!first) firstOfType.set(block.type, block);
    else if (!nested.repeatable) {
      error(`Duplicate ${block.type} block`, `Only one ${block.type} block is allowed in ${options.where}; the first is at ${formatPosition(first.typeRange)}.`, block.typeRange);
      continue;
    }
    if (!checkNestedLabels(block, nested, (firstWithLabels ??= new Map()), error)) continue;
    const terraformNames = options.terraformNames?.blocks.get(block.type);
    if (!nested.repeatable) {
      setKey(result, block.type, evaluateNestedBlock(block, nested, blockScope, childPointer(path, block.type), output, terraformNames));
      continue;
    }
    // The index in the list, which skipped blocks do not take: ajv's paths count list items.
    const list = (result[block.type] as Value[] | undefined) ?? [];
    list.push(evaluateNestedBlock(block, nested, blockScope, childPointer(childPointer(path, block.type), list.length), output, terraformNames));
    setKey(result, block.type, list);
  }
  // Blocks a dynamic block could not generate make their type unknown, which validation skips.
  for (const type of expanded.unknownTypes) setKey(result, type, UNKNOWN);
  return result;
}

/** What follows "… is not expected here.": Terraform's name told in bkp's words, else "did you mean". */
function unknownNameHint(name: string, candidates: readonly string[], options: BodyOptions): string {
  const terraform = terraformHint(options.terraformNames, name);
  return terraform ? ` ${terraform}` : didYouMean(name, candidates);
}

/** Evaluates one argument, recording its range, the ranges inside literals, and sensitivity. */
export function evaluateAttribute(expr: Expr, scope: Scope, path: string, output: BodyOutput): Value {
  const attrScope: Scope = { ...scope, taint: { sensitive: false } };
  const value = evaluateGuarded(expr, attrScope);
  output.ranges.set(path, expr.range);
  addLiteralRanges(expr, path, output.ranges);
  if (attrScope.taint.sensitive) {
    output.sensitivePaths.push(path);
    scope.taint.sensitive = true;
  }
  if (attrScope.taint.failed) scope.taint.failed = true;
  return value;
}

function evaluateNestedBlock(block: Block, nested: NestedBlockSpec, scope: Scope, path: string, output: BodyOutput, terraformNames?: TerraformNameScope): ObjectValue {
  output.ranges.set(path, block.range);
  const value: ObjectValue = {};
  nested.labels.forEach((labelName, i) => {
    const label = block.labels[i];
    if (!label) return;
    setKey(value, labelName, label.value);
    output.ranges.set(childPointer(path, labelName), label.range);
  });
  // The spec leaves label properties out of the body's arguments, so nothing here overwrites them.
  const body = evaluateBody(block.body, nested.body, scope, path, output, { where: `${indefinite(block.type)} block`, ...(terraformNames ? { terraformNames } : {}) });
  for (const key of Object.keys(body)) setKey(value, key, body[key]!);
  return value;
}

function checkNestedLabels(
  block: Block,
  nested: NestedBlockSpec,
  firstWithLabels: Map<string, Block>,
  error: (summary: string, detail: string, range: SourceRange) => void,
): boolean {
  const expected = nested.labels.length;
  if (block.labels.length > expected) {
    const extra = block.labels[expected]!;
    error(
      `Extraneous label for ${block.type}`,
      expected === 0 ? `A ${block.type} block takes no labels; remove "${extra.value}".` : `A ${block.type} block takes ${expected} label(s); remove "${extra.value}".`,
      extra.range,
    );
    return false;
  }
  if (block.labels.length < expected) {
    const what = nested.labels[block.labels.length]!;
    error(`Missing ${what} for ${block.type}`, `A ${block.type} block needs its ${what} as a label: ${block.type} "${what.toUpperCase()}" { … }.`, block.typeRange);
    return true;
  }
  if (expected > 0) {
    const key = [block.type, ...block.labels.map((l) => l.value)].join('\u0000');
    const first = firstWithLabels.get(key);
    if (!first) firstWithLabels.set(key, block);
    else {
      const name = block.labels.map((l) => l.value).join(' ');
      error(
        `Duplicate ${block.type} ${nested.labels[0]} "${name}"`,
        `${block.type}s are matched by ${nested.labels[0]}, each must be unique. The first "${name}" is at ${formatPosition(first.typeRange)}; rename one of them.`,
        block.labels[0]!.range,
      );
    }
  }
  return true;
}

/** Blocks without a known structure (policy blocks): each type becomes a list of objects, a single label fills `name`. */
function evaluateFreeBlock(block: Block, scope: Scope, path: string, output: BodyOutput, result: ObjectValue): void {
  const list = (result[block.type] as Value[] | undefined) ?? [];
  const blockPath = childPointer(childPointer(path, block.type), list.length);
  output.ranges.set(blockPath, block.range);
  const value = evaluateBody(block.body, undefined, scope, blockPath, output, { where: `${indefinite(block.type)} block` });
  if (block.labels.length === 1) setKey(value, 'name', block.labels[0]!.value);
  else if (block.labels.length > 1) setKey(value, 'labels', block.labels.map((l) => l.value));
  list.push(value);
  setKey(result, block.type, list);
}

/** The key of an object item when it is written literally: `team = …` or `"aws:ResourceTag/env" = …`. */
export function literalKey(expr: Expr): string | undefined {
  if (expr.kind === 'literal' && expr.value !== null) return String(expr.value);
  if (expr.kind === 'template' && expr.parts.every((p) => typeof p === 'string')) return expr.parts.join('');
  return undefined;
}

/** Ranges of items written literally inside an argument: "/tags/team", "/resources/0". */
function addLiteralRanges(expr: Expr, path: string, ranges: PathRanges): void {
  if (expr.kind === 'object') {
    for (const item of expr.items) {
      const key = literalKey(item.key);
      if (key === undefined) continue;
      const itemPath = childPointer(path, key);
      ranges.set(itemPath, item.value.range);
      addLiteralRanges(item.value, itemPath, ranges);
    }
  } else if (expr.kind === 'tuple') {
    expr.items.forEach((item, i) => {
      const itemPath = childPointer(path, i);
      ranges.set(itemPath, item.range);
      addLiteralRanges(item, itemPath, ranges);
    });
  }
}
