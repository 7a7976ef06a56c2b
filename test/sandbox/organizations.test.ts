// The sandbox's AWS Organizations through the real SDK client: structure, policies, attachments,
// AWS's errors, and DescribeEffectivePolicy merging a root policy with an OU override.
import { expect } from 'chai';
import {
  AttachPolicyCommand,
  CreateAccountCommand,
  CreateOrganizationalUnitCommand,
  CreatePolicyCommand,
  DeletePolicyCommand,
  DescribeEffectivePolicyCommand,
  DescribeOrganizationCommand,
  DescribePolicyCommand,
  DetachPolicyCommand,
  ListAccountsCommand,
  ListPoliciesCommand,
  ListRootsCommand,
  ListTargetsForPolicyCommand,
  MoveAccountCommand,
  OrganizationsClient,
  UpdatePolicyCommand,
} from '@aws-sdk/client-organizations';
import { sandboxClientSettings } from '../../src/app/sandbox-provider.js';
import { createOrganizationsClient } from '../../src/aws/clients.js';
import { ACCOUNT_ID, REGION, rejection, sandboxFixture, type SandboxFixture } from './fixture.js';

const rootPolicy = {
  plans: {
    daily: {
      regions: { '@@assign': ['eu-west-1'] },
      rules: {
        nightly: {
          schedule_expression: { '@@assign': 'cron(0 5 ? * * *)' },
          target_backup_vault_name: { '@@assign': 'Default' },
          lifecycle: { delete_after_days: { '@@assign': '35' } },
        },
      },
      selections: {
        tags: {
          tagged: { iam_role_arn: { '@@assign': 'arn:aws:iam::$account:role/Backup' }, tag_key: { '@@assign': 'backup' }, tag_value: { '@@assign': ['daily'] } },
        },
      },
    },
  },
};
const prodOverride = { plans: { daily: { rules: { nightly: { lifecycle: { delete_after_days: { '@@assign': '365' } } } } } } };

