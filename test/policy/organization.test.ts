// Organization backup policies under bkp check, over plain objects: each org_backup_policy's plans
// judged as backup plans, the per-account effective plans merged offline from the configuration
// (a sandbox organization block, data references, literal ids), and accounts read from the
// organization (as -refresh hands them over), with unreadable accounts not evaluated.
import { expect } from 'chai';
import type { Config, ProviderConfig, ResourceConfig } from '../../src/config/model.js';
import type { SourceRange } from '../../src/core/diagnostics.js';
import type { ObjectValue } from '../../src/core/values.js';
import { effectiveBackupPlans } from '../../src/domain/org-policy/effective-backup-plans.js';
import { configuredOrganization } from '../../src/policy/configured-organization.js';
import { evaluatePolicies } from '../../src/policy/evaluate.js';
import { isCompliant, type CheckReport, type OrganizationPlans } from '../../src/policy/model.js';
import { inputs, line, policy, resource } from './builders.js';

const RETENTION = policy([['backup_plan_min_frequency_and_min_retention', { required_retention_days: 30 }]]);

/** An org_backup_policy with one plan block, the paths the findings point at each on its own line. */
function orgPolicy(name: string, plan: ObjectValue): ResourceConfig {
  return resource('org_backup_policy', name, { name: `backup-${name}`, plan: [plan] }, {
    '/plan/0': 10,
    '/plan/0/rule/0': 11,
    '/plan/0/rule/0/lifecycle/delete_after_days': 12,
    '/plan/0/rule/0/copy/0': 13,
    '/plan/0/rule/0/copy/0/lifecycle/delete_after_days': 14,
  });
}

/** The root policy: a daily rule kept `days` (and copied to the DR vault, kept `copyDays`, when given). */
const baseline = (days = 7, copyDays?: number) =>
  orgPolicy('baseline', {
    name: 'daily',
    regions: ['eu-west-1', 'eu-central-1'],
    rule: [
      {
        name: 'nightly',
        target_vault: 'Default',
        schedule: 'cron(0 3 ? * * *)',
        lifecycle: { delete_after_days: days },
        ...(copyDays !== undefined ? { copy: [{ destination_vault_arn: 'arn:aws:backup:eu-central-1:$account:backup-vault:dr', lifecycle: { delete_after_days: copyDays } }] } : {}),
      },
    ],
    selection: [{ name: 'tagged', iam_role_arn: 'arn:aws:iam::$account:role/backup', tag_key: 'backup', tag_values: ['daily'] }],
  });

const production = () => orgPolicy('production', { name: 'daily', rule: [{ name: 'nightly', lifecycle: { delete_after_days: 35 } }] });

/** The attachment text as the configuration writes it, so a data reference can be read from it. */
function attachment(name: string, policyName: string, target: string): { resource: ResourceConfig; text: string } {
  const text = `org_policy_attachment "${name}" {\n  policy_id = org_backup_policy.${policyName}.id\n  target_id = ${target}\n}\n`;
  const file = `${name}.bkp.hcl`;
  const at = (snippet: string): SourceRange => {
    const start = text.indexOf(snippet);
    return { file, start: { line: 1, column: 1, offset: start }, end: { line: 1, column: 1, offset: start + snippet.length } };
  };
  const literal = /^"(.*)"$/.exec(target)?.[1];
  // A reference is unknown until plan (left out here): only the source text says what it names.
  const r = resource('org_policy_attachment', name, literal !== undefined ? { target_id: literal } : {});
  r.ranges.set('/policy_id', at(`org_backup_policy.${policyName}.id`));
  r.ranges.set('/target_id', at(target));
  r.dependencies = [`org_backup_policy.${policyName}`];
  return { resource: r, text };
}

const organizationProvider: ProviderConfig = {
  type: 'sandbox',
  key: 'sandbox',
  attributes: {
    region: 'eu-west-1',
    organization: {
      root_id: 'r-demo',
      unit: [{ name: 'production', id: 'ou-demo-production' }, { name: 'development' }],
      account: [
        { name: 'shop-prod', id: '111111111111', unit: 'production' },
        { name: 'shop-dev', id: '222222222222', unit: 'development' },
      ],
    },
  },
  ranges: new Map(),
  range: line(1),
};

const plainProvider: ProviderConfig = { ...organizationProvider, attributes: { region: 'eu-west-1' } };

function dataSource(kind: string, name: string, attributes: ObjectValue): ResourceConfig {
  return { ...resource(`data.${kind}`, name, attributes), address: `data.${kind}.${name}` };
}

