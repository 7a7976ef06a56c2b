// backup_plan_min_frequency_and_min_retention with bkp's copy extension (required_copy_retention_days,
// required_copy_destination): the compliant rule must copy to another Region/account and keep the copy long
// enough; without the parameter the control behaves as Audit Manager's.
import { expect } from 'chai';
import { evaluatePolicies } from '../../src/policy/evaluate.js';
import type { ObjectValue } from '../../src/core/values.js';
import { config, dailyPlan, inputs, policy, resource, vault } from './builders.js';

const DR_REGION = 'arn:aws:backup:eu-central-1:123456789012:backup-vault:dr';
const DR_ACCOUNT = 'arn:aws:backup:eu-west-1:210987654321:backup-vault:dr';
const LOCAL = 'arn:aws:backup:eu-west-1:123456789012:backup-vault:other';

function run(params: ObjectValue, plan = dailyPlan()) {
  const report = evaluatePolicies(config([vault(), plan], [policy([['backup_plan_min_frequency_and_min_retention', params]])]), inputs());
  return report.results[0]!;
}

/** The daily plan with copy blocks; the first copy's lifecycle sits on line 20. */
function planCopying(...copies: Array<{ to: string; days?: number }>) {
  const plan = dailyPlan({ copy: copies.map((c) => ({ destination_vault_arn: c.to, ...(c.days === undefined ? {} : { lifecycle: { delete_after_days: c.days } }) })) });
  return resource('backup_plan', 'daily', plan.attributes, {
    '/rule/0': 10,
    '/rule/0/schedule': 11,
    '/rule/0/lifecycle': 12,
    '/rule/0/lifecycle/delete_after_days': 13,
    '/rule/0/copy/0': 19,
    '/rule/0/copy/0/lifecycle': 20,
    '/rule/0/copy/0/lifecycle/delete_after_days': 21,
  });
}

describe('policy control backup_plan_min_frequency_and_min_retention: copies (bkp extension)', () => {
  it('keeps the behaviour of Audit Manager\'s control when required_copy_retention_days is absent', () => {
    expect(run({}).status).to.equal('compliant');
    expect(run({ required_copy_destination: 'cross_region' }).status).to.equal('compliant');
  });

  it('fails a rule without a copy to another Region or account, naming the rule and what is missing', () => {
    const result = run({ required_copy_retention_days: 30 });
    expect(result.status).to.equal('non_compliant');
    const message = result.findings[0]!.message;
    expect(message).to.include('rule "daily"').and.include('has no copy to another Region or account').and.include('a copy block kept at least 30 days');
    expect(result.findings[0]!.range?.start.line).to.equal(10);
    const local = run({ required_copy_retention_days: 30 }, planCopying({ to: LOCAL, days: 90 }));
    expect(local.findings[0]!.message).to.include('its copies stay in the same Region and account');
  });

  it('passes a copy to another Region kept long enough, and points at the lifecycle of one kept too briefly', () => {
    expect(run({ required_copy_retention_days: 30 }, planCopying({ to: DR_REGION, days: 30 })).status).to.equal('compliant');
    // A copy without a lifecycle keeps the rule's (35 days).
    expect(run({ required_copy_retention_days: 30 }, planCopying({ to: DR_REGION })).status).to.equal('compliant');
    const short = run({ required_copy_retention_days: 30 }, planCopying({ to: DR_REGION, days: 7 }));
    expect(short.status).to.equal('non_compliant');
    expect(short.findings[0]!.message).to.include(`copies to ${DR_REGION} kept 7 days (less than 30)`);
    expect(short.findings[0]!.range?.start.line).to.equal(21);
  });

  it('counts only the destination required_copy_destination asks for', () => {
    const toRegion = planCopying({ to: DR_REGION, days: 90 });
    const toAccount = planCopying({ to: DR_ACCOUNT, days: 90 });
    expect(run({ required_copy_retention_days: 30, required_copy_destination: 'cross_region' }, toRegion).status).to.equal('compliant');
    expect(run({ required_copy_retention_days: 30, required_copy_destination: 'cross_account' }, toRegion).findings[0]!.message).to.include('has no copy to another account');
    expect(run({ required_copy_retention_days: 30, required_copy_destination: 'cross_account' }, toAccount).status).to.equal('compliant');
    expect(run({ required_copy_retention_days: 30, required_copy_destination: 'cross_region' }, toAccount).findings[0]!.message).to.include('has no copy to another Region');
    expect(run({ required_copy_retention_days: 30, required_copy_destination: 'any' }, toAccount).status).to.equal('compliant');
  });
});
