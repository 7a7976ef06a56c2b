// Which parts of the account a group of changes wrote, so that a commit saves just those
// (account-journal.ts) instead of rewriting the whole account. Handlers change the account in
// place, in hundreds of spots; rather than asking each to say what it touched, they are handed a
// proxy of the account that notes the path of every write. A path is cut at the record holding
// the write (account → backup → region → collection → record: four keys) or at the array holding
// it, so that a commit saves whole records.

/** Keys down to a record: backup, region, collection, record id. */
const RECORD_DEPTH = 4;

export interface ChangeTracker<T extends object> {
  /** The account as handlers must see it: every write through it is noted. */
  readonly tracked: T;
  /** The paths written so far, none of them inside another. */
  changedPaths(): string[][];
  /** The object `value` stands for when it is one of this tracker's proxies; `value` itself otherwise. */
  untracked<V>(value: V): V;
}

/** The paths written during one tracking, and the proxy of each object handed out in it. */
class Tracking {
  readonly written = new Map<string, string[]>();
  readonly proxies = new WeakMap<object, object>();
  /** Proxy → the object it stands for, so that a proxy is never stored inside the account. */
  readonly targets = new WeakMap<object, object>();

  untracked<V>(value: V): V {
    if (value === null || typeof value !== 'object') return value;
    return (this.targets.get(value) as V | undefined) ?? value;
  }

  note(path: string[]): void {
    const key = path.join('\u0000');
    if (!this.written.has(key)) this.written.set(key, path);
  }

  /** `whole`: the object lies inside a record or an array, so any write in it marks `path`. */
  wrap(target: object, path: string[], whole: boolean): object {
    // One handler object per proxy, its methods shared: a scan of a region's plans wraps hundreds
    // of objects per request.
    const proxy = new Proxy(target, new WriteNoter(this, path, whole));
    this.proxies.set(target, proxy);
    this.targets.set(proxy, target);
    return proxy;
  }
}

class WriteNoter implements ProxyHandler<object> {
  constructor(
    private readonly tracking: Tracking,
    private readonly path: string[],
    private readonly whole: boolean,
  ) {}

  private pathOf(key: string | symbol): string[] {
    return this.whole || typeof key === 'symbol' ? this.path : [...this.path, key];
  }

  get(object: object, key: string | symbol): unknown {
    const value = Reflect.get(object, key) as unknown;
    // A frozen object's properties must be returned as they are (a proxy invariant).
    if (typeof key === 'symbol' || value === null || typeof value !== 'object' || Object.isFrozen(object)) return value;
    return this.tracking.proxies.get(value) ?? this.tracking.wrap(value, this.pathOf(key), this.whole || Array.isArray(value) || this.path.length + 1 >= RECORD_DEPTH);
  }

  set(object: object, key: string | symbol, value: unknown): boolean {
    this.tracking.note(this.pathOf(key));
    return Reflect.set(object, key, this.tracking.untracked(value));
  }

  deleteProperty(object: object, key: string | symbol): boolean {
    this.tracking.note(this.pathOf(key));
    return Reflect.deleteProperty(object, key);
  }

  defineProperty(object: object, key: string | symbol, descriptor: PropertyDescriptor): boolean {
    this.tracking.note(this.pathOf(key));
    return Reflect.defineProperty(object, key, 'value' in descriptor ? { ...descriptor, value: this.tracking.untracked(descriptor.value) } : descriptor);
  }
}

export function trackChanges<T extends object>(root: T): ChangeTracker<T> {
  const tracking = new Tracking();
  return {
    tracked: (tracking.proxies.get(root) ?? tracking.wrap(root, [], false)) as T,
    untracked: (value) => tracking.untracked(value),
    changedPaths() {
      const paths = [...tracking.written.values()].sort((a, b) => a.length - b.length);
      const kept = new Set<string>();
      const result: string[][] = [];
      for (const path of paths) {
        // A record written whole already holds every change inside it.
        const covered = path.some((_, end) => kept.has(path.slice(0, end).join('\u0000')));
        if (covered) continue;
        kept.add(path.join('\u0000'));
        result.push(path);
      }
      return result;
    },
  };
}
