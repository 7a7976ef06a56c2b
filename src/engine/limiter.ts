// One concurrency limit shared by every AWS call of a run (all providers, all regions).

export class Limiter {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`parallelism must be a positive integer, got ${limit}`);
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
    try {
      return await task();
    } finally {
      this.active--;
      this.waiting.shift()?.();
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
