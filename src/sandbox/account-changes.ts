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
}

/** Proxy → the object it stands for, so that a proxy is never stored inside the account. */
const targets = new WeakMap<object, object>();

/** The object `value` stands for when it is a tracking proxy; `value` itself otherwise. */
export function untracked<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  return (targets.get(value) as T | undefined) ?? value;
}

export function trackChanges<T extends object>(root: T): ChangeTracker<T> {
  const written = new Map<string, string[]>();
  const proxies = new WeakMap<object, object>();
  const note = (path: string[]) => {
    const key = path.join('\u0000');
    if (!written.has(key)) written.set(key, path);
  };

  /** `whole`: the object lies inside a record or an array, so any write in it marks `path`. */
  const wrap = (target: object, path: string[], whole: boolean): object => {
    const known = proxies.get(target);
    if (known !== undefined) return known;
    const pathOf = (key: string | symbol) => (whole || typeof key === 'symbol' ? path : [...path, key]);
    const proxy = new Proxy(target, {
      get(object, key) {
        const value = Reflect.get(object, key) as unknown;
        // A frozen object's properties must be returned as they are (a proxy invariant).
        if (typeof key === 'symbol' || value === null || typeof value !== 'object' || Object.isFrozen(object)) return value;
        const inner = whole || Array.isArray(value) || path.length + 1 >= RECORD_DEPTH;
        return wrap(value, whole ? path : [...path, key], inner);
      },
      set(object, key, value) {
        note(pathOf(key));
        return Reflect.set(object, key, untracked(value));
      },
      deleteProperty(object, key) {
        note(pathOf(key));
        return Reflect.deleteProperty(object, key);
      },
      defineProperty(object, key, descriptor) {
        note(pathOf(key));
        return Reflect.defineProperty(object, key, 'value' in descriptor ? { ...descriptor, value: untracked(descriptor.value) } : descriptor);
      },
    });
    proxies.set(target, proxy);
    targets.set(proxy, target);
    return proxy;
  };

  return {
    tracked: wrap(root, [], false) as T,
    changedPaths() {
      const paths = [...written.values()].sort((a, b) => a.length - b.length);
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
