// A first apply records one create intent per create and clears them one state write at a time:
// every write must not pay again for the intents still pending (serialising and validating them).
// Reads of a pending intent's fields are counted through a getter: a write that touched them again
// would read them, whatever the machine's speed.
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InternalError } from '../../src/core/errors.js';
import { LocalStateBackend } from '../../src/state/local-backend.js';
import { freezeState, newState, withResource, type StateDocument, type StateIntent } from '../../src/state/model.js';
import { StateDraft } from '../../src/state/draft.js';
import { serializeState } from '../../src/state/serialize.js';
import { sampleResource, tempDir } from './helpers.js';

const OPEN = { operation: 'apply', lockTimeoutMs: 0, lock: true } as const;

/** A frozen intent whose `token` counts its reads. */
function countedIntent(address: string, reads: { count: number }): StateIntent {
  const intent = { address, kind: 'backup_vault', provider: 'sandbox', recorded_at: '2026-12-06T00:00:00.000Z' } as StateIntent;
  Object.defineProperty(intent, 'token', {
    enumerable: true,
    get() {
      reads.count += 1;
      return `token-${address}`;
    },
  });
  return Object.freeze(intent);
}

function intentAt(address: string): StateIntent {
  return { address, kind: 'backup_vault', provider: 'sandbox', token: `token-${address}`, recorded_at: '2026-12-06T00:00:00.000Z' };
}

describe('state writes and pending create intents', () => {
  it('serialises intents exactly as JSON.stringify does, in either key order, and reuses the bytes of unchanged ones', () => {
    const reads = { count: 0 };
    const pending = countedIntent('backup_vault.b', reads);
    const first = freezeState({ ...withResource(newState('1.0.0'), sampleResource('a')), intents: [intentAt('backup_vault.a'), pending] });
    expect(serializeState(first)).to.equal(`${JSON.stringify(first, null, 2)}\n`);
    reads.count = 0;
    const second = freezeState({ ...withResource(first, sampleResource('c', { note: 'été ✓' })), intents: [pending] });
    expect(serializeState(second)).to.equal(`${JSON.stringify(second, null, 2)}\n`);
    expect(reads.count, 'reads of the unchanged intent by the serialiser (JSON.stringify above read it once)').to.equal(1);

    const { intents, ...rest } = second;
    const intentsFirst = { intents, ...rest } as StateDocument;
    expect(serializeState(intentsFirst)).to.equal(`${JSON.stringify(intentsFirst, null, 2)}\n`);
    const emptyIntents = { ...rest, intents: [] };
    expect(serializeState(emptyIntents)).to.equal(`${JSON.stringify(emptyIntents, null, 2)}\n`);
  });

  it('a state write neither serialises nor validates again an intent an earlier write held', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const backend = new LocalStateBackend({ statePath: join(dir, 'bkp.state.json'), bkpVersion: '1.0.0' });
      const session = await backend.open(OPEN);
      const reads = { count: 0 };
      const pending = countedIntent('backup_vault.b', reads);
      const draft = new StateDraft(session.current());
      draft.putIntent(intentAt('backup_vault.a'));
      draft.putIntent(pending);
      await session.persist(() => draft.document());
      expect(reads.count, 'the first write reads the new intent').to.be.greaterThan(0);

      reads.count = 0;
      draft.removeIntent('backup_vault.a');
      draft.putResource(sampleResource('a'));
      await session.persist(() => draft.document());
      expect(reads.count, 'reads of the pending intent by the second write').to.equal(0);
      await session.close();
      const written = JSON.parse(readFileSync(join(dir, 'bkp.state.json'), 'utf8')) as StateDocument;
      expect(written.intents?.map((i) => [i.address, i.token])).to.deep.equal([['backup_vault.b', 'token-backup_vault.b']]);
      expect(written.resources.map((r) => r.address)).to.deep.equal(['backup_vault.a']);
    } finally {
      cleanup();
    }
  });

  it('still refuses to write a new intent that does not match the schema', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const backend = new LocalStateBackend({ statePath: join(dir, 'bkp.state.json'), bkpVersion: '1.0.0' });
      const session = await backend.open(OPEN);
      const draft = new StateDraft(session.current());
      draft.putIntent(intentAt('backup_vault.a'));
      await session.persist(() => draft.document());
      draft.putIntent({ ...intentAt('backup_vault.b'), token: 42 as unknown as string });
      let error: unknown;
      await session.persist(() => draft.document()).catch((e: unknown) => (error = e));
      expect(error).to.be.instanceOf(InternalError);
      expect((error as Error).message).to.include('token');
      await session.close();
    } finally {
      cleanup();
    }
  });
});
