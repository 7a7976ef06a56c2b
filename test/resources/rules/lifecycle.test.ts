import { expect } from 'chai';
import { UNKNOWN } from '../../../src/core/values.js';
import { checkContinuousLifecycle, checkLifecycle, lifecycleDays } from '../../../src/resources/rules/lifecycle.js';

describe('resources/rules/lifecycle', () => {
  describe('lifecycleDays', () => {
    it('treats 0 and unset as no value', () => {
      expect(lifecycleDays({ cold_storage_after_days: 0, delete_after_days: 35 })).to.deep.equal({ coldStorageAfterDays: undefined, deleteAfterDays: 35 });
      expect(lifecycleDays(undefined)).to.deep.equal({ coldStorageAfterDays: undefined, deleteAfterDays: undefined });
    });
  });

  describe('checkLifecycle', () => {
    it('accepts sound lifecycles and zero values', () => {
      expect(checkLifecycle({ cold_storage_after_days: 30, delete_after_days: 120 }, '/rule/0/lifecycle', 'Rule "daily"')).to.deep.equal([]);
      expect(checkLifecycle({ cold_storage_after_days: 0, delete_after_days: 1 }, '/l', 'x')).to.deep.equal([]);
      expect(checkLifecycle({ cold_storage_after_days: 30 }, '/l', 'x')).to.deep.equal([]);
      expect(checkLifecycle({ delete_after_days: 36500 }, '/l', 'x')).to.deep.equal([]);
    });

    it('refuses delete_after_days less than 90 days after cold storage, quoting AWS', () => {
      const [p, ...rest] = checkLifecycle({ cold_storage_after_days: 30, delete_after_days: 100 }, '/rule/0/lifecycle', 'Rule "daily"');
      expect(rest).to.be.empty;
      expect(p!.path).to.equal('/rule/0/lifecycle/delete_after_days');
      expect(p!.summary).to.equal('Invalid lifecycle');
      expect(p!.detail).to.include('Rule "daily": delete_after_days (100) must be at least 90 days after cold_storage_after_days (30)');
      expect(p!.detail).to.include('"Invalid lifecycle. DeleteAfterDays cannot be less than 90 days apart from MoveToColdStorageAfterDays"');
      expect(p!.detail).to.include('Set delete_after_days to 120 or more');
    });

    it('refuses retentions outside 1..36500', () => {
      const [p] = checkLifecycle({ delete_after_days: 36501 }, '/lifecycle', 'x');
      expect(p!.path).to.equal('/lifecycle/delete_after_days');
      expect(p!.detail).to.include('from 1 to 36500');
      expect(checkLifecycle({ cold_storage_after_days: -1 }, '/lifecycle', 'x')[0]!.path).to.equal('/lifecycle/cold_storage_after_days');
    });

    it('skips unknown values', () => {
      expect(checkLifecycle({ cold_storage_after_days: 30, delete_after_days: UNKNOWN }, '/l', 'x')).to.deep.equal([]);
      expect(checkLifecycle(UNKNOWN, '/l', 'x')).to.deep.equal([]);
    });
  });

  describe('checkContinuousLifecycle', () => {
    it('accepts 1 to 35 days without cold storage', () => {
      expect(checkContinuousLifecycle({ delete_after_days: 35 }, '/rule/1', 'Rule "pitr"')).to.deep.equal([]);
      expect(checkContinuousLifecycle({ delete_after_days: 1, cold_storage_after_days: 0 }, '/rule/1', 'Rule "pitr"')).to.deep.equal([]);
    });

    it('refuses more than 35 days', () => {
      const [p] = checkContinuousLifecycle({ delete_after_days: 36 }, '/rule/1', 'Rule "pitr"');
      expect(p!.path).to.equal('/rule/1/lifecycle/delete_after_days');
      expect(p!.summary).to.equal('Retention too long for continuous backups');
      expect(p!.detail).to.include('at most 35 days, but delete_after_days is 36');
    });

    it('refuses cold storage, quoting AWS', () => {
      const [p] = checkContinuousLifecycle({ delete_after_days: 35, cold_storage_after_days: 7 }, '/rule/1', 'Rule "pitr"');
      expect(p!.path).to.equal('/rule/1/lifecycle/cold_storage_after_days');
      expect(p!.detail).to.include('"MoveToColdStorageAfterDays is unavailable"');
    });

    it('requires a retention, pointing at the rule when there is no lifecycle block', () => {
      const [p] = checkContinuousLifecycle(undefined, '/rule/1', 'Rule "pitr"');
      expect(p!.path).to.equal('/rule/1');
      expect(p!.summary).to.equal('Continuous backups need a retention');
      expect(checkContinuousLifecycle({ delete_after_days: 0 }, '/rule/1', 'x')[0]!.path).to.equal('/rule/1/lifecycle');
    });

    it('skips unknown retentions', () => {
      expect(checkContinuousLifecycle({ delete_after_days: UNKNOWN }, '/rule/1', 'x')).to.deep.equal([]);
      expect(checkContinuousLifecycle(UNKNOWN, '/rule/1', 'x')).to.deep.equal([]);
    });
  });
});
