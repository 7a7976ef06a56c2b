// The state of a simulation: an in-memory session that starts empty and is thrown away with the
// scratch account, so `bkp simulate` never reads, locks or writes the real state.
import type { StateSession } from '../state/backend.js';
import { newState, type StateDocument } from '../state/model.js';
import { bkpVersion } from '../version.js';

export class MemoryStateSession implements StateSession {
  readonly lockInfo = undefined;
  readonly location = '(simulation: in-memory state)';
  #document: StateDocument = newState(bkpVersion());

  current(): StateDocument {
    return structuredClone(this.#document);
  }

  async persist(next: StateDocument): Promise<void> {
    this.#document = { ...structuredClone(next), serial: this.#document.serial + 1 };
  }

  async replace(document: StateDocument): Promise<void> {
    this.#document = structuredClone(document);
  }

  async close(): Promise<void> {
    // Nothing to release: no lock, no file.
  }
}
