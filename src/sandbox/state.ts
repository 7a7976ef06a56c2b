// The persisted shape of one sandbox account: everything the emulator knows lives in this one
// JSON document (see account.ts for how it is stored). Times are epoch milliseconds; the wire
// layer converts them to AWS's epoch seconds.
import type { SourceResource } from './inventory.js';

export const ACCOUNT_FORMAT_VERSION = 1;

export interface AccountState {
  formatVersion: number;
  /** Counts the times the file was written whole; its journal names the one it continues (account-journal.ts). */
  journalGeneration?: number;
  accountId: string;
  /** Region used when a caller does not say (CLI commands working on the file directly). */
  defaultRegion: string;
  clock: ClockState;
  /** Seed and counter of the deterministic id generator (ids.ts). */
  ids: { seed: string; counter: number };
  /** AWS Backup state per region: vaults and plans are regional in AWS. */
  backup: Record<string, BackupRegionState>;
  /** Source resources (EC2, RDS, EFS, …) that backups are taken of; maintained by inventory commands and EC2 calls. */
  inventory: SourceResource[];
  /** Free-form per-service extras (e.g. EC2 reservation bookkeeping) owned by other service modules. */
  extensions: Record<string, unknown>;
  /** UpdateGlobalSettings' flags as set (defaults apply to the rest), and when they last changed. */
  globalSettings?: { values: Record<string, string>; lastUpdateTime: number };
  /** The sandbox's S3-like store, by bucket then key: where report jobs deliver (object-store.ts). */
  objectStore?: Record<string, Record<string, StoredObject>>;
  /**
   * The organization state this account's policy-managed backup plans were last reconciled with
   * (`<organization id>:<serial>`, organizations/policy-plans.ts); absent: never reconciled.
   */
  organizationPlansSyncedWith?: string;
}

/** One object of the sandbox's store (text only: reports are CSV or JSON). */
export interface StoredObject {
  body: string;
  contentType: string;
  lastModified: number;
  /** Hex MD5 of the body, as S3 gives a single-part upload. */
  etag: string;
}

export interface ClockState {
  /** 'virtual': time moves only when advanced. 'real': follows the wall clock plus offset (demos). */
  mode: 'virtual' | 'real';
  /** The instant up to which every event has been processed. */
  now: number;
  /** In real mode: virtual time = Date.now() + offsetMs. */
  offsetMs: number;
  /** The last creation timestamp handed out (timestamps.ts): every object gets its own millisecond. */
  lastIssuedAt?: number;
}

export interface BackupRegionState {
  vaults: Record<string, VaultRecord>;
  plans: Record<string, PlanRecord>;
  jobs: Record<string, JobRecord>;
  /** Keyed by recovery point ARN. */
  recoveryPoints: Record<string, RecoveryPointRecord>;
  /** Stored data blocks by id, shared between a resource's full and incremental recovery points. */
  chunks: Record<string, ChunkRecord>;
  /** Tags of vaults, plans and recovery points, by ARN. */
  tags: Record<string, Record<string, string>>;
  /** Idempotency: token → job id (StartBackupJob). */
  idempotencyTokens: Record<string, string>;
  /** Resource ARN → the job backing it up right now (RUNNING or ABORTING): one at a time per resource. */
  activeJobs: Record<string, string>;
  /** UpdateRegionSettings' preferences as set; types never set keep a new account's defaults. */
  settings?: { optIn: Record<string, boolean>; management: Record<string, boolean> };
  /** Legal holds by id (cancelled ones stay, as AWS keeps their record). */
  legalHolds?: Record<string, LegalHoldRecord>;
  /** Tiering configurations by name. */
  tieringConfigurations?: Record<string, TieringConfigurationRecord>;
  /** Audit Manager frameworks by name (frameworks.ts). */
  frameworks?: Record<string, FrameworkRecord>;
  /** Audit Manager report plans by name (report-plans.ts). */
  reportPlans?: Record<string, ReportPlanRecord>;
  /** Audit Manager report jobs by id (engine/report-jobs.ts). */
  reportJobs?: Record<string, ReportJobRecord>;
  /** Restore jobs by id (engine/restore-jobs.ts). */
  restoreJobs?: Record<string, RestoreJobRecord>;
  /** Idempotency: token → restore job id (StartRestoreJob). */
  restoreIdempotencyTokens?: Record<string, string>;
  /** Restore testing plans by name, each with its selections. */
  restoreTestingPlans?: Record<string, RestoreTestingPlanRecord>;
  /** Copy jobs by id, kept in the region of their source recovery point (where ListCopyJobs shows them). */
  copyJobs?: Record<string, CopyJobRecord>;
}

