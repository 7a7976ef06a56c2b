// backup_vault through AWS Backup: the vault plus its access policy, notifications, lock and tags.
import type { BackupVaultEvent } from '@aws-sdk/client-backup';
import { isObjectValue, type ObjectValue, type Value } from '../../core/values.js';
import { isNotFound, isVaultMissing, UnreadableReplyError } from '../../aws/errors.js';
import { valuesEqual } from '../canonical.js';
import { canonicalPolicyDocument } from '../iam-policy.js';
import type { HandlerContext, Listing, PriorObject, ResourceHandler } from '../handler.js';
import { adoptByName } from '../adopt-by-name.js';
import { readTags, syncTags } from '../tags.js';
import { deleteVault, listVaultsOfType, type ListedVault } from '../vault-listing.js';
import { backupApi } from '../../aws/backup-api.js';
import { managedPart } from '../managed.js';
import { activeHoldsByVault, holdsValue, type VaultHold } from '../vault-legal-holds.js';
import { emptyVault } from './empty-vault.js';
import { backupVaultModel } from './model.js';

interface VaultFacts {
  BackupVaultName?: string;
  BackupVaultArn?: string;
  EncryptionKeyArn?: string;
  NumberOfRecoveryPoints?: number;
  Locked?: boolean;
  MinRetentionDays?: number;
  MaxRetentionDays?: number;
  LockDate?: Date;
}

function lockFrom(facts: VaultFacts, prior: ObjectValue): Value | undefined {
  if (facts.MinRetentionDays === undefined && facts.MaxRetentionDays === undefined) return undefined;
  const lock: ObjectValue = {};
  if (facts.MinRetentionDays !== undefined) lock.min_retention_days = facts.MinRetentionDays;
  if (facts.MaxRetentionDays !== undefined) lock.max_retention_days = facts.MaxRetentionDays;
  // AWS reports the lock date, not the grace period asked for: keep what was applied.
  const priorLock = prior.lock;
  if (facts.LockDate && isObjectValue(priorLock) && typeof priorLock.changeable_for_days === 'number') {
    lock.changeable_for_days = priorLock.changeable_for_days;
  }
  return lock;
}

async function readAccessPolicy(ctx: HandlerContext, name: string): Promise<Value | undefined> {
  const { GetBackupVaultAccessPolicyCommand } = await backupApi();
  try {
    const out = await ctx.backup.send(new GetBackupVaultAccessPolicyCommand({ BackupVaultName: name }));
    return out.Policy ? canonicalPolicyDocument(out.Policy) : undefined;
  } catch (e) {
    if (isNotFound(e)) return undefined;
    // Every vault's policy is read, also where the configuration sets none; an AWS-compatible
    // endpoint without the operation (moto) has no policies to report.
    if (e instanceof UnreadableReplyError && e.status === 404) return undefined;
    throw e;
  }
}

async function readNotifications(ctx: HandlerContext, name: string): Promise<Value | undefined> {
  const { GetBackupVaultNotificationsCommand } = await backupApi();
  try {
    const out = await ctx.backup.send(new GetBackupVaultNotificationsCommand({ BackupVaultName: name }));
    if (!out.SNSTopicArn) return undefined;
    return { sns_topic_arn: out.SNSTopicArn, events: [...(out.BackupVaultEvents ?? [])].sort() };
  } catch (e) {
    if (isNotFound(e)) return undefined;
    throw e;
  }
}

async function describe(ctx: HandlerContext, name: string): Promise<VaultFacts | null> {
  const { DescribeBackupVaultCommand } = await backupApi();
  try {
    return await ctx.backup.send(new DescribeBackupVaultCommand({ BackupVaultName: name }));
  } catch (e) {
    if (isVaultMissing(e)) return null;
    throw e;
  }
}

/** A standard vault as ListBackupVaults returned it, with the active legal holds on its recovery points. */
interface ListedBackupVault extends ListedVault {
  /** Active legal holds on its recovery points (read only for vaults that hold some). */
  legalHolds?: VaultHold[];
}

