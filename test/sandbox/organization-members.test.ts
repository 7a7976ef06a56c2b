// The sandbox as an organization: STS AssumeRole into a member account, requests signed with the
// returned credentials served by that member's own account file on the organization's clock, and
// the backup plans the member's effective backup policy makes there (created on attach, changed
// by UpdatePolicy, gone on detach, read-only through the Backup API). SDK clients go through the
// in-process handler; the AWS CLI part goes through `serve` and is skipped without the CLI.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import {
  BackupClient,
  CreateBackupSelectionCommand,
  CreateBackupVaultCommand,
  DeleteBackupPlanCommand,
  DeleteBackupSelectionCommand,
  GetBackupPlanCommand,
  GetBackupSelectionCommand,
  ListBackupJobsCommand,
  ListBackupPlansCommand,
  ListBackupSelectionsCommand,
  ListBackupVaultsCommand,
  UpdateBackupPlanCommand,
} from '@aws-sdk/client-backup';
import {
  AttachPolicyCommand,
  CreatePolicyCommand,
  DescribeEffectivePolicyCommand,
  DescribeOrganizationCommand,
  DetachPolicyCommand,
  ListOrganizationalUnitsForParentCommand,
  ListRootsCommand,
  MoveAccountCommand,
  OrganizationsClient,
  UpdatePolicyCommand,
} from '@aws-sdk/client-organizations';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient, type Credentials } from '@aws-sdk/client-sts';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import { sandboxClientSettings } from '../../src/app/sandbox-provider.js';
import { createBackupClient, createOrganizationsClient, createStsClient } from '../../src/aws/clients.js';
import { openSandbox } from '../../src/sandbox/account.js';
import { seedOrganizationOf } from '../../src/sandbox/organizations/seed-account.js';
import { addResource } from '../../src/sandbox/inventory.js';
import { memberAccountPath } from '../../src/sandbox/organizations/member-accounts.js';
import { startSandboxServer } from '../../src/sandbox/server.js';
import { awsCliInstalled, runAwsCli } from '../support/aws-cli.js';
import { ACCOUNT_ID, DAY, HOUR, REGION, rejection, sandboxFixture, START, type SandboxFixture } from './fixture.js';

const MEMBER = '111111111111';
const STRANGER = '999999999999';
const ROLE = `arn:aws:iam::${MEMBER}:role/OrganizationAccountAccessRole`;

const policy = (deleteAfterDays: string) => ({
  plans: {
    daily: {
      regions: { '@@assign': [REGION] },
      rules: {
        nightly: {
          schedule_expression: { '@@assign': 'cron(0 5 ? * * *)' },
          target_backup_vault_name: { '@@assign': 'Default' },
          lifecycle: { delete_after_days: { '@@assign': deleteAfterDays } },
        },
      },
      selections: {
        tags: {
          tagged: { iam_role_arn: { '@@assign': 'arn:aws:iam::$account:role/Backup' }, tag_key: { '@@assign': 'backup' }, tag_value: { '@@assign': ['daily'] } },
        },
      },
    },
  },
});

/** Credentials as the SDK's clients take them. */
function identityOf(credentials: Credentials | undefined) {
  return { accessKeyId: credentials!.AccessKeyId!, secretAccessKey: credentials!.SecretAccessKey!, sessionToken: credentials!.SessionToken! };
}

