import { expect } from 'chai';
import {
  CreateBackupPlanCommand,
  CreateBackupSelectionCommand,
  CreateBackupVaultCommand,
  DeleteBackupPlanCommand,
  DeleteBackupSelectionCommand,
  GetBackupPlanCommand,
  GetBackupSelectionCommand,
  ListBackupPlansCommand,
  ListBackupPlanVersionsCommand,
  ListBackupSelectionsCommand,
  UpdateBackupPlanCommand,
  type BackupRuleInput,
} from '@aws-sdk/client-backup';
import { ACCOUNT_ID, REGION, ROLE_ARN, rejection, sandboxFixture, START, type SandboxFixture } from '../fixture.js';

const rule = (overrides: Partial<BackupRuleInput> = {}): BackupRuleInput => ({ RuleName: 'daily', TargetBackupVaultName: 'main', ...overrides });

describe('sandbox backup: plans and selections', () => {
  let sb: SandboxFixture;
  beforeEach(async () => {
    sb = await sandboxFixture();
    await sb.client.send(new CreateBackupVaultCommand({ BackupVaultName: 'main' }));
  });
  afterEach(() => sb.cleanup());

  const createPlan = (name = 'plan', rules: BackupRuleInput[] = [rule()], creatorRequestId?: string) =>
    sb.client.send(new CreateBackupPlanCommand({ BackupPlan: { BackupPlanName: name, Rules: rules }, CreatorRequestId: creatorRequestId }));

  it('creates a plan with a lowercase UUID id, an ARN, a base64 VersionId and AWS defaults on its rules', async () => {
    const created = await createPlan();
    expect(created.BackupPlanId).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(created.BackupPlanArn).to.equal(`arn:aws:backup:${REGION}:${ACCOUNT_ID}:backup-plan:${created.BackupPlanId}`);
    expect(Buffer.from(created.VersionId!, 'base64').toString()).to.match(/^[0-9a-f-]{36}$/);
    const got = await sb.client.send(new GetBackupPlanCommand({ BackupPlanId: created.BackupPlanId }));
    const [r] = got.BackupPlan!.Rules!;
    expect(r).to.include({
      RuleName: 'daily',
      ScheduleExpression: 'cron(0 5 ? * * *)',
      ScheduleExpressionTimezone: 'Etc/UTC',
      StartWindowMinutes: 480,
      CompletionWindowMinutes: 10080,
    });
    expect(r!.RuleId).to.match(/^[0-9a-f-]{36}$/);
  });

  it('returns the existing plan for a repeated CreatorRequestId, and refuses an identical document otherwise', async () => {
    const first = await createPlan('plan', [rule()], 'token-1');
    const second = await createPlan('plan', [rule()], 'token-1');
    expect(second.BackupPlanId).to.equal(first.BackupPlanId);
    const error = await rejection(createPlan('plan', [rule()]));
    expect(error.name).to.equal('AlreadyExistsException');
    const list = await sb.client.send(new ListBackupPlansCommand({}));
    expect(list.BackupPlansList).to.have.length(1);
  });

  it('gives every update a new VersionId, keeps old versions readable and keeps rule ids by name', async () => {
    const created = await createPlan();
    const before = await sb.client.send(new GetBackupPlanCommand({ BackupPlanId: created.BackupPlanId }));
    const updated = await sb.client.send(
      new UpdateBackupPlanCommand({
        BackupPlanId: created.BackupPlanId,
        BackupPlan: { BackupPlanName: 'plan', Rules: [rule({ StartWindowMinutes: 60 }), rule({ RuleName: 'weekly', ScheduleExpression: 'cron(0 5 ? * 1 *)' })] },
      }),
    );
    expect(updated.VersionId).to.not.equal(created.VersionId);
    const current = await sb.client.send(new GetBackupPlanCommand({ BackupPlanId: created.BackupPlanId }));
    expect(current.VersionId).to.equal(updated.VersionId);
    expect(current.BackupPlan!.Rules!.map((r) => r.RuleName)).to.deep.equal(['daily', 'weekly']);
    expect(current.BackupPlan!.Rules![0]!.RuleId).to.equal(before.BackupPlan!.Rules![0]!.RuleId);
    const old = await sb.client.send(new GetBackupPlanCommand({ BackupPlanId: created.BackupPlanId, VersionId: created.VersionId }));
    expect(old.BackupPlan!.Rules!.map((r) => r.RuleName)).to.deep.equal(['daily']);
    expect(old.BackupPlan!.Rules![0]!.StartWindowMinutes).to.equal(480);
    const versions = await sb.client.send(new ListBackupPlanVersionsCommand({ BackupPlanId: created.BackupPlanId }));
    expect(versions.BackupPlanVersionsList!.map((v) => v.VersionId)).to.deep.equal([updated.VersionId, created.VersionId]);
    const missing = await rejection(sb.client.send(new GetBackupPlanCommand({ BackupPlanId: created.BackupPlanId, VersionId: 'bm9wZQ==' })));
    expect(missing.name).to.equal('ResourceNotFoundException');
  });

  it('validates rules as AWS does', async () => {
    const cases: [BackupRuleInput, RegExp][] = [
      [rule({ ScheduleExpression: 'rate(1 hour)' }), /rate\(\)/],
      [rule({ ScheduleExpression: 'cron(0/30 * ? * * *)' }), /shouldn't be less than 60 minutes/],
      [rule({ StartWindowMinutes: 30 }), /StartWindowMinutes/],
      [rule({ StartWindowMinutes: 52_560_001 }), /StartWindowMinutes \(52560001\) exceeds its maximum value of 100 years/],
      [
        rule({ Lifecycle: { MoveToColdStorageAfterDays: 30, DeleteAfterDays: 60 } }),
        /^Error in rule daily : Invalid lifecycle\. DeleteAfterDays cannot be less than 90 days apart from MoveToColdStorageAfterDays$/,
      ],
      [rule({ EnableContinuousBackup: true, Lifecycle: { DeleteAfterDays: 36 } }), /35 days/],
      [rule({ EnableContinuousBackup: true, Lifecycle: { MoveToColdStorageAfterDays: 1, DeleteAfterDays: 100 } }), /MoveToColdStorageAfterDays is unavailable/],
      [rule({ ScheduleExpressionTimezone: 'Mars/Olympus' }), /Mars\/Olympus/],
      [rule({ RuleName: 'has space' }), /rule name/],
    ];
    for (const [bad, message] of cases) {
      const error = await rejection(createPlan('plan', [bad]));
      expect(error.name, JSON.stringify(bad)).to.equal('InvalidParameterValueException');
      expect(error.message).to.match(message);
    }
    const duplicate = await rejection(createPlan('plan', [rule(), rule()]));
    expect(duplicate.message).to.contain('Duplicate rule name');
    const noName = await rejection(sb.client.send(new CreateBackupPlanCommand({ BackupPlan: { BackupPlanName: '', Rules: [rule()] } })));
    expect(noName.name).to.equal('MissingParameterValueException');
  });

  it('creates, gets, lists and deletes selections; a plan with selections cannot be deleted', async () => {
    const plan = await createPlan();
    const selection = await sb.client.send(
      new CreateBackupSelectionCommand({
        BackupPlanId: plan.BackupPlanId,
        BackupSelection: {
          SelectionName: 'prod',
          IamRoleArn: ROLE_ARN,
          Resources: ['arn:aws:ec2:*:*:instance/*'],
          ListOfTags: [{ ConditionType: 'STRINGEQUALS', ConditionKey: 'backup', ConditionValue: 'daily' }],
          Conditions: { StringEquals: [{ ConditionKey: 'aws:ResourceTag/env', ConditionValue: 'prod' }] },
        },
      }),
    );
    expect(selection.SelectionId).to.match(/^[0-9a-f-]{36}$/);
    const got = await sb.client.send(new GetBackupSelectionCommand({ BackupPlanId: plan.BackupPlanId, SelectionId: selection.SelectionId }));
    // The plan took the clock's millisecond, so the selection has the next one: Create says the same as Get.
    expect(got.CreationDate!.getTime()).to.equal(selection.CreationDate!.getTime()).and.to.not.equal(START.getTime());
    expect(got.BackupSelection!.Conditions!.StringEquals).to.deep.equal([{ ConditionKey: 'aws:ResourceTag/env', ConditionValue: 'prod' }]);
    const list = await sb.client.send(new ListBackupSelectionsCommand({ BackupPlanId: plan.BackupPlanId }));
    expect(list.BackupSelectionsList!.map((s) => s.SelectionName)).to.deep.equal(['prod']);

    const refused = await rejection(sb.client.send(new DeleteBackupPlanCommand({ BackupPlanId: plan.BackupPlanId })));
    expect(refused.name).to.equal('InvalidRequestException');
    expect(refused.message).to.equal('Related backup plan selections must be deleted prior to backup plan deletion');

    await sb.client.send(new DeleteBackupSelectionCommand({ BackupPlanId: plan.BackupPlanId, SelectionId: selection.SelectionId }));
    const deleted = await sb.client.send(new DeleteBackupPlanCommand({ BackupPlanId: plan.BackupPlanId }));
    expect(deleted.DeletionDate).to.be.instanceOf(Date);
    expect((await sb.client.send(new ListBackupPlansCommand({}))).BackupPlansList).to.have.length(0);
    const withDeleted = await sb.client.send(new ListBackupPlansCommand({ IncludeDeleted: true }));
    expect(withDeleted.BackupPlansList!.map((p) => p.BackupPlanId)).to.deep.equal([plan.BackupPlanId]);
    expect(withDeleted.BackupPlansList![0]!.DeletionDate).to.be.instanceOf(Date);
  });

  it('refuses a selection whose IamRoleArn is not an IAM role ARN', async () => {
    const plan = await createPlan();
    for (const IamRoleArn of ['arn:aws:iam::123456789012:user/bob', 'arn:aws:sts::123456789012:assumed-role/Backup/session', 'arn:aws:iam::123456789012:role/', 'arn:x']) {
      const refused = await rejection(
        sb.client.send(new CreateBackupSelectionCommand({ BackupPlanId: plan.BackupPlanId, BackupSelection: { SelectionName: 's', IamRoleArn, Resources: ['*'] } })),
      );
      expect(refused.name, IamRoleArn).to.equal('InvalidParameterValueException');
    }
    expect((await sb.client.send(new ListBackupSelectionsCommand({ BackupPlanId: plan.BackupPlanId }))).BackupSelectionsList).to.deep.equal([]);
  });

  it('validates selections: wildcard placement, ConditionType, and the 100-selection quota', async () => {
    const plan = await createPlan();
    const wildcard = await rejection(
      sb.client.send(
        new CreateBackupSelectionCommand({
          BackupPlanId: plan.BackupPlanId,
          BackupSelection: { SelectionName: 's', IamRoleArn: ROLE_ARN, Resources: ['arn:aws:ec2:*:*:instance/i-*abc'] },
        }),
      ),
    );
    expect(wildcard.name).to.equal('InvalidParameterValueException');
    // The same rule as bkp validate (domain/arn.ts): a wildcard service is refused, a prefix that
    // stops before the resource part is not.
    const service = await rejection(
      sb.client.send(
        new CreateBackupSelectionCommand({
          BackupPlanId: plan.BackupPlanId,
          BackupSelection: { SelectionName: 's', IamRoleArn: ROLE_ARN, NotResources: ['arn:aws:*:eu-west-1:123456789012:instance/i-1'] },
        }),
      ),
    );
    expect(service.message).to.include('its service "*"');
    await sb.client.send(
      new CreateBackupSelectionCommand({ BackupPlanId: plan.BackupPlanId, BackupSelection: { SelectionName: 'rds', IamRoleArn: ROLE_ARN, Resources: ['arn:aws:rds:*'] } }),
    );
    const badType = await rejection(
      sb.client.send(
        new CreateBackupSelectionCommand({
          BackupPlanId: plan.BackupPlanId,
          BackupSelection: { SelectionName: 's', IamRoleArn: ROLE_ARN, ListOfTags: [{ ConditionType: 'STRINGLIKE' as never, ConditionKey: 'a', ConditionValue: 'b' }] },
        }),
      ),
    );
    expect(badType.name).to.equal('InvalidParameterValueException');
    // Conditions alone (or nothing) do not make a selection: AWS wants Resources or ListOfTags.
    const byConditionsOnly = await rejection(
      sb.noRetryClient.send(
        new CreateBackupSelectionCommand({
          BackupPlanId: plan.BackupPlanId,
          BackupSelection: { SelectionName: 'c', IamRoleArn: ROLE_ARN, Conditions: { StringEquals: [{ ConditionKey: 'aws:ResourceTag/env', ConditionValue: 'prod' }] } },
        }),
      ),
    );
    expect(byConditionsOnly.name).to.equal('InvalidParameterValueException');
    expect(byConditionsOnly.message).to.equal("Invalid backup selection. Either 'ListOfTags' or 'Resources' section must be non-empty.");
    for (let i = 1; i < 100; i++) {
      await sb.client.send(
        new CreateBackupSelectionCommand({ BackupPlanId: plan.BackupPlanId, BackupSelection: { SelectionName: `s${i}`, IamRoleArn: ROLE_ARN, Resources: ['*'] } }),
      );
    }
    const quota = await rejection(
      sb.noRetryClient.send(new CreateBackupSelectionCommand({ BackupPlanId: plan.BackupPlanId, BackupSelection: { SelectionName: 'one-more', IamRoleArn: ROLE_ARN, Resources: ['*'] } })),
    );
    expect(quota.name).to.equal('LimitExceededException');
    const page = await sb.client.send(new ListBackupSelectionsCommand({ BackupPlanId: plan.BackupPlanId, MaxResults: 30 }));
    expect(page.BackupSelectionsList).to.have.length(30);
    expect(page.NextToken).to.be.a('string');
  });

  it('answers ResourceNotFoundException for a plan that does not exist', async () => {
    const error = await rejection(sb.client.send(new GetBackupPlanCommand({ BackupPlanId: '00000000-0000-4000-8000-000000000000' })));
    expect(error.name).to.equal('ResourceNotFoundException');
    expect(error.$metadata?.httpStatusCode).to.equal(400);
  });
});
