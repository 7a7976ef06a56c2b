// Sorts the top-level blocks of all files into what they declare (providers, backend, variables,
// locals, resources, imports, policies) and reports structural problems at that level: unknown
// block types, wrong labels, duplicates. Nothing is evaluated here.
import type { Diagnostic, SourceRange } from '../core/diagnostics.js';
import type { Attribute, Block, ConfigFile } from './ast.js';
import { RESOURCE_KINDS, RESOURCE_META_ATTRIBUTES, TOP_LEVEL_BLOCKS } from './block-schema.js';
import { staticString } from './evaluate-addresses.js';
import { decodeDataBlock } from './decode-data.js';
import type { Reporter } from './evaluate-diagnostics.js';
import { formatPosition, spanRange } from './evaluate-values.js';
import { didYouMean } from '../core/suggest.js';
import { terraformResourceHint } from './terraform-names.js';

export const PROVIDER_TYPES = ['aws', 'sandbox'] as const;
export const BACKEND_TYPES = ['local', 's3'] as const;
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const NAME_RULE = 'A name must start with a letter or underscore and may contain only letters, digits, underscores and dashes.';

export interface ProviderDecl {
  type: string;
  alias?: string;
  /** "aws", "aws.dr"; with for_each, the key its instances are indexed from ("aws.account"). */
  key: string;
  /** `for_each = …`: one configuration per key, `aws.account["prod"]` (always with an alias). */
  forEach?: Attribute;
  block: Block;
  context: string;
}

export interface BackendDecl {
  type: string;
  block: Block;
  context: string;
}

export interface ResourceDecl {
  kind: string;
  name: string;
  /** `kind.name`. */
  address: string;
  block: Block;
  context: string;
  forEach?: Attribute;
  /** Never set together with forEach (reported; for_each is kept). */
  count?: Attribute;
  provider?: Attribute;
  dependsOn?: Attribute;
  /** Position in the configuration, for a stable order. */
  order: number;
}

export interface LocalDecl {
  name: string;
  attribute: Attribute;
  order: number;
}

export interface DecodedConfig {
  providers: ProviderDecl[];
  backend?: BackendDecl;
  /** By name, in declaration order. */
  variables: Map<string, Block>;
  locals: Map<string, LocalDecl>;
  resources: Map<string, ResourceDecl>;
  /** `data` blocks by address (`data.backup_vault.main`); their kind is `data.backup_vault`. */
  dataSources: Map<string, ResourceDecl>;
  imports: Block[];
  policies: Block[];
  /** Output blocks by name, in declaration order. */
  outputs: Map<string, Block>;
  /** `module "NAME"` calls by name, in declaration order (config/modules/). */
  modules: Map<string, Block>;
  /** `moved` blocks (config/evaluate-moved.ts). */
  moved: Block[];
  /** Provider blocks refused already (an unsupported type): resources then lack a provider for that reason alone. */
  refusedProviders: number;
}

/** `backup_plan "daily"`: how diagnostics name a block. */
export function blockContext(block: Block): string {
  return [block.type, ...block.labels.map((l) => JSON.stringify(l.value))].join(' ');
}

/** The block's type and labels, the part worth underlining for a block-level problem. */
export function headerRange(block: Block): SourceRange {
  const last = block.labels[block.labels.length - 1];
  return last ? spanRange(block.typeRange, last.range) : block.typeRange;
}

