// What every state backend offers the commands: a locked session over one state document.
// The local file backend and the S3 backend implement it.
import type { LockInfo } from './lock-file.js';
import type { StateDocument } from './model.js';

export type { LockInfo } from './lock-file.js';

export interface OpenStateOptions {
  /** The command opening the state ("plan", "apply", "state mv"…), recorded in the lock. */
  operation: string;
  /** How long to wait for a held lock: 0 fails at once (-lock-timeout). */
  lockTimeoutMs: number;
  /** false: read without locking (-lock=false). */
  lock: boolean;
}

/**
 * A document to persist, or a function that builds the newest one when its write starts: calls
 * that merge into one write (see LowStateSession) then build the document once (state/draft.ts).
 */
export type NextState = StateDocument | (() => StateDocument);

export interface StateSession {
  /** The lock this session holds, if it locked. */
  readonly lockInfo: LockInfo | undefined;
  /** Where the state lives, for messages: a path or an s3:// URL. */
  readonly location: string;
  /**
   * The last persisted (or read) document; a fresh empty state with a new lineage when there is
   * none yet. Frozen and shared, never copied: derive a changed document with the helpers of
   * `model.ts` (withResource, withJob…) and pass that to `persist`, which freezes it in turn.
   */
  current(): StateDocument;
  /**
   * Stores `next` when its content differs from the last persisted document: the serial becomes
   * the last serial + 1 and bkp_version this bkp's version. No write when the content is equal.
   * Calls are applied in order, one at a time.
   */
  persist(next: NextState): Promise<void>;
  /**
   * Stores `doc` exactly as given, serial and lineage included (`bkp state push`, migrating
   * between backends). The caller decides whether replacing the stored state is safe.
   */
  replace(doc: StateDocument): Promise<void>;
  /** Things the user should know about this backend (bucket versioning off…), printed as warnings. */
  readonly warnings?: readonly string[];
  /** Waits for pending writes and releases the lock. Idempotent. */
  close(): Promise<void>;
}

export interface StateBackend {
  /** Where the state lives, for messages. */
  readonly location: string;
  open(options: OpenStateOptions): Promise<StateSession>;
  /** `bkp force-unlock ID`: removes the lock when `id` matches it; returns what was removed. */
  forceUnlock(id: string): Promise<LockInfo>;
  /**
   * The secret saved plans are signed with (state/plan-key.ts), kept in the backend's storage;
   * with `create`, made when there is none. undefined when there is none.
   */
  planKey(create: boolean): Promise<Buffer | undefined>;
}
