// The restore_testing_plan and restore_testing_selection handlers on the in-process sandbox through
// the SDK: what they read and send, and which calls refresh costs.
import { expect } from 'chai';
import { UpdateRestoreTestingPlanCommand, UpdateRestoreTestingSelectionCommand } from '@aws-sdk/client-backup';
import type { CreateHooks } from '../../src/resources/handler.js';
import { restoreTestingPlanHandler } from '../../src/resources/restore-testing-plan/handler.js';
import { restoreTestingPlanModel } from '../../src/resources/restore-testing-plan/model.js';
import { restoreTestingSelectionHandler } from '../../src/resources/restore-testing-selection/handler.js';
import { restoreTestingSelectionModel } from '../../src/resources/restore-testing-selection/model.js';
import { ROLE_ARN, sandboxFixture, type SandboxFixture } from '../sandbox/fixture.js';
import { countingContext } from './helpers.js';

const hooks = (token: string): CreateHooks => ({ token, created: async () => undefined });
const PLAN = {
  name: 'weekly',
  schedule: 'cron(0 5 ? * SUN *)',
  recovery_point_selection: { algorithm: 'LATEST_WITHIN_WINDOW', include_vaults: ['*'], recovery_point_types: ['SNAPSHOT'] },
  tags: { team: 'infra' },
};
const SELECTION = {
  name: 'dbs',
  restore_testing_plan_name: 'weekly',
  protected_resource_type: 'RDS',
  iam_role_arn: ROLE_ARN,
  protected_resource_arns: ['*'],
  protected_resource_conditions: { string_equals: [{ key: 'aws:ResourceTag/env', value: 'prod' }] },
};

