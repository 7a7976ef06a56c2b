// The sandbox's account settings: Region opt-in and full-management preferences, the account's
// global settings, and backup jobs refused for a resource type that is opted out.
import { expect } from 'chai';
import {
  CreateBackupPlanCommand,
  CreateBackupSelectionCommand,
  CreateBackupVaultCommand,
  ListBackupJobsCommand,
  DescribeGlobalSettingsCommand,
  DescribeRegionSettingsCommand,
  StartBackupJobCommand,
  UpdateGlobalSettingsCommand,
  UpdateRegionSettingsCommand,
} from '@aws-sdk/client-backup';
import { createBackupClient } from '../../../src/aws/clients.js';
import { sandboxClientSettings } from '../../../src/app/sandbox-provider.js';
import { HOUR, ROLE_ARN, rejection, sandboxFixture, type SandboxFixture } from '../fixture.js';

describe('sandbox backup: account settings', () => {
  let sb: SandboxFixture;
  beforeEach(async () => {
    sb = await sandboxFixture();
  });
  afterEach(() => sb.cleanup());

  it('starts as a new account: every type opted in but the newest, every management preference on', async () => {
    const settings = await sb.client.send(new DescribeRegionSettingsCommand({}));
    expect(settings.ResourceTypeOptInPreference).to.include({ EC2: true, EBS: true, RDS: true, Aurora: true, S3: true, DSQL: false, 'Redshift Serverless': false });
    expect(settings.ResourceTypeManagementPreference).to.deep.equal({ CloudFormation: true, DSQL: true, DynamoDB: true, EFS: true });
    // A read changes nothing: the account file is not written for it.
    expect((await sb.read()).backup['eu-west-1']?.settings).to.equal(undefined);
  });

  it('updates only the types a request names, per Region', async () => {
    await sb.client.send(new UpdateRegionSettingsCommand({ ResourceTypeOptInPreference: { DynamoDB: false } }));
    await sb.client.send(new UpdateRegionSettingsCommand({ ResourceTypeOptInPreference: { DSQL: true }, ResourceTypeManagementPreference: { DynamoDB: false } }));
    const settings = await sb.client.send(new DescribeRegionSettingsCommand({}));
    expect(settings.ResourceTypeOptInPreference).to.include({ DynamoDB: false, DSQL: true, EC2: true });
    expect(settings.ResourceTypeManagementPreference).to.include({ DynamoDB: false, EFS: true });

    const elsewhere = createBackupClient(sandboxClientSettings({ region: 'us-east-1', path: sb.path }));
    try {
      const other = await elsewhere.send(new DescribeRegionSettingsCommand({}));
      expect(other.ResourceTypeOptInPreference).to.include({ DynamoDB: true, DSQL: false });
    } finally {
      elsewhere.destroy();
    }
  });

  it('refuses a resource type AWS does not know, in AWS words, and changes nothing', async () => {
    const error = await rejection(sb.client.send(new UpdateRegionSettingsCommand({ ResourceTypeOptInPreference: { EC2: false, Dynamo: true } })));
    expect(error.name).to.equal('InvalidParameterValueException');
    expect(error.message).to.equal(
      'Element present in resource type opt in preference has invalid values. Please use describeRegionSettings API to know the supported resource types',
    );
    const management = await rejection(sb.client.send(new UpdateRegionSettingsCommand({ ResourceTypeManagementPreference: { EC2: true } })));
    expect(management.name).to.equal('InvalidParameterValueException');
    expect((await sb.client.send(new DescribeRegionSettingsCommand({}))).ResourceTypeOptInPreference).to.include({ EC2: true });
    expect((await rejection(sb.client.send(new UpdateRegionSettingsCommand({})))).name).to.equal('MissingParameterValueException');
  });

  it('refuses a backup job of an opted-out resource type and starts it again once opted in', async () => {
    await sb.client.send(new CreateBackupVaultCommand({ BackupVaultName: 'main' }));
    const instance = await sb.addResource('ec2-instance', 'web');
    await sb.client.send(new UpdateRegionSettingsCommand({ ResourceTypeOptInPreference: { EC2: false } }));
    const start = () => sb.client.send(new StartBackupJobCommand({ BackupVaultName: 'main', ResourceArn: instance.arn, IamRoleArn: ROLE_ARN }));
    const error = await rejection(start());
    expect(error.name).to.equal('InvalidRequestException');
    expect(error.message).to.include('Resource type EC2 is not opted in to AWS Backup in eu-west-1');
    await sb.client.send(new UpdateRegionSettingsCommand({ ResourceTypeOptInPreference: { EC2: true } }));
    expect((await start()).BackupJobId).to.be.a('string');
  });

  it('leaves opted-out types out of scheduled selections, unless a selection assigns the type explicitly (never Aurora)', async () => {
    await sb.client.send(new CreateBackupVaultCommand({ BackupVaultName: 'main' }));
    const web = await sb.addResource('ec2-instance', 'web', { tags: { backup: 'yes' } });
    const volume = await sb.addResource('ebs-volume', 'data', { tags: { backup: 'yes' } });
    await sb.addResource('aurora-cluster', 'ledger', { tags: { backup: 'yes' } });
    await sb.client.send(new UpdateRegionSettingsCommand({ ResourceTypeOptInPreference: { EC2: false, EBS: false, Aurora: false } }));
    const plan = await sb.client.send(new CreateBackupPlanCommand({ BackupPlan: { BackupPlanName: 'p', Rules: [{ RuleName: 'r', TargetBackupVaultName: 'main' }] } }));
    const select = (name: string, selection: Record<string, unknown>) =>
      sb.client.send(new CreateBackupSelectionCommand({ BackupPlanId: plan.BackupPlanId, BackupSelection: { SelectionName: name, IamRoleArn: ROLE_ARN, ...selection } }));
    // By tags: opt-in applies. By EC2 ARN pattern: the type is assigned explicitly. Aurora by ARN: still needs the opt-in.
    await select('tagged', { ListOfTags: [{ ConditionType: 'STRINGEQUALS', ConditionKey: 'backup', ConditionValue: 'yes' }] });
    await select('instances', { Resources: ['arn:aws:ec2:*:*:instance/*', 'arn:aws:rds:*:*:cluster:*'] });
    await sb.advance(6 * HOUR);
    const jobs = (await sb.client.send(new ListBackupJobsCommand({}))).BackupJobs ?? [];
    expect(jobs.map((j) => j.ResourceArn)).to.deep.equal([web.arn]);
    expect(jobs.map((j) => j.ResourceArn)).not.to.include(volume.arn);
  });

  it('serves the global settings as the management account of its own organization', async () => {
    const before = await sb.client.send(new DescribeGlobalSettingsCommand({}));
    expect(before.GlobalSettings).to.deep.equal({ isCrossAccountBackupEnabled: 'false', isMpaEnabled: 'false', isDelegatedAdministratorEnabled: 'false' });
    expect(before.LastUpdateTime).to.equal(undefined);
    await sb.client.send(new UpdateGlobalSettingsCommand({ GlobalSettings: { isCrossAccountBackupEnabled: 'true' } }));
    const after = await sb.client.send(new DescribeGlobalSettingsCommand({}));
    expect(after.GlobalSettings).to.include({ isCrossAccountBackupEnabled: 'true', isMpaEnabled: 'false' });
    expect(after.LastUpdateTime).to.be.instanceOf(Date);

    const unknown = await rejection(sb.client.send(new UpdateGlobalSettingsCommand({ GlobalSettings: { isCrossAcountBackupEnabled: 'true' } })));
    expect(unknown.name).to.equal('InvalidParameterValueException');
    const badValue = await rejection(sb.client.send(new UpdateGlobalSettingsCommand({ GlobalSettings: { isMpaEnabled: 'yes' } })));
    expect(badValue.name).to.equal('InvalidParameterValueException');
    expect((await rejection(sb.client.send(new UpdateGlobalSettingsCommand({})))).name).to.equal('MissingParameterValueException');
  });
});
