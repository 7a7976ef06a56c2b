import { expect } from 'chai';
import { freezeState, newState, withJob, withResource, type StateDocument } from '../../src/state/model.js';
import { serializeState, serializeStateBytes, serializeStateChunks } from '../../src/state/serialize.js';
import { sampleJob, sampleResource } from './helpers.js';

const plain = (doc: StateDocument) => `${JSON.stringify(doc, null, 2)}\n`;

describe('state serialisation', () => {
  it('writes exactly what JSON.stringify(doc, null, 2) writes, for empty and full documents', () => {
    const empty = newState('1.0.0');
    expect(serializeState(empty)).to.equal(plain(empty));
    let doc = empty;
    for (const name of ['a', 'b', 'c']) {
      doc = withResource(doc, sampleResource(name, { tags: { team: 'infra', note: 'line\nbreak "quoted"' }, rules: [{ name: 'r', lifecycle: { delete_after_days: 35 } }], empty: [], nested: {} }));
    }
    doc = withJob(doc, sampleJob('J1'));
    const selection = { ...sampleResource('s'), address: 'backup_selection.s', kind: 'backup_selection', attributes: { resources: ['arn:aws:ec2:*:*:instance/*'] } };
    doc = withResource(doc, selection);
    expect(serializeState(doc)).to.equal(plain(doc));
    expect(serializeState(freezeState(doc))).to.equal(plain(doc));
  });

  it('reuses the text of unchanged frozen resources and serialises changed ones anew', () => {
    const first = freezeState(withResource(withResource(newState('1.0.0'), sampleResource('a')), sampleResource('b')));
    expect(serializeState(first)).to.equal(plain(first));
    const second = freezeState(withResource(first, sampleResource('b', { note: 'changed' })));
    expect(second.resources[0]).to.equal(first.resources[0]);
    expect(serializeState(second)).to.equal(plain(second));
    expect(serializeState(second)).to.contain('"note": "changed"');
  });

  it('writes the same text as UTF-8 bytes, non-ASCII characters included', () => {
    const doc = freezeState(withResource(withResource(newState('1.0.0'), sampleResource('a', { note: 'sauvegarde → été ✓' })), sampleResource('b')));
    expect(serializeStateBytes(doc).equals(Buffer.from(plain(doc)))).to.equal(true);
    const empty = newState('1.0.0');
    expect(serializeStateBytes(empty).toString('utf8')).to.equal(plain(empty));
  });

  it('keeps the cached bytes of each resource in memory of their own, not in a slice of a shared pool block', () => {
    // A slice of Buffer's 8 KiB pool keeps the whole block alive: cached for the whole run, the
    // slices of a 5,000-resource apply held twice the state's size.
    const doc = freezeState(withResource(withResource(newState('1.0.0'), sampleResource('a')), sampleResource('b')));
    const cached = serializeStateChunks(doc).filter((chunk) => chunk.toString('utf8').includes('"address"'));
    expect(cached).to.have.length(2);
    // The first entry's chunk leaves out the separator its cached bytes start with (",\n").
    for (const chunk of cached) expect(chunk.buffer.byteLength - chunk.byteLength).to.be.within(0, 2);
  });

  it('does not cache resources that are not frozen, which may still change', () => {
    const resource = sampleResource('a');
    const doc = withResource(newState('1.0.0'), resource);
    serializeState(doc);
    (resource.attributes as Record<string, unknown>).note = 'later';
    expect(serializeState(doc)).to.equal(plain(doc));
  });
});