describe('sandbox: AWS Organizations through the SDK', function () {
  this.timeout(60_000);
  let sb: SandboxFixture;
  let org: OrganizationsClient;

  before(async () => {
    sb = await sandboxFixture();
    org = await createOrganizationsClient(sandboxClientSettings({ region: REGION, path: sb.path, maxAttempts: 1 }));
  });
  after(() => {
    org?.destroy();
    sb.cleanup();
  });

  it('the sandbox account manages an organization with BACKUP_POLICY enabled on its root', async () => {
    const { Organization } = await org.send(new DescribeOrganizationCommand({}));
    expect(Organization!.MasterAccountId).to.equal(ACCOUNT_ID);
    const { Roots } = await org.send(new ListRootsCommand({}));
    expect(Roots![0]!.PolicyTypes).to.deep.include({ Type: 'BACKUP_POLICY', Status: 'ENABLED' });
  });

  it('merges a root policy and an OU override into each member account effective policy', async () => {
    const rootId = (await org.send(new ListRootsCommand({}))).Roots![0]!.Id!;
    const prodOu = (await org.send(new CreateOrganizationalUnitCommand({ ParentId: rootId, Name: 'production' }))).OrganizationalUnit!;
    const prodAccount = (await org.send(new CreateAccountCommand({ Email: 'prod@example.com', AccountName: 'prod' }))).CreateAccountStatus!.AccountId!;
    const devAccount = (await org.send(new CreateAccountCommand({ Email: 'dev@example.com', AccountName: 'dev' }))).CreateAccountStatus!.AccountId!;
    await org.send(new MoveAccountCommand({ AccountId: prodAccount, SourceParentId: rootId, DestinationParentId: prodOu.Id! }));
    expect((await org.send(new ListAccountsCommand({}))).Accounts!.map((a) => a.Name)).to.deep.equal(['management', 'prod', 'dev']);

    const base = (await org.send(new CreatePolicyCommand({ Name: 'baseline', Description: 'daily', Type: 'BACKUP_POLICY', Content: JSON.stringify(rootPolicy) }))).Policy!;
    const override = (await org.send(new CreatePolicyCommand({ Name: 'prod-retention', Description: '', Type: 'BACKUP_POLICY', Content: JSON.stringify(prodOverride) }))).Policy!;
    expect(base.PolicySummary!.Id).to.match(/^p-[0-9a-z]{8}$/);
    await org.send(new AttachPolicyCommand({ PolicyId: base.PolicySummary!.Id!, TargetId: rootId }));
    await org.send(new AttachPolicyCommand({ PolicyId: override.PolicySummary!.Id!, TargetId: prodOu.Id! }));

    const effective = async (account: string) =>
      JSON.parse((await org.send(new DescribeEffectivePolicyCommand({ PolicyType: 'BACKUP_POLICY', TargetId: account }))).EffectivePolicy!.PolicyContent!);
    expect((await effective(prodAccount)).plans.daily.rules.nightly.lifecycle.delete_after_days).to.equal('365');
    expect((await effective(devAccount)).plans.daily.rules.nightly.lifecycle.delete_after_days).to.equal('35');
    expect((await effective(devAccount)).plans.daily.regions).to.deep.equal(['eu-west-1']);

    const targets = (await org.send(new ListTargetsForPolicyCommand({ PolicyId: base.PolicySummary!.Id! }))).Targets!;
    expect(targets.map((t) => t.Type)).to.deep.equal(['ROOT']);

    // An update changes every account's effective policy.
    await org.send(new UpdatePolicyCommand({ PolicyId: override.PolicySummary!.Id!, Content: JSON.stringify({ plans: { daily: { regions: { '@@append': ['us-east-1'] } } } }) }));
    expect((await effective(prodAccount)).plans.daily.regions).to.deep.equal(['eu-west-1', 'us-east-1']);
    expect((await effective(prodAccount)).plans.daily.rules.nightly.lifecycle.delete_after_days).to.equal('35');

    // In use: not deletable until detached.
    const inUse = await rejection(org.send(new DeletePolicyCommand({ PolicyId: override.PolicySummary!.Id! })));
    expect(inUse.name).to.equal('PolicyInUseException');
    await org.send(new DetachPolicyCommand({ PolicyId: override.PolicySummary!.Id!, TargetId: prodOu.Id! }));
    await org.send(new DeletePolicyCommand({ PolicyId: override.PolicySummary!.Id! }));
    expect((await org.send(new ListPoliciesCommand({ Filter: 'BACKUP_POLICY' }))).Policies!.map((p) => p.Name)).to.deep.equal(['baseline']);
  });

  it("refuses what AWS refuses: malformed documents, duplicates, unknown targets, an OU's effective policy", async () => {
    const malformed = await rejection(org.send(new CreatePolicyCommand({ Name: 'bad', Description: '', Type: 'BACKUP_POLICY', Content: '{"plans": ' })));
    expect(malformed.name).to.equal('MalformedPolicyDocumentException');
    const badOperator = await rejection(
      org.send(new CreatePolicyCommand({ Name: 'bad', Description: '', Type: 'BACKUP_POLICY', Content: JSON.stringify({ plans: { daily: { regions: { '@@assign': ['mars-1'] } } } }) })),
    );
    expect(badOperator.name).to.equal('MalformedPolicyDocumentException');
    expect(badOperator.message).to.contain('plans.daily.regions.@@assign').and.contain('"mars-1" is not an AWS Region');
    const duplicate = await rejection(org.send(new CreatePolicyCommand({ Name: 'baseline', Description: '', Type: 'BACKUP_POLICY', Content: '{}' })));
    expect(duplicate.name).to.equal('DuplicatePolicyException');
    const policyId = (await org.send(new ListPoliciesCommand({ Filter: 'BACKUP_POLICY' }))).Policies![0]!.Id!;
    const noTarget = await rejection(org.send(new AttachPolicyCommand({ PolicyId: policyId, TargetId: '999999999999' })));
    expect(noTarget.name).to.equal('TargetNotFoundException');
    const rootId = (await org.send(new ListRootsCommand({}))).Roots![0]!.Id!;
    const twice = await rejection(org.send(new AttachPolicyCommand({ PolicyId: policyId, TargetId: rootId })));
    expect(twice.name).to.equal('DuplicatePolicyAttachmentException');
    const ouEffective = await rejection(org.send(new DescribeEffectivePolicyCommand({ PolicyType: 'BACKUP_POLICY', TargetId: rootId })));
    expect(ouEffective.name).to.equal('InvalidInputException');
    const missing = await rejection(org.send(new DescribePolicyCommand({ PolicyId: 'p-00000000' })));
    expect(missing.name).to.equal('PolicyNotFoundException');
  });
});
