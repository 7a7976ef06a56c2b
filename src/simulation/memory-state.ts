// The state of a simulation: the same session every backend uses, over lowdb's in-memory adapter.
// It starts empty and is thrown away with the scratch account, so `bkp simulate` never reads,
// locks or writes the real state.
import { Low, Memory } from 'lowdb';
import { LowStateSession } from '../state/low-session.js';
import { newState, type StateDocument } from '../state/model.js';
import { bkpVersion } from '../core/version.js';

export function memoryStateSession(): LowStateSession {
  const version = bkpVersion();
  return new LowStateSession(new Low<StateDocument>(new Memory<StateDocument>(), newState(version)), undefined, version, '(simulation: in-memory state)');
}
