// References in expressions, found without evaluating anything: `var.x`, `local.x`, `each.key`,
// `backup_vault.main.name`, `backup_vault.regional["eu"].arn`. Every reference is checked here, once,
// in every branch of every expression (as Terraform validates), and the valid ones become the
// edges of the dependency graph. The evaluator then resolves them without reporting again.
import type { SourceRange } from '../core/diagnostics.js';
import type { Expr, VariableExpr } from './ast.js';
import { DATA_SOURCE_KINDS, RESOURCE_KINDS } from './block-schema.js';
import type { Reporter } from './evaluate-diagnostics.js';
import { tailRange } from './evaluate-values.js';
import { didYouMean } from '../core/suggest.js';
import { checkModuleTraversal } from './modules/references.js';

export type TraversalStep =
  | { kind: 'attr'; name: string; range: SourceRange; nodeRange: SourceRange }
  | { kind: 'index'; key: Expr; range: SourceRange; nodeRange: SourceRange };

/** `a.b[c].d` as its innermost non-traversal expression (`a`) and the steps applied to it. */
export interface Chain {
  base: Expr;
  steps: TraversalStep[];
}

/** `.name`: only diagnostics need the range of the name, so it is computed when asked. */
class AttrStep {
  readonly kind = 'attr';

  constructor(
    readonly name: string,
    readonly nodeRange: SourceRange,
  ) {}

  get range(): SourceRange {
    return tailRange(this.nodeRange, this.name.length);
  }
}

export function flattenChain(expr: Expr): Chain {
  const steps: TraversalStep[] = [];
  let node = expr;
  while (node.kind === 'getattr' || node.kind === 'index') {
    if (node.kind === 'getattr') {
      steps.push(new AttrStep(node.name, node.range));
    } else {
      steps.push({ kind: 'index', key: node.index, range: node.index.range, nodeRange: node.range });
    }
    node = node.object;
  }
  steps.reverse();
  return { base: node, steps };
}

export interface ResourceInfo {
  kind: string;
  name: string;
  hasForEach: boolean;
  /** Instances numbered by count: references need an index, `kind.name[0]`. */
  hasCount?: boolean;
}

/** Everything a reference can name. */
export interface ReferenceCatalog {
  variables: ReadonlySet<string>;
  locals: ReadonlySet<string>;
  /** By `kind.name`. */
  resources: ReadonlyMap<string, ResourceInfo>;
  /** Names readable on a kind (arguments, nested blocks, computed); undefined when unknown. */
  kindAttributes(kind: string): readonly string[] | undefined;
  /** Module calls by name (config/modules/); none when absent. */
  modules?: ReadonlyMap<string, ModuleCallInfo>;
}

export interface ModuleCallInfo {
  hasForEach: boolean;
  hasCount?: boolean;
  /** The output names the module declares; undefined when its files could not be read (reported). */
  outputs?: readonly string[];
}

/** What a place in the configuration may refer to. */
export interface ReferenceRules {
  variables: boolean;
  locals: boolean;
  resources: boolean;
  /** `each.key` / `each.value`: only in a resource block with for_each. */
  each: boolean;
  /** `count.index`: only in a resource block with count. */
  count?: boolean;
  /** `data.KIND.NAME`: allowed where resources are, unless this says otherwise. */
  dataSources?: boolean;
  /** Explains what may be referenced here, for refused references. */
  explanation: string;
}

export const ANYTHING: ReferenceRules = { variables: true, locals: true, resources: true, each: false, explanation: '' };

/** Nothing may be referenced: defaults and given values are known before anything else. */
export function literalRules(explanation: string): ReferenceRules {
  return { variables: false, locals: false, resources: false, each: false, explanation };
}

/** Names nothing: where no reference is allowed, the checker never looks names up. */
export const NO_CATALOG: ReferenceCatalog = { variables: new Set(), locals: new Set(), resources: new Map(), kindAttributes: () => undefined };

export interface FoundReference {
  target: 'variable' | 'local' | 'resource' | 'module';
  /** `var.env`, `local.tags`, `backup_vault.main`, `module.prod` (never with an instance key). */
  address: string;
  range: SourceRange;
}

const OWN_ROOTS = ['var', 'local', 'each', 'count', 'path', 'data', 'module'];
/** Names bound by enclosing `for` expressions: true for a dynamic block's iterator. */
type Bound = ReadonlyMap<string, boolean>;
const NOTHING_BOUND: Bound = new Map();
const ITERATOR_ATTRIBUTES = ['key', 'value'];

export class ReferenceChecker {
  constructor(
    private readonly catalog: ReferenceCatalog,
    private readonly reporter: Reporter,
  ) {}

  /** Reports every invalid reference in `expr` and returns the valid ones, in source order. */
  check(expr: Expr, rules: ReferenceRules, context: string | undefined): FoundReference[] {
    const found: FoundReference[] = [];
    this.walk(expr, NOTHING_BOUND, rules, context, found);
    return found;
  }