/** Standard vaults only: logically air-gapped vaults are their own kind (logically_air_gapped_vault). */
async function listVaults(ctx: HandlerContext, prior: readonly PriorObject[]): Promise<Listing<ListedBackupVault>> {
  const listing: Listing<ListedBackupVault> = await listVaultsOfType(ctx, prior, 'BACKUP_VAULT');
  // Holds matter only to a destroy, which is refused anyway for a vault with recovery points unless
  // force_destroy; they are read so the refusal can name them, and only where points exist.
  const managedWithPoints = prior.some((p) => (listing.get(p.id)?.facts.NumberOfRecoveryPoints ?? 0) > 0);
  if (managedWithPoints) {
    for (const [name, holds] of await activeHoldsByVault(ctx)) {
      const listed = listing.get(name);
      if (listed) listed.legalHolds = holds;
    }
  }
  return listing;
}

async function putLock(ctx: HandlerContext, name: string, lock: Value | undefined): Promise<void> {
  const { DeleteBackupVaultLockConfigurationCommand, PutBackupVaultLockConfigurationCommand } = await backupApi();
  if (!isObjectValue(lock)) {
    await ctx.backup.send(new DeleteBackupVaultLockConfigurationCommand({ BackupVaultName: name }));
    return;
  }
  await ctx.backup.send(
    new PutBackupVaultLockConfigurationCommand({
      BackupVaultName: name,
      MinRetentionDays: typeof lock.min_retention_days === 'number' ? lock.min_retention_days : undefined,
      MaxRetentionDays: typeof lock.max_retention_days === 'number' ? lock.max_retention_days : undefined,
      ChangeableForDays: typeof lock.changeable_for_days === 'number' ? lock.changeable_for_days : undefined,
    }),
  );
}

async function putAccessPolicy(ctx: HandlerContext, name: string, policy: Value | undefined): Promise<void> {
  const { DeleteBackupVaultAccessPolicyCommand, PutBackupVaultAccessPolicyCommand } = await backupApi();
  if (policy === undefined || policy === null) {
    await ctx.backup.send(new DeleteBackupVaultAccessPolicyCommand({ BackupVaultName: name }));
    return;
  }
  const text = typeof policy === 'string' ? policy : JSON.stringify(policy);
  await ctx.backup.send(new PutBackupVaultAccessPolicyCommand({ BackupVaultName: name, Policy: text }));
}

async function putNotifications(ctx: HandlerContext, name: string, notifications: Value | undefined): Promise<void> {
  const { DeleteBackupVaultNotificationsCommand, PutBackupVaultNotificationsCommand } = await backupApi();
  if (!isObjectValue(notifications)) {
    await ctx.backup.send(new DeleteBackupVaultNotificationsCommand({ BackupVaultName: name }));
    return;
  }
  await ctx.backup.send(
    new PutBackupVaultNotificationsCommand({
      BackupVaultName: name,
      SNSTopicArn: String(notifications.sns_topic_arn),
      BackupVaultEvents: (Array.isArray(notifications.events) ? notifications.events : []).map(String) as BackupVaultEvent[],
    }),
  );
}

