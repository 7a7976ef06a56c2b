import { expect } from 'chai';
import { UNKNOWN, type ObjectValue } from '../../src/core/values.js';
import { holdsSensitiveMarkers, isSensitiveMarker, redactSensitive, restoreSensitive } from '../../src/engine/sensitive-values.js';

const where = { lineage: '5c1f4b8e-2d3a-4f6b-9c7d-0e1f2a3b4c5d', address: 'backup_vault.main' };
const attributes: ObjectValue = {
  name: 'main',
  tags: { owner: 'alice-secret', team: 'infra' },
  rule: [{ name: 'daily', window: 60 }, { name: 'weekly', window: 120 }],
  kms: UNKNOWN,
  policy: null,
};

describe('sensitive values: markers in place of secrets', () => {
  it('replaces every scalar a pointer covers, keeping keys and list lengths', () => {
    const redacted = redactSensitive(attributes, ['/tags', '/rule/0/window'], where);
    const tags = redacted.tags as ObjectValue;
    expect(Object.keys(tags)).to.deep.equal(['owner', 'team']);
    expect(isSensitiveMarker(tags.owner)).to.equal(true);
    expect(isSensitiveMarker(tags.team)).to.equal(true);
    expect(JSON.stringify(redacted)).to.not.include('alice-secret');
    // A list index in a pointer covers every element: canonical lists may be reordered.
    const rules = redacted.rule as ObjectValue[];
    expect(rules.map((r) => r.name)).to.deep.equal(['daily', 'weekly']);
    expect(rules.every((r) => isSensitiveMarker(r.window))).to.equal(true);
    expect(redacted.name).to.equal('main');
    expect(redacted.kms, 'unknown values hold no secret').to.equal(UNKNOWN);
    expect(holdsSensitiveMarkers(redacted)).to.equal(true);
    expect(holdsSensitiveMarkers(attributes)).to.equal(false);
  });

  it('keeps the same object when nothing is sensitive, and does not hash a marker again', () => {
    expect(redactSensitive(attributes, [], where)).to.equal(attributes);
    const once = redactSensitive(attributes, ['/tags/owner'], where);
    expect(redactSensitive(once, ['/tags/owner'], where)).to.equal(once);
  });

  it('salts by lineage, address and path', () => {
    const a = redactSensitive({ x: 's', y: 's' }, ['/x', '/y'], where);
    const b = redactSensitive({ x: 's' }, ['/x'], { ...where, address: 'backup_vault.other' });
    const c = redactSensitive({ x: 's' }, ['/x'], { ...where, lineage: '00000000-0000-4000-8000-000000000000' });
    expect(new Set([a.x, a.y, b.x, c.x]).size).to.equal(4);
    expect(redactSensitive({ x: 's' }, ['/x'], where).x, 'deterministic').to.equal(a.x);
  });

  it('restores a marker from the first candidate whose value it was made from', () => {
    const redacted = redactSensitive(attributes, ['/tags/owner'], where);
    const stale = { ...attributes, tags: { owner: 'someone-else', team: 'infra' } };
    const { attributes: restored, unmatched } = restoreSensitive(redacted, [stale, attributes], where);
    expect(restored).to.deep.equal(attributes);
    expect(unmatched).to.deep.equal([]);
  });

  it('reports a marker nothing matches, and takes the fallback value or keeps the marker', () => {
    const redacted = redactSensitive(attributes, ['/tags/owner'], where);
    const other = { ...attributes, tags: { owner: 'bob', team: 'infra' } };
    const kept = restoreSensitive(redacted, [other], where);
    expect(kept.unmatched).to.deep.equal([['tags', 'owner']]);
    expect((kept.attributes.tags as ObjectValue).owner).to.equal((redacted.tags as ObjectValue).owner);
    const fallback = restoreSensitive(redacted, [other], where, { tags: { owner: 'carol' } });
    expect((fallback.attributes.tags as ObjectValue).owner).to.equal('carol');
  });

  it('never matches a value at another path or a candidate that is itself a marker', () => {
    const redacted = redactSensitive({ a: 'same', b: 'x' }, ['/a'], where);
    expect(restoreSensitive(redacted, [{ a: 'other', b: 'same' }], where).unmatched).to.have.length(1);
    expect(restoreSensitive(redacted, [redacted], where).unmatched).to.have.length(1);
  });
});
