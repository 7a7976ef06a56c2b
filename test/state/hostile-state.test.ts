// Issue 22, section 5: state files that are data, not code. Prototype keys, a serial where
// counting stops, and an address listed twice are refused with a message that says how to fix
// the file, instead of crashing a view, applying a stale plan or dropping an object silently.
import { expect } from 'chai';
import { ErrorCode, UserError } from '../../src/core/errors.js';
import { newState } from '../../src/state/model.js';
import { MAX_SERIAL, parseStateText } from '../../src/state/validate.js';
import { sampleResource } from './helpers.js';

function refusal(text: string): UserError {
  try {
    parseStateText(text, '/somewhere/bkp.state.json');
  } catch (e) {
    expect(e).to.be.instanceOf(UserError);
    return e as UserError;
  }
  throw new Error('expected the state to be refused');
}

function stateText(edit: (doc: Record<string, unknown>) => void): string {
  const doc = { ...newState('0.0.0-test'), serial: 3, resources: [sampleResource('main', { tags: { team: 'infra' } })] } as unknown as Record<string, unknown>;
  edit(doc);
  return JSON.stringify(doc);
}

describe('hostile state files', () => {
  for (const key of ['__proto__', 'constructor', 'prototype']) {
    it(`refuses "${key}" as a key anywhere, naming where it is`, () => {
      const top = refusal(stateText(() => undefined).replace('"attributes":{', `"attributes":{"${key}":{"a":1},`));
      expect(top.code).to.equal(ErrorCode.StateCorrupt);
      expect(top.message).to.include(`resources[0].attributes uses the reserved key "${key}"`);
      const nested = refusal(stateText(() => undefined).replace('"tags":{', `"tags":{"${key}":"x",`));
      expect(nested.message).to.include('resources[0].attributes.tags');
    });
  }

  it('refuses a serial beyond 2^53 - 2 and says how to fix it', () => {
    const error = refusal(stateText((doc) => (doc.serial = 2 ** 53)));
    expect(error.code).to.equal(ErrorCode.StateCorrupt);
    expect(error.message).to.include('serial');
    expect(error.hint).to.include(`set "serial" to a whole number at most ${MAX_SERIAL}`);
    expect(parseStateText(stateText((doc) => (doc.serial = MAX_SERIAL)), 'bkp.state.json').serial).to.equal(MAX_SERIAL);
    expect(MAX_SERIAL + 1).to.not.equal(MAX_SERIAL);
  });

  it('refuses an address listed twice instead of dropping one', () => {
    const error = refusal(
      stateText((doc) => {
        const resources = doc.resources as Array<Record<string, unknown>>;
        resources.push({ ...resources[0], id: 'other' });
      }),
    );
    expect(error.code).to.equal(ErrorCode.StateCorrupt);
    expect(error.message).to.include('lists backup_vault.main twice (resources[0] and resources[1])');
    expect(error.hint).to.include('remove the entry');
  });

  it('refuses an address that is no address, or that disagrees with the kind, name and key', () => {
    const edited = (edit: (resource: Record<string, unknown>) => void) =>
      refusal(stateText((doc) => edit((doc.resources as Array<Record<string, unknown>>)[0]!)));
    const noAddress = edited((r) => (r.address = '!!bad'));
    expect(noAddress.code).to.equal(ErrorCode.StateCorrupt);
    expect(noAddress.message).to.include('resources[0] has the address "!!bad", which is no resource address');
    expect(edited((r) => (r.address = 'backup_vault.other')).message).to.include('has the address backup_vault.other, but its kind, name and key say backup_vault.main');
    expect(edited((r) => (r.address = 'backup_vault.main["a"]')).message).to.include('but its kind, name and key say backup_vault.main.');
    const keyed = stateText((doc) => Object.assign((doc.resources as Array<Record<string, unknown>>)[0]!, { address: 'backup_vault.main["a"]', key: 'a' }));
    expect(parseStateText(keyed, 'bkp.state.json').resources[0]!.address).to.equal('backup_vault.main["a"]');
  });
});