export function decodeTopLevel(files: readonly ConfigFile[], reporter: Reporter): DecodedConfig {
  const decoded: DecodedConfig = {
    providers: [],
    variables: new Map(),
    locals: new Map(),
    resources: new Map(),
    dataSources: new Map(),
    imports: [],
    policies: [],
    outputs: new Map(),
    modules: new Map(),
    moved: [],
    refusedProviders: 0,
  };
  const policyNames = new Map<string, Block>();
  let order = 0;
  for (const file of files) {
    for (const attr of file.body.attributes) reportTopLevelAttribute(attr, reporter);
    for (const block of file.body.blocks) {
      order++;
      if (!hasValidLabels(block, reporter)) continue;
      const context = blockContext(block);
      const label = block.labels[0]?.value ?? '';
      switch (block.type) {
        case 'provider':
          decodeProvider(block, context, decoded, reporter);
          break;
        case 'backend':
          decodeBackend(block, context, decoded, reporter);
          break;
        case 'variable':
          if (!checkName(block, 'variable', reporter)) break;
          if (rejectDuplicate(decoded.variables.get(label), block, 'Duplicate variable declaration', `A variable named "${label}" was already declared`, reporter)) break;
          decoded.variables.set(label, block);
          break;
        case 'locals':
          decodeLocals(block, decoded, order, reporter);
          break;
        case 'data':
          decodeDataBlock(block, order, decoded.dataSources, reporter);
          break;
        case 'import':
          decoded.imports.push(block);
          break;
        case 'policy':
          if (rejectDuplicate(policyNames.get(label), block, 'Duplicate policy', `A policy named "${label}" was already declared`, reporter)) break;
          policyNames.set(label, block);
          decoded.policies.push(block);
          break;
        case 'output':
          if (!checkName(block, 'output', reporter)) break;
          if (rejectDuplicate(decoded.outputs.get(label), block, 'Duplicate output definition', `An output named "${label}" was already defined`, reporter)) break;
          decoded.outputs.set(label, block);
          break;
        case 'module':
          if (!checkName(block, 'module', reporter)) break;
          if (rejectDuplicate(decoded.modules.get(label), block, 'Duplicate module call', `A module call named "${label}" was already declared`, reporter)) break;
          decoded.modules.set(label, block);
          break;
        case 'moved':
          decoded.moved.push(block);
          break;
        default:
          decodeResource(block, context, decoded, order, reporter);
      }
    }
  }
  return decoded;
}

function reportTopLevelAttribute(attr: Attribute, reporter: Reporter): void {
  const isBlockType = attr.name in TOP_LEVEL_BLOCKS;
  const detail = isBlockType
    ? `${attr.name} is a block, write \`${attr.name} ${TOP_LEVEL_BLOCKS[attr.name]!.labels > 0 ? '"NAME" ' : ''}{ … }\`.`
    : `An argument named "${attr.name}" is not expected at the top level of a configuration file: arguments belong inside blocks.${didYouMean(attr.name, Object.keys(TOP_LEVEL_BLOCKS))}`;
  reporter.error('Unsupported argument', detail, attr.nameRange);
}

/** Terraform's top-level blocks that bkp does not have, with what to do instead (a near name such as "moved" would mislead). */
const TERRAFORM_ONLY_BLOCKS: Readonly<Record<string, string>> = {
  removed: 'bkp has no removed block: to stop managing an object and keep it, run `bkp state rm ADDRESS` and delete its block; to delete the object, delete its block and apply.',
  terraform: 'bkp has no terraform block: write the backend block at the top level (backend "s3" { … }); bkp needs no required_providers.',
  check: 'bkp has no check block: write policy blocks and run `bkp check` (docs/check.md).',
};

