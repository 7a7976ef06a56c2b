// Restore testing plans and selections in the sandbox, through the real BackupClient: the ten
// operations, AWS's validation, errors and pagination.
import { expect } from 'chai';
import {
  CreateRestoreTestingPlanCommand,
  CreateRestoreTestingSelectionCommand,
  DeleteRestoreTestingPlanCommand,
  DeleteRestoreTestingSelectionCommand,
  GetRestoreTestingPlanCommand,
  GetRestoreTestingSelectionCommand,
  ListRestoreTestingPlansCommand,
  ListRestoreTestingSelectionsCommand,
  ListTagsCommand,
  UpdateRestoreTestingPlanCommand,
  UpdateRestoreTestingSelectionCommand,
  type RestoreTestingRecoveryPointSelection,
} from '@aws-sdk/client-backup';
import { ROLE_ARN, rejection, sandboxFixture, type SandboxFixture } from '../fixture.js';

const SELECTION: RestoreTestingRecoveryPointSelection = { Algorithm: 'LATEST_WITHIN_WINDOW', IncludeVaults: ['*'], RecoveryPointTypes: ['SNAPSHOT'] };
const DB = 'arn:aws:rds:eu-west-1:123456789012:db:orders';

describe('sandbox backup: restore testing plans and selections', () => {
  let sb: SandboxFixture;
  beforeEach(async () => {
    sb = await sandboxFixture({ maxAttempts: 1 });
  });
  afterEach(() => sb.cleanup());

  const createPlan = (name: string, token?: string) =>
    sb.client.send(
      new CreateRestoreTestingPlanCommand({
        RestoreTestingPlan: { RestoreTestingPlanName: name, ScheduleExpression: 'cron(0 5 ? * SUN *)', RecoveryPointSelection: SELECTION },
        Tags: { team: 'infra' },
        CreatorRequestId: token,
      }),
    );
  const createSelection = (plan: string, name: string, extra: Record<string, unknown> = { ProtectedResourceArns: ['*'] }, token?: string) =>
    sb.client.send(
      new CreateRestoreTestingSelectionCommand({
        RestoreTestingPlanName: plan,
        CreatorRequestId: token,
        RestoreTestingSelection: { RestoreTestingSelectionName: name, ProtectedResourceType: 'RDS', IamRoleArn: ROLE_ARN, ...extra },
      }),
    );

  it('creates a plan with AWS defaults, answers a retried create with the same plan, updates in place and lists', async () => {
    const created = await createPlan('weekly', 'req-1');
    expect(created.RestoreTestingPlanArn).to.match(/^arn:aws:backup:eu-west-1:123456789012:restore-testing-plan:weekly-[0-9a-f-]{36}$/);
    expect((await createPlan('weekly', 'req-1')).RestoreTestingPlanArn).to.equal(created.RestoreTestingPlanArn);
    expect((await rejection(createPlan('weekly', 'req-2'))).name).to.equal('AlreadyExistsException');
    const read = (await sb.client.send(new GetRestoreTestingPlanCommand({ RestoreTestingPlanName: 'weekly' }))).RestoreTestingPlan!;
    expect([read.StartWindowHours, read.RecoveryPointSelection, read.CreatorRequestId, read.LastUpdateTime]).to.deep.equal([
      24,
      { ...SELECTION, ExcludeVaults: [], SelectionWindowDays: 30 },
      'req-1',
      undefined,
    ]);
    const tags = await sb.client.send(new ListTagsCommand({ ResourceArn: created.RestoreTestingPlanArn }));
    expect(tags.Tags).to.deep.equal({ team: 'infra' });

    const updated = await sb.client.send(new UpdateRestoreTestingPlanCommand({ RestoreTestingPlanName: 'weekly', RestoreTestingPlan: { StartWindowHours: 4, ScheduleExpressionTimezone: 'Europe/Paris' } }));
    const after = (await sb.client.send(new GetRestoreTestingPlanCommand({ RestoreTestingPlanName: 'weekly' }))).RestoreTestingPlan!;
    // Members left out keep their value; the update has a LastUpdateTime, the reply's UpdateTime.
    expect([after.StartWindowHours, after.ScheduleExpressionTimezone, after.ScheduleExpression, after.LastUpdateTime]).to.deep.equal([4, 'Europe/Paris', 'cron(0 5 ? * SUN *)', updated.UpdateTime]);

    for (const name of ['daily', 'monthly']) await createPlan(name);
    const first = await sb.client.send(new ListRestoreTestingPlansCommand({ MaxResults: 2 }));
    const second = await sb.client.send(new ListRestoreTestingPlansCommand({ MaxResults: 2, NextToken: first.NextToken }));
    expect([...first.RestoreTestingPlans!, ...second.RestoreTestingPlans!].map((p) => p.RestoreTestingPlanName)).to.deep.equal(['daily', 'monthly', 'weekly']);
    expect(second.NextToken).to.equal(undefined);
    expect(second.RestoreTestingPlans![0]!.StartWindowHours).to.equal(4);
  });

  it('refuses what AWS refuses, with AWS\'s error names', async () => {
    const bad = (plan: Record<string, unknown>) =>
      rejection(sb.client.send(new CreateRestoreTestingPlanCommand({ RestoreTestingPlan: { RestoreTestingPlanName: 'p', ScheduleExpression: 'cron(0 5 ? * * *)', RecoveryPointSelection: SELECTION, ...plan } as never })));
    const names = await Promise.all([
      bad({ RestoreTestingPlanName: 'with-hyphen' }),
      bad({ ScheduleExpression: 'cron(0 5 * * * *)' }),
      bad({ ScheduleExpressionTimezone: 'Mars/Olympus' }),
      bad({ StartWindowHours: 169 }),
      bad({ RecoveryPointSelection: { ...SELECTION, SelectionWindowDays: 0 } }),
      bad({ RecoveryPointSelection: { ...SELECTION, IncludeVaults: ['main'] } }),
      bad({ RecoveryPointSelection: { ...SELECTION, RecoveryPointTypes: [] } }),
      bad({ RecoveryPointSelection: { ...SELECTION, Algorithm: 'OLDEST' } }),
    ]);
    expect(names.map((e) => e.name)).to.deep.equal([
      'InvalidParameterValueException',
      'InvalidParameterValueException',
      'InvalidParameterValueException',
      'InvalidParameterValueException',
      'InvalidParameterValueException',
      'InvalidParameterValueException',
      'MissingParameterValueException',
      'InvalidParameterValueException',
    ]);
    expect((await rejection(sb.client.send(new GetRestoreTestingPlanCommand({ RestoreTestingPlanName: 'nope' })))).name).to.equal('ResourceNotFoundException');
    expect((await rejection(createSelection('nope', 'dbs'))).name).to.equal('ResourceNotFoundException');
  });

  it('keeps selections per plan: ARNs or ["*"] with conditions, updates, lists, and refuses deleting a plan that has some', async () => {
    await createPlan('weekly');
    await createSelection('weekly', 'dbs', { ProtectedResourceArns: [DB], ValidationWindowHours: 2 }, 'sel-1');
    expect((await createSelection('weekly', 'dbs', { ProtectedResourceArns: [DB] }, 'sel-1')).RestoreTestingSelectionName).to.equal('dbs');
    await createSelection('weekly', 'tagged', { ProtectedResourceArns: ['*'], ProtectedResourceConditions: { StringEquals: [{ Key: 'aws:ResourceTag/env', Value: 'prod' }] } });
    const refused = await Promise.all([
      createSelection('weekly', 'dbs', { ProtectedResourceArns: [DB] }, 'other'),
      createSelection('weekly', 'both', { ProtectedResourceArns: [DB], ProtectedResourceConditions: { StringEquals: [{ Key: 'aws:ResourceTag/env', Value: 'prod' }] } }),
      createSelection('weekly', 'none', {}),
      createSelection('weekly', 'mixed', { ProtectedResourceArns: ['*', DB] }),
      createSelection('weekly', 'many', { ProtectedResourceArns: Array.from({ length: 31 }, (_, i) => `${DB}${i}`) }),
      createSelection('weekly', 'window', { ProtectedResourceArns: ['*'], ValidationWindowHours: 169 }),
      createSelection('weekly', 'typed', { ProtectedResourceArns: ['*'], ProtectedResourceType: 'Redshift' }),
    ].map(rejection));
    expect(refused.map((e) => e.name)).to.deep.equal([
      'AlreadyExistsException',
      'InvalidParameterValueException',
      'MissingParameterValueException',
      'InvalidParameterValueException',
      'InvalidParameterValueException',
      'InvalidParameterValueException',
      'InvalidParameterValueException',
    ]);

    const get = async (name: string) => (await sb.client.send(new GetRestoreTestingSelectionCommand({ RestoreTestingPlanName: 'weekly', RestoreTestingSelectionName: name }))).RestoreTestingSelection!;
    const dbs = await get('dbs');
    expect([dbs.ProtectedResourceArns, dbs.ProtectedResourceConditions, dbs.ValidationWindowHours, dbs.CreatorRequestId]).to.deep.equal([[DB], { StringEquals: [], StringNotEquals: [] }, 2, 'sel-1']);

    // From specific ARNs to ["*"] with conditions; the validation window is kept.
    const update = await sb.client.send(
      new UpdateRestoreTestingSelectionCommand({
        RestoreTestingPlanName: 'weekly',
        RestoreTestingSelectionName: 'dbs',
        RestoreTestingSelection: { ProtectedResourceArns: ['*'], ProtectedResourceConditions: { StringNotEquals: [{ Key: 'aws:ResourceTag/tier', Value: 'scratch' }] }, RestoreMetadataOverrides: { dbname: 'x' } },
      }),
    );
    expect(update.UpdateTime).to.be.instanceOf(Date);
    const moved = await get('dbs');
    expect([moved.ProtectedResourceArns, moved.ProtectedResourceConditions?.StringNotEquals, moved.ValidationWindowHours, moved.RestoreMetadataOverrides]).to.deep.equal([
      ['*'],
      [{ Key: 'aws:ResourceTag/tier', Value: 'scratch' }],
      2,
      { dbname: 'x' },
    ]);

    const first = await sb.client.send(new ListRestoreTestingSelectionsCommand({ RestoreTestingPlanName: 'weekly', MaxResults: 1 }));
    const second = await sb.client.send(new ListRestoreTestingSelectionsCommand({ RestoreTestingPlanName: 'weekly', MaxResults: 1, NextToken: first.NextToken }));
    expect([...first.RestoreTestingSelections!, ...second.RestoreTestingSelections!].map((s) => s.RestoreTestingSelectionName)).to.deep.equal(['dbs', 'tagged']);

    expect((await rejection(sb.client.send(new DeleteRestoreTestingPlanCommand({ RestoreTestingPlanName: 'weekly' })))).name).to.equal('InvalidRequestException');
    for (const name of ['dbs', 'tagged']) await sb.client.send(new DeleteRestoreTestingSelectionCommand({ RestoreTestingPlanName: 'weekly', RestoreTestingSelectionName: name }));
    expect((await rejection(get('dbs'))).name).to.equal('ResourceNotFoundException');
    await sb.client.send(new DeleteRestoreTestingPlanCommand({ RestoreTestingPlanName: 'weekly' }));
    expect((await sb.client.send(new ListRestoreTestingPlansCommand({}))).RestoreTestingPlans).to.deep.equal([]);
  });
});
