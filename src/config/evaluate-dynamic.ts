// `dynamic "TYPE" { for_each = …  iterator = NAME  labels = […]  content { … } }`: Terraform's way
// to write one nested block per element of a collection. Each element becomes a block of TYPE
// whose body is `content`, evaluated with NAME (default: TYPE) bound to { key, value }. The
// generated blocks then go through the same checks as written ones (labels, duplicates, schema).
import type { SourceRange } from '../core/diagnostics.js';
import { didYouMean } from '../core/suggest.js';
import type { Block, BlockLabel, Body, Expr, ForExpr } from './ast.js';
import type { BodySpec } from './block-schema.js';
import { evaluateGuarded, type Scope } from './evaluate-expression.js';
import { expansionValue } from './evaluate-for-each.js';
import { describeValue, sortedKeys } from './evaluate-values.js';
import { EvaluationLimitError, LIMIT_SUMMARY, spendSteps } from './evaluation-limits.js';
import { containsUnknown, isObjectValue, isUnknown, type Value } from '../core/values.js';

export const DYNAMIC = 'dynamic';
const DYNAMIC_ARGUMENTS = ['for_each', 'iterator', 'labels'];

/** A nested block to evaluate, with the scope its expressions see. */
export interface ScopedBlock {
  block: Block;
  scope: Scope;
}

type Report = (summary: string, detail: string, range: SourceRange) => void;

/** The parts of a dynamic block. */
interface DynamicParts {
  type: string;
  typeRange: SourceRange;
  forEach: Expr;
  iterator: string;
  labels?: Expr;
  content: Block;
}

/** Whether a block of `body` is a dynamic block (and not a block the spec itself calls `dynamic`). */
export function isDynamicBlock(block: Block, spec: BodySpec | undefined): boolean {
  return block.type === DYNAMIC && !spec?.blocks[DYNAMIC];
}

/** The parts of a dynamic block, or undefined when its shape is wrong (reported when `report` is given). */
function dynamicParts(block: Block, report?: Report): DynamicParts | undefined {
  const fail = (summary: string, detail: string, range: SourceRange): undefined => {
    report?.(summary, detail, range);
    return undefined;
  };
  const [label, extra] = block.labels;
  if (!label) return fail('Missing block type for dynamic', 'A dynamic block names the type of block it generates: dynamic "copy" { for_each = …  content { … } }.', block.typeRange);
  if (extra) return fail('Extraneous label for dynamic', `A dynamic block takes one label, the block type; remove "${extra.value}".`, extra.range);
  const seen = new Set<string>();
  for (const attr of block.body.attributes) {
    if (!DYNAMIC_ARGUMENTS.includes(attr.name)) {
      return fail(
        'Unsupported argument',
        `An argument named "${attr.name}" is not expected in a dynamic block: it takes for_each, iterator and labels, and the arguments of the generated block go in its content block.${didYouMean(attr.name, DYNAMIC_ARGUMENTS)}`,
        attr.nameRange,
      );
    }
    if (seen.has(attr.name)) return fail('Duplicate argument', `The argument "${attr.name}" is set twice in this dynamic block. Each argument may be set only once.`, attr.nameRange);
    seen.add(attr.name);
  }
  const forEach = block.body.attributes.find((a) => a.name === 'for_each');
  if (!forEach) {
    return fail('Missing required argument', `The dynamic "${label.value}" block needs for_each: the collection with one element per ${label.value} block.`, block.typeRange);
  }
  const other = block.body.blocks.find((b) => b.type !== 'content');
  if (other) return fail('Unsupported block type', `A dynamic block holds one content block, not "${other.type}"; put the generated block's nested blocks inside content.`, other.typeRange);
  const contents = block.body.blocks;
  if (contents.length !== 1) {
    return fail(
      contents.length === 0 ? 'Missing content block' : 'Duplicate content block',
      `The dynamic "${label.value}" block needs exactly one content { … } block: the body of each generated block.`,
      contents[1]?.typeRange ?? block.typeRange,
    );
  }
  if (contents[0]!.labels.length > 0) return fail('Extraneous label for content', 'A content block takes no labels; the generated block\'s labels come from the labels argument.', contents[0]!.labels[0]!.range);
  const iteratorAttr = block.body.attributes.find((a) => a.name === 'iterator');
  let iterator = label.value;
  if (iteratorAttr) {
    if (iteratorAttr.expr.kind !== 'variable') {
      return fail('Invalid iterator', 'iterator takes a bare name, like iterator = r, which the content then reads as r.key and r.value.', iteratorAttr.expr.range);
    }
    iterator = iteratorAttr.expr.name;
  }
  const labels = block.body.attributes.find((a) => a.name === 'labels')?.expr;
  return { type: label.value, typeRange: label.range, forEach: forEach.expr, iterator, ...(labels ? { labels } : {}), content: contents[0]! };
}

