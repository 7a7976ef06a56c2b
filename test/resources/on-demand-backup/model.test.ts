import { expect } from 'chai';
import { onDemandBackupModel } from '../../../src/resources/on-demand-backup/model.js';
import { jobToken, lifecycleUpdateToAws } from '../../../src/resources/on-demand-backup/handler.js';

describe('on_demand_backup model', () => {
  it('fills the StartBackupJob window defaults and drops zero lifecycle values', () => {
    const c = onDemandBackupModel.canonical({ resource_arn: 'a', vault: 'v', lifecycle: { cold_storage_after_days: 0, delete_after_days: 30 } });
    expect(c.start_window_minutes).to.equal(480);
    expect(c.completion_window_minutes).to.equal(10080);
    expect(c.lifecycle).to.deep.equal({ delete_after_days: 30 });
    expect(onDemandBackupModel.canonical({ lifecycle: { delete_after_days: 0 } }).lifecycle).to.equal(undefined);
  });

  it('forces a new job on trigger, resource_arn, vault and the air-gapped vault only', () => {
    expect([...onDemandBackupModel.forcesReplacement].sort()).to.deep.equal(['logically_air_gapped_vault_arn', 'resource_arn', 'trigger', 'vault']);
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

  it('treats Index DISABLED as no index, and keeps the archive opt-in of the lifecycle', () => {
    expect(onDemandBackupModel.canonical({ index: 'DISABLED' }).index).to.equal(undefined);
    expect(onDemandBackupModel.canonical({ index: 'ENABLED' }).index).to.equal('ENABLED');
    expect(onDemandBackupModel.canonical({ lifecycle: { delete_after_days: 30, opt_in_to_archive_for_supported_resources: true } }).lifecycle).to.deep.equal({
      delete_after_days: 30,
      opt_in_to_archive_for_supported_resources: true,
    });
  });

  it('a lifecycle change of a completed job updates its recovery point in place; otherwise it waits for the next job', () => {
    const done = { state: 'COMPLETED', recovery_point_arn: 'arn:aws:ec2:eu-west-1::image/ami-0123456789abcdef0' };
    expect(onDemandBackupModel.inPlaceChangeReason!(['lifecycle'], done)).to.equal(
      'the lifecycle of recovery point arn:aws:ec2:eu-west-1::image/ami-0123456789abcdef0 changes (UpdateRecoveryPointLifecycle); no new backup job',
    );
    expect(onDemandBackupModel.inPlaceChangeReason!(['lifecycle'], { state: 'RUNNING' })).to.equal(undefined);
    expect(onDemandBackupModel.inPlaceChangeReason!(['lifecycle', 'recovery_point_tags'], done)).to.equal(undefined);
    expect(onDemandBackupModel.inPlaceChangeReason!(['iam_role_arn'], done)).to.equal(undefined);
  });

  it('the in-place update sends the day counts that stay, and -1 to keep the recovery point indefinitely', () => {
    expect(lifecycleUpdateToAws({ delete_after_days: 30 }, { delete_after_days: 60 })).to.deep.equal({ DeleteAfterDays: 60 });
    expect(lifecycleUpdateToAws({ cold_storage_after_days: 10, delete_after_days: 200 }, { delete_after_days: 200 })).to.deep.equal({ DeleteAfterDays: 200 });
    expect(lifecycleUpdateToAws({ delete_after_days: 30 }, undefined)).to.deep.equal({ DeleteAfterDays: -1, MoveToColdStorageAfterDays: -1 });
    expect(lifecycleUpdateToAws({ delete_after_days: 30, opt_in_to_archive_for_supported_resources: true }, { delete_after_days: 30 })).to.deep.equal({
      DeleteAfterDays: 30,
      OptInToArchiveForSupportedResources: false,
    });
  });

  it('adds the air-gapped vault to the job token only when set, so earlier jobs keep their token', () => {
    const base = { trigger: 't1', resource_arn: 'arn:r', vault: 'main' };
    const token = jobToken('lineage-1', 'on_demand_backup.web', base);
    expect(jobToken('lineage-1', 'on_demand_backup.web', { ...base, logically_air_gapped_vault_arn: null })).to.equal(token);
    expect(jobToken('lineage-1', 'on_demand_backup.web', { ...base, logically_air_gapped_vault_arn: 'arn:aws:backup:eu-west-1:123456789012:backup-vault:ag' })).to.not.equal(token);
  });
});