export type RestoreJobStatus = 'PENDING' | 'RUNNING' | 'COMPLETED' | 'ABORTED' | 'FAILED';

export interface RestoreJobRecord {
  id: string;
  recoveryPointArn: string;
  /** The resource the recovery point was taken of. */
  sourceResourceArn: string;
  vaultArn: string;
  resourceType: string;
  iamRoleArn: string;
  /** StartRestoreJob's Metadata as sent. */
  metadata: Record<string, string>;
  copySourceTags: boolean;
  status: RestoreJobStatus;
  statusMessage?: string;
  creationDate: number;
  startedAt?: number;
  expectedCompletionDate?: number;
  completionDate?: number;
  nextActionAt?: number;
  /** The full image the restore writes (every chunk of the recovery point). */
  backupSizeInBytes: number;
  recoveryPointCreationDate: number;
  createdResourceArn?: string;
  idempotencyToken?: string;
  validationStatus?: 'FAILED' | 'SUCCESSFUL' | 'TIMED_OUT' | 'VALIDATING';
  validationStatusMessage?: string;
  /** Set on the jobs a restore testing plan starts (engine/restore-tests.ts). */
  createdBy?: { RestoreTestingPlanArn: string };
  /** Of a restore test: its selection, and how long a validation result is awaited after completion. */
  restoreTest?: { planName: string; selectionName: string; validationWindowHours: number; restoredResourceDeletedAt?: number };
  /** Of a restore test: the deletion of the restored resource once the validation ends. */
  deletionStatus?: 'DELETING' | 'FAILED' | 'SUCCESSFUL';
  deletionStatusMessage?: string;
}

export interface RestoreTestingPlanRecord {
  name: string;
  arn: string;
  scheduleExpression: string;
  scheduleExpressionTimezone?: string;
  startWindowHours: number;
  /** RecoveryPointSelection with wire field names, defaults filled in. */
  recoveryPointSelection: { Algorithm: string; IncludeVaults: string[]; ExcludeVaults: string[]; RecoveryPointTypes: string[]; SelectionWindowDays: number };
  creatorRequestId?: string;
  creationTime: number;
  lastUpdateTime?: number;
  lastExecutionTime?: number;
  /** By selection name. */
  selections: Record<string, RestoreTestingSelectionRecord>;
}

export interface RestoreTestingSelectionRecord {
  name: string;
  planName: string;
  protectedResourceType: string;
  iamRoleArn: string;
  protectedResourceArns: string[];
  /** ProtectedResourceConditions with wire field names (empty lists when none). */
  protectedResourceConditions: { StringEquals: { Key: string; Value: string }[]; StringNotEquals: { Key: string; Value: string }[] };
  restoreMetadataOverrides?: Record<string, string>;
  validationWindowHours?: number;
  creatorRequestId?: string;
  creationTime: number;
}

export interface FrameworkRecord {
  name: string;
  arn: string;
  description?: string;
  /** FrameworkControls with wire field names, as the caller sent them. */
  controls: { ControlName: string; ControlInputParameters?: { ParameterName?: string; ParameterValue?: string }[]; ControlScope?: Record<string, unknown> }[];
  idempotencyToken?: string;
  creationTime: number;
}

