// `moved { from = backup_vault.old  to = module.prod.backup_vault.main }`: the object recorded at
// `from` is now the one declared at `to`, so the plan moves it in the state instead of destroying
// one and creating the other. Addresses are references (never evaluated): a resource, one instance
// of it (`backup_vault.x["eu"]`), or a module call or instance (`module.old`, `module.env["prod"]`),
// also inside modules. Checked as Terraform checks them: both ends the same kind of object, `from`
// no longer declared, no address moved twice, no cycle.
import type { SourceRange } from '../core/diagnostics.js';
import { withoutInstanceKey } from '../core/addresses.js';
import type { Block, Expr } from './ast.js';
import { RESOURCE_KINDS } from './block-schema.js';
import { headerRange } from './decode.js';
import { referenceExpr, staticString } from './evaluate-addresses.js';
import type { Reporter } from './evaluate-diagnostics.js';
import { formatPosition } from './evaluate-values.js';
import type { MovedConfig, ResourceConfig } from './model.js';
import { flattenChain } from './references.js';

const CONTEXT = 'moved';
const EXAMPLE = 'backup_vault.main';

/** An address of a moved block: what kind of object it names, for the same-kind check. */
interface MovedEnd {
  address: string;
  /** A resource kind, or `module`. */
  kind: string;
  range: SourceRange;
}

interface DecodedMove {
  from: MovedEnd;
  to: MovedEnd;
  block: Block;
}

/** The addresses of the moved blocks; the invalid ones are reported and left out. */
export function decodeMoved(blocks: readonly Block[], reporter: Reporter): DecodedMove[] {
  const moves: DecodedMove[] = [];
  for (const block of blocks) {
    const error = (summary: string, detail: string, range: SourceRange = headerRange(block)): void => reporter.error(summary, detail, range, CONTEXT);
    for (const nested of block.body.blocks) error('Unsupported block type', `A moved block contains only from and to; "${nested.type}" blocks are not expected here.`, nested.typeRange);
    for (const attr of block.body.attributes) {
      if (attr.name !== 'from' && attr.name !== 'to') error('Unsupported argument', `A moved block takes only from and to; "${attr.name}" is not expected here.`, attr.nameRange);
    }
    const end = (name: 'from' | 'to'): MovedEnd | undefined => {
      const attr = block.body.attributes.find((a) => a.name === name);
      if (!attr) {
        error('Missing required argument', `The argument "${name}" is required: the address the object ${name === 'from' ? 'had' : 'has now'}, like ${name} = ${EXAMPLE}.`);
        return undefined;
      }
      const reference = referenceExpr(attr.expr, `moved ${name} address`, EXAMPLE, reporter, CONTEXT);
      if (!reference) return undefined;
      const parsed = referencedAddress(reference);
      if (typeof parsed === 'string') {
        error('Invalid address', parsed, attr.expr.range);
        return undefined;
      }
      return { ...parsed, range: attr.expr.range };
    };
    const from = end('from');
    const to = end('to');
    if (!from || !to) continue;
    if (from.kind !== to.kind) {
      const what = (e: MovedEnd) => (e.kind === 'module' ? 'a module call' : `a ${e.kind}`);
      error('Invalid moved block', `from names ${what(from)} and to ${what(to)}: an object keeps its kind when it moves. Both must name resources of the same kind, or both module calls.`, to.range);
      continue;
    }
    if (from.address === to.address) {
      error('Redundant moved block', `from and to are both ${from.address}: there is nothing to move. Remove the block.`, to.range);
      continue;
    }
    moves.push({ from, to, block });
  }
  return checkStatements(moves, reporter);
}

