// A rule setting made outside bkp (an index_action added in the console) is left alone while its
// rule stays; when the configuration renames the rule, the setting goes away with the old rule,
// and the plan says so instead of promising to leave it.
import { expect } from 'chai';
import type { ObjectValue } from '../../src/core/values.js';
import { plan, type PriorResource } from '../../src/engine/planner.js';
import { resourceConfig } from '../support/resource-config.js';

const now = new Date('2026-12-06T12:00:00Z');
const rule = (name: string) => ({ name, target_vault: 'main', lifecycle: { delete_after_days: 35 } });
const state: ObjectValue = { name: 'standard', rule: [rule('daily')], id: 'p-1', arn: 'arn:aws:backup:eu-west-1:123456789012:backup-plan:p-1', version_id: 'v1' };
const read: ObjectValue = {
  ...state,
  version_id: 'v2',
  rule: [{ ...rule('daily'), index_action: [{ resource_types: ['EBS'] }] }],
};
const prior: PriorResource = { address: 'backup_plan.p', kind: 'backup_plan', name: 'p', provider: 'sandbox', id: 'p-1', attributes: state, dependencies: [] };

function planWith(ruleName: string) {
  return plan({
    desired: [resourceConfig('backup_plan.p', { name: 'standard', rule: [rule(ruleName)] })],
    prior: [prior],
    refreshed: new Map([['backup_plan.p', read]]),
    now,
    mode: 'normal',
  });
}

describe('planner: settings made outside bkp in a renamed rule', () => {
  it('while the rule stays, the warning says bkp leaves it, with "an"', () => {
    const warning = planWith('daily').diagnostics.find((d) => d.summary.includes('index_action'));
    expect(warning?.summary).to.equal('backup_plan.p: index_action of rule "daily" set outside bkp');
    expect(warning?.detail).to.contain('holds an index_action for backup_plan.p');
    expect(warning?.detail).to.contain('bkp leaves it as it is');
  });

  it('when the rule is renamed, the warning says it goes away with the rule', () => {
    const p = planWith('nightly');
    expect(p.changes[0]!.action).to.equal('update');
    const warning = p.diagnostics.find((d) => d.summary.includes('index_action'));
    expect(warning?.summary).to.equal('backup_plan.p: index_action of rule "daily" set outside bkp goes away with rule "daily"');
    expect(warning?.detail).to.contain('this plan removes it, and its index_action with it');
    expect(warning?.detail).not.to.contain('leaves it');
  });
});