export interface ReportPlanRecord {
  name: string;
  arn: string;
  description?: string;
  /** ReportDeliveryChannel and ReportSetting with wire field names. */
  deliveryChannel: { S3BucketName: string; S3KeyPrefix?: string; Formats: string[] };
  setting: { ReportTemplate: string; FrameworkArns?: string[]; NumberOfFrameworks?: number; Accounts?: string[]; OrganizationUnits?: string[]; Regions?: string[] };
  idempotencyToken?: string;
  creationTime: number;
  /** When the plan's next daily report job starts (engine/report-jobs.ts); absent: computed from creationTime. */
  nextReportAt?: number;
}

export type ReportJobStatus = 'CREATED' | 'RUNNING' | 'COMPLETED' | 'FAILED';

export interface ReportJobRecord {
  id: string;
  reportPlanName: string;
  reportPlanArn: string;
  reportTemplate: string;
  status: ReportJobStatus;
  statusMessage?: string;
  creationTime: number;
  completionTime?: number;
  nextActionAt?: number;
  /** The period the report covers: [windowStart, windowEnd). */
  windowStart: number;
  windowEnd: number;
  /** Where the report goes (the plan's delivery channel when the job was created). */
  bucket: string;
  /** The objects written, set when the job completed. */
  keys?: string[];
  idempotencyToken?: string;
}

export type LegalHoldStatus = 'CREATING' | 'ACTIVE' | 'CANCELING' | 'CANCELED';

export interface LegalHoldRecord {
  id: string;
  arn: string;
  title: string;
  description: string;
  status: LegalHoldStatus;
  idempotencyToken?: string;
  creationDate: number;
  cancellationDate?: number;
  cancelDescription?: string;
  retainRecordUntil?: number;
  /** RecoveryPointSelection with wire field names (DateRange in epoch ms). */
  selection?: { VaultNames?: string[]; ResourceIdentifiers?: string[]; DateRange?: { FromDate: number; ToDate: number } };
  /** The recovery points the hold covers: those matching the selection when it was created. */
  recoveryPointArns: string[];
}

export interface TieringConfigurationRecord {
  name: string;
  arn: string;
  backupVaultName: string;
  /** ResourceSelection list with wire field names. */
  resourceSelection: { Resources: string[]; TieringDownSettingsInDays: number; ResourceType: string }[];
  creatorRequestId?: string;
  creationTime: number;
  lastUpdatedTime: number;
}

export interface VaultLockRecord {
  minRetentionDays?: number;
  maxRetentionDays?: number;
  /** Set when ChangeableForDays was given (compliance mode): after it the lock is immutable. */
  lockDate?: number;
}

export interface VaultRecord {
  name: string;
  arn: string;
  /** Absent: a standard backup vault (BACKUP_VAULT). */
  vaultType?: 'LOGICALLY_AIR_GAPPED_BACKUP_VAULT';
  encryptionKeyArn: string;
  /** Of an air-gapped vault: whether encryptionKeyArn is the AWS-owned key or the customer's. */
  encryptionKeyType?: 'AWS_OWNED_KMS_KEY' | 'CUSTOMER_MANAGED_KMS_KEY';
  creatorRequestId?: string;
  creationDate: number;
  lock?: VaultLockRecord;
  accessPolicy?: string;
  notifications?: { snsTopicArn: string; events: string[] };
}

/** One version of a plan document as AWS returns it (BackupPlan shape, wire field names). */
export interface PlanVersion {
  versionId: string;
  createdAt: number;
  /** The plan document: {BackupPlanName, Rules[] (with RuleId), AdvancedBackupSettings?}. */
  document: PlanDocument;
}

export interface PlanDocument {
  BackupPlanName: string;
  Rules: PlanRule[];
  AdvancedBackupSettings?: { ResourceType?: string; BackupOptions?: Record<string, string> }[];
  ScanSettings?: { MalwareScanner?: string; ResourceTypes?: string[]; ScannerRoleArn?: string }[];
}

