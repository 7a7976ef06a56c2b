// The planner with legal_hold, tiering_configuration, and vaults whose recovery points are held.
import { expect } from 'chai';
import type { ObjectValue } from '../../src/core/values.js';
import { plan, type PlannerInput, type PriorResource } from '../../src/engine/planner.js';
import { resourceConfig } from '../support/resource-config.js';

const now = new Date('2026-11-25T12:00:00Z');

function run(input: Partial<PlannerInput>) {
  return plan({ desired: [], prior: [], refreshed: new Map(), now, mode: 'normal', ...input });
}

function prior(address: string, id: string, attributes: ObjectValue): PriorResource {
  const [kind, name] = address.split('.') as [string, string];
  return { address, kind, name, provider: 'sandbox', id, attributes, dependencies: [] };
}

const holdConfig = (extra: ObjectValue = {}): ObjectValue => ({
  title: 'litigation',
  description: 'case 42',
  recovery_point_selection: { vault_names: ['main', 'archive'], date_range: { from_date: '2026-01-01', to_date: '2026-06-30T23:59:59Z' } },
  cancel_description: 'case closed',
  ...extra,
});

/** The hold as read from AWS: dates as full ISO texts, lists in AWS's order, computed attributes. */
const holdRead = (extra: ObjectValue = {}): ObjectValue => ({
  title: 'litigation',
  description: 'case 42',
  recovery_point_selection: {
    vault_names: ['archive', 'main'],
    date_range: { from_date: '2026-01-01T00:00:00.000Z', to_date: '2026-06-30T23:59:59.000Z' },
  },
  tags: { 'aws:added': 'x' },
  id: 'hold-1',
  arn: 'arn:aws:backup:eu-west-1:123456789012:legal-hold:hold-1',
  status: 'ACTIVE',
  creation_date: '2026-11-01T00:00:00.000Z',
  cancel_description: 'case closed',
  ...extra,
});

const tieringConfig = (extra: ObjectValue = {}): ObjectValue => ({
  name: 'archive_tiering',
  backup_vault_name: '*',
  resource_selection: [
    { resources: ['arn:aws:s3:::logs', 'arn:aws:s3:::audit'], tiering_down_settings_in_days: 365, resource_type: 'S3' },
    { resources: ['*'], tiering_down_settings_in_days: 60, resource_type: 'S3' },
  ],
  ...extra,
});

const tieringRead = (extra: ObjectValue = {}): ObjectValue => ({
  name: 'archive_tiering',
  backup_vault_name: '*',
  resource_selection: [
    { resources: ['*'], tiering_down_settings_in_days: 60, resource_type: 'S3' },
    { resources: ['arn:aws:s3:::audit', 'arn:aws:s3:::logs'], tiering_down_settings_in_days: 365, resource_type: 'S3' },
  ],
  tags: {},
  arn: 'arn:aws:backup:eu-west-1:123456789012:tiering-configuration:archive_tiering',
  creation_time: '2026-11-01T00:00:00.000Z',
  last_updated_time: '2026-11-01T00:00:00.000Z',
  ...extra,
});

describe('planner: legal_hold', () => {
  it('sees no change when AWS returns the hold in its own forms (dates, list order, unmanaged tags)', () => {
    const p = run({ desired: [resourceConfig('legal_hold.case', holdConfig())], prior: [prior('legal_hold.case', 'hold-1', holdRead({ tags: {} }))], refreshed: new Map([['legal_hold.case', holdRead()]]) });
    expect(p.changes.map((c) => c.action)).to.deep.equal(['no-op']);
    expect(p.diagnostics).to.deep.equal([]);
  });

  it('replaces a hold whose selection changed: the new hold first, then the old one is cancelled', () => {
    const p = run({
      desired: [resourceConfig('legal_hold.case', holdConfig({ recovery_point_selection: { vault_names: ['main'] } }))],
      prior: [prior('legal_hold.case', 'hold-1', holdRead())],
    });
    const change = p.changes[0]!;
    expect([change.action, change.replaceOrder, change.replacePaths]).to.deep.equal(['replace', 'create-first', [['recovery_point_selection']]]);
    expect(change.reason).to.include('AWS cannot update a legal hold');
  });

  it('changes cancel_description and tags in place', () => {
    const p = run({
      desired: [resourceConfig('legal_hold.case', holdConfig({ cancel_description: 'settled', tags: { team: 'legal' } }))],
      prior: [prior('legal_hold.case', 'hold-1', holdRead({ tags: {} }))],
    });
    expect(p.changes[0]!.action).to.equal('update');
    expect(p.changes[0]!.after!.cancel_description).to.equal('settled');
  });

  it('destroys a hold by cancelling it, and says so', () => {
    const p = run({ prior: [prior('legal_hold.case', 'hold-1', holdRead())] });
    const change = p.changes[0]!;
    expect(change.action).to.equal('delete');
    expect(change.reason).to.match(/^cancels the legal hold/);
  });
});

