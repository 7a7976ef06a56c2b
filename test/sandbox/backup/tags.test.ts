import { expect } from 'chai';
import {
  CreateBackupPlanCommand,
  CreateBackupVaultCommand,
  DescribeBackupJobCommand,
  ListTagsCommand,
  StartBackupJobCommand,
  TagResourceCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-backup';
import { HOUR, ROLE_ARN, rejection, sandboxFixture, type SandboxFixture } from '../fixture.js';

describe('sandbox backup: tags', () => {
  let sb: SandboxFixture;
  beforeEach(async () => {
    sb = await sandboxFixture();
  });
  afterEach(() => sb.cleanup());

  const tagsOf = async (arn: string) => (await sb.client.send(new ListTagsCommand({ ResourceArn: arn }))).Tags;

  it('tags vaults, plans and recovery points by ARN', async () => {
    const vault = await sb.client.send(new CreateBackupVaultCommand({ BackupVaultName: 'main', BackupVaultTags: { team: 'infra' } }));
    expect(await tagsOf(vault.BackupVaultArn!)).to.deep.equal({ team: 'infra' });
    await sb.client.send(new TagResourceCommand({ ResourceArn: vault.BackupVaultArn, Tags: { env: 'prod', team: 'ops' } }));
    expect(await tagsOf(vault.BackupVaultArn!)).to.deep.equal({ env: 'prod', team: 'ops' });
    await sb.client.send(new UntagResourceCommand({ ResourceArn: vault.BackupVaultArn, TagKeyList: ['team'] }));
    expect(await tagsOf(vault.BackupVaultArn!)).to.deep.equal({ env: 'prod' });

    const plan = await sb.client.send(
      new CreateBackupPlanCommand({ BackupPlan: { BackupPlanName: 'p', Rules: [{ RuleName: 'r', TargetBackupVaultName: 'main' }] }, BackupPlanTags: { a: '1' } }),
    );
    expect(await tagsOf(plan.BackupPlanArn!)).to.deep.equal({ a: '1' });

    const instance = await sb.addResource('ec2-instance', 'web');
    const job = await sb.client.send(
      new StartBackupJobCommand({ BackupVaultName: 'main', ResourceArn: instance.arn, IamRoleArn: ROLE_ARN, RecoveryPointTags: { reason: 'migration' } }),
    );
    await sb.advance(HOUR);
    const done = await sb.client.send(new DescribeBackupJobCommand({ BackupJobId: job.BackupJobId }));
    expect(await tagsOf(done.RecoveryPointArn!)).to.deep.equal({ reason: 'migration' });
  });

  it('refuses unknown ARNs, reserved keys and more than 50 tags', async () => {
    const vault = await sb.client.send(new CreateBackupVaultCommand({ BackupVaultName: 'main' }));
    const missing = await rejection(sb.client.send(new ListTagsCommand({ ResourceArn: 'arn:aws:backup:eu-west-1:123456789012:backup-vault:nope' })));
    expect(missing.name).to.equal('ResourceNotFoundException');
    const reserved = await rejection(sb.client.send(new TagResourceCommand({ ResourceArn: vault.BackupVaultArn, Tags: { 'aws:x': '1' } })));
    expect(reserved.name).to.equal('InvalidParameterValueException');
    const many = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v']));
    const tooMany = await rejection(sb.noRetryClient.send(new TagResourceCommand({ ResourceArn: vault.BackupVaultArn, Tags: many })));
    expect(tooMany.name).to.equal('LimitExceededException');
    expect(await tagsOf(vault.BackupVaultArn!)).to.deep.equal({});
  });
});
