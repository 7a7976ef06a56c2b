import { expect } from 'chai';
import {
  CreateTieringConfigurationCommand,
  DeleteTieringConfigurationCommand,
  GetTieringConfigurationCommand,
  ListTagsCommand,
  ListTieringConfigurationsCommand,
  UpdateTieringConfigurationCommand,
  type ResourceSelection,
} from '@aws-sdk/client-backup';
import { rejection, sandboxFixture, type SandboxFixture } from '../fixture.js';

const ALL_S3: ResourceSelection[] = [{ Resources: ['*'], TieringDownSettingsInDays: 60, ResourceType: 'S3' }];

describe('sandbox backup: tiering configurations', () => {
  let sb: SandboxFixture;
  beforeEach(async () => {
    // LimitExceededException is retried by the SDK as throttling: one attempt keeps the test fast.
    sb = await sandboxFixture({ maxAttempts: 1 });
  });
  afterEach(() => sb.cleanup());

  const create = (name: string, vault: string, selection = ALL_S3, token?: string) =>
    sb.client.send(
      new CreateTieringConfigurationCommand({
        TieringConfiguration: { TieringConfigurationName: name, BackupVaultName: vault, ResourceSelection: selection },
        TieringConfigurationTags: { team: 'storage' },
        CreatorRequestId: token,
      }),
    );

  it('creates, reads, updates (a new LastUpdatedTime), lists and deletes', async () => {
    const created = await create('all_vaults', '*', ALL_S3, 'req-1');
    expect(created.TieringConfigurationArn).to.equal('arn:aws:backup:eu-west-1:123456789012:tiering-configuration:all_vaults');
    const read = (await sb.client.send(new GetTieringConfigurationCommand({ TieringConfigurationName: 'all_vaults' }))).TieringConfiguration!;
    expect([read.BackupVaultName, read.CreatorRequestId, read.ResourceSelection]).to.deep.equal(['*', 'req-1', ALL_S3]);
    const bucket: ResourceSelection[] = [{ Resources: ['arn:aws:s3:::logs'], TieringDownSettingsInDays: 365, ResourceType: 'S3' }];
    const updated = await sb.client.send(
      new UpdateTieringConfigurationCommand({ TieringConfigurationName: 'all_vaults', TieringConfiguration: { BackupVaultName: 'main', ResourceSelection: bucket } }),
    );
    expect(updated.LastUpdatedTime!.getTime()).to.be.greaterThan(read.LastUpdatedTime!.getTime());
    const listed = await sb.client.send(new ListTieringConfigurationsCommand({}));
    expect(listed.TieringConfigurations!.map((c) => [c.TieringConfigurationName, c.BackupVaultName])).to.deep.equal([['all_vaults', 'main']]);
    expect((await sb.client.send(new ListTagsCommand({ ResourceArn: created.TieringConfigurationArn }))).Tags).to.deep.equal({ team: 'storage' });
    await sb.client.send(new DeleteTieringConfigurationCommand({ TieringConfigurationName: 'all_vaults' }));
    const gone = await rejection(sb.client.send(new GetTieringConfigurationCommand({ TieringConfigurationName: 'all_vaults' })));
    expect(gone.name).to.equal('ResourceNotFoundException');
  });

  it('answers a retried create with what it made, and refuses a second name or a second configuration for a vault', async () => {
    const first = await create('main_tiering', 'main', ALL_S3, 'req-1');
    expect((await create('main_tiering', 'main', ALL_S3, 'req-1')).TieringConfigurationArn).to.equal(first.TieringConfigurationArn);
    expect((await rejection(create('main_tiering', 'main', ALL_S3, 'req-2'))).name).to.equal('AlreadyExistsException');
    const second = await rejection(create('other_name', 'main'));
    expect(second.name).to.equal('ConflictException');
    expect(second.message).to.include('main_tiering already applies to backup vault main');
  });

  it('validates names, days, resource types and resources as AWS does', async () => {
    expect((await rejection(create('bad-name', '*'))).name).to.equal('InvalidParameterValueException');
    const tooSoon = await rejection(create('soon', '*', [{ Resources: ['*'], TieringDownSettingsInDays: 59, ResourceType: 'S3' }]));
    expect([tooSoon.name, tooSoon.message]).to.deep.equal([
      'InvalidParameterValueException',
      "1 validation error detected: Value '59' at 'tieringConfiguration.resourceSelection.1.member.tieringDownSettingsInDays' failed to satisfy constraint: Member must have value between 60 and 36500",
    ]);
    const ebs = await rejection(create('ebs', '*', [{ Resources: ['*'], TieringDownSettingsInDays: 90, ResourceType: 'EBS' }]));
    expect(ebs.message).to.include('only S3');
    const six = Array.from({ length: 6 }, () => ALL_S3[0]!);
    expect((await rejection(create('six', '*', six))).name).to.equal('LimitExceededException');
    const missing = await rejection(sb.client.send(new UpdateTieringConfigurationCommand({ TieringConfigurationName: 'none', TieringConfiguration: { BackupVaultName: '*', ResourceSelection: ALL_S3 } })));
    expect(missing.name).to.equal('ResourceNotFoundException');
  });
});
