import { expect } from 'chai';
import { UserError } from '../../src/core/errors.js';
import {
  contentEquals,
  findResource,
  formatAddress,
  moveResource,
  newState,
  sortedByAddress,
  parseAddress,
  withJob,
  withoutResource,
  withResource,
} from '../../src/state/model.js';
import { stateSchemaProblems } from '../../src/state/validate.js';
import { sampleJob, sampleResource } from './helpers.js';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('state model', () => {
  it('newState is an empty, schema-valid state with a fresh UUID v4 lineage', () => {
    const a = newState('1.2.3');
    const b = newState('1.2.3');
    expect(a).to.include({ format_version: 1, serial: 0, bkp_version: '1.2.3' });
    expect(a.resources).to.deep.equal([]);
    expect(a.jobs).to.deep.equal([]);
    expect(a.lineage).to.match(UUID_V4);
    expect(a.lineage).to.not.equal(b.lineage);
    expect(stateSchemaProblems(a)).to.deep.equal([]);
  });

  it('withResource adds or replaces by address, keeps resources sorted and never mutates its input', () => {
    const empty = newState('1.0.0');
    const one = withResource(empty, sampleResource('zeta'));
    const two = withResource(one, sampleResource('alpha'));
    expect(empty.resources).to.have.length(0);
    expect(one.resources.map((r) => r.address)).to.deep.equal(['backup_vault.zeta']);
    expect(two.resources.map((r) => r.address)).to.deep.equal(['backup_vault.alpha', 'backup_vault.zeta']);

    const replaced = withResource(two, sampleResource('zeta', { tags: { team: 'infra' } }));
    expect(replaced.resources).to.have.length(2);
    expect(findResource(replaced, 'backup_vault.zeta')?.attributes.tags).to.deep.equal({ team: 'infra' });
    expect(findResource(two, 'backup_vault.zeta')?.attributes.tags).to.equal(undefined);
  });

  it('sortedByAddress hands back a sorted array itself, and a sorted copy of an unsorted one', () => {
    const [a, b, c] = ['a', 'b', 'c'].map((name) => sampleResource(name));
    const sorted = [a!, b!, c!];
    expect(sortedByAddress(sorted)).to.equal(sorted);
    const unsorted = [c!, a!, b!];
    expect(sortedByAddress(unsorted)).to.deep.equal(sorted);
    expect(unsorted).to.deep.equal([c, a, b]);
  });

  it('withoutResource removes one address and leaves the rest', () => {
    const doc = withResource(withResource(newState('1.0.0'), sampleResource('a')), sampleResource('b'));
    const after = withoutResource(doc, 'backup_vault.a');
    expect(after.resources.map((r) => r.address)).to.deep.equal(['backup_vault.b']);
    expect(doc.resources).to.have.length(2);
    expect(contentEquals(withoutResource(doc, 'backup_vault.missing'), doc)).to.equal(true);
  });

  it('withJob appends new jobs and updates a known job id in place', () => {
    const one = withJob(newState('1.0.0'), sampleJob('A1'));
    const two = withJob(one, sampleJob('B2'));
    const updated = withJob(two, { ...sampleJob('A1'), state: 'COMPLETED' });
    expect(updated.jobs.map((j) => [j.job_id, j.state])).to.deep.equal([
      ['A1', 'COMPLETED'],
      ['B2', 'CREATED'],
    ]);
    expect(two.jobs[0]!.state).to.equal('CREATED');
  });

  describe('moveResource', () => {
    const base = () => {
      let doc = withResource(newState('1.0.0'), sampleResource('old'));
      doc = withResource(doc, {
        ...sampleResource('x'),
        address: 'backup_plan.daily',
        kind: 'backup_plan',
        name: 'daily',
        dependencies: ['backup_vault.old'],
      });
      return withJob(doc, { ...sampleJob('J1'), address: 'backup_vault.old' });
    };

    it('moves the resource, renames it and rewrites dependencies and jobs that pointed at it', () => {
      const moved = moveResource(base(), 'backup_vault.old', 'backup_vault.regional["eu-west-1"]');
      expect(findResource(moved, 'backup_vault.old')).to.equal(undefined);
      const resource = findResource(moved, 'backup_vault.regional["eu-west-1"]');
      expect(resource).to.include({ name: 'regional', key: 'eu-west-1', id: 'old' });
      expect(findResource(moved, 'backup_plan.daily')?.dependencies).to.deep.equal(['backup_vault.regional["eu-west-1"]']);
      expect(moved.jobs[0]!.address).to.equal('backup_vault.regional["eu-west-1"]');
    });

    it('drops the for_each key when moving to an address without one', () => {
      const keyed = moveResource(base(), 'backup_vault.old', 'backup_vault.r["a"]');
      const plain = moveResource(keyed, 'backup_vault.r["a"]', 'backup_vault.main');
      expect(findResource(plain, 'backup_vault.main')).to.not.have.property('key');
    });

    it('refuses a missing source, an occupied destination, a change of kind and a malformed address', () => {
      expect(() => moveResource(base(), 'backup_vault.nope', 'backup_vault.new')).to.throw(UserError, /no resource backup_vault.nope/);
      expect(() => moveResource(base(), 'backup_vault.old', 'backup_plan.daily')).to.throw(UserError, /already has a resource/);
      expect(() => moveResource(base(), 'backup_vault.old', 'backup_plan.other')).to.throw(UserError, /cannot become a backup_plan/);
      expect(() => moveResource(base(), 'backup_vault.old', 'not an address')).to.throw(UserError, /not a resource address/);
    });
  });

  it('parseAddress and formatAddress round-trip plain and keyed addresses', () => {
    for (const address of ['backup_vault.main', 'backup_vault.regional["eu-west-1"]', 'backup_plan.p["with \\"quote\\""]']) {
      expect(formatAddress(parseAddress(address))).to.equal(address);
    }
    expect(parseAddress('backup_vault.regional["eu-west-1"]')).to.deep.equal({ kind: 'backup_vault', name: 'regional', key: 'eu-west-1' });
    expect(() => parseAddress('backup_vault')).to.throw(UserError);
    expect(() => parseAddress('backup_vault.x[eu]')).to.throw(UserError);
  });

  describe('contentEquals', () => {
    it('ignores serial, bkp_version, resource order and key order', () => {
      const a = withResource(withResource(newState('1.0.0'), sampleResource('a')), sampleResource('b'));
      const reordered = {
        ...a,
        serial: 42,
        bkp_version: '2.0.0',
        resources: [...a.resources].reverse().map((r) => Object.fromEntries(Object.entries(r).reverse()) as typeof r),
      };
      expect(contentEquals(a, reordered)).to.equal(true);
    });

    it('sees changes in lineage, nested attributes, dependencies and jobs', () => {
      const a = withResource(newState('1.0.0'), sampleResource('a', { tags: { team: 'infra' } }));
      expect(contentEquals(a, { ...a, lineage: newState('1.0.0').lineage })).to.equal(false);
      expect(contentEquals(a, withResource(a, sampleResource('a', { tags: { team: 'ops' } })))).to.equal(false);
      expect(contentEquals(a, withResource(a, { ...sampleResource('a', { tags: { team: 'infra' } }), dependencies: ['x.y'] }))).to.equal(false);
      expect(contentEquals(a, withJob(a, sampleJob('J')))).to.equal(false);
    });

    it('treats an undefined optional property like a missing one', () => {
      const a = withResource(newState('1.0.0'), sampleResource('a'));
      const withUndefinedKey = withResource(a, { ...sampleResource('a'), key: undefined });
      expect(contentEquals(a, withUndefinedKey)).to.equal(true);
    });
  });
});
