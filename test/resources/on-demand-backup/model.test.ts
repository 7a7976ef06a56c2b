import { expect } from 'chai';
import { onDemandBackupModel } from '../../../src/resources/on-demand-backup/model.js';
import { jobToken } from '../../../src/resources/on-demand-backup/handler.js';

describe('on_demand_backup model', () => {
  it('fills the StartBackupJob window defaults and drops zero lifecycle values', () => {
    const c = onDemandBackupModel.canonical({ resource_arn: 'a', vault: 'v', lifecycle: { cold_storage_after_days: 0, delete_after_days: 30 } });
    expect(c.start_window_minutes).to.equal(480);
    expect(c.completion_window_minutes).to.equal(10080);
    expect(c.lifecycle).to.deep.equal({ delete_after_days: 30 });
    expect(onDemandBackupModel.canonical({ lifecycle: { delete_after_days: 0 } }).lifecycle).to.equal(undefined);
  });

  it('forces a new job on trigger, resource_arn and vault only', () => {
    expect([...onDemandBackupModel.forcesReplacement].sort()).to.deep.equal(['resource_arn', 'trigger', 'vault']);
    expect(onDemandBackupModel.startsJob).to.equal(true);
  });

  it('derives the idempotency token from lineage, address, trigger, resource and vault only', () => {
    const base = { trigger: 't1', resource_arn: 'arn:r', vault: 'main', iam_role_arn: 'arn:role' };
    const token = jobToken('lineage-1', 'on_demand_backup.web', base);
    expect(token).to.match(/^bkp-[0-9a-f]{40}$/);
    expect(jobToken('lineage-1', 'on_demand_backup.web', { ...base, iam_role_arn: 'arn:other', lifecycle: { delete_after_days: 3 } })).to.equal(token);
    expect(jobToken('lineage-1', 'on_demand_backup.web', { ...base, trigger: 't2' })).to.not.equal(token);
    expect(jobToken('lineage-2', 'on_demand_backup.web', base)).to.not.equal(token);
    expect(jobToken('lineage-1', 'on_demand_backup.db', base)).to.not.equal(token);
  });
});