describe('sandbox: member accounts of the organization (AssumeRole, routing, policy plans)', function () {
  this.timeout(60_000);
  let sb: SandboxFixture;
  let org: OrganizationsClient;
  let sts: STSClient;
  let member: BackupClient;
  let unitId: string;
  let policyId: string;

  before(async () => {
    sb = await sandboxFixture({ maxAttempts: 1 });
    const settings = sandboxClientSettings({ region: REGION, path: sb.path, maxAttempts: 1, accountId: ACCOUNT_ID });
    org = await createOrganizationsClient(settings);
    sts = await createStsClient(settings);
    // Member accounts with fixed ids, as provider "sandbox" organization blocks declare them.
    await seedOrganizationOf(sb.path, {}, { units: [{ name: 'production' }], accounts: [{ name: 'shop-prod', id: MEMBER, unit: 'production' }] });
    const rootId = (await org.send(new ListRootsCommand({}))).Roots![0]!.Id!;
    unitId = (await org.send(new ListOrganizationalUnitsForParentCommand({ ParentId: rootId }))).OrganizationalUnits![0]!.Id!;
    policyId = (await org.send(new CreatePolicyCommand({ Name: 'baseline', Description: '', Type: 'BACKUP_POLICY', Content: JSON.stringify(policy('35')) }))).Policy!.PolicySummary!.Id!;
    const assumed = await sts.send(new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: 'bkp-test' }));
    member = createBackupClient({ ...settings, credentials: identityOf(assumed.Credentials) });
  });
  after(() => {
    org?.destroy();
    sts?.destroy();
    member?.destroy();
    sb.cleanup();
  });

  describe('AssumeRole', () => {
    it("returns credentials for the member account, expiring after the duration by the later of the sandbox's clock and this machine's", async () => {
      const before = Math.max(await sb.now(), Date.now());
      const out = await sts.send(new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: 'deploy', ExternalId: 'ext-1', DurationSeconds: 900 }));
      expect(out.Credentials!.AccessKeyId).to.match(/^ASIA[0-9A-Z]{16}$/);
      expect(out.Credentials!.AccessKeyId).to.include(MEMBER);
      expect(out.Credentials!.SecretAccessKey).to.have.length(40);
      expect(out.Credentials!.SessionToken).to.be.a('string').and.not.empty;
      // Whole seconds on the wire; the fixture's clock is in the past, so this machine's clock counts.
      const after = Math.max(await sb.now(), Date.now());
      expect(out.Credentials!.Expiration!.getTime()).to.be.within(Math.floor(before / 1000) * 1000 + 900_000, after + 900_000);
      expect(out.Credentials!.Expiration!.getTime()).to.be.greaterThan(Date.now());
      expect(out.AssumedRoleUser!.Arn).to.equal(`arn:aws:sts::${MEMBER}:assumed-role/OrganizationAccountAccessRole/deploy`);
      expect(out.AssumedRoleUser!.AssumedRoleId).to.match(/^AROA[0-9A-Z]{17}:deploy$/);
    });

    it('checks the session name, the duration and the external id as STS does', async () => {
      const cases: Array<[Record<string, unknown>, RegExp]> = [
        [{ RoleArn: ROLE }, /Value null at 'roleSessionName' failed to satisfy constraint: Member must not be null/],
        [{ RoleArn: ROLE, RoleSessionName: 'x' }, /at 'roleSessionName' .*length greater than or equal to 2/],
        [{ RoleArn: ROLE, RoleSessionName: 'a'.repeat(65) }, /at 'roleSessionName' .*length less than or equal to 64/],
        [{ RoleArn: ROLE, RoleSessionName: 'bad name' }, /at 'roleSessionName' .*regular expression pattern/],
        [{ RoleArn: ROLE, RoleSessionName: 'ok', DurationSeconds: 899 }, /at 'durationSeconds' .*greater than or equal to 900/],
        [{ RoleArn: ROLE, RoleSessionName: 'ok', DurationSeconds: 43_201 }, /at 'durationSeconds' .*less than or equal to 43200/],
        [{ RoleArn: ROLE, RoleSessionName: 'ok', ExternalId: 'x' }, /at 'externalId' .*length greater than or equal to 2/],
        [{ RoleArn: 'arn:aws:iam::111111111111:user/someone', RoleSessionName: 'ok' }, /not a valid IAM role ARN/],
      ];
      for (const [input, message] of cases) {
        const error = await rejection(sts.send(new AssumeRoleCommand(input as never)));
        expect(error.name, JSON.stringify(input)).to.equal('ValidationError');
        expect(error.message).to.match(message);
        expect(error.$metadata?.httpStatusCode).to.equal(400);
      }
    });

    it('refuses a role outside the organization with AccessDenied', async () => {
      const role = `arn:aws:iam::${STRANGER}:role/Admin`;
      const error = await rejection(sts.send(new AssumeRoleCommand({ RoleArn: role, RoleSessionName: 'ok' })));
      expect(error.name).to.equal('AccessDenied');
      expect(error.$metadata?.httpStatusCode).to.equal(403);
      expect(error.message).to.contain(`User: arn:aws:iam::${ACCOUNT_ID}:user/sandbox is not authorized to perform: sts:AssumeRole on resource: ${role}`);
    });

    it('GetCallerIdentity under the assumed credentials answers the role session in the member account', async () => {
      const assumed = await sts.send(new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: 'whoami' }));
      const asMember = await createStsClient({ ...sandboxClientSettings({ region: REGION, path: sb.path, maxAttempts: 1 }), credentials: identityOf(assumed.Credentials) });
      try {
        const identity = await asMember.send(new GetCallerIdentityCommand({}));
        expect(identity.Account).to.equal(MEMBER);
        expect(identity.Arn).to.equal(`arn:aws:sts::${MEMBER}:assumed-role/OrganizationAccountAccessRole/whoami`);
        expect(identity.UserId).to.equal(assumed.AssumedRoleUser!.AssumedRoleId);
        expect((await sts.send(new GetCallerIdentityCommand({}))).Account, 'the sandbox credentials are still the management account').to.equal(ACCOUNT_ID);
      } finally {
        asMember.destroy();
      }
    });
  });

  describe('routing by credentials', () => {
    it('serves the member from its own file beside the management file', async () => {
      await member.send(new CreateBackupVaultCommand({ BackupVaultName: 'member-only' }));
      expect(existsSync(memberAccountPath(sb.path, MEMBER))).to.equal(true);
      expect(existsSync(join(sb.dir, 'sandbox.accounts', `${MEMBER}.json`))).to.equal(true);
      const memberVaults = (await member.send(new ListBackupVaultsCommand({}))).BackupVaultList!.map((v) => v.BackupVaultArn);
      expect(memberVaults).to.include(`arn:aws:backup:${REGION}:${MEMBER}:backup-vault:member-only`);
      expect(memberVaults.every((arn) => arn!.split(':')[4] === MEMBER)).to.equal(true);
      const managementVaults = (await sb.client.send(new ListBackupVaultsCommand({}))).BackupVaultList!.map((v) => v.BackupVaultName);
      expect(managementVaults).to.not.include('member-only');
    });

    it('lets a member read its organization and its own effective policy, and nothing the management account alone may do', async () => {
      const assumed = await sts.send(new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: 'orgs' }));
      const asMember = await createOrganizationsClient({ ...sandboxClientSettings({ region: REGION, path: sb.path, maxAttempts: 1 }), credentials: identityOf(assumed.Credentials) });
      try {
        expect((await asMember.send(new DescribeOrganizationCommand({}))).Organization!.MasterAccountId).to.equal(ACCOUNT_ID);
        const denied = await rejection(asMember.send(new CreatePolicyCommand({ Name: 'x', Description: '', Type: 'BACKUP_POLICY', Content: '{}' })));
        expect(denied.name).to.equal('AccessDeniedException');
        const other = await rejection(asMember.send(new DescribeEffectivePolicyCommand({ PolicyType: 'BACKUP_POLICY', TargetId: ACCOUNT_ID })));
        expect(other.name).to.equal('AccessDeniedException');
        await org.send(new AttachPolicyCommand({ PolicyId: policyId, TargetId: unitId }));
        const own = await asMember.send(new DescribeEffectivePolicyCommand({ PolicyType: 'BACKUP_POLICY' }));
        expect(own.EffectivePolicy!.TargetId).to.equal(MEMBER);
        expect(JSON.parse(own.EffectivePolicy!.PolicyContent!).plans.daily.rules.nightly.lifecycle.delete_after_days).to.equal('35');
      } finally {
        await org.send(new DetachPolicyCommand({ PolicyId: policyId, TargetId: unitId }));
        asMember.destroy();
      }
    });
  });

  describe("the member's policy plans", () => {
    afterEach(async () => {
      await org.send(new DetachPolicyCommand({ PolicyId: policyId, TargetId: unitId })).catch(() => undefined);
    });

    async function memberPlans() {
      return (await member.send(new ListBackupPlansCommand({}))).BackupPlansList ?? [];
    }

    it('appear after the attach, change with UpdatePolicy and vanish after the detach', async () => {
      expect(await memberPlans()).to.deep.equal([]);
      await org.send(new AttachPolicyCommand({ PolicyId: policyId, TargetId: unitId }));
      const [listed, ...others] = await memberPlans();
      expect(others).to.deep.equal([]);
      expect(listed!.BackupPlanName).to.equal('daily');
      expect(listed!.BackupPlanArn).to.match(new RegExp(`^arn:aws:backup:${REGION}:${MEMBER}:backup-plan:`));
      expect(listed!.CreatorRequestId).to.equal(undefined);
      const first = await member.send(new GetBackupPlanCommand({ BackupPlanId: listed!.BackupPlanId }));
      expect(first.BackupPlan!.Rules![0]).to.include({ RuleName: 'nightly', TargetBackupVaultName: 'Default', ScheduleExpression: 'cron(0 5 ? * * *)' });
      expect(first.BackupPlan!.Rules![0]!.Lifecycle!.DeleteAfterDays).to.equal(35);
      const selections = (await member.send(new ListBackupSelectionsCommand({ BackupPlanId: listed!.BackupPlanId }))).BackupSelectionsList!;
      expect(selections.map((s) => s.SelectionName)).to.deep.equal(['tagged']);
      const selection = await member.send(new GetBackupSelectionCommand({ BackupPlanId: listed!.BackupPlanId, SelectionId: selections[0]!.SelectionId }));
      expect(selection.BackupSelection!.IamRoleArn).to.equal(`arn:aws:iam::${MEMBER}:role/Backup`);
      expect(selection.BackupSelection!.ListOfTags).to.deep.equal([{ ConditionType: 'STRINGEQUALS', ConditionKey: 'backup', ConditionValue: 'daily' }]);

      await org.send(new UpdatePolicyCommand({ PolicyId: policyId, Content: JSON.stringify(policy('90')) }));
      const second = await member.send(new GetBackupPlanCommand({ BackupPlanId: listed!.BackupPlanId }));
      expect(second.VersionId).to.not.equal(first.VersionId);
      expect(second.BackupPlan!.Rules![0]!.Lifecycle!.DeleteAfterDays).to.equal(90);
      expect(second.BackupPlan!.Rules![0]!.RuleId, 'the rule keeps its id').to.equal(first.BackupPlan!.Rules![0]!.RuleId);

      await org.send(new DetachPolicyCommand({ PolicyId: policyId, TargetId: unitId }));
      expect(await memberPlans()).to.deep.equal([]);
      const deleted = (await member.send(new ListBackupPlansCommand({ IncludeDeleted: true }))).BackupPlansList!;
      expect(deleted.map((p) => p.BackupPlanId)).to.deep.equal([listed!.BackupPlanId]);
      expect(deleted[0]!.DeletionDate).to.be.instanceOf(Date);
      await org.send(new UpdatePolicyCommand({ PolicyId: policyId, Content: JSON.stringify(policy('35')) }));
    });

    it('refuse changes through the Backup API, naming the organization policy', async () => {
      await org.send(new AttachPolicyCommand({ PolicyId: policyId, TargetId: unitId }));
      const [plan] = await memberPlans();
      const planId = plan!.BackupPlanId!;
      const selectionId = (await member.send(new ListBackupSelectionsCommand({ BackupPlanId: planId }))).BackupSelectionsList![0]!.SelectionId!;
      const document = (await member.send(new GetBackupPlanCommand({ BackupPlanId: planId }))).BackupPlan!;
      const attempts = [
        member.send(new UpdateBackupPlanCommand({ BackupPlanId: planId, BackupPlan: { BackupPlanName: 'daily', Rules: [{ RuleName: 'r', TargetBackupVaultName: 'Default', ScheduleExpression: 'cron(0 1 ? * * *)' }] } })),
        member.send(new DeleteBackupPlanCommand({ BackupPlanId: planId })),
        member.send(new CreateBackupSelectionCommand({ BackupPlanId: planId, BackupSelection: { SelectionName: 's', IamRoleArn: `arn:aws:iam::${MEMBER}:role/Backup`, Resources: ['*'] } })),
        member.send(new DeleteBackupSelectionCommand({ BackupPlanId: planId, SelectionId: selectionId })),
      ];
      for (const attempt of attempts) {
        const error = await rejection(attempt);
        expect(error.name).to.equal('InvalidRequestException');
        expect(error.message).to.contain('AWS Organizations manages it').and.contain('backup policy');
      }
      const after = await member.send(new GetBackupPlanCommand({ BackupPlanId: planId }));
      expect(after.BackupPlan).to.deep.equal(document);
    });

    it("run on the management account's clock: a missing vault fails the job, an existing one completes it", async () => {
      const memberFile = openSandbox(memberAccountPath(sb.path, MEMBER));
      await memberFile.update((account) => addResource(account, 'ebs-volume', 'data', { region: REGION, accountId: MEMBER, tags: { backup: 'daily' }, now: new Date(account.clock.now).toISOString() }));
      await org.send(new AttachPolicyCommand({ PolicyId: policyId, TargetId: unitId }));
      expect(await memberPlans()).to.have.length(1);
      const before = await sb.now();
      await sb.advance(DAY);
      const jobs = (await member.send(new ListBackupJobsCommand({}))).BackupJobs!;
      expect(jobs).to.have.length(1);
      expect(jobs[0]!.State).to.equal('FAILED');
      expect(jobs[0]!.StatusMessage).to.equal('Backup vault Default does not exist.');
      const tick = new Date(before + DAY);
      tick.setUTCHours(5, 0, 0, 0);
      if (tick.getTime() > before + DAY) tick.setTime(tick.getTime() - DAY);
      expect(jobs[0]!.CreationDate!.getTime() - tick.getTime()).to.be.within(0, HOUR);
      expect((await memberFile.read()).clock.now, "the member's clock follows the management account's").to.equal(await sb.now());

      const [plan] = await memberPlans();
      await member.send(new CreateBackupVaultCommand({ BackupVaultName: 'Default' }));
      const [same] = await memberPlans();
      expect([same!.BackupPlanId, same!.VersionId], "the member's own changes leave its policy plans alone").to.deep.equal([plan!.BackupPlanId, plan!.VersionId]);
      await sb.advance(DAY);
      const states = (await member.send(new ListBackupJobsCommand({}))).BackupJobs!.map((j) => j.State).sort();
      expect(states).to.deep.equal(['COMPLETED', 'FAILED']);
    });

    it('follow the account when it moves out of the OU the policy is attached to', async () => {
      await org.send(new AttachPolicyCommand({ PolicyId: policyId, TargetId: unitId }));
      expect(await memberPlans()).to.have.length(1);
      const rootId = (await org.send(new ListRootsCommand({}))).Roots![0]!.Id!;
      await org.send(new MoveAccountCommand({ AccountId: MEMBER, SourceParentId: unitId, DestinationParentId: rootId }));
      try {
        expect(await memberPlans()).to.deep.equal([]);
      } finally {
        await org.send(new MoveAccountCommand({ AccountId: MEMBER, SourceParentId: rootId, DestinationParentId: unitId }));
      }
      expect(await memberPlans()).to.have.length(1);
    });

    it('created by an attach the member has not seen yet still run from the instant of the attach', async () => {
      const attachedAt = await sb.now();
      await org.send(new AttachPolicyCommand({ PolicyId: policyId, TargetId: unitId }));
      await sb.advance(DAY);
      const jobs = (await member.send(new ListBackupJobsCommand({ ByCreatedAfter: new Date(attachedAt) }))).BackupJobs!;
      expect(jobs, 'the tick between the attach and the request ran').to.have.length(1);
      const [plan] = await memberPlans();
      expect(plan!.CreationDate!.getTime()).to.equal(attachedAt);
    });

    it("leave the management account's own plans alone unless a policy reaches it (the root, or itself)", async () => {
      await org.send(new AttachPolicyCommand({ PolicyId: policyId, TargetId: unitId }));
      expect((await sb.client.send(new ListBackupPlansCommand({}))).BackupPlansList).to.deep.equal([]);
      const rootId = (await org.send(new ListRootsCommand({}))).Roots![0]!.Id!;
      await org.send(new AttachPolicyCommand({ PolicyId: policyId, TargetId: rootId }));
      try {
        // Backup policies affect the management account (Organizations' policy type table), unlike SCPs.
        const plans = (await sb.client.send(new ListBackupPlansCommand({}))).BackupPlansList!;
        expect(plans.map((p) => [p.BackupPlanName, p.BackupPlanArn!.split(':')[4]])).to.deep.equal([['daily', ACCOUNT_ID]]);
      } finally {
        await org.send(new DetachPolicyCommand({ PolicyId: policyId, TargetId: rootId }));
      }
      expect((await sb.client.send(new ListBackupPlansCommand({}))).BackupPlansList).to.deep.equal([]);
    });
  });

  it('works with the SDK’s fromTemporaryCredentials through the in-process handler, as provider "sandbox" will use it', async () => {
    const { requestHandler, credentials } = sandboxClientSettings({ region: REGION, path: sb.path });
    const client = new BackupClient({
      region: REGION,
      requestHandler,
      maxAttempts: 1,
      credentials: fromTemporaryCredentials({
        params: { RoleArn: ROLE, RoleSessionName: 'bkp', ExternalId: 'bkp-external' },
        masterCredentials: credentials,
        clientConfig: { region: REGION, requestHandler },
      }),
    });
    try {
      await client.send(new CreateBackupVaultCommand({ BackupVaultName: 'through-provider' }));
      const arns = (await client.send(new ListBackupVaultsCommand({}))).BackupVaultList!.map((v) => v.BackupVaultArn);
      expect(arns).to.include(`arn:aws:backup:${REGION}:${MEMBER}:backup-vault:through-provider`);
    } finally {
      client.destroy();
    }
  });
});