  private walk(expr: Expr, bound: Bound, rules: ReferenceRules, context: string | undefined, found: FoundReference[]): void {
    const walk = (e: Expr): void => this.walk(e, bound, rules, context, found);
    switch (expr.kind) {
      case 'literal':
        return;
      case 'template':
        for (const part of expr.parts) if (typeof part !== 'string') walk(part);
        return;
      case 'tuple':
        expr.items.forEach((item) => walk(item));
        return;
      case 'object':
        for (const item of expr.items) {
          walk(item.key);
          walk(item.value);
        }
        return;
      case 'variable':
      case 'getattr':
      case 'index': {
        const chain = flattenChain(expr);
        if (chain.base.kind === 'variable') {
          const iterator = bound.get(chain.base.name);
          if (iterator === undefined) this.checkTraversal(chain.base, chain.steps, rules, context, found);
          else if (iterator) this.checkIterator(chain.steps, context);
        } else {
          walk(chain.base);
        }
        for (const step of chain.steps) if (step.kind === 'index') walk(step.key);
        return;
      }
      case 'call':
        expr.args.forEach((arg) => walk(arg));
        return;
      case 'unary':
        walk(expr.operand);
        return;
      case 'binary':
        walk(expr.left);
        walk(expr.right);
        return;
      case 'conditional':
        walk(expr.condition);
        walk(expr.then);
        walk(expr.else);
        return;
      case 'for': {
        walk(expr.collection);
        const inner = new Map(bound);
        if (expr.keyVar !== undefined) inner.set(expr.keyVar, false);
        inner.set(expr.valueVar, expr.iterator === true);
        if (expr.key) this.walk(expr.key, inner, rules, context, found);
        this.walk(expr.value, inner, rules, context, found);
        if (expr.condition) this.walk(expr.condition, inner, rules, context, found);
        return;
      }
    }
  }

  /**
   * `rule.key` / `rule.value` on a dynamic block's iterator. The message is the evaluator's for an
   * object without the attribute, so that the two reports of one mistake are kept once.
   */
  private checkIterator(steps: TraversalStep[], context: string | undefined): void {
    const first = steps[0];
    if (first?.kind !== 'attr' || ITERATOR_ATTRIBUTES.includes(first.name)) return;
    this.reporter.error(
      'Unsupported attribute',
      `This object does not have an attribute named "${first.name}".${didYouMean(first.name, ITERATOR_ATTRIBUTES)}`,
      first.range,
      context,
    );
  }

  private checkTraversal(
    root: VariableExpr,
    steps: TraversalStep[],
    rules: ReferenceRules,
    context: string | undefined,
    found: FoundReference[],
  ): void {
    const error = (summary: string, detail: string, range: SourceRange): void => this.reporter.error(summary, detail, range, context);
    const first = steps[0];
    const firstName = first?.kind === 'attr' ? first.name : undefined;
    const headRange = first?.nodeRange ?? root.range;
    const nothingAllowed = !rules.variables && !rules.locals && !rules.resources;
    const refused = (what: string): void =>
      error(nothingAllowed ? 'Variables not allowed' : 'Invalid reference', `${what} cannot be used here. ${rules.explanation}`.trim(), headRange);

    switch (root.name) {
      case 'var':
      case 'local': {
        const isVar = root.name === 'var';
        if (!(isVar ? rules.variables : rules.locals)) return refused(isVar ? 'Input variables' : 'Local values');
        if (firstName === undefined) {
          return error('Invalid reference', `The "${root.name}" object cannot be used on its own: write ${root.name}.NAME.`, headRange);
        }
        const declared = isVar ? this.catalog.variables : this.catalog.locals;
        if (!declared.has(firstName)) {
          const hint = didYouMean(firstName, [...declared]);
          return isVar
            ? error(
                'Reference to undeclared input variable',
                `An input variable named "${firstName}" has not been declared. Declare it with a variable "${firstName}" {} block.${hint}`,
                headRange,
              )
            : error('Reference to undeclared local value', `A local value named "${firstName}" has not been declared in any locals block.${hint}`, headRange);
        }
        found.push({ target: isVar ? 'variable' : 'local', address: `${root.name}.${firstName}`, range: headRange });
        return;
      }
      case 'each':
        if (!rules.each) {
          return error(
            'Reference to "each" in context without for_each',
            'The "each" object can be used only in a resource block that has for_each set (and not in the for_each expression itself).',
            headRange,
          );
        }
        if (firstName !== 'key' && firstName !== 'value') {
          return error('Invalid "each" attribute', 'The "each" object has only two attributes: each.key and each.value.', headRange);
        }
        return;
      case 'count':
        if (!rules.count) {
          return error(
            'Reference to "count" in non-counted context',
            'The "count" object can be used only in a resource block that has count set (and not in the count expression itself).',
            headRange,
          );
        }
        if (firstName !== 'index') return error('Invalid "count" attribute', 'The "count" object has one attribute: count.index, the number of this instance (from 0).', headRange);
        return;
      case 'path':
        if (nothingAllowed) return refused('path.module');
        if (firstName !== 'module' && firstName !== 'root') {
          return error('Invalid "path" attribute', 'The "path" object has the attributes path.module and path.root (the configuration directory).', headRange);
        }
        return;
    }

    if (root.name === 'module') {
      if (!rules.resources) return refused('Module outputs');
      const reference = checkModuleTraversal(this.catalog.modules ?? new Map(), steps, root.range, error);
      if (reference) found.push(reference);
      return;
    }
    if (root.name === 'data') {
      if (!(rules.dataSources ?? rules.resources)) return refused('Data sources');
      const kindStep = steps[0];
      if (kindStep?.kind !== 'attr' || !DATA_SOURCE_KINDS.includes(kindStep.name)) {
        const hint = kindStep?.kind === 'attr' ? didYouMean(kindStep.name, DATA_SOURCE_KINDS) : '';
        return error('Invalid reference', `A reference to a data source is data.KIND.NAME, where KIND is one of ${DATA_SOURCE_KINDS.join(', ')}.${hint}`, headRange);
      }
      this.checkResourceTraversal(`data.${kindStep.name}`, kindStep.nodeRange, steps.slice(1), context, found);
      return;
    }

    if ((RESOURCE_KINDS as readonly string[]).includes(root.name)) {
      if (!rules.resources) return refused('Resources');
      this.checkResourceTraversal(root.name, root.range, steps, context, found);
      return;
    }

    const candidates = [...OWN_ROOTS, ...RESOURCE_KINDS];
    const detail =
      steps.length === 0
        ? `"${root.name}" is not a known name.${didYouMean(root.name, candidates) || ` If you meant the string, quote it: "${root.name}".`}`
        : `"${root.name}" is not a resource kind, nor var, local, each, count, path or module.${didYouMean(root.name, candidates)}`;
    error('Invalid reference', detail, root.range);
  }

