// The planner with the account-settings kinds, on plain objects: only the configured resource types
// and flags are compared, unset and sorted forms give no diff, and destroy only forgets.
import { expect } from 'chai';
import type { ObjectValue } from '../../src/core/values.js';
import { plan, type PlannerInput, type PriorResource } from '../../src/engine/planner.js';
import { resourceConfig } from '../support/resource-config.js';

const now = new Date('2026-11-25T12:00:00Z');
const run = (input: Partial<PlannerInput>) => plan({ desired: [], prior: [], refreshed: new Map(), now, mode: 'normal', ...input });

function prior(address: string, attributes: ObjectValue): PriorResource {
  const [kind, name] = address.split('.') as [string, string];
  return { address, kind, name, provider: 'sandbox', id: 'eu-west-1', attributes, dependencies: [] };
}

/** What DescribeRegionSettings returns: every type the account knows. */
const account = (optIn: Record<string, boolean>): ObjectValue => ({
  resource_type_opt_in_preference: { EC2: true, EBS: true, S3: true, DynamoDB: true, DSQL: false, ...optIn },
  resource_type_management_preference: { DynamoDB: true, EFS: true },
});

describe('planner: region_settings and global_settings', () => {
  const address = 'region_settings.main';
  const configured = { resource_type_opt_in_preference: { DSQL: true, DynamoDB: false } };
  const recorded = { resource_type_opt_in_preference: { DynamoDB: false, DSQL: true }, resource_type_management_preference: {} };

  it('compares only the configured resource types: the account\'s others never make a diff or drift', () => {
    const p = run({ desired: [resourceConfig(address, configured)], prior: [prior(address, recorded)], refreshed: new Map([[address, account({ DynamoDB: false, DSQL: true, S3: false })]]) });
    expect(p.changes.map((c) => c.action)).to.deep.equal(['no-op']);
    expect(p.drift).to.deep.equal([]);
  });

  it('plans an update of the configured type only, with the other types out of before and after', () => {
    const p = run({ desired: [resourceConfig(address, configured)], prior: [prior(address, recorded)], refreshed: new Map([[address, account({ DynamoDB: true, DSQL: true })]]) });
    expect(p.drift.map((d) => d.address)).to.deep.equal([address]);
    const [change] = p.changes;
    expect(change!.action).to.equal('update');
    expect(change!.before!.resource_type_opt_in_preference).to.deep.equal({ DSQL: true, DynamoDB: true });
    expect(change!.after!.resource_type_opt_in_preference).to.deep.equal({ DSQL: true, DynamoDB: false });
  });

  it('forgets a type the configuration stops naming: no change, no drift, and the state stops recording it', () => {
    const p = run({
      desired: [resourceConfig(address, { resource_type_opt_in_preference: { DSQL: true } })],
      prior: [prior(address, recorded)],
      refreshed: new Map([[address, account({ DynamoDB: true, DSQL: true })]]),
    });
    expect(p.changes.map((c) => c.action)).to.deep.equal(['no-op']);
    expect(p.drift).to.deep.equal([]);
    expect(p.refreshedState).to.deep.equal([{ address, attributes: { resource_type_opt_in_preference: { DSQL: true }, resource_type_management_preference: {} } }]);
  });

  it('creates without knowing the account, and destroys by forgetting with the plan saying so', () => {
    expect(run({ desired: [resourceConfig(address, configured)] }).changes[0]!.action).to.equal('create');
    const destroy = run({ prior: [prior(address, recorded)], refreshed: new Map([[address, account({})]]) });
    expect(destroy.changes.map((c) => [c.action, c.reason])).to.deep.equal([
      ['delete', 'will be destroyed: destroying region_settings only stops bkp managing them; the account keeps its settings'],
    ]);
  });

  it('global_settings: an unset flag is not compared; a configured one is', () => {
    const g = 'global_settings.org';
    const refreshed = new Map([[g, { cross_account_backup: true }]]);
    expect(run({ desired: [resourceConfig(g, { cross_account_backup: true })], prior: [prior(g, { cross_account_backup: true })], refreshed }).changes[0]!.action).to.equal('no-op');
    const change = run({ desired: [resourceConfig(g, { cross_account_backup: false })], prior: [prior(g, { cross_account_backup: true })], refreshed }).changes[0]!;
    expect([change.action, change.before!.cross_account_backup, change.after!.cross_account_backup]).to.deep.equal(['update', true, false]);
  });
});
