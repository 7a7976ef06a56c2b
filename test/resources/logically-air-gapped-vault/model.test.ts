import { expect } from 'chai';
import { UNKNOWN, type ObjectValue } from '../../../src/core/values.js';
import { plan, type PlannerInput, type PriorResource } from '../../../src/engine/planner.js';
import { resourceConfig } from '../../support/resource-config.js';

const ADDRESS = 'logically_air_gapped_vault.vault';
const now = new Date('2026-11-25T12:00:00Z');

const desired = (extra: ObjectValue = {}): ObjectValue => ({ name: 'airgap', min_retention_days: 7, max_retention_days: 35, tags: { team: 'infra' }, ...extra });
/** What refresh reads back: the configured values, AWS's computed ones, and a tag someone else added. */
const read = (extra: ObjectValue = {}): ObjectValue => ({
  ...desired(),
  tags: { team: 'infra', 'aws:cloudformation:stack': 'other' },
  arn: 'arn:aws:backup:eu-west-1:123456789012:backup-vault:airgap',
  vault_type: 'LOGICALLY_AIR_GAPPED_BACKUP_VAULT',
  vault_state: 'AVAILABLE',
  recovery_points: 0,
  ...extra,
});

function prior(attributes: ObjectValue): PriorResource {
  return { address: ADDRESS, kind: 'logically_air_gapped_vault', name: 'vault', provider: 'sandbox', id: 'airgap', attributes, dependencies: [] };
}

function run(input: Partial<PlannerInput>) {
  return plan({ desired: [], prior: [], refreshed: new Map(), now, mode: 'normal', ...input });
}

function changeOf(config: ObjectValue | undefined, refreshed: ObjectValue | null) {
  const p = run({
    desired: config ? [resourceConfig(ADDRESS, config)] : [],
    // The state records the managed tag keys only.
    prior: [prior(read({ tags: { team: 'infra' } }))],
    refreshed: new Map([[ADDRESS, refreshed]]),
  });
  return { change: p.changes.find((c) => c.address === ADDRESS)!, diagnostics: p.diagnostics };
}

describe('resources/logically-air-gapped-vault/model (planner)', () => {
  it('creates with the computed attributes unknown', () => {
    const p = run({ desired: [resourceConfig(ADDRESS, desired())] });
    const change = p.changes.find((c) => c.address === ADDRESS)!;
    expect(change.action).to.equal('create');
    expect([change.after!.arn, change.after!.vault_state, change.after!.kms_key_arn]).to.deep.equal([UNKNOWN, UNKNOWN, UNKNOWN]);
  });

  it('has no change when the account matches: AWS-owned key unset, tags of others ignored', () => {
    expect(changeOf(desired(), read()).change.action).to.equal('no-op');
    expect(changeOf(desired({ tags: {} }), read({ tags: {} })).change.action).to.equal('no-op');
    expect(changeOf(desired({ kms_key_arn: null }), read()).change.action).to.equal('no-op');
  });

  it('updates tags in place', () => {
    const { change } = changeOf(desired({ tags: { team: 'platform' } }), read());
    expect(change.action).to.equal('update');
  });

  it('replaces the vault when its retention range, key or name changes, saying why', () => {
    const retention = changeOf(desired({ max_retention_days: 90 }), read()).change;
    expect(retention.action).to.equal('replace');
    expect(retention.replacePaths).to.deep.equal([['max_retention_days']]);
    expect(retention.reason).to.equal("must be replaced: an air-gapped vault's retention range is locked (compliance mode) when it is created");
    expect(changeOf(desired({ min_retention_days: 14 }), read()).change.action).to.equal('replace');
    const key = changeOf(desired({ kms_key_arn: 'arn:aws:kms:eu-west-1:123456789012:key/abc' }), read()).change;
    expect([key.action, key.reason]).to.deep.equal(['replace', "must be replaced: a vault's encryption key cannot be changed"]);
    expect(changeOf(desired({ name: 'airgap-2' }), read()).change.reason).to.equal('must be replaced: a vault cannot be renamed');
  });

  it('plans a replacement when someone changed the range outside bkp (drift)', () => {
    expect(changeOf(desired(), read({ min_retention_days: 30 })).change.action).to.equal('replace');
  });

  it('refuses to destroy or replace a vault that holds recovery points, explaining that they cannot be deleted', () => {
    const destroy = changeOf(undefined, read({ recovery_points: 2 }));
    expect(destroy.change.action).to.equal('delete');
    const errors = destroy.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => d.detail)).to.deep.equal([
      'logically air-gapped vault "airgap" holds 2 recovery points, which nobody can delete before their retention ends: the vault is locked in compliance mode. Keep the vault in the configuration until AWS has expired them (each after its lifecycle, at most 35 days), then destroy it.',
    ]);
    const replace = changeOf(desired({ max_retention_days: 90 }), read({ recovery_points: 1 }));
    expect(replace.diagnostics.filter((d) => d.severity === 'error')).to.have.length(1);
    expect(changeOf(undefined, read()).diagnostics.filter((d) => d.severity === 'error')).to.deep.equal([]);
  });
});
