// One concurrency limit shared by every AWS call of a run (all providers, all regions).
import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The slot a task holds, lent to the limited calls it makes while it waits for them: an apply
 * operation holds a slot for its whole run and its handler limits each AWS call again, so with
 * every slot held by such operations they would wait for each other forever. A nested call takes a
 * free slot when there is one, and otherwise runs in its caller's slot, one at a time.
 */
class HeldSlot {
  private tail: Promise<unknown> = Promise.resolve();

  lend<T>(task: () => Promise<T>, nest: (task: () => Promise<T>) => Promise<T>): Promise<T> {
    const result = this.tail.then(() => nest(task));
    this.tail = result.catch(() => undefined);
    return result;
  }
}

export class Limiter {
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  private readonly held = new AsyncLocalStorage<HeldSlot>();

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`parallelism must be a positive integer, got ${limit}`);
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    const caller = this.held.getStore();
    // A lent task's own nested calls borrow from it in turn, not from the caller it is queued on.
    const nest = (inner: () => Promise<T>) => this.held.run(new HeldSlot(), inner);
    if (caller !== undefined && this.active >= this.limit) return caller.lend(task, nest);
    // A freed slot passes straight to the next waiter, still counted in `active`: freed first and
    // taken when the waiter resumed, a call arriving in between took it too, and an apply at
    // parallelism 10 had up to 191 calls in flight.
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active++;
    try {
      return await nest(task);
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }

  /** Runs `task` for every item under the limit; rejects with the first error after all settle. */
  async map<I, O>(items: readonly I[], task: (item: I) => Promise<O>): Promise<O[]> {
    const results = await Promise.allSettled(items.map((item) => this.run(() => task(item))));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    return results.map((r) => (r as PromiseFulfilledResult<O>).value);
  }
}
