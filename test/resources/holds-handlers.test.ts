// The tiering_configuration and legal_hold handlers, and the vault's legal-hold reading, on the
// in-process sandbox through the SDK.
import { expect } from 'chai';
import { CreateBackupVaultCommand, DescribeBackupJobCommand, GetLegalHoldCommand, ListTagsCommand, StartBackupJobCommand, TagResourceCommand } from '@aws-sdk/client-backup';
import type { ObjectValue } from '../../src/core/values.js';
import { backupVaultHandler } from '../../src/resources/backup-vault/handler.js';
import type { CreateHooks } from '../../src/resources/handler.js';
import { managedPart } from '../../src/resources/managed.js';
import { legalHoldHandler } from '../../src/resources/legal-hold/handler.js';
import { legalHoldModel } from '../../src/resources/legal-hold/model.js';
import { tieringConfigurationHandler } from '../../src/resources/tiering-configuration/handler.js';
import { tieringConfigurationModel } from '../../src/resources/tiering-configuration/model.js';
import { HOUR, ROLE_ARN, sandboxFixture, type SandboxFixture } from '../sandbox/fixture.js';
import { countingContext as context } from './helpers.js';


const hooks = (token: string): CreateHooks => ({ token, created: async () => undefined });

describe('resources: tiering_configuration and legal_hold handlers on the sandbox', () => {
  let sb: SandboxFixture;
  beforeEach(async () => {
    sb = await sandboxFixture();
  });
  afterEach(() => sb.cleanup());

  it('tiering: creates, reads back with no diff, skips GetTieringConfiguration while LastUpdatedTime is unchanged, updates, adopts and deletes', async () => {
    const ctx = context(sb.client);
    const desired = tieringConfigurationModel.canonical({
      name: 'archive_tiering',
      backup_vault_name: '*',
      resource_selection: [{ resources: ['arn:aws:s3:::logs', 'arn:aws:s3:::audit'], tiering_down_settings_in_days: 90, resource_type: 'S3' }],
      tags: { team: 'storage' },
    });
    const created = await tieringConfigurationHandler.create(ctx, 'tiering_configuration.archive', desired, hooks('tok-1'));
    expect(created.id).to.equal('archive_tiering');
    const listing = await tieringConfigurationHandler.list!(ctx, []);
    ctx.calls.length = 0;
    const read = (await tieringConfigurationHandler.read(ctx, 'archive_tiering', created.attributes, listing))!;
    expect(ctx.calls).to.deep.equal(['ListTags']);
    const canonical = tieringConfigurationModel.canonical(read);
    for (const key of ['name', 'backup_vault_name', 'resource_selection', 'tags']) expect(canonical[key], key).to.deep.equal(desired[key]);

    const after = { ...desired, backup_vault_name: 'main' };
    const updated = await tieringConfigurationHandler.update(ctx, 'archive_tiering', read, after);
    expect(updated.last_updated_time).to.not.equal(read.last_updated_time);
    const relisted = await tieringConfigurationHandler.list!(ctx, []);
    ctx.calls.length = 0;
    expect((await tieringConfigurationHandler.read(ctx, 'archive_tiering', updated, relisted))!.backup_vault_name).to.equal('main');
    expect(ctx.calls).to.deep.equal(['ListTags']);
    // A change made outside bkp gives a new LastUpdatedTime: the selections are read again.
    ctx.calls.length = 0;
    expect((await tieringConfigurationHandler.read(ctx, 'archive_tiering', { ...updated, last_updated_time: 'older' }, relisted))!.backup_vault_name).to.equal('main');
    expect(ctx.calls).to.deep.equal(['GetTieringConfiguration', 'ListTags']);

    const adopted = await tieringConfigurationHandler.adopt!(ctx, [
      { address: 'a', kind: 'tiering_configuration', provider: 'sandbox', token: 'tok-1', identity: 'archive_tiering', recorded_at: '' },
      { address: 'b', kind: 'tiering_configuration', provider: 'sandbox', token: 'other', identity: 'archive_tiering', recorded_at: '' },
      { address: 'c', kind: 'tiering_configuration', provider: 'sandbox', token: 'tok-3', identity: 'never_made', recorded_at: '' },
    ]);
    expect([...adopted.values()].map((o) => o.outcome)).to.deep.equal(['found', 'conflict', 'missing']);

    await tieringConfigurationHandler.delete(ctx, 'archive_tiering', updated);
    expect(await tieringConfigurationHandler.read(ctx, 'archive_tiering', updated, await tieringConfigurationHandler.list!(ctx, []))).to.equal(null);
    await tieringConfigurationHandler.delete(ctx, 'archive_tiering', updated);
  });

  it('legal hold: creates with the intent token, reads with no diff from the listing, keeps tags key by key, cancels with the recorded reason', async () => {
    const ctx = context(sb.client);
    const desired = legalHoldModel.canonical({
      title: 'litigation',
      description: 'case 42',
      recovery_point_selection: { vault_names: ['main'], date_range: { from_date: '2026-01-01', to_date: '2026-12-31' } },
      tags: { case: '42' },
      cancel_description: 'case closed',
      retain_record_days: 30,
    });
    const created = await legalHoldHandler.create(ctx, 'legal_hold.case', desired, hooks('tok-1'));
    const again = await legalHoldHandler.create(ctx, 'legal_hold.case', desired, hooks('tok-1'));
    expect(again.id).to.equal(created.id);
    await sb.client.send(new TagResourceCommand({ ResourceArn: String(created.attributes.arn), Tags: { 'added-by': 'console' } }));

    const listing = await legalHoldHandler.list!(ctx, []);
    ctx.calls.length = 0;
    const read = (await legalHoldHandler.read(ctx, created.id, created.attributes, listing))!;
    expect(ctx.calls).to.deep.equal(['ListTags']);
    expect(read.status).to.equal('ACTIVE');
    const canonical = legalHoldModel.canonical(read);
    for (const key of ['title', 'description', 'recovery_point_selection', 'cancel_description', 'retain_record_days']) expect(canonical[key], key).to.deep.equal(desired[key]);

    // An import reads everything with GetLegalHold.
    const imported = (await legalHoldHandler.read(ctx, created.id, {}, undefined))!;
    expect(legalHoldModel.canonical(imported).recovery_point_selection).to.deep.equal(desired.recovery_point_selection);

    // The engine hands update() the managed part of what it read: the tag added outside bkp is not in it.
    const before = managedPart(legalHoldModel, read, [created.attributes]).attributes;
    const updated = await legalHoldHandler.update(ctx, created.id, before, { ...desired, tags: { case: '43' }, cancel_description: 'settled' });
    expect(updated.id).to.equal(created.id);
    const tags = await sb.client.send(new ListTagsCommand({ ResourceArn: String(created.attributes.arn) }));
    expect(tags.Tags).to.deep.equal({ 'added-by': 'console', case: '43' });
    await legalHoldHandler.delete(ctx, created.id, updated);
    const cancelled = await sb.client.send(new GetLegalHoldCommand({ LegalHoldId: created.id }));
    expect([cancelled.Status, cancelled.CancelDescription]).to.deep.equal(['CANCELED', 'settled']);
    expect(await legalHoldHandler.read(ctx, created.id, updated, await legalHoldHandler.list!(ctx, []))).to.equal(null);
    await legalHoldHandler.delete(ctx, created.id, updated);
  });

  it('legal hold: adopts the one live hold with the title of an interrupted create', async () => {
    const ctx = context(sb.client);
    const desired = legalHoldModel.canonical({ title: 'audit', description: 'd', cancel_description: 'c' });
    const created = await legalHoldHandler.create(ctx, 'legal_hold.audit', desired, hooks('tok'));
    const outcomes = await legalHoldHandler.adopt!(ctx, [
      { address: 'legal_hold.audit', kind: 'legal_hold', provider: 'sandbox', token: 'tok', identity: 'audit', recorded_at: '' },
      { address: 'legal_hold.other', kind: 'legal_hold', provider: 'sandbox', token: 'tok2', identity: 'other', recorded_at: '' },
    ]);
    expect(outcomes.get('legal_hold.audit')).to.include({ outcome: 'found', id: created.id });
    expect(outcomes.get('legal_hold.other')).to.deep.equal({ outcome: 'missing' });
  });

  it('vault: the listing records the active holds on its recovery points, with one ListLegalHolds and one call per hold', async () => {
    const ctx = context(sb.client);
    for (const name of ['main', 'empty']) await sb.client.send(new CreateBackupVaultCommand({ BackupVaultName: name }));
    const efs = await sb.addResource('efs', 'files');
    const job = await sb.client.send(new StartBackupJobCommand({ BackupVaultName: 'main', ResourceArn: efs.arn, IamRoleArn: ROLE_ARN }));
    await sb.advance(HOUR);
    expect((await sb.client.send(new DescribeBackupJobCommand({ BackupJobId: job.BackupJobId }))).State).to.equal('COMPLETED');
    const prior = [
      { id: 'main', attributes: { name: 'main' } as ObjectValue },
      { id: 'empty', attributes: { name: 'empty' } as ObjectValue },
    ];

    ctx.calls.length = 0;
    await backupVaultHandler.list!(ctx, prior);
    expect(ctx.calls).to.deep.equal(['ListBackupVaults', 'ListLegalHolds']);

    const hold = await legalHoldHandler.create(ctx, 'legal_hold.case', legalHoldModel.canonical({ title: 'litigation', description: 'd', recovery_point_selection: { vault_names: ['main'] } }), hooks('t'));
    ctx.calls.length = 0;
    const listing = await backupVaultHandler.list!(ctx, prior);
    expect(ctx.calls).to.deep.equal(['ListBackupVaults', 'ListLegalHolds', 'ListRecoveryPointsByLegalHold']);
    const main = (await backupVaultHandler.read(ctx, 'main', prior[0]!.attributes, listing))!;
    expect(main.legal_holds).to.deep.equal([{ id: hold.id, title: 'litigation' }]);
    expect((await backupVaultHandler.read(ctx, 'empty', prior[1]!.attributes, listing))!.legal_holds).to.equal(undefined);

    // Without recovery points in managed vaults, holds are not read at all.
    ctx.calls.length = 0;
    await backupVaultHandler.list!(ctx, [prior[1]!]);
    expect(ctx.calls).to.deep.equal(['ListBackupVaults']);
  });
});
