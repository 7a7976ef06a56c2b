// A state document being changed one operation at a time, as apply changes it. Deriving a new
// document per operation (withResource: copy, filter and sort every resource) made each
// operation cost as much as the whole state, and an apply of n resources cost n². A draft takes
// each change in constant time and builds the document only when a state write starts: writes
// that merge while another one runs (low-session.ts) build it once for all their changes.
import { sortedByAddress, type StateDocument, type StateIntent, type StateJob, type StateResource } from './model.js';

export class StateDraft {
  readonly #base: StateDocument;
  /** By address; the starting resources first, in their (sorted) order. */
  readonly #resources: Map<string, StateResource>;
  /** By job id, in the order they were first recorded (Map keeps the place of a replaced entry). */
  readonly #jobs: Map<string, StateJob>;
  /** Unresolved create intents by address. */
  readonly #intents: Map<string, StateIntent>;
  /** The document of the changes so far; undefined once a change came after it was built. */
  #built: StateDocument | undefined;

  constructor(start: StateDocument) {
    this.#base = start;
    this.#resources = new Map(start.resources.map((r) => [r.address, r]));
    this.#jobs = new Map(start.jobs.map((j) => [j.job_id, j]));
    this.#intents = new Map((start.intents ?? []).map((i) => [i.address, i]));
    this.#built = start;
  }

  resource(address: string): StateResource | undefined {
    return this.#resources.get(address);
  }

  /** Adds `resource`, or replaces the one at the same address. */
  putResource(resource: StateResource): void {
    this.#resources.set(resource.address, resource);
    this.#built = undefined;
  }

  removeResource(address: string): void {
    if (this.#resources.delete(address)) this.#built = undefined;
  }

  /** Adds `job`, or replaces the one with the same job id where it stands (as withJob does). */
  putJob(job: StateJob): void {
    this.#jobs.set(job.job_id, job);
    this.#built = undefined;
  }

  intent(address: string): StateIntent | undefined {
    return this.#intents.get(address);
  }

  /** Records the intent to create at its address (replacing an earlier one there). */
  putIntent(intent: StateIntent): void {
    this.#intents.set(intent.address, intent);
    this.#built = undefined;
  }

  removeIntent(address: string): void {
    if (this.#intents.delete(address)) this.#built = undefined;
  }

  /**
   * The document holding every change so far: unchanged resources are the very objects of the
   * starting document, so freezing and serialising it costs only what changed. Sorting is nearly
   * linear: the starting resources are one sorted run and the new ones follow.
   */
  document(): StateDocument {
    if (this.#built === undefined) {
      const { intents: _intents, ...base } = this.#base;
      const intents = [...this.#intents.values()].sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
      this.#built = {
        ...base,
        resources: sortedByAddress([...this.#resources.values()]),
        jobs: [...this.#jobs.values()],
        ...(intents.length > 0 ? { intents } : {}),
      };
    }
    return this.#built;
  }
}
