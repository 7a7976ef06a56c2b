// What bkp does not model is neither a difference nor lost: the planner carries it into `after`,
// the views name it as kept (update) or dropped (replacement).
import { expect } from 'chai';
import type { ObjectValue } from '../../src/core/values.js';
import { plan, type PriorResource } from '../../src/engine/planner.js';
import { renderPlanHuman } from '../../src/render/plan-human.js';
import { planToJson } from '../../src/render/plan-json.js';
import { renderPlanMarkdown } from '../../src/render/plan-markdown.js';
import { resourceConfig } from '../support/resource-config.js';

const now = new Date('2026-12-06T12:00:00Z');
const unmodelled = { rules: { daily: { IndexActions: [{ ResourceTypes: ['EBS'] }] } }, plan: { ScanSettings: [{ MalwareScanner: 'GUARDDUTY' }] } };
const rule = (days: number) => ({ name: 'daily', target_vault: 'main', lifecycle: { delete_after_days: days } });
const state: ObjectValue = {
  name: 'standard',
  rule: [rule(35)],
  id: 'p-1',
  arn: 'arn:aws:backup:eu-west-1:123456789012:backup-plan:p-1',
  version_id: 'v1',
  unmodelled,
};
const prior: PriorResource = { address: 'backup_plan.p', kind: 'backup_plan', name: 'p', provider: 'sandbox', id: 'p-1', attributes: state, dependencies: [] };

function planWith(attributes: ObjectValue) {
  return plan({
    desired: [resourceConfig('backup_plan.p', attributes)],
    prior: [prior],
    refreshed: new Map([['backup_plan.p', state]]),
    now,
    mode: 'normal',
  });
}

describe('planner: settings bkp does not model', () => {
  it('are no difference: an unchanged configuration plans nothing', () => {
    const change = planWith({ name: 'standard', rule: [rule(35)] }).changes[0]!;
    expect(change.action).to.equal('no-op');
  });

  it('are carried into the update and named as kept, in every view', () => {
    const p = planWith({ name: 'standard', rule: [rule(42)] });
    const change = p.changes[0]!;
    expect(change.action).to.equal('update');
    expect(change.after!.unmodelled).to.deep.equal(unmodelled);
    const human = renderPlanHuman(p, { color: false });
    expect(human).to.include('# (kept as set outside bkp (not modelled, sent back unchanged): ScanSettings; rule "daily": IndexActions)');
    expect(human).to.not.match(/unmodelled\s*=/);
    const json = planToJson(p);
    expect(json.resource_changes[0]!.unmodelled).to.deep.equal({ fate: 'kept', settings: ['ScanSettings', 'rule "daily": IndexActions'] });
    expect(renderPlanMarkdown(p)).to.include('kept as set outside bkp');
  });

  it('of a rule the update renames are named as removed with it, not as kept', () => {
    const p = planWith({ name: 'standard', rule: [{ ...rule(35), name: 'nightly' }] });
    expect(p.changes[0]!.action).to.equal('update');
    expect(renderPlanHuman(p, { color: false })).to.include(
      '# (kept as set outside bkp (not modelled, sent back unchanged): ScanSettings; removed with what this update removes (set outside bkp, not modelled): rule "daily": IndexActions)',
    );
    expect(planToJson(p).resource_changes[0]!.unmodelled).to.deep.equal({ fate: 'kept', settings: ['ScanSettings'], removed: ['rule "daily": IndexActions'] });
  });

  it('are named as dropped when the plan must be replaced', () => {
    const p = planWith({ name: 'renamed', rule: [rule(35)] });
    expect(p.changes[0]!.action).to.equal('replace');
    expect(renderPlanHuman(p, { color: false })).to.include('not carried to the new object (set outside bkp, not modelled): ScanSettings; rule "daily": IndexActions');
  });
});
