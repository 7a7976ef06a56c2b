// The signals that mean "stop": Ctrl-C (SIGINT), what CI systems and process managers send on
// cancel or timeout (SIGTERM), and a closed terminal or SSH session (SIGHUP). bkp handles all three
// alike: an apply finishes its calls in flight and saves the state, and every lock is released.
export const INTERRUPT_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** Calls `handler` on each interrupt signal until the returned function is called. */
export function onInterrupt(handler: (signal: NodeJS.Signals) => void): () => void {
  for (const signal of INTERRUPT_SIGNALS) process.on(signal, handler);
  return () => {
    for (const signal of INTERRUPT_SIGNALS) process.off(signal, handler);
  };
}

const cleanupHandlers = new WeakSet<(...args: never[]) => unknown>();

/**
 * Marks `handler` as a lock cleanup: it acts on a signal only when no command handles it
 * (`commandHandlesSignal`), and cleanups never count as commands for each other.
 */
export function markAsCleanup(handler: (signal: NodeJS.Signals) => void): void {
  cleanupHandlers.add(handler);
}

/** True when a listener other than a lock cleanup (apply, jobs --watch) takes care of `signal`. */
export function commandHandlesSignal(signal: NodeJS.Signals): boolean {
  return process.listeners(signal).some((listener) => !cleanupHandlers.has(listener as (...args: never[]) => unknown));
}
