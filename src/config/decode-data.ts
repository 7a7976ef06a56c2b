// `data "KIND" "NAME" { … }` blocks at the top level: the kind must be a data source bkp knows
// (Terraform's names without the aws_ prefix), the name a reference-safe identifier used once per
// kind. A data block is declared like a resource (the same ResourceDecl, addressed
// `data.KIND.NAME`) so that for_each, provider and the reference graph treat both alike.
import type { Attribute, Block } from './ast.js';
import { DATA_SOURCE_KINDS, RESOURCE_META_ATTRIBUTES } from './block-schema.js';
import type { ResourceDecl } from './decode.js';
import type { Reporter } from './evaluate-diagnostics.js';
import { formatPosition, spanRange } from './evaluate-values.js';
import { didYouMean } from '../core/suggest.js';

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;
/** Terraform's data source names carry the provider's prefix; bkp's do not. */
const TERRAFORM_PREFIX = 'aws_';

/** The address prefix of data sources: `data.backup_vault.main`. */
export const DATA_PREFIX = 'data.';

/** Declares a data block in `declared` (by address), or reports why it cannot be. */
export function decodeDataBlock(block: Block, order: number, declared: Map<string, ResourceDecl>, reporter: Reporter): void {
  const [kindLabel, nameLabel] = block.labels as [Block['labels'][0], Block['labels'][0]];
  const context = `data ${JSON.stringify(kindLabel.value)} ${JSON.stringify(nameLabel.value)}`;
  const kind = kindLabel.value;
  if (!DATA_SOURCE_KINDS.includes(kind)) {
    const withoutPrefix = kind.startsWith(TERRAFORM_PREFIX) ? kind.slice(TERRAFORM_PREFIX.length) : undefined;
    const hint =
      withoutPrefix !== undefined && DATA_SOURCE_KINDS.includes(withoutPrefix)
        ? ` bkp names data sources without Terraform's "aws_" prefix: write data "${withoutPrefix}" "${nameLabel.value}".`
        : didYouMean(kind, DATA_SOURCE_KINDS) || ` The data sources are ${DATA_SOURCE_KINDS.join(', ')}.`;
    reporter.error('Unsupported data source', `bkp has no data source "${kind}".${hint}`, kindLabel.range, context);
    return;
  }
  if (!IDENTIFIER.test(nameLabel.value)) {
    reporter.error(
      'Invalid data source name',
      `"${nameLabel.value}" is not a valid data source name, because references use it (like data.${kind}.NAME). A name must start with a letter or underscore and may contain only letters, digits, underscores and dashes.`,
      nameLabel.range,
      context,
    );
    return;
  }
  const address = `${DATA_PREFIX}${kind}.${nameLabel.value}`;
  const previous = declared.get(address);
  if (previous) {
    reporter.error(
      'Duplicate data configuration',
      `A data "${kind}" named "${nameLabel.value}" was already declared at ${formatPosition(previous.block.typeRange)}. Data source names must be unique per kind.`,
      spanRange(block.typeRange, nameLabel.range),
      context,
    );
    return;
  }
  const meta = (name: (typeof RESOURCE_META_ATTRIBUTES)[number]): Attribute | undefined => block.body.attributes.find((a) => a.name === name);
  const dependsOn = meta('depends_on');
  if (dependsOn) {
    reporter.error(
      'Unsupported argument',
      'depends_on is not supported on data blocks: bkp reads data sources during plan, before any resource is changed. Refer to variables, locals or other data sources instead.',
      dependsOn.nameRange,
      context,
    );
  }
  for (const nested of block.body.blocks.filter((b) => b.type === 'lifecycle')) {
    reporter.error('Unsupported block type', 'A data block has no lifecycle: it reads an object, it never changes one.', nested.typeRange, context);
  }
  declared.set(address, {
    kind: `${DATA_PREFIX}${kind}`,
    name: nameLabel.value,
    address,
    block: { ...block, body: { ...block.body, blocks: block.body.blocks.filter((b) => b.type !== 'lifecycle') } },
    context,
    forEach: meta('for_each'),
    provider: meta('provider'),
    order,
  });
}
