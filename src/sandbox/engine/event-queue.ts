// A binary min-heap of pending events, ordered by time, then kind (lifecycle before jobs before
// copy jobs before schedule ticks before restore test runs, so a tick's new job sees the points
// that expired at the same instant), then
// insertion order. Entries may go stale; the consumer re-checks each popped entry.

export type EventKind = 'lifecycle' | 'job' | 'copy' | 'restore' | 'tick' | 'restore-test' | 'report';

// Reports come last: a report written at an instant sees every job change of that instant.
const KIND_RANK: Record<EventKind, number> = { lifecycle: 0, job: 1, copy: 2, restore: 3, tick: 4, 'restore-test': 5, report: 6 };

export interface QueuedEvent {
  time: number;
  kind: EventKind;
  region: string;
  /** Recovery point ARN, backup, copy or restore job id, `planId/ruleId`, a restore testing plan's name, or `plan/NAME`/`job/ID` of a report. */
  key: string;
  seq: number;
}

export class EventQueue {
  private readonly heap: QueuedEvent[] = [];
  private seq = 0;

  get size(): number {
    return this.heap.length;
  }

  push(time: number, kind: EventKind, region: string, key: string): void {
    this.heap.push({ time, kind, region, key, seq: this.seq++ });
    this.up(this.heap.length - 1);
  }

  peek(): QueuedEvent | undefined {
    return this.heap[0];
  }

  pop(): QueuedEvent | undefined {
    const top = this.heap[0];
    const last = this.heap.pop();
    if (top !== undefined && last !== undefined && this.heap.length > 0) {
      this.heap[0] = last;
      this.down(0);
    }
    return top;
  }

  private less(a: QueuedEvent, b: QueuedEvent): boolean {
    if (a.time !== b.time) return a.time < b.time;
    if (a.kind !== b.kind) return KIND_RANK[a.kind] < KIND_RANK[b.kind];
    return a.seq < b.seq;
  }

  private up(i: number): void {
    const h = this.heap;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(h[i]!, h[parent]!)) break;
      [h[i], h[parent]] = [h[parent]!, h[i]!];
      i = parent;
    }
  }

  private down(i: number): void {
    const h = this.heap;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < h.length && this.less(h[left]!, h[smallest]!)) smallest = left;
      if (right < h.length && this.less(h[right]!, h[smallest]!)) smallest = right;
      if (smallest === i) return;
      [h[i], h[smallest]] = [h[smallest]!, h[i]!];
      i = smallest;
    }
  }
}
