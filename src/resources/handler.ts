// The SDK half of a resource kind: read, create, update, delete through AWS Backup.
// The engine drives handlers; it never calls the SDK itself.
import { createHash } from 'node:crypto';
import type { BackupClient } from '@aws-sdk/client-backup';
import type { ObjectValue } from '../core/values.js';

export interface HandlerContext {
  backup: BackupClient;
  region: string;
  /** The state lineage: creation tokens derive from it so retries never create twice. */
  lineage: string;
}

export interface CreateResult {
  id: string;
  attributes: ObjectValue;
  /** Backup jobs the creation started, for the state's job history (written with the resource). */
  jobs?: StartedJob[];
}

/** A backup job as the state's job history records it (structurally the state's StateJob). */
export interface StartedJob {
  address: string;
  job_id: string;
  trigger?: string;
  resource_arn: string;
  vault: string;
  recovery_point_arn?: string;
  state: 'CREATED' | 'PENDING' | 'RUNNING' | 'ABORTING' | 'ABORTED' | 'COMPLETED' | 'FAILED' | 'EXPIRED' | 'PARTIAL';
  started_at: string;
  idempotency_token: string;
  iam_role_arn?: string;
  status_message?: string;
  percent_done?: string;
  backup_size_bytes?: number;
  completed_at?: string;
  updated_at?: string;
}

export interface CreateHooks {
  /**
   * Called as soon as the object exists in AWS, before follow-up calls (policy, lock, …), so the
   * state records it even if a later call fails.
   */
  created(id: string, attributes: ObjectValue): Promise<void>;
}

/** What one listing call of a kind saw, by id, for list-first refresh. */
export type Listing = Map<string, ObjectValue>;

export interface ResourceHandler {
  kind: string;
  /**
   * Reads the object now. `prior` is the last state (for attributes AWS cannot return, and to
   * skip reads a listing already answers); `listing` what list() saw when it was called.
   * Returns null when the object no longer exists.
   */
  read(ctx: HandlerContext, id: string, prior: ObjectValue, listing?: Listing): Promise<ObjectValue | null>;
  create(ctx: HandlerContext, address: string, desired: ObjectValue, hooks: CreateHooks): Promise<CreateResult>;
  update(ctx: HandlerContext, id: string, before: ObjectValue, after: ObjectValue): Promise<ObjectValue>;
  delete(ctx: HandlerContext, id: string, before: ObjectValue): Promise<void>;
}

/**
 * A deterministic CreatorRequestId / IdempotencyToken: same state, address and desired
 * attributes → same token, so a retried or interrupted apply finds the object it already made.
 */
export function creationToken(lineage: string, address: string, desired: ObjectValue, salt = ''): string {
  const hash = createHash('sha256');
  hash.update(`${lineage}\n${address}\n${salt}\n${JSON.stringify(desired)}`);
  return `bkp-${hash.digest('hex').slice(0, 40)}`;
}