export const backupVaultHandler: ResourceHandler<ListedBackupVault> = {
  list: listVaults,

  identity: (desired) => (typeof desired.name === 'string' ? desired.name : undefined),

  // Vault names are unique per region: the vault an intent's create made has its name. When the
  // listing carries a CreatorRequestId (AWS does), it must be the intent's token: a vault of that
  // name made by someone else is not bkp's to adopt.
  async adopt(ctx, intents) {
    const listing = await listVaults(ctx, []);
    const factsOf = (v: ListedBackupVault) => ({ arn: v.facts.BackupVaultArn, creatorRequestId: v.facts.CreatorRequestId });
    // Reading the access policy and notifications too: the interrupted create may have set them.
    return adoptByName(intents, listing, factsOf, 'backup vault', (name) =>
      ctx.limit(() => this.read(ctx, name, { access_policy: null, notifications: null }, listing)),
    );
  },

  async read(ctx, id, prior, listing) {
    const listed = listing?.get(id);
    const facts = listing ? (listed ? listed.facts : null) : await describe(ctx, id);
    if (facts === null) return null;
    const arn = facts.BackupVaultArn ?? String(prior.arn ?? '');
    const [tags, accessPolicy, notifications] = await Promise.all([
      listed?.tags ?? readTags(ctx, arn),
      // Read only where bkp manages one: no listing tells whether a vault has a policy, and a call
      // per vault would double a refresh's calls. A policy set outside bkp is left alone (docs/unmanaged.md).
      prior.access_policy !== undefined ? readAccessPolicy(ctx, id) : Promise.resolve(undefined),
      prior.notifications !== undefined ? readNotifications(ctx, id) : Promise.resolve(undefined),
    ]);
    const attributes: ObjectValue = {
      name: facts.BackupVaultName ?? id,
      tags,
      arn,
      recovery_points: facts.NumberOfRecoveryPoints ?? 0,
      locked: facts.Locked ?? false,
    };
    if (facts.EncryptionKeyArn) attributes.kms_key_arn = facts.EncryptionKeyArn;
    if (accessPolicy !== undefined) attributes.access_policy = accessPolicy;
    if (notifications !== undefined) attributes.notifications = notifications;
    const lock = lockFrom(facts, prior);
    if (lock !== undefined) attributes.lock = lock;
    if (facts.LockDate) attributes.lock_date = new Date(facts.LockDate).toISOString();
    if (listed?.legalHolds?.length) attributes.legal_holds = holdsValue(listed.legalHolds);
    // force_destroy is bkp's own setting, not AWS's: it lives in the state only.
    if (prior.force_destroy === true) attributes.force_destroy = true;
    return attributes;
  },

  async create(ctx, address, desired, hooks) {
    const { CreateBackupVaultCommand } = await backupApi();
    const name = String(desired.name);
    const tags = isObjectValue(desired.tags) ? (desired.tags as Record<string, string>) : {};
    const out = await ctx.backup.send(
      new CreateBackupVaultCommand({
        BackupVaultName: name,
        EncryptionKeyArn: typeof desired.kms_key_arn === 'string' ? desired.kms_key_arn : undefined,
        BackupVaultTags: Object.keys(tags).length > 0 ? tags : undefined,
        CreatorRequestId: hooks.token,
      }),
    );
    const arn = out.BackupVaultArn ?? '';
    const base: ObjectValue = { name, tags, arn, recovery_points: 0, locked: false };
    hooks.created(name, base);
    if (desired.access_policy !== undefined) await putAccessPolicy(ctx, name, desired.access_policy);
    if (desired.notifications !== undefined) await putNotifications(ctx, name, desired.notifications);
    if (desired.lock !== undefined) await putLock(ctx, name, desired.lock);
    const read = await this.read(ctx, name, desired);
    return { id: name, attributes: read ? managedPart(backupVaultModel, read, [desired]).attributes : { ...desired, ...base } };
  },

  async update(ctx, id, before, after) {
    if (!valuesEqual(before.access_policy, after.access_policy)) await putAccessPolicy(ctx, id, after.access_policy);
    if (!valuesEqual(before.notifications, after.notifications)) await putNotifications(ctx, id, after.notifications);
    if (!valuesEqual(before.lock, after.lock)) await putLock(ctx, id, after.lock);
    await syncTags(ctx, String(before.arn), before.tags, after.tags);
    // State records what bkp manages only: a tag key or policy recorded would count as managed by
    // the next plan, which would then remove it.
    const read = await this.read(ctx, id, after);
    return read ? managedPart(backupVaultModel, read, [after]).attributes : after;
  },

  async delete(ctx, id, before) {
    if (before.force_destroy === true) await emptyVault(ctx, id);
    await deleteVault(ctx, id);
  },
};