function hasValidLabels(block: Block, reporter: Reporter): boolean {
  const shape = TOP_LEVEL_BLOCKS[block.type];
  if (!shape) {
    let detail = `Blocks of type "${block.type}" are not expected here.`;
    const terraform = block.type === 'resource' ? terraformResourceHint(block.labels[0]?.value ?? '', block.labels[1]?.value) : terraformResourceHint(block.type, block.labels[0]?.value);
    if (block.type === 'resource' && block.labels.length === 2) {
      detail += ` In bkp, resources are written without the "resource" keyword: ${terraform ?? `${block.labels[0]!.value} "${block.labels[1]!.value}" { … }.`}`;
    } else if (terraform) {
      detail += ` ${terraform}`;
    } else if (TERRAFORM_ONLY_BLOCKS[block.type] !== undefined) {
      detail += ` ${TERRAFORM_ONLY_BLOCKS[block.type]}`;
    } else {
      detail += didYouMean(block.type, Object.keys(TOP_LEVEL_BLOCKS)) || ` The block types are ${Object.keys(TOP_LEVEL_BLOCKS).join(', ')}.`;
    }
    reporter.error('Unsupported block type', detail, block.typeRange);
    return false;
  }
  const expected = shape.labels;
  if (block.labels.length < expected) {
    const names = shape.labelNames.slice(block.labels.length);
    reporter.error(
      `Missing ${names[0]} for ${block.type}`,
      `A ${block.type} block needs ${expected === 1 ? 'one label' : `${expected} labels`}: ${block.type} ${shape.labelNames.map((n) => `"${n.toUpperCase()}"`).join(' ')} { … }.`,
      headerRange(block),
    );
    return false;
  }
  if (block.labels.length > expected) {
    const extra = block.labels[expected]!;
    reporter.error(
      `Extraneous label for ${block.type}`,
      expected === 0
        ? `A ${block.type} block takes no labels; remove "${extra.value}".`
        : `A ${block.type} block takes ${expected === 1 ? 'one label' : `${expected} labels`} (${shape.labelNames.join(', ')}); remove "${extra.value}".`,
      extra.range,
    );
    return false;
  }
  return true;
}

function checkName(block: Block, what: string, reporter: Reporter): boolean {
  const label = block.labels[0]!;
  if (IDENTIFIER.test(label.value)) return true;
  const use = block.type === 'output' ? 'commands use it (bkp output NAME)' : `references use it (like ${block.type === 'variable' ? 'var' : block.type}.NAME)`;
  reporter.error(`Invalid ${what} name`, `"${label.value}" is not a valid ${what} name, because ${use}. ${NAME_RULE}`, label.range, blockContext(block));
  return false;
}

function rejectDuplicate(previous: Block | undefined, block: Block, summary: string, what: string, reporter: Reporter): boolean {
  if (!previous) return false;
  reporter.error(summary, `${what} at ${formatPosition(previous.typeRange)}. Each name may be used only once.`, headerRange(block), blockContext(block));
  return true;
}

function decodeProvider(block: Block, context: string, decoded: DecodedConfig, reporter: Reporter): void {
  const type = block.labels[0]!;
  if (!(PROVIDER_TYPES as readonly string[]).includes(type.value)) {
    reporter.error(
      'Unsupported provider type',
      `bkp has the providers "aws" and "sandbox"; "${type.value}" is not one of them.${didYouMean(type.value, PROVIDER_TYPES)}`,
      type.range,
      context,
    );
    decoded.refusedProviders += 1;
    return;
  }
  const aliasAttr = block.body.attributes.find((a) => a.name === 'alias');
  let alias: string | undefined;
  if (aliasAttr) {
    const expr = aliasAttr.expr;
    const text = staticString(expr);
    if (text === undefined || !IDENTIFIER.test(text)) {
      reporter.error(
        'Invalid provider alias',
        `The alias must be a literal name, like alias = "dr", because resources refer to it before anything is evaluated (provider = ${type.value}.dr). ${NAME_RULE}`,
        expr.range,
        context,
      );
      return;
    }
    alias = text;
  }
  const forEach = block.body.attributes.find((a) => a.name === 'for_each');
  if (forEach && alias === undefined) {
    // As in OpenTofu: the default configuration is the one resources use without naming it, so it cannot be several.
    reporter.error(
      'Provider for_each without an alias',
      `A provider block with for_each must have an alias, which resources use to choose an instance: add alias = "NAME" and write provider = ${type.value}.NAME["KEY"].`,
      forEach.nameRange,
      context,
    );
    decoded.refusedProviders += 1;
    return;
  }
  const key = alias === undefined ? type.value : `${type.value}.${alias}`;
  const previous = decoded.providers.find((p) => p.key === key);
  if (previous) {
    reporter.error(
      'Duplicate provider configuration',
      `A provider "${key}" was already configured at ${formatPosition(previous.block.typeRange)}. Give each additional configuration its own alias, like alias = "dr".`,
      aliasAttr?.expr.range ?? headerRange(block),
      context,
    );
    return;
  }
  decoded.providers.push({ type: type.value, alias, key, ...(forEach ? { forEach } : {}), block, context });
}

