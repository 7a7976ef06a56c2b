import { expect } from 'chai';
import { CreateBackupVaultCommand, CreateLogicallyAirGappedBackupVaultCommand, StartBackupJobCommand, TagResourceCommand } from '@aws-sdk/client-backup';
import type { ObjectValue } from '../../../src/core/values.js';
import type { HandlerContext } from '../../../src/resources/handler.js';
import { logicallyAirGappedVaultHandler as handler } from '../../../src/resources/logically-air-gapped-vault/handler.js';
import { ACCOUNT_ID, HOUR, REGION, ROLE_ARN, rejection, sandboxFixture, type SandboxFixture } from '../../sandbox/fixture.js';

const ARN = `arn:aws:backup:${REGION}:${ACCOUNT_ID}:backup-vault:airgap`;

describe('resources/logically-air-gapped-vault/handler (in-process sandbox)', () => {
  let sb: SandboxFixture;
  let ctx: HandlerContext;
  beforeEach(async () => {
    sb = await sandboxFixture();
    ctx = {
      backup: sb.client,
      lineage: 'test-lineage',
      settings: {},
      tagging: () => Promise.reject(new Error('no bulk tags in this test')),
      limit: (call) => call(),
    } as HandlerContext;
  });
  afterEach(() => sb.cleanup());

  const desired: ObjectValue = { name: 'airgap', min_retention_days: 7, max_retention_days: 35, tags: { team: 'infra' } };

  async function create(attributes: ObjectValue = desired, token = 'bkp-token-1') {
    const recorded: ObjectValue[] = [];
    const result = await handler.create(ctx, 'logically_air_gapped_vault.vault', attributes, {
      token,
      created: async (_id, a) => void recorded.push(a),
    });
    return { result, recorded };
  }

  it('creates with the intent token and records the vault before reading it back', async () => {
    const { result, recorded } = await create();
    expect(recorded.map((a) => a.arn)).to.deep.equal([ARN]);
    expect(result.id).to.equal('airgap');
    expect(result.attributes).to.deep.equal({
      name: 'airgap',
      tags: { team: 'infra' },
      arn: ARN,
      vault_type: 'LOGICALLY_AIR_GAPPED_BACKUP_VAULT',
      vault_state: 'AVAILABLE',
      recovery_points: 0,
      min_retention_days: 7,
      max_retention_days: 35,
    });
  });

  it('lists air-gapped vaults only, in one listing, and reads from it', async () => {
    await create();
    await sb.client.send(new CreateBackupVaultCommand({ BackupVaultName: 'standard' }));
    const listing = await handler.list!(ctx, []);
    expect([...listing.keys()]).to.deep.equal(['airgap']);
    const read = await handler.read(ctx, 'airgap', {}, listing);
    expect(read).to.deep.include({ name: 'airgap', min_retention_days: 7, max_retention_days: 35, tags: { team: 'infra' } });
    expect(await handler.read(ctx, 'gone', {}, listing)).to.equal(null);
  });

  it('reads nothing for a standard vault of that name (it is not an air-gapped vault)', async () => {
    await sb.client.send(new CreateBackupVaultCommand({ BackupVaultName: 'standard' }));
    expect(await handler.read(ctx, 'standard', {})).to.equal(null);
    expect(await handler.read(ctx, 'missing', {})).to.equal(null);
  });

  it('reports a customer managed key, not the AWS-owned one', async () => {
    const key = `arn:aws:kms:${REGION}:${ACCOUNT_ID}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
    const { result } = await create({ ...desired, kms_key_arn: key });
    expect(result.attributes.kms_key_arn).to.equal(key);
  });

  it('updates managed tags only, leaving a tag someone else added', async () => {
    const { result } = await create();
    await sb.client.send(new TagResourceCommand({ ResourceArn: ARN, Tags: { owner: 'security' } }));
    const after = await handler.update(ctx, 'airgap', result.attributes, { ...desired, tags: { env: 'prod' } });
    expect(after.tags).to.deep.equal({ env: 'prod' });
    const read = await handler.read(ctx, 'airgap', {});
    expect(read!.tags).to.deep.equal({ env: 'prod', owner: 'security' });
  });

  it('adopts the vault an interrupted create made, and not one another request made', async () => {
    await create(desired, 'bkp-token-1');
    const intent = { address: 'logically_air_gapped_vault.vault', kind: 'logically_air_gapped_vault', provider: 'sandbox', identity: 'airgap', recorded_at: '' };
    const found = await handler.adopt!(ctx, [{ ...intent, token: 'bkp-token-1' }]);
    expect(found.get(intent.address)).to.deep.include({ outcome: 'found', id: 'airgap' });
    const conflict = await handler.adopt!(ctx, [{ ...intent, token: 'bkp-token-2' }]);
    expect(conflict.get(intent.address)!.outcome).to.equal('conflict');
    const missing = await handler.adopt!(ctx, [{ ...intent, identity: 'other', token: 'bkp-token-3' }]);
    expect(missing.get(intent.address)).to.deep.equal({ outcome: 'missing' });
  });

  it('deletes an empty vault (and a vault already gone); AWS refuses one that holds recovery points', async () => {
    await create();
    await sb.client.send(new CreateLogicallyAirGappedBackupVaultCommand({ BackupVaultName: 'full', MinRetentionDays: 7, MaxRetentionDays: 35 }));
    const instance = await sb.addResource('ec2-instance', 'web', { sizeGiB: 8 });
    await sb.client.send(new StartBackupJobCommand({ BackupVaultName: 'full', ResourceArn: instance.arn, IamRoleArn: ROLE_ARN, Lifecycle: { DeleteAfterDays: 7 } }));
    await sb.advance(2 * HOUR);
    expect((await handler.read(ctx, 'full', {}))!.recovery_points).to.equal(1);

    await handler.delete(ctx, 'airgap', {});
    await handler.delete(ctx, 'airgap', {});
    expect(await handler.read(ctx, 'airgap', {})).to.equal(null);
    const refused = await rejection(handler.delete(ctx, 'full', {}));
    expect(refused.name).to.equal('InvalidRequestException');
  });
});