export interface PlanRule {
  RuleName: string;
  RuleId: string;
  TargetBackupVaultName: string;
  ScheduleExpression: string;
  ScheduleExpressionTimezone: string;
  StartWindowMinutes: number;
  CompletionWindowMinutes: number;
  Lifecycle?: LifecycleSpec;
  RecoveryPointTags?: Record<string, string>;
  CopyActions?: { DestinationBackupVaultArn: string; Lifecycle?: LifecycleSpec }[];
  EnableContinuousBackup?: boolean;
  TargetLogicallyAirGappedBackupVaultArn?: string;
  IndexActions?: { ResourceTypes?: string[] }[];
  ScanActions?: { MalwareScanner?: string; ScanMode?: string }[];
}

export interface LifecycleSpec {
  MoveToColdStorageAfterDays?: number;
  DeleteAfterDays?: number;
  OptInToArchiveForSupportedResources?: boolean;
  DeleteAfterEvent?: string;
}

export interface PlanRecord {
  id: string;
  arn: string;
  creatorRequestId?: string;
  creationDate: number;
  deletionDate?: number;
  lastExecutionDate?: number;
  /** Oldest first; the last entry is the current version. */
  versions: PlanVersion[];
  selections: Record<string, SelectionRecord>;
  /** Per rule id: the next scheduled tick not yet run (ms), so advancing the clock creates each tick's jobs once. */
  nextTicks: Record<string, number>;
  /**
   * Set on the plans AWS Backup creates from the account's effective backup policy: they follow
   * the policy (organizations/policy-plans.ts) and refuse changes through the Backup API.
   */
  managedByOrganization?: true;
}

export interface SelectionRecord {
  id: string;
  planId: string;
  creatorRequestId?: string;
  creationDate: number;
  /** BackupSelection shape with wire field names. */
  selection: {
    SelectionName: string;
    IamRoleArn: string;
    Resources?: string[];
    NotResources?: string[];
    ListOfTags?: { ConditionType: string; ConditionKey: string; ConditionValue: string }[];
    Conditions?: {
      StringEquals?: { ConditionKey: string; ConditionValue: string }[];
      StringNotEquals?: { ConditionKey: string; ConditionValue: string }[];
      StringLike?: { ConditionKey: string; ConditionValue: string }[];
      StringNotLike?: { ConditionKey: string; ConditionValue: string }[];
    };
  };
}

export type JobState =
  | 'CREATED'
  | 'PENDING'
  | 'RUNNING'
  | 'ABORTING'
  | 'ABORTED'
  | 'COMPLETED'
  | 'FAILED'
  | 'EXPIRED'
  | 'PARTIAL';

export const TERMINAL_JOB_STATES: readonly JobState[] = ['ABORTED', 'COMPLETED', 'FAILED', 'EXPIRED', 'PARTIAL'];

export interface JobRecord {
  id: string;
  vaultName: string;
  vaultArn: string;
  resourceArn: string;
  resourceType: string;
  resourceName?: string;
  iamRoleArn: string;
  state: JobState;
  statusMessage?: string;
  /** Set when the job ends: SUCCESS, or the category of its failure (engine/message-categories.ts). */
  messageCategory?: string;
  creationDate: number;
  startBy: number;
  /** Creation + completion window: a job still running then expires. */
  completeBy: number;
  startedAt?: number;
  /** When a RUNNING job will finish if nothing interferes. */
  expectedCompletionDate?: number;
  completionDate?: number;
  /** The next instant the job engine must look at this job (start attempt, completion, abort). */
  nextActionAt?: number;
  /** Bytes this backup stores (full image for the first backup, changed data for incrementals). */
  backupSizeInBytes: number;
  recoveryPointArn?: string;
  parentRecoveryPointArn?: string;
  lifecycle?: LifecycleSpec;
  recoveryPointTags?: Record<string, string>;
  backupOptions?: Record<string, string>;
  /** StartBackupJob's LogicallyAirGappedBackupVaultArn, by vault name: the recovery point lands there. */
  airGappedVaultName?: string;
  /** StartBackupJob's Index: ENABLED gives the recovery point a backup index. */
  index?: 'ENABLED' | 'DISABLED';
  idempotencyToken?: string;
  createdBy?: { BackupPlanId: string; BackupPlanArn: string; BackupPlanVersion: string; BackupRuleId: string };
  isParent: boolean;
  parentJobId?: string;
  childJobIds?: string[];
  /** For jobs stopped while RUNNING: progress is frozen at this instant. */
  stoppedAt?: number;
}

