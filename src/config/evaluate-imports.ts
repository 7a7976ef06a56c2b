// `import { to = backup_vault.main  id = "…" }`: `to` is a resource address (never evaluated),
// `id` the AWS identifier (may use variables and locals).
import type { Block } from './ast.js';
import { blockSchema, bodySpec, type BodySpec } from './block-schema.js';
import { headerRange } from './decode.js';
import { addressFrom, instanceAddress, referenceExpr, staticString } from './evaluate-addresses.js';
import { evaluateBody } from './evaluate-body.js';
import { missingIndex } from './evaluate-count.js';
import type { Scope } from './evaluate-expression.js';
import type { EvaluationState } from './evaluate-references.js';
import { formatPosition } from './evaluate-values.js';
import type { ImportConfig } from './model.js';
import { ANYTHING, type ReferenceChecker, type ReferenceRules } from './references.js';
import type { InstanceKey } from '../core/addresses.js';
import { didYouMean } from '../core/suggest.js';
import { isUnknown } from '../core/values.js';
import type { Expr } from './ast.js';
import { referencedAddress } from './evaluate-moved.js';
import type { ResourceConfig } from './model.js';
import { flattenChain } from './references.js';

/** `to = module.prod.backup_vault.main`: a resource instance inside a module, checked against the evaluated resources; undefined for a root address. */
function moduleTarget(reference: Expr, resources: readonly ResourceConfig[]): { ok: true; address: string } | { ok: false; problem: string } | undefined {
  const { base } = flattenChain(reference);
  if (base.kind !== 'variable' || base.name !== 'module') return undefined;
  const parsed = referencedAddress(reference);
  if (typeof parsed === 'string' || parsed.kind === 'module') {
    return { ok: false, problem: 'to takes the address of one resource, like module.prod.backup_vault.main or module.env["prod"].backup_vault.main.' };
  }
  if (resources.some((r) => r.address === parsed.address)) return { ok: true, address: parsed.address };
  const inModules = resources.map((r) => r.address).filter((a) => a.startsWith('module.'));
  return { ok: false, problem: `The configuration declares no resource ${parsed.address}.${didYouMean(parsed.address, inModules) || ' Check the module name, its instance key and the resource address inside the module.'}` };
}

const CONTEXT = 'import';
const FALLBACK_SPEC: BodySpec = { attributes: ['to', 'id'], blocks: {} };
const ID_RULES: ReferenceRules = { ...ANYTHING, resources: false, explanation: 'An import id can refer to variables and locals, not to resources.' };
const TARGET_RULES: ReferenceRules = {
  variables: false,
  locals: false,
  resources: true,
  each: false,
  explanation: 'to takes a resource address, like backup_vault.main.',
};

