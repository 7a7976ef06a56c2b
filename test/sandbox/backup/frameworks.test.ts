import { expect } from 'chai';
import {
  CreateFrameworkCommand,
  CreateReportPlanCommand,
  DeleteFrameworkCommand,
  DeleteReportPlanCommand,
  DescribeFrameworkCommand,
  DescribeReportPlanCommand,
  ListFrameworksCommand,
  ListReportPlansCommand,
  ListTagsCommand,
  UpdateFrameworkCommand,
  UpdateReportPlanCommand,
  type FrameworkControl,
} from '@aws-sdk/client-backup';
import { rejection, sandboxFixture, type SandboxFixture } from '../fixture.js';

const RETENTION: FrameworkControl = {
  ControlName: 'BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK',
  ControlInputParameters: [{ ParameterName: 'requiredRetentionDays', ParameterValue: '35' }],
};
const PROTECTED: FrameworkControl = { ControlName: 'BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN', ControlScope: { ComplianceResourceTypes: ['EC2'], Tags: { env: 'prod' } } };

describe('sandbox backup: Audit Manager frameworks and report plans', () => {
  let sb: SandboxFixture;
  beforeEach(async () => {
    // LimitExceededException is retried by the SDK as throttling: one attempt keeps the test fast.
    sb = await sandboxFixture({ maxAttempts: 1 });
  });
  afterEach(() => sb.cleanup());

  const createFramework = (name: string, controls = [RETENTION], token?: string) =>
    sb.client.send(new CreateFrameworkCommand({ FrameworkName: name, FrameworkDescription: 'audit', FrameworkControls: controls, FrameworkTags: { team: 'sec' }, IdempotencyToken: token }));

  it('creates, describes, updates, lists and deletes a framework', async () => {
    const created = await createFramework('company', [RETENTION, PROTECTED], 'tok-1');
    expect(created.FrameworkArn).to.match(/^arn:aws:backup:eu-west-1:123456789012:framework:company-[0-9a-f-]{36}$/);
    const again = await createFramework('company', [RETENTION], 'tok-1');
    expect(again.FrameworkArn, 'a retried request answers with what it made').to.equal(created.FrameworkArn);
    const read = await sb.client.send(new DescribeFrameworkCommand({ FrameworkName: 'company' }));
    expect([read.FrameworkDescription, read.DeploymentStatus, read.FrameworkStatus, read.IdempotencyToken]).to.deep.equal(['audit', 'COMPLETED', 'ACTIVE', 'tok-1']);
    expect(read.FrameworkControls).to.deep.equal([RETENTION, PROTECTED]);
    expect((await sb.client.send(new ListTagsCommand({ ResourceArn: created.FrameworkArn }))).Tags).to.deep.equal({ team: 'sec' });
    await sb.client.send(new UpdateFrameworkCommand({ FrameworkName: 'company', FrameworkControls: [PROTECTED] }));
    const updated = await sb.client.send(new DescribeFrameworkCommand({ FrameworkName: 'company' }));
    expect([updated.FrameworkControls, updated.FrameworkDescription], 'a description left out stays').to.deep.equal([[PROTECTED], 'audit']);
    const listed = await sb.client.send(new ListFrameworksCommand({}));
    expect(listed.Frameworks!.map((f) => [f.FrameworkName, f.NumberOfControls])).to.deep.equal([['company', 1]]);
    await sb.client.send(new DeleteFrameworkCommand({ FrameworkName: 'company' }));
    expect((await rejection(sb.client.send(new DescribeFrameworkCommand({ FrameworkName: 'company' })))).name).to.equal('ResourceNotFoundException');
  });

  it('refuses what Audit Manager refuses', async () => {
    const codes = async (p: Promise<unknown>) => {
      const e = await rejection(p);
      return `${e.name}: ${e.message}`;
    };
    expect(await codes(createFramework('1bad'))).to.match(/^InvalidParameterValueException: .*regular expression/);
    expect(await codes(createFramework('x', [{ ControlName: 'NOT_A_CONTROL' }]))).to.match(/^InvalidParameterValueException: Invalid control name/);
    expect(await codes(createFramework('x', [RETENTION, RETENTION]))).to.match(/more than once/);
    expect(await codes(createFramework('x', [{ ControlName: RETENTION.ControlName, ControlInputParameters: [{ ParameterName: 'crossRegionList', ParameterValue: 'us-east-1' }] }]))).to.match(
      /Invalid input parameter crossRegionList/,
    );
    expect(await codes(createFramework('x', [{ ControlName: RETENTION.ControlName, ControlInputParameters: [{ ParameterName: 'requiredRetentionDays', ParameterValue: 'many' }] }]))).to.match(
      /whole number/,
    );
    expect(await codes(createFramework('x', []))).to.match(/at least one control/);
    await createFramework('taken');
    expect(await codes(createFramework('taken'))).to.match(/^AlreadyExistsException/);
    for (let i = 1; i < 10; i++) await createFramework(`f${i}`);
    expect(await codes(createFramework('eleventh'))).to.match(/^LimitExceededException: .*at most 10 frameworks/);
  });

  it('pages ListFrameworks with MaxResults and NextToken', async () => {
    for (const name of ['a', 'b', 'c']) await createFramework(name);
    const first = await sb.client.send(new ListFrameworksCommand({ MaxResults: 2 }));
    expect(first.Frameworks!.map((f) => f.FrameworkName)).to.deep.equal(['a', 'b']);
    const second = await sb.client.send(new ListFrameworksCommand({ MaxResults: 2, NextToken: first.NextToken }));
    expect([second.Frameworks!.map((f) => f.FrameworkName), second.NextToken]).to.deep.equal([['c'], undefined]);
  });

  it('keeps report plans with AWS rules per template', async () => {
    const framework = (await createFramework('company')).FrameworkArn!;
    const channel = { S3BucketName: 'reports', S3KeyPrefix: 'backup' };
    const created = await sb.client.send(
      new CreateReportPlanCommand({ ReportPlanName: 'compliance', ReportDeliveryChannel: channel, ReportSetting: { ReportTemplate: 'CONTROL_COMPLIANCE_REPORT', FrameworkArns: [framework] }, ReportPlanTags: { team: 'sec' } }),
    );
    expect(created.ReportPlanArn).to.match(/:report-plan:compliance-/);
    const plan = (await sb.client.send(new DescribeReportPlanCommand({ ReportPlanName: 'compliance' }))).ReportPlan!;
    expect(plan.ReportDeliveryChannel, 'CSV when no format is given').to.deep.equal({ ...channel, Formats: ['CSV'] });
    expect(plan.ReportSetting).to.deep.equal({ ReportTemplate: 'CONTROL_COMPLIANCE_REPORT', FrameworkArns: [framework], NumberOfFrameworks: 1 });
    await sb.client.send(new UpdateReportPlanCommand({ ReportPlanName: 'compliance', ReportSetting: { ReportTemplate: 'BACKUP_JOB_REPORT', Regions: ['*'] } }));
    const listed = await sb.client.send(new ListReportPlansCommand({}));
    expect(listed.ReportPlans!.map((p) => [p.ReportPlanName, p.ReportSetting!.ReportTemplate, p.ReportSetting!.Regions])).to.deep.equal([['compliance', 'BACKUP_JOB_REPORT', ['*']]]);
    const refuse = async (setting: object) =>
      (await rejection(sb.client.send(new CreateReportPlanCommand({ ReportPlanName: 'other', ReportDeliveryChannel: channel, ReportSetting: setting as never })))).message;
    expect(await refuse({ ReportTemplate: 'RESTORE_TESTING_REPORT' })).to.match(/Invalid report template/);
    expect(await refuse({ ReportTemplate: 'RESOURCE_COMPLIANCE_REPORT' })).to.match(/needs FrameworkArns/);
    expect(await refuse({ ReportTemplate: 'BACKUP_JOB_REPORT', FrameworkArns: [framework] })).to.match(/reports jobs, not frameworks/);
    expect(await refuse({ ReportTemplate: 'CONTROL_COMPLIANCE_REPORT', FrameworkArns: [`${framework}x`] })).to.match(/does not exist/);
    await sb.client.send(new DeleteReportPlanCommand({ ReportPlanName: 'compliance' }));
    expect((await rejection(sb.client.send(new DescribeReportPlanCommand({ ReportPlanName: 'compliance' })))).name).to.equal('ResourceNotFoundException');
  });
});
