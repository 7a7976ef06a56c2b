// What the `bkp sandbox` commands report about an account: the rows of its inventory, what
// happened while its clock advanced, and its status. Built by app/sandbox/, shown by render/sandbox.ts.
import type { Eligibility, SourceResource } from './inventory.js';

export interface ResourceRow {
  resource: SourceResource;
  eligibility: Eligibility;
}

/** Something that happened while the sandbox clock advanced. */
export type SandboxEvent =
  | { kind: 'job-created'; at: number; region: string; jobId: string; resourceArn: string; state: string; byPlan: boolean }
  | { kind: 'job-state'; at: number; region: string; jobId: string; resourceArn: string; from: string; to: string; message?: string }
  | { kind: 'point-created'; at: number; region: string; arn: string; resourceArn: string; vaultName: string; incremental: boolean; sizeBytes: number }
  | { kind: 'point-cold'; at: number; region: string; arn: string; resourceArn: string }
  | { kind: 'point-deleted'; at: number; region: string; arn: string; resourceArn: string; vaultName: string }
  | { kind: 'report-job'; at: number; region: string; jobId: string; reportPlanName: string; status: string; message?: string; keys: string[]; bucket: string }
  /** A restore test that finished (restored or failed), and the deletion of what it restored. */
  | { kind: 'restore-test'; at: number; region: string; jobId: string; resourceArn: string; test: string; state: string; createdResourceArn?: string; message?: string }
  | { kind: 'restore-test-deleted'; at: number; region: string; jobId: string; resourceArn: string; createdResourceArn: string; validationStatus?: string }
  /** A restore job started outside restore testing (bkp restore, StartRestoreJob) that ended. */
  | { kind: 'restore-job'; at: number; region: string; jobId: string; resourceArn: string; state: string; createdResourceArn?: string; message?: string }
  /** A copy job (a rule's copy action, or StartCopyJob) that ended. */
  | { kind: 'copy-job'; at: number; region: string; jobId: string; resourceArn: string; state: string; destinationVaultArn: string; message?: string };

export interface AdvanceView {
  duration: string;
  from: number;
  to: number;
  events: readonly SandboxEvent[];
  /** Resource names by ARN, to show `web (i-…)` instead of a bare ARN. */
  names: ReadonlyMap<string, string>;
}

export interface StatusView {
  path: string;
  accountId: string;
  defaultRegion: string;
  now: number;
  clockMode: 'virtual' | 'real';
  nextEvent?: number;
  inventory: Record<string, number>;
  regions: {
    name: string;
    vaults: number;
    plans: number;
    selections: number;
    jobs: Record<string, number>;
    recoveryPoints: Record<string, number>;
  }[];
}

/** One object of the sandbox's object store, as `bkp sandbox reports list` shows it. */
export interface ReportObjectRow {
  bucket: string;
  key: string;
  sizeBytes: number;
  lastModified: number;
  contentType: string;
}

/** One object with its content, for `bkp sandbox reports show`. */
export interface ReportObjectView extends ReportObjectRow {
  body: string;
}
