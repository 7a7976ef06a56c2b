// A stand-in for AWS calls whose replies arrive together, as the sandbox answers every call of one
// group commit at once: the tasks they resume then free and ask for slots within the same turn of
// the event loop, which is where a concurrency limit can let one call too many through.

export interface GroupedCalls {
  /** One call: in flight until the next group of replies. */
  call: () => Promise<void>;
  /** Calls made, in flight now, and the most in flight at once. */
  readonly counts: { made: number; inFlight: number; most: number };
}

export function groupedCalls(): GroupedCalls {
  const counts = { made: 0, inFlight: 0, most: 0 };
  let waiting: Array<() => void> = [];
  const call = async () => {
    counts.made++;
    counts.most = Math.max(counts.most, ++counts.inFlight);
    if (waiting.length === 0) {
      setImmediate(() => {
        const answered = waiting;
        waiting = [];
        for (const reply of answered) reply();
      });
    }
    await new Promise<void>((resolve) => waiting.push(resolve));
    counts.inFlight--;
  };
  return { call, counts };
}