describe('sandbox: the AWS CLI assumes a member role through serve', function () {
  this.timeout(120_000);

  it('aws sts assume-role, then aws backup list-backup-plans with its credentials shows the member’s policy plans', async function () {
    if (!awsCliInstalled()) {
      process.stdout.write('skipped: the AWS CLI is not installed (aws --version)\n');
      return;
    }
    const dir = mkdtempSync(join(tmpdir(), 'bkp-members-cli-'));
    const path = join(dir, 'sandbox.json');
    const server = await startSandboxServer({ path, region: REGION, accountId: ACCOUNT_ID, startTime: START });
    try {
      const cli = (args: string[], credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken: string }) => runAwsCli(server.endpoint, dir, REGION, args, credentials);
      const json = async (args: string[], credentials?: Parameters<typeof cli>[1]) => {
        const run = await cli(args, credentials);
        expect(run.code, `aws ${args.join(' ')}: ${run.stderr}`).to.equal(0);
        return JSON.parse(run.stdout || '{}');
      };
      // The organization is set up through the SDK (the CLI is slow to start); the CLI then does what a user would.
      const accountId = MEMBER;
      await seedOrganizationOf(path, { accountId: ACCOUNT_ID, startTime: START }, { units: [], accounts: [{ name: 'dev', id: accountId }] });
      const settings = { ...sandboxClientSettings({ region: REGION, path, maxAttempts: 1, accountId: ACCOUNT_ID }), endpoint: server.endpoint, requestHandler: undefined };
      const orgs = await createOrganizationsClient(settings);
      try {
        const rootId = (await orgs.send(new ListRootsCommand({}))).Roots![0]!.Id!;
        const created = await orgs.send(new CreatePolicyCommand({ Name: 'baseline', Description: 'daily', Type: 'BACKUP_POLICY', Content: JSON.stringify(policy('35')) }));
        await orgs.send(new AttachPolicyCommand({ PolicyId: created.Policy!.PolicySummary!.Id!, TargetId: rootId }));
      } finally {
        orgs.destroy();
      }
      const assumed = await json(['sts', 'assume-role', '--role-arn', `arn:aws:iam::${accountId}:role/OrganizationAccountAccessRole`, '--role-session-name', 'cli']);
      const credentials = { accessKeyId: assumed.Credentials.AccessKeyId, secretAccessKey: assumed.Credentials.SecretAccessKey, sessionToken: assumed.Credentials.SessionToken };
      const plans = (await json(['backup', 'list-backup-plans'], credentials)).BackupPlansList;
      expect(plans.map((p: { BackupPlanName: string; BackupPlanArn: string }) => [p.BackupPlanName, p.BackupPlanArn.split(':')[4]])).to.deep.equal([['daily', accountId]]);
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