/** What the dynamic blocks of a body stand for. */
export interface ExpandedBlocks {
  /** The written blocks and the generated ones, in source order. */
  blocks: ScopedBlock[];
  /**
   * Block types a dynamic block could not generate (a reported problem, or a for_each that is
   * unknown under `bkp validate`): how many such blocks there are is unknown, as in Terraform.
   */
  unknownTypes: ReadonlySet<string>;
}

const NO_TYPES: ReadonlySet<string> = new Set();

/**
 * The blocks of a body with every dynamic block replaced by the blocks it generates, each with the
 * scope that binds its iterator. Problems are reported; a wrong dynamic block generates nothing.
 */
export function expandDynamicBlocks(blocks: readonly Block[], spec: BodySpec | undefined, scope: Scope): ExpandedBlocks {
  // Most bodies have no dynamic block: they need neither the set nor the reporter below.
  if (!blocks.some((block) => isDynamicBlock(block, spec))) return { blocks: blocks.map((block) => ({ block, scope })), unknownTypes: NO_TYPES };
  const out: ScopedBlock[] = [];
  const unknownTypes = new Set<string>();
  const report: Report = (summary, detail, range) => scope.reporter.error(summary, detail, range, scope.context);
  for (const block of blocks) {
    if (!isDynamicBlock(block, spec)) {
      out.push({ block, scope });
      continue;
    }
    const type = block.labels[0]?.value;
    const nested = type === undefined ? undefined : spec?.blocks[type];
    if (type !== undefined && spec && !nested) {
      const detail = spec.attributes.includes(type)
        ? `${type} is an argument, not a block: a dynamic block generates blocks only. Compute the argument with a for expression instead, like [for x in … : …] or { for k, v in … : k => v }.`
        : `Blocks of type "${type}" are not expected here, so a dynamic block cannot generate them.${didYouMean(type, Object.keys(spec.blocks))}`;
      report('Unsupported block type', detail, block.labels[0]!.range);
      continue;
    }
    const generated = generateBlocks(block, nested?.labels ?? [], scope, report);
    if (generated) out.push(...generated);
    else if (type !== undefined) unknownTypes.add(type);
  }
  return { blocks: out, unknownTypes };
}

/** The blocks one dynamic block generates, or undefined when that is unknown (reported when it is a problem). */
function generateBlocks(block: Block, labelNames: readonly string[], scope: Scope, report: Report): ScopedBlock[] | undefined {
  const parts = dynamicParts(block, report);
  if (!parts) return undefined;
  if (labelNames.length > 0 && !parts.labels) {
    report(
      `Missing labels for dynamic "${parts.type}"`,
      `A ${parts.type} block takes its ${labelNames.join(', ')} as a label, so the dynamic block must give it: labels = [${parts.iterator}.key].`,
      parts.typeRange,
    );
    return undefined;
  }
  const elements = dynamicElements(parts.forEach, scope);
  if (!elements) return undefined;
  const out: ScopedBlock[] = [];
  for (const element of elements) {
    if (!spendBlock(scope, parts.typeRange)) return undefined;
    const bindings = new Map(scope.bindings ?? []);
    bindings.set(parts.iterator, { key: element.key, value: element.value });
    const inner: Scope = { ...scope, bindings };
    const labels = parts.labels ? generatedLabels(parts.labels, inner) : [];
    if (!labels) return undefined;
    const { content } = parts;
    out.push({ block: { type: parts.type, typeRange: parts.typeRange, labels, body: content.body, range: content.range }, scope: inner });
  }
  return out;
}