describe('resources: restore testing handlers on the sandbox', () => {
  let sb: SandboxFixture;
  beforeEach(async () => {
    sb = await sandboxFixture();
  });
  afterEach(() => sb.cleanup());

  it('plan: reads back with no diff, skips GetRestoreTestingPlan while LastUpdateTime is unchanged, reads it again after an outside update', async () => {
    const ctx = countingContext(sb.client);
    const created = await restoreTestingPlanHandler.create(ctx, 'restore_testing_plan.weekly', PLAN, hooks('tok-1'));
    expect(created.id).to.equal('weekly');
    // Read back with Get (as an import does: no listing), the plan does not differ from what was asked.
    const first = (await restoreTestingPlanHandler.read(ctx, 'weekly', {}))!;
    const canonical = restoreTestingPlanModel.canonical(first);
    const desired = restoreTestingPlanModel.canonical(PLAN);
    for (const key of ['name', 'schedule', 'recovery_point_selection', 'start_window_hours', 'tags']) expect(canonical[key], key).to.deep.equal(desired[key]);

    ctx.calls.length = 0;
    let listing = await restoreTestingPlanHandler.list!(ctx, []);
    await restoreTestingPlanHandler.read(ctx, 'weekly', first, listing);
    expect(ctx.calls).to.deep.equal(['ListRestoreTestingPlans', 'ListTags']);

    // A tag change alone sends no UpdateRestoreTestingPlan.
    ctx.calls.length = 0;
    const retagged = await restoreTestingPlanHandler.update(ctx, 'weekly', first, { ...first, tags: { team: 'ops' } });
    expect(ctx.calls).to.deep.equal(['TagResource']);
    // An update the handler makes records the new LastUpdateTime: the next refresh still needs no Get.
    const after = { ...retagged, recovery_point_selection: { ...PLAN.recovery_point_selection, selection_window_days: 7 } };
    const updated = await restoreTestingPlanHandler.update(ctx, 'weekly', retagged, after);
    ctx.calls.length = 0;
    listing = await restoreTestingPlanHandler.list!(ctx, []);
    const reread = (await restoreTestingPlanHandler.read(ctx, 'weekly', updated, listing))!;
    expect(ctx.calls).to.deep.equal(['ListRestoreTestingPlans', 'ListTags']);
    expect((reread.recovery_point_selection as { selection_window_days: number }).selection_window_days).to.equal(7);

    // Changed outside bkp: a new LastUpdateTime, so the selection is read with Get.
    await sb.client.send(new UpdateRestoreTestingPlanCommand({ RestoreTestingPlanName: 'weekly', RestoreTestingPlan: { RecoveryPointSelection: { Algorithm: 'RANDOM_WITHIN_WINDOW', IncludeVaults: ['*'], RecoveryPointTypes: ['SNAPSHOT'] } } }));
    ctx.calls.length = 0;
    listing = await restoreTestingPlanHandler.list!(ctx, []);
    const drifted = (await restoreTestingPlanHandler.read(ctx, 'weekly', reread, listing))!;
    expect(ctx.calls).to.deep.equal(['ListRestoreTestingPlans', 'GetRestoreTestingPlan', 'ListTags']);
    expect((drifted.recovery_point_selection as { algorithm: string }).algorithm).to.equal('RANDOM_WITHIN_WINDOW');

    const adopted = await restoreTestingPlanHandler.adopt!(ctx, [
      { address: 'a', kind: 'restore_testing_plan', provider: 'sandbox', token: 'tok-1', identity: 'weekly', recorded_at: '' },
      { address: 'b', kind: 'restore_testing_plan', provider: 'sandbox', token: 'tok-2', identity: 'weekly', recorded_at: '' },
      { address: 'c', kind: 'restore_testing_plan', provider: 'sandbox', token: 'tok-3', identity: 'other', recorded_at: '' },
    ]);
    expect(['a', 'b', 'c'].map((a) => adopted.get(a)!.outcome)).to.deep.equal(['found', 'conflict', 'missing']);
    expect(await restoreTestingPlanHandler.read(ctx, 'weekly', drifted, new Map())).to.equal(null);
  });

  it('selection: reads with Get only, sends overrides set outside bkp back on update, clears conditions it drops, deletes', async () => {
    const ctx = countingContext(sb.client);
    await restoreTestingPlanHandler.create(ctx, 'restore_testing_plan.weekly', PLAN, hooks('tok-1'));
    const created = await restoreTestingSelectionHandler.create(ctx, 'restore_testing_selection.dbs', SELECTION, hooks('sel-1'));
    expect(created.id).to.equal('weekly/dbs');
    ctx.calls.length = 0;
    const read = (await restoreTestingSelectionHandler.read(ctx, 'weekly/dbs', created.attributes))!;
    expect(ctx.calls).to.deep.equal(['GetRestoreTestingSelection']);
    expect(restoreTestingSelectionModel.canonical(read).protected_resource_conditions).to.deep.equal(restoreTestingSelectionModel.canonical(SELECTION).protected_resource_conditions);
    expect([read.restore_metadata_overrides, read.validation_window_hours]).to.deep.equal([null, null]);

    await sb.client.send(
      new UpdateRestoreTestingSelectionCommand({ RestoreTestingPlanName: 'weekly', RestoreTestingSelectionName: 'dbs', RestoreTestingSelection: { RestoreMetadataOverrides: { dbname: 'x' } } }),
    );
    const outside = (await restoreTestingSelectionHandler.read(ctx, 'weekly/dbs', read))!;
    // The planner fills unset optional values from the refresh; the update sends them back.
    const arns = ['arn:aws:rds:eu-west-1:123456789012:db:orders'];
    const { protected_resource_conditions: _dropped, ...withoutConditions } = SELECTION;
    await restoreTestingSelectionHandler.update(ctx, 'weekly/dbs', outside, { ...withoutConditions, protected_resource_arns: arns, restore_metadata_overrides: outside.restore_metadata_overrides! });
    const now = (await restoreTestingSelectionHandler.read(ctx, 'weekly/dbs', outside))!;
    expect([now.protected_resource_arns, now.protected_resource_conditions, now.restore_metadata_overrides]).to.deep.equal([arns, undefined, { dbname: 'x' }]);

    expect(await restoreTestingSelectionHandler.read(ctx, 'malformed', {})).to.equal(null);
    await restoreTestingSelectionHandler.delete(ctx, 'weekly/dbs', now);
    expect(await restoreTestingSelectionHandler.read(ctx, 'weekly/dbs', now)).to.equal(null);
    // Deleting what is already gone is what destroy wanted.
    await restoreTestingSelectionHandler.delete(ctx, 'weekly/dbs', now);
    await restoreTestingPlanHandler.delete(ctx, 'weekly', {});
    expect(await restoreTestingSelectionHandler.read(ctx, 'weekly/dbs', now)).to.equal(null);
  });
});
