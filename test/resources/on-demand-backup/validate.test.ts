import { expect } from 'chai';
import { validateOnDemandBackup } from '../../../src/resources/on-demand-backup/validate.js';
import { validationContext } from '../../../src/resources/rules/context.js';
import type { ObjectValue } from '../../../src/core/values.js';
import { config, resource } from '../helpers.js';
import { onDemandBeforeMigration, vaultMain } from '../design-example.js';

function problems(attributes: ObjectValue) {
  const job = resource('on_demand_backup', attributes);
  const context = validationContext(config([resource('backup_vault', vaultMain, { name: 'main' }), job]));
  return validateOnDemandBackup(job, context);
}

describe('resources/on-demand-backup/validate', () => {
  it('accepts the DESIGN.md example backup', () => {
    expect(problems(onDemandBeforeMigration)).to.deep.equal([]);
  });

  it('refuses continuous backups and explains how to get one', () => {
    const [p, ...rest] = problems({ ...onDemandBeforeMigration, continuous_backup: true });
    expect(rest).to.be.empty;
    expect(p!.path).to.equal('/continuous_backup');
    expect(p!.summary).to.equal('On-demand backups cannot be continuous');
    expect(p!.detail).to.include('StartBackupJob');
    expect(p!.detail).to.include('backup_plan rule with continuous_backup = true');
    expect(problems({ ...onDemandBeforeMigration, continuous_backup: false })).to.deep.equal([]);
  });

  it('checks the resource ARN, the vault name, the role, the windows, the lifecycle and the options', () => {
    const found = problems({
      resource_arn: 'i-0abc',
      vault: 'x',
      iam_role_arn: 'arn:aws:iam::123456789012:user/bob',
      start_window_minutes: 30,
      lifecycle: { cold_storage_after_days: 10, delete_after_days: 20 },
      backup_options: { WindowsVSS: 'on' },
    });
    expect(found.map((p) => [p.path, p.summary])).to.deep.equal([
      ['/resource_arn', 'Invalid resource ARN'],
      ['/vault', 'Invalid backup vault name'],
      ['/iam_role_arn', 'Invalid IAM role ARN'],
      ['/start_window_minutes', 'Start window too short'],
      ['/lifecycle/delete_after_days', 'Invalid lifecycle'],
      ['/backup_options/WindowsVSS', 'Invalid backup option'],
    ]);
  });

  it('checks the retention against the lock of the target vault', () => {
    const [p] = problems({ ...onDemandBeforeMigration, lifecycle: { delete_after_days: 3 } });
    expect(p!.path).to.equal('/lifecycle/delete_after_days');
    expect(p!.detail).to.include('This on-demand backup keeps recovery points 3 days, but vault "prod-prod" (backup_vault.main)');
    const { lifecycle: _dropped, ...withoutLifecycle } = onDemandBeforeMigration;
    const [q] = problems(withoutLifecycle);
    expect(q!.path).to.equal('');
    expect(q!.detail).to.include('keeps recovery points forever');
  });

  it('ignores vaults of other providers and unconfigured vaults', () => {
    expect(problems({ ...onDemandBeforeMigration, vault: 'elsewhere', lifecycle: { delete_after_days: 3 } })).to.deep.equal([]);
    const job = resource('on_demand_backup', { ...onDemandBeforeMigration, lifecycle: { delete_after_days: 3 } }, { provider: 'aws.dr' });
    const context = validationContext(config([resource('backup_vault', vaultMain, { name: 'main' }), job]));
    expect(validateOnDemandBackup(job, context)).to.deep.equal([]);
  });
});