describe('planner: tiering_configuration', () => {
  it('sees no change when AWS returns selections and resources in another order', () => {
    const p = run({
      desired: [resourceConfig('tiering_configuration.archive', tieringConfig())],
      prior: [prior('tiering_configuration.archive', 'archive_tiering', tieringRead())],
    });
    expect(p.changes.map((c) => c.action)).to.deep.equal(['no-op']);
  });

  it('updates the vault and the days in place, and replaces on a new name', () => {
    const inPlace = run({
      desired: [resourceConfig('tiering_configuration.archive', tieringConfig({ backup_vault_name: 'main' }))],
      prior: [prior('tiering_configuration.archive', 'archive_tiering', tieringRead())],
    });
    expect(inPlace.changes[0]!.action).to.equal('update');
    const renamed = run({
      desired: [resourceConfig('tiering_configuration.archive', tieringConfig({ name: 'renamed' }))],
      prior: [prior('tiering_configuration.archive', 'archive_tiering', tieringRead())],
    });
    expect([renamed.changes[0]!.action, renamed.changes[0]!.reason]).to.deep.equal(['replace', 'must be replaced: a tiering configuration cannot be renamed']);
  });
});

describe('planner: vaults under a legal hold', () => {
  const vault = (extra: ObjectValue = {}): ObjectValue => ({
    name: 'main',
    tags: {},
    arn: 'arn:aws:backup:eu-west-1:123456789012:backup-vault:main',
    recovery_points: 3,
    locked: false,
    legal_holds: [{ id: 'hold-1', title: 'litigation' }],
    ...extra,
  });

  it('refuses to destroy the vault and names the hold, even with force_destroy', () => {
    for (const attributes of [vault(), vault({ force_destroy: true })]) {
      const p = run({ prior: [prior('backup_vault.main', 'main', attributes)] });
      const refusal = p.diagnostics.find((d) => d.summary === 'Refusing to destroy backup_vault.main');
      expect(refusal, JSON.stringify(p.diagnostics)).to.not.equal(undefined);
      expect(refusal!.detail).to.include('active legal hold "litigation" (hold-1)');
      expect(refusal!.detail).to.include('Cancel the hold first');
    }
  });

  it('refuses to replace it too', () => {
    const p = run({
      desired: [resourceConfig('backup_vault.main', { name: 'main', kms_key_arn: 'arn:aws:kms:eu-west-1:123456789012:key/new' })],
      prior: [prior('backup_vault.main', 'main', vault({ kms_key_arn: 'arn:aws:kms:eu-west-1:123456789012:key/old' }))],
    });
    expect(p.diagnostics.some((d) => d.summary === 'Refusing to replace backup_vault.main' && d.detail?.includes('"litigation"'))).to.equal(true);
  });

  it('does not show legal_holds on a new vault: only a refresh observes them', () => {
    const p = run({ desired: [resourceConfig('backup_vault.main', { name: 'main' })] });
    expect(p.changes[0]!.action).to.equal('create');
    expect(p.changes[0]!.after).to.not.have.property('legal_holds');
  });

  it('destroys a vault whose holds were cancelled like any empty vault', () => {
    const { legal_holds: _cancelled, ...empty } = vault({ recovery_points: 0 });
    const p = run({ prior: [prior('backup_vault.main', 'main', empty)] });
    expect(p.diagnostics).to.deep.equal([]);
    expect(p.changes[0]!.action).to.equal('delete');
  });
});
