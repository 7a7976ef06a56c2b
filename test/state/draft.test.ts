import { expect } from 'chai';
import { StateDraft } from '../../src/state/draft.js';
import { freezeState, newState, withJob, withoutResource, withResource, type StateDocument } from '../../src/state/model.js';
import { sampleJob, sampleResource } from './helpers.js';

/** A deterministic sequence of numbers in [0, 1) (a linear congruential generator), so a failure replays. */
function sequence(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

describe('state draft', () => {
  it('builds the document the model helpers would derive, for any sequence of changes', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const next = sequence(seed);
      const start = freezeState(['m', 'c', 'x'].reduce((doc, name) => withResource(doc, sampleResource(name)), newState('1.0.0')));
      const draft = new StateDraft(start);
      let expected: StateDocument = start;
      for (let step = 0; step < 40; step++) {
        const name = String.fromCharCode(97 + Math.floor(next() * 26));
        const roll = next();
        if (roll < 0.5) {
          const resource = sampleResource(name, { step });
          draft.putResource(resource);
          expected = withResource(expected, resource);
        } else if (roll < 0.8) {
          draft.removeResource(`backup_vault.${name}`);
          expected = withoutResource(expected, `backup_vault.${name}`);
        } else {
          const job = { ...sampleJob(`J-${name}`), state: step % 2 === 0 ? ('RUNNING' as const) : ('COMPLETED' as const) };
          draft.putJob(job);
          expected = withJob(expected, job);
        }
        expect(draft.document(), `seed ${seed}, step ${step}`).to.deep.equal(expected);
      }
    }
  });

  it('shares the unchanged resources of the starting document and builds a document only after a change', () => {
    const start = freezeState(withResource(withResource(newState('1.0.0'), sampleResource('a')), sampleResource('b')));
    const draft = new StateDraft(start);
    expect(draft.document()).to.equal(start);
    draft.putResource(sampleResource('c'));
    const built = draft.document();
    expect(built).to.not.equal(start);
    expect(draft.document()).to.equal(built);
    expect(built.resources.slice(0, 2)).to.have.ordered.members(start.resources);
    expect(built.resources.map((r) => r.address)).to.deep.equal(['backup_vault.a', 'backup_vault.b', 'backup_vault.c']);
    expect(built.lineage).to.equal(start.lineage);
  });

  it('looks up resources by address, and leaves the document alone when removing what is not there', () => {
    const draft = new StateDraft(withResource(newState('1.0.0'), sampleResource('a')));
    const before = draft.document();
    draft.removeResource('backup_vault.absent');
    expect(draft.document()).to.equal(before);
    expect(draft.resource('backup_vault.a')?.id).to.equal('a');
    draft.removeResource('backup_vault.a');
    expect(draft.resource('backup_vault.a')).to.equal(undefined);
    expect(draft.document().resources).to.deep.equal([]);
  });
});