function decodeBackend(block: Block, context: string, decoded: DecodedConfig, reporter: Reporter): void {
  const type = block.labels[0]!;
  if (decoded.backend) {
    reporter.error(
      'Duplicate backend configuration',
      `Only one backend block is allowed; the first is at ${formatPosition(decoded.backend.block.typeRange)}.`,
      headerRange(block),
      context,
    );
    return;
  }
  if (!(BACKEND_TYPES as readonly string[]).includes(type.value)) {
    reporter.error(
      'Unsupported backend type',
      `bkp has the backends "local" and "s3"; "${type.value}" is not one of them.${didYouMean(type.value, BACKEND_TYPES)}`,
      type.range,
      context,
    );
    return;
  }
  decoded.backend = { type: type.value, block, context };
}

function decodeLocals(block: Block, decoded: DecodedConfig, order: number, reporter: Reporter): void {
  for (const nested of block.body.blocks) {
    reporter.error('Unsupported block type', `A locals block contains only arguments (name = value); "${nested.type}" blocks are not expected here.`, nested.typeRange, 'locals');
  }
  for (const attribute of block.body.attributes) {
    const previous = decoded.locals.get(attribute.name);
    if (previous) {
      reporter.error(
        'Duplicate local value definition',
        `A local value named "${attribute.name}" was already defined at ${formatPosition(previous.attribute.nameRange)}. Local value names must be unique across all locals blocks.`,
        attribute.nameRange,
        'locals',
      );
      continue;
    }
    decoded.locals.set(attribute.name, { name: attribute.name, attribute, order });
  }
}

function decodeResource(block: Block, context: string, decoded: DecodedConfig, order: number, reporter: Reporter): void {
  const kind = block.type;
  if (!(RESOURCE_KINDS as readonly string[]).includes(kind)) return;
  if (!checkName(block, 'resource', reporter)) return;
  const name = block.labels[0]!.value;
  const address = `${kind}.${name}`;
  const previous = decoded.resources.get(address);
  if (previous) {
    reporter.error(
      `Duplicate ${kind} configuration`,
      `A ${kind} named "${name}" was already declared at ${formatPosition(previous.block.typeRange)}. Resource names must be unique per kind.`,
      headerRange(block),
      context,
    );
    return;
  }
  const meta = (metaName: (typeof RESOURCE_META_ATTRIBUTES)[number]): Attribute | undefined => block.body.attributes.find((a) => a.name === metaName);
  const forEach = meta('for_each');
  let count = meta('count');
  if (forEach && count) {
    reporter.add([countWithForEach(forEach, count, 'resource', context)]);
    count = undefined;
  }
  decoded.resources.set(address, {
    kind,
    name,
    address,
    block,
    context,
    forEach,
    count,
    provider: meta('provider'),
    dependsOn: meta('depends_on'),
    order,
  });
}

/** count and for_each on one block (a resource or a module call): the error, at count; for_each is kept. */
export function countWithForEach(forEach: Attribute, count: Attribute, owner: 'resource' | 'module', context: string): Diagnostic {
  return {
    severity: 'error',
    summary: 'Invalid combination of "count" and "for_each"',
    detail: `The "count" and "for_each" meta-arguments are mutually exclusive: a ${owner}'s instances are numbered (count) or keyed (for_each), not both. Remove one of them; for_each is at ${formatPosition(forEach.nameRange)}.`,
    range: count.nameRange,
    context,
  };
}
