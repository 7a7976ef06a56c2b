// The one rule every kind's tag update follows (AWS Backup's objects and Organizations policies
// alike): set what is new or changed, remove only keys bkp set before, leave other keys alone.
import { expect } from 'chai';
import { tagChanges } from '../../src/resources/tags.js';

describe('resources: tag changes', () => {
  it('sets new and changed values as strings, and removes only the keys bkp managed before', () => {
    expect(tagChanges({ team: 'a', env: 'dev', gone: 'x' }, { team: 'b', env: 'dev', count: 3 })).to.deep.equal({ set: { team: 'b', count: '3' }, removed: ['gone'] });
  });

  it('treats no tags on either side as an empty map', () => {
    expect(tagChanges(undefined, { team: 'a' })).to.deep.equal({ set: { team: 'a' }, removed: [] });
    expect(tagChanges({ team: 'a' }, undefined)).to.deep.equal({ set: {}, removed: ['team'] });
    expect(tagChanges(undefined, undefined)).to.deep.equal({ set: {}, removed: [] });
  });
});