export function evaluateImports(
  blocks: readonly Block[],
  state: EvaluationState,
  checker: ReferenceChecker,
  scopeFor: (context: string) => Scope,
  resources: readonly ResourceConfig[] = [],
): ImportConfig[] {
  const schema = blockSchema('import');
  const spec = schema ? bodySpec(schema) : FALLBACK_SPEC;
  const imports: ImportConfig[] = [];
  const targets = new Map<string, Block>();
  for (const block of blocks) {
    const scope = scopeFor(CONTEXT);
    const error = (summary: string, detail: string, range = headerRange(block)): void => scope.reporter.error(summary, detail, range, CONTEXT);
    const idAttr = block.body.attributes.find((a) => a.name === 'id');
    if (idAttr) checker.check(idAttr.expr, ID_RULES, CONTEXT);
    const attributes = evaluateBody(block.body, spec, scope, '', { ranges: new Map(), sensitivePaths: [] }, { where: 'an import block', skip: new Set(['to']) });

    const toAttr = block.body.attributes.find((a) => a.name === 'to');
    if (!toAttr) error('Missing required argument', 'The argument "to" is required: the address to import into, like to = backup_vault.main.');
    if (!idAttr) error('Missing required argument', 'The argument "id" is required: the AWS identifier of the object to import (a vault name, a plan id, …).');
    const id = attributes.id;
    if (idAttr && isUnknown(id)) error('Invalid import id', 'The import id must be known before apply: use a literal, a variable or a local.', idAttr.expr.range);
    else if (idAttr && id !== undefined && typeof id !== 'string') error('Invalid import id', 'The import id must be a string.', idAttr.expr.range);
    else if (idAttr && typeof id === 'string' && id.trim() === '') error('Invalid import id', 'The import id is empty: give the AWS identifier of the object to import (a vault name, a plan id, …).', idAttr.expr.range);
    if (!toAttr) continue;

    const reference = referenceExpr(toAttr.expr, 'import target', 'backup_vault.main', scope.reporter, CONTEXT);
    if (!reference) continue;
    const inModule = moduleTarget(reference, resources);
    if (inModule !== undefined) {
      if (!inModule.ok) error('Invalid import target', inModule.problem, toAttr.expr.range);
      else if (targets.has(inModule.address)) error('Duplicate import target', `${inModule.address} is already imported by another import block. Import each resource once.`, toAttr.expr.range);
      else {
        targets.set(inModule.address, block);
        if (typeof id === 'string') imports.push({ to: inModule.address, id, range: block.range });
      }
      continue;
    }
    const target = addressFrom(reference);
    if (!target) {
      error('Invalid import target', 'to takes a resource address, like backup_vault.main or backup_vault.regional["eu-west-1"].', toAttr.expr.range);
      continue;
    }
    if (checker.check(reference, TARGET_RULES, CONTEXT).length === 0) continue;
    const resourceAddress = `${target.kind}.${target.name}`;
    const resource = state.resources.get(resourceAddress);
    let key: InstanceKey | undefined;
    if (target.key) {
      const index = target.key.kind === 'literal' && typeof target.key.value === 'number' ? target.key.value : undefined;
      // A count instance is numbered, a for_each one keyed by a string (`x[0]` is the key "0" there).
      key = resource?.hasCount ? index : (staticString(target.key) ?? (index === undefined ? undefined : String(index)));
      if (key === undefined) {
        error(
          'Invalid import target',
          resource?.hasCount
            ? `${resourceAddress} has count set: the index of an import target is a whole number written literally, like ${resourceAddress}[0].`
            : 'The instance key of an import target must be written literally, like backup_vault.regional["eu-west-1"].',
          target.key.range,
        );
        continue;
      }
    }
    if (resource?.hasForEach && key === undefined) {
      error('Invalid import target', `${resourceAddress} has for_each set: import into one instance, like to = ${resourceAddress}["KEY"].`, toAttr.expr.range);
      continue;
    }
    if (resource?.hasCount && key === undefined) {
      error('Invalid import target', `${resourceAddress} has count set: import into one instance, like to = ${resourceAddress}[0].`, toAttr.expr.range);
      continue;
    }
    if (key !== undefined && resource?.instances && !resource.instances.has(String(key))) {
      const keys = [...resource.instances.keys()];
      if (typeof key === 'number') {
        error('Invalid import target', missingIndex(resourceAddress, String(key), keys.length), toAttr.expr.range);
        continue;
      }
      error('Invalid import target', `${resourceAddress} has no instance with the key "${key}".${didYouMean(key, keys) || ` Its keys are ${keys.map((k) => `"${k}"`).join(', ')}.`}`, toAttr.expr.range);
      continue;
    }
    const address = instanceAddress(resourceAddress, key);
    const previous = targets.get(address);
    if (previous) {
      error('Duplicate import target', `${address} is already imported by the import block at ${formatPosition(previous.typeRange)}. Import each resource once.`, toAttr.expr.range);
      continue;
    }
    targets.set(address, block);
    if (typeof id === 'string') imports.push({ to: address, id, range: block.range });
  }
  return imports;
}
