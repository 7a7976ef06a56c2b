import { expect } from 'chai';
import { validateBackupPlan } from '../../../src/resources/backup-plan/validate.js';
import { validationContext } from '../../../src/resources/rules/context.js';
import { UNKNOWN, type ObjectValue } from '../../../src/core/values.js';
import { config, NOW, provider, resource } from '../helpers.js';
import { planDaily, vaultMain } from '../design-example.js';

// Rules keep 35 days unless a test says otherwise: inside the lock of the example vault.
const rule = (fields: ObjectValue): ObjectValue => ({ name: 'daily', target_vault: 'prod-prod', lifecycle: { delete_after_days: 35 }, ...fields });

function problems(attributes: ObjectValue, others = [resource('backup_vault', vaultMain, { name: 'main' })], providers = [provider('aws', { region: 'eu-west-1' })]) {
  const plan = resource('backup_plan', attributes);
  return validateBackupPlan(plan, validationContext(config([...others, plan], providers), NOW));
}
const brief = (attributes: ObjectValue, ...rest: Parameters<typeof problems> extends [ObjectValue, ...infer R] ? R : never) =>
  problems(attributes, ...rest).map((p) => [p.path, p.summary]);

describe('resources/backup-plan/validate', () => {
  it('accepts the DESIGN.md example plan', () => {
    expect(problems(planDaily)).to.deep.equal([]);
  });

  it('checks the plan name and the rule names (uniqueness is the decoder\'s: it sees the labels)', () => {
    expect(brief({ name: 'daily plan', rule: [rule({ name: 'a b' }), rule({ name: 'x' }), rule({ name: 'x' })] })).to.deep.equal([
      ['/name', 'Invalid backup plan name'],
      ['/rule/0/name', 'Invalid backup rule name'],
    ]);
  });

  it('checks the schedule in the rule time zone, the time zone and the windows', () => {
    expect(
      brief({
        name: 'p',
        rule: [
          rule({ schedule: 'rate(1 day)' }),
          rule({ name: 'b', schedule: 'cron(0/15 * ? * * *)', timezone: 'Europe/Pariss' }),
          rule({ name: 'c', start_window_minutes: 30, completion_window_minutes: 60 }),
        ],
      }),
    ).to.deep.equal([
      ['/rule/0/schedule', 'rate() schedules are not supported'],
      ['/rule/1/schedule', 'Schedule runs too often'],
      ['/rule/1/timezone', 'Invalid time zone'],
      ['/rule/2/start_window_minutes', 'Start window too short'],
    ]);
  });

  it('checks lifecycles, and continuous rules with their own limits', () => {
    expect(
      brief({
        name: 'p',
        rule: [
          rule({ lifecycle: { cold_storage_after_days: 30, delete_after_days: 60 } }),
          rule({ name: 'pitr', continuous_backup: true, lifecycle: { cold_storage_after_days: 30, delete_after_days: 60 } }),
        ],
      }),
    ).to.deep.equal([
      ['/rule/0/lifecycle/delete_after_days', 'Invalid lifecycle'],
      ['/rule/1/lifecycle/cold_storage_after_days', 'Cold storage is unavailable for continuous backups'],
      ['/rule/1/lifecycle/delete_after_days', 'Retention too long for continuous backups'],
    ]);
  });

  it('refuses a retention the locked target vault would refuse, naming the lock', () => {
    const [p] = problems({ name: 'p', rule: [rule({ lifecycle: { delete_after_days: 5 } })] });
    expect(p!.path).to.equal('/rule/0/lifecycle/delete_after_days');
    expect(p!.summary).to.equal('Retention outside the vault lock');
    expect(p!.detail).to.include('Rule "daily" keeps recovery points 5 days, but vault "prod-prod" (backup_vault.main) has a lock that requires a retention between 7 days and 3650 days');
  });

  it('refuses keeping forever in a vault whose lock has a maximum', () => {
    const [p] = problems({ name: 'p', rule: [{ name: 'daily', target_vault: 'prod-prod' }] });
    expect(p!.path).to.equal('/rule/0');
    expect(p!.detail).to.include('keeps recovery points forever');
  });

  it('skips the lock check when the retention or the vault is unknown, or the vault is not configured here', () => {
    expect(problems({ name: 'p', rule: [rule({ lifecycle: { delete_after_days: UNKNOWN } })] })).to.deep.equal([]);
    const short = { lifecycle: { delete_after_days: 3 } };
    expect(problems({ name: 'p', rule: [rule({ ...short, target_vault: UNKNOWN })] })).to.deep.equal([]);
    expect(problems({ name: 'p', rule: [rule({ ...short, target_vault: 'other' })] })).to.deep.equal([]);
    expect(problems({ name: 'p', rule: [rule(short)] }, [resource('backup_vault', vaultMain, { name: 'main', provider: 'aws.dr' })])).to.deep.equal([]);
  });

  describe('copy actions', () => {
    const drVault = resource('backup_vault', { name: 'dr', lock: { min_retention_days: 30 } }, { name: 'dr', provider: 'aws.dr' });
    const providers = [provider('aws', { region: 'eu-west-1' }), provider('aws', { region: 'us-east-1' }, 'dr')];
    const copyTo = (region: string, lifecycle?: ObjectValue): ObjectValue => ({
      destination_vault_arn: `arn:aws:backup:${region}:123456789012:backup-vault:dr`,
      ...(lifecycle ? { lifecycle } : {}),
    });

    it('checks the destination ARN and the copy lifecycle', () => {
      expect(brief({ name: 'p', rule: [rule({ lifecycle: { delete_after_days: 35 }, copy: [{ destination_vault_arn: 'dr' }, copyTo('us-east-1', { cold_storage_after_days: 1, delete_after_days: 2 })] })] })).to.deep.equal([
        ['/rule/0/copy/0/destination_vault_arn', 'Invalid backup vault ARN'],
        ['/rule/0/copy/1/lifecycle/delete_after_days', 'Invalid lifecycle'],
      ]);
    });

    it('checks a copy that inherits the rule lifecycle against a configured destination vault', () => {
      const [p, ...rest] = problems({ name: 'p', rule: [rule({ lifecycle: { delete_after_days: 10 }, copy: [copyTo('us-east-1')] })] }, [resource('backup_vault', vaultMain, { name: 'main' }), drVault], providers);
      expect(rest).to.be.empty;
      expect(p!.path).to.equal('/rule/0/lifecycle/delete_after_days');
      expect(p!.detail).to.include('Rule "daily", copy 1, keeps recovery points 10 days, but vault "dr" (backup_vault.dr)');
    });

    it('checks a copy with its own lifecycle at the copy', () => {
      const [p] = problems({ name: 'p', rule: [rule({ lifecycle: { delete_after_days: 40 }, copy: [copyTo('us-east-1', { delete_after_days: 10 })] })] }, [resource('backup_vault', vaultMain, { name: 'main' }), drVault], providers);
      expect(p!.path).to.equal('/rule/0/copy/0/lifecycle/delete_after_days');
    });

    it('resolves the destination only when the Region matches', () => {
      expect(problems({ name: 'p', rule: [rule({ lifecycle: { delete_after_days: 10 }, copy: [copyTo('eu-west-2')] })] }, [resource('backup_vault', vaultMain, { name: 'main' }), drVault], providers)).to.deep.equal([]);
    });
  });
});
