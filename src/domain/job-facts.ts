// A backup, copy or restore job as bkp shows, watches and judges it: one plain shape that
// ListBackupJobs, ListCopyJobs and ListRestoreJobs (src/aws/, src/resources/on-demand-backup/)
// map to, and that `bkp jobs`, `bkp restore`, the state and `bkp check` read.

/** The states a job never leaves. */
export const TERMINAL_JOB_STATES = ['COMPLETED', 'ABORTED', 'FAILED', 'EXPIRED', 'PARTIAL'] as const;

export interface JobFacts {
  /** What the job does; absent means a backup job. */
  type?: 'backup' | 'copy' | 'restore';
  /** The on_demand_backup address that started it; undefined for jobs bkp did not start. */
  address?: string;
  jobId: string;
  state: string;
  statusMessage?: string;
  percentDone?: string;
  /** Bytes backed up so far (the size of the backup once done). */
  sizeBytes?: number;
  /** The resource backed up, copied or restored (of a restore: the one the recovery point was taken of). */
  resourceArn: string;
  resourceType?: string;
  /** The vault's name (of a copy: the source vault; of a restore: the vault of the recovery point). */
  vault: string;
  /** Of a restore: its vault's ARN. */
  vaultArn?: string;
  recoveryPointArn?: string;
  createdAt?: string;
  startBy?: string;
  completedAt?: string;
  /** Of a copy: where it goes (the vault's ARN and region). */
  destinationVaultArn?: string;
  destinationRegion?: string;
  /** Of a copy: the source vault's ARN, and the backup plan whose rule's copy action started it. */
  sourceVaultArn?: string;
  planId?: string;
  /** Of a copy or restore: the recovery point copied or restored (recoveryPointArn is then the copy's / absent). */
  sourceRecoveryPointArn?: string;
  /** Of a restore: the resource it created, and the restore testing plan that started it. */
  createdResourceArn?: string;
  restoreTestingPlanArn?: string;
  /** Of a restore test: the validation result and the restored resource's deletion. */
  validationStatus?: string;
  validationStatusMessage?: string;
  deletionStatus?: string;
  /** True when AWS no longer knows the job (older than 30 days): the facts are the last known ones. */
  stale?: boolean;
}

export type CopyJobFacts = JobFacts & { type: 'copy'; destinationVaultArn: string };
export type RestoreJobFacts = JobFacts & { type: 'restore' };

export function isTerminalState(state: string): boolean {
  return (TERMINAL_JOB_STATES as readonly string[]).includes(state);
}
