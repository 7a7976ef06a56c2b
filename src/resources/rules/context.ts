// What per-kind validators may know beyond their own resource: the vaults of the configuration,
// standard and logically air-gapped (to check retentions against vault locks and air-gapped
// ranges), and the clock (to measure schedule intervals).
import type { Config, ResourceConfig } from '../../config/model.js';
import { parseBackupVaultArn } from '../../domain/arn.js';
import { airGappedBounds } from './air-gapped-vault.js';
import { knownString } from './problem.js';
import { lockBounds, type LockedVault } from './vault-lock.js';

export interface ConfiguredVault {
  /** The configured `name` attribute. */
  name: string;
  address: string;
  /** Provider key, `aws` or `aws.dr`: vaults are per Region, so per provider. */
  provider: string;
  /** The provider's configured Region and account, when the configuration states them. */
  region?: string;
  account?: string;
  lock?: LockedVault;
}

export interface ValidationContext {
  vaults: readonly ConfiguredVault[];
  now: Date;
  /** Every resource of the configuration, for rules across blocks (one settings block per provider). */
  resources?: readonly Pick<ResourceConfig, 'kind' | 'address' | 'provider' | 'range'>[];
}

export function validationContext(config: Pick<Config, 'resources' | 'providers'>, now: Date = new Date()): ValidationContext {
  const vaults: ConfiguredVault[] = [];
  for (const resource of config.resources) {
    const airGapped = resource.kind === 'logically_air_gapped_vault';
    if (resource.kind !== 'backup_vault' && !airGapped) continue;
    const name = knownString(resource.attributes.name);
    if (name === undefined) continue;
    const provider = config.providers.find((p) => p.key === resource.provider);
    // An air-gapped vault's retention range bounds its jobs exactly as a vault lock does.
    const bounds = airGapped ? airGappedBounds(resource.attributes) : lockBounds(resource.attributes.lock);
    vaults.push({
      name,
      address: resource.address,
      provider: resource.provider,
      region: knownString(provider?.attributes.region),
      account: knownString(provider?.attributes.account_id),
      lock: bounds ? { name, address: resource.address, lock: bounds, ...(airGapped ? { airGapped } : {}) } : undefined,
    });
  }
  return { vaults, now, resources: config.resources };
}

/** The vault a rule or on-demand backup targets by name: a vault of the same provider (Region). */
export function vaultNamed(context: ValidationContext, name: string | undefined, resource: Pick<ResourceConfig, 'provider'>): ConfiguredVault | undefined {
  if (name === undefined) return undefined;
  return vaultsNamed(context, name).find((v) => v.provider === resource.provider);
}

/** Per vault list, its vaults by name: every rule and copy looks one up (a scan of all was quadratic). */
const vaultsByName = new WeakMap<readonly ConfiguredVault[], Map<string, ConfiguredVault[]>>();

function vaultsNamed(context: ValidationContext, name: string): readonly ConfiguredVault[] {
  let index = vaultsByName.get(context.vaults);
  if (!index) {
    index = new Map();
    for (const vault of context.vaults) {
      const same = index.get(vault.name);
      if (same) same.push(vault);
      else index.set(vault.name, [vault]);
    }
    vaultsByName.set(context.vaults, index);
  }
  return index.get(name) ?? [];
}

/**
 * The configured vault behind a copy destination ARN. Resolvable only when a vault with that name
 * has a provider whose Region (and account, when stated) matches the ARN.
 */
export function vaultForArn(context: ValidationContext, arn: string | undefined): ConfiguredVault | undefined {
  const parsed = arn === undefined ? undefined : parseBackupVaultArn(arn);
  if (!parsed) return undefined;
  return vaultsNamed(context, parsed.name).find((v) => v.region === parsed.region && (v.account === undefined || v.account === parsed.account));
}

/**
 * The configured vault a target attribute holds: an ARN (a copy destination, a rule's
 * target_logically_air_gapped_vault_arn) or a vault name (a rule's target_vault), resolved as above.
 */
export function vaultForTarget(context: ValidationContext, target: string | undefined, resource: Pick<ResourceConfig, 'provider'>): ConfiguredVault | undefined {
  if (target === undefined) return undefined;
  return target.startsWith('arn:') ? vaultForArn(context, target) : vaultNamed(context, target, resource);
}