/** Copy job states as the API model lists them (PARTIAL only for composite copies, which the sandbox does not make). */
export type CopyJobState = 'CREATED' | 'RUNNING' | 'COMPLETED' | 'FAILED' | 'PARTIAL';

export const TERMINAL_COPY_JOB_STATES: readonly CopyJobState[] = ['COMPLETED', 'FAILED', 'PARTIAL'];

export interface CopyJobRecord {
  id: string;
  sourceVaultName: string;
  sourceVaultArn: string;
  sourceRecoveryPointArn: string;
  destinationVaultArn: string;
  /** The destination's region and vault name, read from its ARN. */
  destinationRegion: string;
  destinationVaultName: string;
  /** Set when the copy completed: the recovery point it made in the destination vault. */
  destinationRecoveryPointArn?: string;
  /** The copy's lifecycle: the copy action's own, or the source rule's when it has none. */
  lifecycle?: LifecycleSpec;
  resourceArn: string;
  resourceType: string;
  resourceName?: string;
  iamRoleArn: string;
  state: CopyJobState;
  statusMessage?: string;
  messageCategory?: string;
  creationDate: number;
  startedAt?: number;
  expectedCompletionDate?: number;
  completionDate?: number;
  nextActionAt?: number;
  backupSizeInBytes: number;
  /** The plan rule whose copy action started it (absent for StartCopyJob). */
  createdBy?: JobRecord['createdBy'];
  /** The backup job whose recovery point is copied (absent for StartCopyJob). */
  createdByBackupJobId?: string;
  idempotencyToken?: string;
}

export type RecoveryPointStatus = 'COMPLETED' | 'PARTIAL' | 'DELETING' | 'EXPIRED' | 'AVAILABLE' | 'STOPPED' | 'CREATING';

export interface RecoveryPointRecord {
  arn: string;
  vaultName: string;
  vaultArn: string;
  resourceArn: string;
  resourceType: string;
  resourceName?: string;
  iamRoleArn: string;
  jobId: string;
  status: RecoveryPointStatus;
  storageClass: 'WARM' | 'COLD' | 'DELETED';
  creationDate: number;
  completionDate: number;
  backupSizeInBytes: number;
  lifecycle?: LifecycleSpec;
  /** Ordered chunk ids making up the full image at this point in time. */
  chunkIds: string[];
  parentRecoveryPointArn?: string;
  isParent: boolean;
  createdBy?: JobRecord['createdBy'];
  encryptionKeyArn: string;
  /** Set when the job asked for a backup index (Index ENABLED). */
  indexStatus?: 'ACTIVE';
  /** Of a copy: the vault the original recovery point is in (RecoveryPoint.SourceBackupVaultArn). */
  sourceBackupVaultArn?: string;
  /** What the source looked like when it was backed up: restore metadata comes from it (engine/restore-jobs.ts). */
  source?: RestoreSource;
}

/** The configuration of a backed-up resource that a restore recreates. */
export interface RestoreSource {
  sourceType: string;
  name: string;
  sizeGiB: number;
  tags: Record<string, string>;
  instanceType?: string;
  availabilityZone?: string;
  volumeType?: string;
  fileSystemId?: string;
  ontapVolumeType?: string;
}

export interface ChunkRecord {
  size: number;
  /** Number of recovery points referencing the chunk; 0 → freed. */
  refs: number;
}

export function emptyRegionState(): BackupRegionState {
  return { vaults: {}, plans: {}, jobs: {}, recoveryPoints: {}, chunks: {}, tags: {}, idempotencyTokens: {}, activeJobs: {} };
}

/** The region's Backup state, created on first use. */
export function regionState(account: AccountState, region: string): BackupRegionState {
  let state = account.backup[region];
  if (state === undefined) {
    state = emptyRegionState();
    account.backup[region] = state;
  }
  return state;
}