  /** `kind` is a resource kind (`backup_vault`) or a data source's (`data.backup_vault`); `steps` start at the name. */
  private checkResourceTraversal(kind: string, kindRange: SourceRange, steps: TraversalStep[], context: string | undefined, found: FoundReference[]): void {
    const error = (summary: string, detail: string, range: SourceRange): void => this.reporter.error(summary, detail, range, context);
    const isData = kind.startsWith('data.');
    const noun = isData ? 'data source' : 'resource';
    const nameStep = steps[0];
    if (nameStep?.kind !== 'attr') {
      return error('Invalid reference', `A reference to a ${noun} kind must be followed by the ${noun} name, like ${kind}.main.`, nameStep?.nodeRange ?? kindRange);
    }
    const address = `${kind}.${nameStep.name}`;
    const info = this.catalog.resources.get(address);
    if (!info) {
      const sameSort = [...this.catalog.resources.keys()].filter((a) => a.startsWith('data.') === isData);
      return error(
        `Reference to undeclared ${noun}`,
        `A ${isData ? `data "${kind.slice('data.'.length)}" block` : `${kind} resource`} named "${nameStep.name}" has not been declared.${didYouMean(address, sameSort)}`,
        nameStep.nodeRange,
      );
    }
    let next = 1;
    const keyStep = steps[next];
    if (info.hasCount) {
      if (keyStep?.kind === 'index') next++;
      else if (keyStep?.kind === 'attr') {
        return error(
          'Missing resource instance key',
          `Because ${address} has count set, its attributes must be read on one instance, for example ${address}[0].${keyStep.name} (or [count.index] in a resource that has count too).`,
          keyStep.nodeRange,
        );
      }
    } else if (info.hasForEach) {
      if (keyStep?.kind === 'index') next++;
      else if (keyStep?.kind === 'attr') {
        return error(
          'Missing resource instance key',
          `Because ${address} has for_each set, its attributes must be read on one instance, for example ${address}[each.key].${keyStep.name} or ${address}["KEY"].${keyStep.name}.`,
          keyStep.nodeRange,
        );
      }
    } else if (keyStep?.kind === 'index') {
      return error(
        'Unexpected resource instance key',
        `Because ${address} has neither for_each nor count set, references to it must not include an instance key. Remove the [ … ].`,
        keyStep.nodeRange,
      );
    }
    const attrStep = steps[next];
    if (attrStep?.kind === 'attr') {
      const names = this.catalog.kindAttributes(kind);
      if (names && !names.includes(attrStep.name)) {
        return error(
          'Unsupported attribute',
          `A ${isData ? `data "${kind.slice('data.'.length)}"` : kind} has no ${isData ? 'argument or attribute' : 'argument, nested block or computed attribute'} named "${attrStep.name}".${didYouMean(attrStep.name, names)}`,
          attrStep.range,
        );
      }
    }
    found.push({ target: 'resource', address, range: nameStep.nodeRange });
  }
}
