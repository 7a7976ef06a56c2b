import { expect } from 'chai';
import {
  CreateBackupPlanCommand,
  CreateBackupSelectionCommand,
  CreateBackupVaultCommand,
  DeleteBackupPlanCommand,
  DeleteBackupSelectionCommand,
  ListBackupJobsCommand,
  UpdateBackupPlanCommand,
  type BackupSelection,
} from '@aws-sdk/client-backup';
import { DAY, HOUR, MINUTE, ROLE_ARN, sandboxFixture, START, type SandboxFixture } from '../fixture.js';

describe('sandbox backup: scheduled rules', () => {
  let sb: SandboxFixture;
  beforeEach(async () => {
    sb = await sandboxFixture();
    await sb.client.send(new CreateBackupVaultCommand({ BackupVaultName: 'main' }));
  });
  afterEach(() => sb.cleanup());

  async function planWith(selection: Omit<BackupSelection, 'SelectionName' | 'IamRoleArn'>, rule: Record<string, unknown> = {}) {
    const plan = await sb.client.send(
      new CreateBackupPlanCommand({
        BackupPlan: { BackupPlanName: 'p', Rules: [{ RuleName: 'r', TargetBackupVaultName: 'main', ...rule }] },
      }),
    );
    const created = await sb.client.send(
      new CreateBackupSelectionCommand({ BackupPlanId: plan.BackupPlanId, BackupSelection: { SelectionName: 's', IamRoleArn: ROLE_ARN, ...selection } }),
    );
    return { planId: plan.BackupPlanId!, versionId: plan.VersionId!, selectionId: created.SelectionId! };
  }

  const jobs = async () => (await sb.client.send(new ListBackupJobsCommand({}))).BackupJobs ?? [];

  it('creates one job per matching resource per cron tick, in the rule time zone, with StartBy = tick + start window', async () => {
    const web = await sb.addResource('ec2-instance', 'web', { tags: { env: 'prod' } });
    await sb.addResource('ec2-instance', 'dev', { tags: { env: 'dev' } });
    const { planId, versionId } = await planWith(
      { Resources: ['arn:aws:ec2:*:*:instance/*'], Conditions: { StringEquals: [{ ConditionKey: 'aws:ResourceTag/env', ConditionValue: 'prod' }] } },
      { ScheduleExpression: 'cron(0 5 ? * * *)', ScheduleExpressionTimezone: 'Europe/Paris', StartWindowMinutes: 60 },
    );
    await sb.advance(3 * HOUR + 59 * MINUTE);
    expect(await jobs()).to.have.length(0);
    await sb.advance(2 * MINUTE);
    const [job, ...others] = await jobs();
    expect(others).to.have.length(0);
    // 05:00 in Paris is 04:00 UTC in January.
    expect(job!.CreationDate!.getTime()).to.equal(START.getTime() + 4 * HOUR);
    expect(job!.StartBy!.getTime()).to.equal(START.getTime() + 5 * HOUR);
    expect(job!.ResourceArn).to.equal(web.arn);
    expect(job!.CreatedBy).to.deep.include({ BackupPlanId: planId, BackupPlanVersion: versionId });
    expect(job!.CreatedBy!.BackupRuleId).to.match(/^[0-9a-f-]{36}$/);
    await sb.advance(3 * DAY + HOUR);
    const all = await jobs();
    expect(all).to.have.length(4);
    expect(all.every((j) => j.State === 'COMPLETED')).to.equal(true);
  });

  it('matches selections by ARN patterns, NotResources, ListOfTags (OR) and conditions (AND)', async () => {
    const a = await sb.addResource('ec2-instance', 'a', { tags: { team: 'blue', app: 'web-1' } });
    // b fails the StringLike condition, c (tagged) too, d matches nothing, e is excluded, far is in another region.
    await sb.addResource('ec2-instance', 'b', { tags: { team: 'blue', app: 'batch' } });
    await sb.addResource('ebs-volume', 'c', { tags: { backup: 'yes' } });
    await sb.addResource('ebs-volume', 'd', { tags: {} });
    const e = await sb.addResource('rds-instance', 'e', { tags: { team: 'blue', app: 'web-2' } });
    await sb.addResource('ec2-instance', 'far', { region: 'us-west-2', tags: { team: 'blue', app: 'web-9' } });
    await planWith({
      Resources: ['arn:aws:ec2:*:*:instance/*', 'arn:aws:rds:*'],
      ListOfTags: [{ ConditionType: 'STRINGEQUALS', ConditionKey: 'aws:ResourceTag/backup', ConditionValue: 'yes' }],
      NotResources: [e.arn],
      Conditions: { StringLike: [{ ConditionKey: 'aws:ResourceTag/app', ConditionValue: 'web-*' }] },
    });
    await sb.advance(6 * HOUR);
    expect((await jobs()).map((j) => j.ResourceArn)).to.deep.equal([a.arn]);
  });

  it('backs up every resource of the region for Resources ["*"]; ListOfTags ORs with Resources', async () => {
    const a = await sb.addResource('ec2-instance', 'a');
    const c = await sb.addResource('ebs-volume', 'c', { tags: { backup: 'yes' } });
    const f = await sb.addResource('efs', 'f');
    const { planId, selectionId } = await planWith({ Resources: ['*'] });
    await sb.advance(6 * HOUR);
    expect((await jobs()).map((j) => j.ResourceArn).sort()).to.deep.equal([a.arn, c.arn, f.arn].sort());
    await sb.client.send(new DeleteBackupSelectionCommand({ BackupPlanId: planId, SelectionId: selectionId }));
    await sb.client.send(
      new CreateBackupSelectionCommand({
        BackupPlanId: planId,
        BackupSelection: {
          SelectionName: 'or',
          IamRoleArn: ROLE_ARN,
          Resources: [a.arn],
          ListOfTags: [{ ConditionType: 'STRINGEQUALS', ConditionKey: 'backup', ConditionValue: 'yes' }],
        },
      }),
    );
    await sb.advance(DAY);
    const second = (await jobs()).filter((j) => j.CreationDate!.getTime() > START.getTime() + DAY);
    expect(second.map((j) => j.ResourceArn).sort()).to.deep.equal([a.arn, c.arn].sort());
  });

  it('follows plan updates and stops after the plan is deleted', async () => {
    await sb.addResource('ec2-instance', 'a');
    const { planId, selectionId } = await planWith({ Resources: ['*'] });
    await sb.client.send(
      new UpdateBackupPlanCommand({
        BackupPlanId: planId,
        BackupPlan: { BackupPlanName: 'p', Rules: [{ RuleName: 'r', TargetBackupVaultName: 'main', ScheduleExpression: 'cron(0 */12 ? * * *)' }] },
      }),
    );
    // Ticks at 12:00 and at midnight; the creation instant itself is not a tick.
    await sb.advance(DAY + MINUTE);
    expect(await jobs()).to.have.length(2);
    await sb.client.send(new DeleteBackupSelectionCommand({ BackupPlanId: planId, SelectionId: selectionId }));
    await sb.client.send(new DeleteBackupPlanCommand({ BackupPlanId: planId }));
    await sb.advance(3 * DAY);
    expect(await jobs()).to.have.length(2);
  });
});