/** Reports an address moved twice (to different places) or moves that lead back where they started. */
function checkStatements(moves: DecodedMove[], reporter: Reporter): DecodedMove[] {
  const byFrom = new Map<string, DecodedMove>();
  const kept: DecodedMove[] = [];
  for (const move of moves) {
    const previous = byFrom.get(move.from.address);
    if (previous) {
      if (previous.to.address !== move.to.address) {
        reporter.error(
          'Ambiguous move statements',
          `A statement at ${formatPosition(previous.block.typeRange)} declared that ${move.from.address} moved to ${previous.to.address}, but this statement instead declares that it moved to ${move.to.address}. Each object can move to one new address only.`,
          move.from.range,
          CONTEXT,
        );
      }
      continue;
    }
    byFrom.set(move.from.address, move);
    kept.push(move);
  }
  const reported = new Set<string>();
  for (const move of kept) {
    const chain = [move.from.address];
    for (let next = byFrom.get(move.to.address); next && chain.length <= kept.length; next = byFrom.get(next.to.address)) {
      chain.push(next.from.address);
      if (next === move) {
        if (!chain.some((a) => reported.has(a))) {
          chain.forEach((a) => reported.add(a));
          reporter.error('Cyclic dependency in move statements', `These moved blocks lead back to where they start: ${chain.join(' → ')}. Remove one of them.`, move.from.range, CONTEXT);
        }
        break;
      }
    }
  }
  return kept.filter((m) => !reported.has(m.from.address));
}

/** Reports a move whose `from` is still declared (Terraform refuses it too), and returns the moves. */
export function checkMovedFrom(moves: readonly DecodedMove[], resources: readonly ResourceConfig[], moduleInstances: ReadonlyMap<string, SourceRange>, reporter: Reporter): MovedConfig[] {
  const out: MovedConfig[] = [];
  for (const move of moves) {
    const from = move.from.address;
    const declaredAt =
      move.from.kind === 'module'
        ? [...moduleInstances].find(([address]) => address === from || address.startsWith(`${from}[`))?.[1]
        : resources.find((r) => r.address === from || withoutInstanceKey(r.address) === from)?.range;
    if (declaredAt) {
      reporter.error(
        'Moved object still exists',
        `This statement declares a move from ${from}, but that ${move.from.kind === 'module' ? 'module call' : 'resource'} is still declared at ${formatPosition(declaredAt)}. Change your configuration so that it is declared as ${move.to.address} instead, or remove this moved block.`,
        move.from.range,
        CONTEXT,
      );
      continue;
    }
    out.push({ from, to: move.to.address, range: move.block.range });
  }
  return out;
}

type Item = { attr: string; range: SourceRange } | { key: string; range: SourceRange };

/** The address a reference names (a resource, its instance, a module call or instance), or what is wrong with it. */
export function referencedAddress(expr: Expr): { address: string; kind: string } | string {
  const { base, steps } = flattenChain(expr);
  if (base.kind !== 'variable') return `Write an address, like ${EXAMPLE} or module.prod.${EXAMPLE}.`;
  const items: Item[] = [{ attr: base.name, range: base.range }];
  for (const step of steps) {
    if (step.kind === 'attr') items.push({ attr: step.name, range: step.range });
    else {
      const key = staticString(step.key) ?? (step.key.kind === 'literal' && typeof step.key.value === 'number' ? String(step.key.value) : undefined);
      if (key === undefined) return 'An instance key in a moved block must be written literally, like backup_vault.regional["eu-west-1"].';
      items.push({ key, range: step.range });
    }
  }
  const parts: string[] = [];
  let i = 0;
  const attrAt = (n: number) => {
    const item = items[n];
    return item && 'attr' in item ? item.attr : undefined;
  };
  const keyAt = (n: number) => {
    const item = items[n];
    return item && 'key' in item ? item.key : undefined;
  };
  while (attrAt(i) === 'module') {
    const name = attrAt(i + 1);
    if (name === undefined) return 'module must be followed by the module call\'s name, like module.prod.';
    let part = `module.${name}`;
    i += 2;
    const key = keyAt(i);
    if (key !== undefined) {
      part += `[${JSON.stringify(key)}]`;
      i++;
    }
    parts.push(part);
  }
  if (i === items.length) return { address: parts.join('.'), kind: 'module' };
  const kind = attrAt(i);
  const name = attrAt(i + 1);
  if (kind === undefined || !RESOURCE_KINDS.includes(kind) || name === undefined) {
    return `Write a resource or module address, like ${EXAMPLE}, backup_vault.regional["eu"], module.prod.${EXAMPLE} or module.prod.`;
  }
  let resource = `${kind}.${name}`;
  const key = keyAt(i + 2);
  if (key !== undefined) resource += `[${JSON.stringify(key)}]`;
  if (i + 2 + (key === undefined ? 0 : 1) !== items.length) return `An address ends with the resource (or its instance key); ${EXAMPLE}.name is an attribute, not an address.`;
  return { address: [...parts, resource].join('.'), kind };
}
