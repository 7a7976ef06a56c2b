import { expect } from 'chai';
import { UNKNOWN } from '../../../src/core/values.js';
import { checkLockConfig, checkRetentionAgainstLock, lockBounds, type LockedVault } from '../../../src/resources/rules/vault-lock.js';

describe('resources/rules/vault-lock', () => {
  describe('checkLockConfig', () => {
    it('accepts a sound lock', () => {
      expect(checkLockConfig({ min_retention_days: 7, max_retention_days: 3650, changeable_for_days: 3 }, '/lock')).to.deep.equal([]);
      expect(checkLockConfig({ min_retention_days: 1 }, '/lock')).to.deep.equal([]);
    });

    it('refuses min > max', () => {
      const [p, ...rest] = checkLockConfig({ min_retention_days: 40, max_retention_days: 30 }, '/lock');
      expect(rest).to.be.empty;
      expect(p!.path).to.equal('/lock/min_retention_days');
      expect(p!.detail).to.include('min_retention_days (40) is greater than max_retention_days (30)');
    });

    it('refuses bounds outside 1..36500', () => {
      expect(checkLockConfig({ min_retention_days: 0 }, '/lock')[0]!.path).to.equal('/lock/min_retention_days');
      const [p] = checkLockConfig({ max_retention_days: 36501 }, '/lock');
      expect(p!.path).to.equal('/lock/max_retention_days');
      expect(p!.detail).to.include('between 1 and 36500');
    });

    it('refuses changeable_for_days under 3', () => {
      const [p] = checkLockConfig({ changeable_for_days: 2 }, '/lock');
      expect(p!.path).to.equal('/lock/changeable_for_days');
      expect(p!.detail).to.include('at least 3 days');
    });

    it('skips unknown values', () => {
      expect(checkLockConfig({ min_retention_days: UNKNOWN, max_retention_days: 1 }, '/lock')).to.deep.equal([]);
    });
  });

  describe('checkRetentionAgainstLock', () => {
    const vault = (min?: number, max?: number): LockedVault => ({ name: 'prod', address: 'backup_vault.main', lock: { minRetentionDays: min, maxRetentionDays: max } });

    it('accepts retentions inside the bounds', () => {
      expect(checkRetentionAgainstLock(30, vault(7, 3650), '/p', 'Rule "daily"')).to.deep.equal([]);
      expect(checkRetentionAgainstLock(7, vault(7, 7), '/p', 'x')).to.deep.equal([]);
      expect(checkRetentionAgainstLock(undefined, vault(7), '/p', 'x')).to.deep.equal([]);
    });

    it('refuses a retention shorter than the minimum, naming the vault and its lock', () => {
      const [p] = checkRetentionAgainstLock(3, vault(7, 3650), '/rule/0/lifecycle/delete_after_days', 'Rule "daily"');
      expect(p!.path).to.equal('/rule/0/lifecycle/delete_after_days');
      expect(p!.summary).to.equal('Retention outside the vault lock');
      expect(p!.detail).to.include('Rule "daily" keeps recovery points 3 days, but vault "prod" (backup_vault.main) has a lock that requires a retention between 7 days and 3650 days');
      expect(p!.detail).to.include('Set delete_after_days to 7 or more');
    });

    it('refuses keeping forever when the lock has a maximum', () => {
      const [p] = checkRetentionAgainstLock(undefined, vault(undefined, 365), '/rule/0', 'Rule "daily"');
      expect(p!.detail).to.include('keeps recovery points forever (no delete_after_days)');
      expect(p!.detail).to.include('at most 365 days');
    });
  });

  it('lockBounds reads known bounds', () => {
    expect(lockBounds({ min_retention_days: 7 })).to.deep.equal({ minRetentionDays: 7, maxRetentionDays: undefined });
    expect(lockBounds(undefined)).to.equal(undefined);
  });
});