function orgConfig(policies: ResourceConfig[], attachments: Array<{ resource: ResourceConfig; text: string }>, provider = organizationProvider): Pick<Config, 'resources' | 'providers' | 'files' | 'dataSources' | 'policies'> {
  return {
    resources: [...policies, ...attachments.map((a) => a.resource)],
    providers: [provider],
    files: attachments.map((a) => ({ path: a.resource.ranges.get('/target_id')!.file, text: a.text })) as Config['files'],
    dataSources: [dataSource('organization_root', 'org', {}), dataSource('organizational_unit', 'production', { name: 'production' })],
    policies: [RETENTION],
  };
}

function check(config: ReturnType<typeof orgConfig>, organization: OrganizationPlans | undefined): CheckReport {
  return evaluatePolicies(config, inputs([], organization === undefined ? {} : { organization }));
}

const findingsOf = (report: CheckReport) => report.results.flatMap((r) => r.findings);

describe('bkp check on organization backup policies', () => {
  const policies = () => [baseline(), production()];
  const attachments = () => [attachment('baseline', 'baseline', 'data.organization_root.org.id'), attachment('production', 'production', 'data.organizational_unit.production.id')];

  describe("each org_backup_policy's plans, as backup plans", () => {
    it('reports the root policy\'s 7-day rule at its delete_after_days, naming the policy, plan and rule', () => {
      const config = orgConfig(policies(), []);
      const [finding, ...rest] = findingsOf(check(config, undefined));
      expect(rest).to.deep.equal([]);
      expect(finding!.resource).to.equal('org_backup_policy.baseline plan "daily"');
      expect(finding!.resourceType).to.equal('org_backup_policy');
      expect(finding!.message).to.include('rule "nightly"').and.include('keeps recovery points 7 days (less than 30)');
      expect(finding!.range).to.deep.equal(config.resources[0]!.ranges.get('/plan/0/rule/0/lifecycle/delete_after_days'));
      expect(finding!.account).to.equal(undefined);
    });

    it('judges an override policy\'s partial rule by what it writes (35 days passes)', () => {
      const report = check(orgConfig([production()], []), undefined);
      expect(isCompliant(report)).to.equal(true);
      expect(report.results[0]!.evaluated).to.deep.equal(['org_backup_policy.production plan "daily"']);
    });

    it('leaves a plan block without rules to the policies above (it only changes their Regions)', () => {
      const regionsOnly = orgPolicy('regions', { name: 'daily', append: { regions: ['us-east-1'] } });
      const report = check(orgConfig([regionsOnly], []), undefined);
      expect(report.results[0]!.evaluated).to.deep.equal([]);
      expect(isCompliant(report)).to.equal(true);
    });
  });

  describe('per account, merged offline from the configuration', () => {
    it('resolves data references through the sandbox organization block and merges root and OU policies', () => {
      const config = orgConfig(policies(), attachments());
      const organization = configuredOrganization(config)!;
      expect(organization.notEvaluated).to.equal(undefined);
      const retention = (id: string) => organization.accounts.find((a) => a.id === id)!.plans!.map((p) => [p.region, p.Rules[0]!.Lifecycle?.DeleteAfterDays]);
      expect(retention('111111111111')).to.deep.equal([['eu-west-1', 35], ['eu-central-1', 35]]);
      expect(retention('222222222222')).to.deep.equal([['eu-west-1', 7], ['eu-central-1', 7]]);
      // The sandbox's own account is the management account, in the root.
      expect(retention('123456789012')).to.deep.equal([['eu-west-1', 7], ['eu-central-1', 7]]);
      expect(organization.accounts.find((a) => a.id === '111111111111')!.policies).to.deep.equal(['org_backup_policy.production', 'org_backup_policy.baseline']);
    });

    it('reports the non-production accounts per Region at the root policy\'s line and passes production', () => {
      const config = orgConfig(policies(), attachments());
      const report = check(config, configuredOrganization(config));
      const accounts = findingsOf(report).filter((f) => f.account !== undefined);
      expect(accounts.map((f) => f.resource)).to.deep.equal([
        'account 123456789012 (management) plan "daily" in eu-west-1',
        'account 123456789012 (management) plan "daily" in eu-central-1',
        'account 222222222222 (shop-dev) plan "daily" in eu-west-1',
        'account 222222222222 (shop-dev) plan "daily" in eu-central-1',
      ]);
      expect(accounts[2]!.account).to.deep.equal({ id: '222222222222', name: 'shop-dev' });
      expect(accounts[2]!.message).to.include('rule "nightly"').and.include('7 days (less than 30)');
      for (const f of accounts) expect(f.range).to.deep.equal(config.resources[0]!.ranges.get('/plan/0/rule/0/lifecycle/delete_after_days'));
      expect(report.results[0]!.evaluated).to.include('account 111111111111 (shop-prod) plan "daily" in eu-west-1');
    });

    it('points a copy kept too briefly at the copy\'s lifecycle, with the account substituted in the destination', () => {
      const config = orgConfig([baseline(35, 7)], [attachment('baseline', 'baseline', 'data.organization_root.org.id')]);
      const report = evaluatePolicies({ ...config, policies: [policy([['recovery_point_minimum_retention', { required_retention_days: 30 }]])] }, inputs([], { organization: configuredOrganization(config)! }));
      const dev = findingsOf(report).find((f) => f.account?.id === '222222222222')!;
      expect(dev.message).to.include('arn:aws:backup:eu-central-1:222222222222:backup-vault:dr is kept 7 days');
      expect(dev.range).to.deep.equal(config.resources[0]!.ranges.get('/plan/0/rule/0/copy/0/lifecycle/delete_after_days'));
    });

    it('without an organization block, evaluates the accounts attachments name by literal id, below the root', () => {
      const config = orgConfig(policies(), [attachment('baseline', 'baseline', '"r-abcd"'), attachment('production', 'production', '"333333333333"')], plainProvider);
      const organization = configuredOrganization(config)!;
      expect(organization.accounts.map((a) => [a.id, a.plans![0]!.Rules[0]!.Lifecycle?.DeleteAfterDays])).to.deep.equal([['333333333333', 35]]);
      expect(organization.scope).to.include('need -refresh');
    });

    it('says once that per-account results need -refresh when a target is known only to the organization', () => {
      const config = orgConfig(policies(), attachments(), plainProvider);
      const organization = configuredOrganization(config)!;
      expect(organization.accounts).to.deep.equal([]);
      expect(organization.notEvaluated).to.match(/^per-account results need -refresh: the target of org_policy_attachment.baseline comes from data.organization_root.org/);
      const report = check(config, organization);
      expect(report.organization).to.equal(organization);
      expect(findingsOf(report).every((f) => f.account === undefined)).to.equal(true);
    });

    it('has nothing to say of a configuration without organization policies', () => {
      expect(configuredOrganization(orgConfig([], []))).to.equal(undefined);
    });
  });

  describe('per account, as read from the organization (-refresh)', () => {
    const effective = (days: number) => ({ plans: { daily: { regions: ['eu-west-1'], rules: { nightly: { target_backup_vault_name: 'Default', schedule_expression: 'cron(0 3 ? * * *)', lifecycle: { delete_after_days: String(days) } } } } } });
    const read: OrganizationPlans = {
      source: 'organization',
      accounts: [
        { id: '111111111111', name: 'shop-prod', policy: effective(35), plans: effectiveBackupPlans(effective(35), '111111111111') },
        { id: '222222222222', name: 'shop-dev', policy: effective(7), plans: effectiveBackupPlans(effective(7), '222222222222') },
        { id: '444444444444', name: 'locked-down', notEvaluated: 'DescribeEffectivePolicy failed: AccessDeniedException: not allowed' },
      ],
    };

    it('reports the account whose effective retention is short, at the configured policy that assigns that value', () => {
      const config = orgConfig(policies(), []);
      const findings = findingsOf(check(config, read)).filter((f) => f.account !== undefined);
      expect(findings.map((f) => [f.resource, f.range])).to.deep.equal([
        ['account 222222222222 (shop-dev) plan "daily" in eu-west-1', config.resources[0]!.ranges.get('/plan/0/rule/0/lifecycle/delete_after_days')],
      ]);
    });

    it('never counts an unreadable account as passing: it is carried, not evaluated, with the reason', () => {
      const report = check(orgConfig(policies(), []), read);
      const evaluated = report.results[0]!.evaluated;
      expect(evaluated.some((e) => e.includes('444444444444'))).to.equal(false);
      expect(report.organization!.accounts.find((a) => a.id === '444444444444')!.notEvaluated).to.include('AccessDeniedException');
    });

    it('points at the control when no configured policy writes the effective value', () => {
      const config = orgConfig([], []);
      const finding = findingsOf(check(config, read))[0]!;
      expect(finding.range).to.deep.equal(RETENTION.ranges.get('/control/0'));
    });
  });
});
