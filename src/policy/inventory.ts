// Inventories of protectable resources that the configuration itself declares: a policy's
// `resource` blocks, and a sandbox provider's `source` blocks (for a sandbox account that does not
// exist yet). The accounts themselves, the sandbox's included, are read through their APIs by the
// caller (aws/account-resources.ts).
import type { Config, PolicyConfig, ProviderConfig } from '../config/model.js';
import { isObjectValue } from '../core/values.js';
import { formatArn, parseArn, resourceIdOfArn } from '../domain/arn.js';
import { resourceTypeOfArn } from '../domain/resource-types.js';
import { knownList, knownString } from '../resources/rules/problem.js';
import { CONTROLS, isControlName } from './catalogue.js';
import { providerLocation } from './config-facts.js';
import type { InventoryResource } from './model.js';
import { controlBlocks, controlHolders, policyRange, resourceBlocks } from './policy-blocks.js';

function stringMap(value: unknown): Record<string, string> {
  if (!isObjectValue(value as never)) return {};
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => (typeof v === 'string' ? [[k, v]] : [])));
}

export function policyResources(policy: PolicyConfig): InventoryResource[] {
  return resourceBlocks(policy).flatMap((block) => {
    const arn = knownString(block.value.arn);
    if (arn === undefined) return [];
    const parts = parseArn(arn);
    const type = knownString(block.value.type) ?? resourceTypeOfArn(arn) ?? 'unknown';
    return [{ arn, type, id: resourceIdOfArn(arn) ?? arn, region: parts?.region || undefined, account: parts?.account || undefined, tags: stringMap(block.value.tags), range: policyRange(policy, block.path) }];
  });
}

/**
 * The resources a sandbox provider's `source` blocks declare, as the account will hold them. Their
 * ARNs are exact for databases (named by identifier) and for sources with an `id`; otherwise the
 * id is generated when the account is created, and a placeholder stands for it (ARN patterns with
 * a trailing `*` and tags still match it).
 */
export function sourceBlockResources(provider: ProviderConfig): InventoryResource[] {
  if (provider.type !== 'sandbox') return [];
  const { region = 'us-east-1', account = '123456789012' } = providerLocation(provider);
  return (knownList(provider.attributes.source) ?? []).flatMap((source, index) => {
    if (!isObjectValue(source)) return [];
    const type = knownString(source.type) ?? '';
    const name = knownString(source.name) ?? '';
    const id = knownString(source.id) ?? `(${type} "${name}")`;
    const arn = sourceArn(type, name, id, region, account);
    if (arn === undefined) return [];
    return [
      {
        arn,
        // An ARN says what it is, except that DocumentDB clusters have Aurora's ARN shape.
        type: type === 'docdb-cluster' ? 'DocumentDB' : (resourceTypeOfArn(arn) ?? type),
        id: ['rds-instance', 'aurora-cluster', 'docdb-cluster'].includes(type) ? name : id,
        region,
        account,
        tags: stringMap(source.tags),
        range: provider.ranges.get(`/source/${index}`) ?? provider.range,
        sourceKey: `${type}/${name}`,
      },
    ];
  });
}

function sourceArn(type: string, name: string, id: string, region: string, account: string): string | undefined {
  const arn = (service: string, resource: string) => formatArn({ service, region, account, resource });
  switch (type) {
    case 'ec2-instance':
      return arn('ec2', `instance/${id}`);
    case 'ebs-volume':
      return arn('ec2', `volume/${id}`);
    case 'rds-instance':
      return arn('rds', `db:${name}`);
    case 'aurora-cluster':
    case 'docdb-cluster':
      return arn('rds', `cluster:${name}`);
    case 'efs':
      return arn('elasticfilesystem', `file-system/${id}`);
    case 'fsx':
      return arn('fsx', `file-system/${id}`);
    case 'fsx-ontap-volume':
      return arn('fsx', `volume/${id}`);
    case 'vm':
      return arn('backup-gateway', `vm/${id}`);
    default:
      return undefined;
  }
}

/** Every source block of every sandbox provider. */
export function configuredSources(config: Pick<Config, 'providers'>): InventoryResource[] {
  return config.providers.flatMap(sourceBlockResources);
}

/**
 * The resource types the resource controls of the policies and frameworks can judge, so that reading an account lists
 * only those: none without a resource control, every type ('all') when one has no resource_types.
 */
export function inventoryTypesNeeded(config: Pick<Config, 'policies'> & Partial<Pick<Config, 'resources'>>): ReadonlySet<string> | 'all' {
  const types = new Set<string>();
  for (const policy of controlHolders(config)) {
    for (const control of controlBlocks(policy)) {
      if (control.name === undefined || !isControlName(control.name) || !CONTROLS[control.name].resourceScoped) continue;
      const named = (knownList(control.params.resource_types) ?? []).filter((t): t is string => typeof t === 'string');
      if (named.length === 0) return 'all';
      for (const type of named) types.add(type);
    }
  }
  return types;
}