/**
 * Steps a generated block costs: evaluating a block and recording its ranges takes about as long
 * as forty `for` iterations, so a run may generate at most 50,000 blocks, far more than AWS
 * allows (250 rules per plan) and still a few seconds of work.
 */
const STEPS_PER_BLOCK = 40;

/** Counts a generated block against the evaluation's work budget: nested dynamic blocks multiply. */
function spendBlock(scope: Scope, range: SourceRange): boolean {
  try {
    spendSteps(scope.reporter, STEPS_PER_BLOCK, range);
    return true;
  } catch (e) {
    if (!(e instanceof EvaluationLimitError)) throw e;
    if (!e.alreadyReported) scope.reporter.error(LIMIT_SUMMARY, e.detail, e.range, scope.context);
    scope.taint.failed = true;
    return false;
  }
}

/** The elements of for_each: a list (or set) gives index keys, a map its keys; undefined when unusable. */
function dynamicElements(expr: Expr, scope: Scope): { key: Value; value: Value }[] | undefined {
  // Unknown under `bkp validate` (a variable without a value): as Terraform, generate nothing.
  const evaluated = expansionValue(expr, scope, {
    summary: 'Invalid dynamic for_each value',
    sensitive: 'The for_each value depends on a sensitive value, and the blocks it generates (how many, and what they hold) would show it. Use a value that is not sensitive.',
    afterApply:
      'The for_each value depends on values known only after apply (such as an ARN or an id), so bkp cannot tell how many blocks to generate. Use values written in the configuration or given as variables.',
  });
  if (!evaluated) return undefined;
  const { value, invalid } = evaluated;
  if (Array.isArray(value)) return value.map((item, i) => ({ key: i, value: item }));
  if (isObjectValue(value)) return sortedKeys(value).map((key) => ({ key, value: value[key]! }));
  return invalid(`for_each needs a list, a set or a map, but this is ${describeValue(value)}.`);
}

function generatedLabels(expr: Expr, scope: Scope): BlockLabel[] | undefined {
  const inner: Scope = { ...scope, taint: { sensitive: false } };
  const value = evaluateGuarded(expr, inner);
  if (isUnknown(value) && inner.taint.failed) return undefined;
  const invalid = (detail: string): undefined => {
    scope.reporter.error('Invalid dynamic labels', detail, expr.range, scope.context);
    return undefined;
  };
  if (inner.taint.sensitive) return invalid('The labels depend on a sensitive value; labels are names, which plans and AWS always show. Use a value that is not sensitive.');
  if (!Array.isArray(value) || containsUnknown(value) || value.some((v) => typeof v !== 'string')) {
    return invalid(`labels must be a list of strings known before apply, like labels = [rule.key], but this is ${describeValue(value)}.`);
  }
  return value.map((v) => ({ value: v as string, range: expr.range }));
}

/**
 * For reference checking: the expressions of a dynamic block, those evaluated per element wrapped
 * so that the iterator name counts as bound (as a `for` expression's variable is). The wrapper's
 * collection is a literal, so the for_each expression itself is checked once, as it is evaluated.
 */
export function dynamicBlockExpressions(block: Block, spec: BodySpec | undefined, contentExpressions: (content: Body, nested: BodySpec | undefined) => Expr[]): Expr[] {
  const parts = dynamicParts(block);
  if (!parts) return [];
  const nested = spec?.blocks[parts.type]?.body;
  if (spec && !nested) return [];
  const perElement = [...(parts.labels ? [parts.labels] : []), ...contentExpressions(parts.content.body, nested)];
  return [parts.forEach, ...perElement.map((value) => boundBy(parts.iterator, value))];
}

function boundBy(name: string, value: Expr): ForExpr {
  return { kind: 'for', result: 'tuple', valueVar: name, collection: { kind: 'literal', value: null, range: value.range }, value, grouping: false, iterator: true, range: value.range };
}

/**
 * Dynamic blocks that generate `type`, which a dynamic block may not generate here (a resource's
 * lifecycle: its meta-arguments must be known before anything is evaluated, as in Terraform).
 */
export function dynamicBlocksOfType(blocks: readonly Block[], type: string): Block[] {
  return blocks.filter((b) => b.type === DYNAMIC && b.labels[0]?.value === type);
}
