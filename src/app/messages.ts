// Every message a use case sends, by code, with the data a host needs to show it its own way.
// Codes are stable (scripts and other hosts match on them): BKP_R_* a command's result,
// BKP_I_* information, BKP_W_* a warning, BKP_E_* an error that does not end the run, BKP_P_*
// progress. Adding a message: one line here, one case in the CLI's view (src/cli/io-host.ts).
import type { AdoptionReport } from '../adopt/model.js';
import type { Diagnostic } from '../core/diagnostics.js';
import type { Value } from '../core/values.js';
import type { DependencyGraphView } from '../config/dependency-graph.js';
import type { ApplyEvent } from '../engine/apply.js';
import type { AccountApply } from '../engine/account-results.js';
import type { Plan } from '../engine/plan-model.js';
import type { CheckReport } from '../policy/model.js';
import type { AdvanceView, ReportObjectRow, ReportObjectView, ResourceRow, StatusView } from '../sandbox/reports.js';
import type { JobFacts } from '../domain/job-facts.js';
import type { RecoveryPointFacts } from '../resources/on-demand-backup/recovery-points.js';
import type { RestoreCheck } from '../sandbox/engine/data.js';
import type { RestoreJobFacts } from '../domain/job-facts.js';
import type { RestorePreview } from './restore.js';
import type { SimulationReport } from '../simulation/report.js';
import type { StateDocument, StateOutput, StateResource } from '../state/model.js';

export type OutputFormat = 'human' | 'json';

export interface MessageData {
  /** Warnings about the configuration (or the state backend) that do not stop the command. */
  BKP_W_DIAGNOSTICS: { diagnostics: readonly Diagnostic[]; sources: ReadonlyMap<string, string> };

  BKP_R_VALID: { resources: number };
  BKP_R_VALIDATION: { diagnostics: readonly Diagnostic[]; errors: number; warnings: number };

  /** Refreshing the managed objects: `done` of `total` read. */
  BKP_P_REFRESH: { done: number; total: number };
  BKP_R_PLAN: { plan: Plan; format: OutputFormat | 'markdown' };
  BKP_R_PLAN_SAVED: { path: string; apply: { command: string; fillIn: boolean } };

  BKP_I_APPLY_OPERATION: { event: ApplyEvent };
  BKP_R_APPLY_SUMMARY: {
    counts: { added: number; changed: number; destroyed: number };
    /** `refused`: the plan had errors (only -json reports it here; otherwise they are thrown). */
    outcome: 'complete' | 'failed' | 'interrupted' | 'refused';
    jobsStarted: number;
    /** Of those, the jobs started in a sandbox account (whose clock moves only with `bkp sandbox advance`). */
    sandboxJobsStarted: number;
    /** What was done and what failed, per provider location. */
    accounts: AccountApply[];
    /** `bkp apply -json`: one JSON document instead of the summary line. */
    format: 'human' | 'json';
    /** -json: the outputs recorded by a complete apply (the human view prints them with BKP_R_OUTPUTS). */
    outputs?: Readonly<Record<string, StateOutput>>;
    /** -json: why the plan was refused. */
    diagnostics?: readonly Diagnostic[];
  };
  BKP_R_REFRESH_APPLIED: Record<string, never>;
  /** An operation that failed beside the first failure (which ends the command as its error). */
  BKP_E_APPLY_FAILURE: { error: Error };
  BKP_W_INTERRUPT: { exiting: boolean };
  BKP_I_WAITING_FOR_JOBS: { count: number };

  BKP_R_JOBS: { jobs: readonly JobFacts[]; format: OutputFormat; showResource: boolean; types: readonly string[] };
  /** A watch's latest reading: every job, and those whose state changed since the last one. */
  BKP_P_JOBS: { jobs: readonly JobFacts[]; changed: readonly JobFacts[] };
  BKP_R_JOBS_WATCHED: { jobs: readonly JobFacts[]; ok: boolean; interrupted: boolean; format: OutputFormat };
  BKP_W_JOBS_NOT_SAVED: { reason: string };
  /** Watching jobs that only `bkp sandbox advance` can move (said once per watch). */
  BKP_W_SANDBOX_CLOCK: { idleLimitMs: number };
  /** A watch stopped: its sandbox jobs did not change for the idle limit. */
  BKP_W_SANDBOX_STALLED: { waiting: number };
  BKP_R_JOB_STOPPING: { address?: string; jobId: string; state: string };

  /** `bkp restore`: what it will start, before approval. */
  BKP_R_RESTORE_PREVIEW: { preview: RestorePreview };
  BKP_R_RESTORE_STARTED: { preview: RestorePreview; job: RestoreJobFacts; sandbox: boolean; format: OutputFormat };
  /** `bkp restore -wait`: how the restore job ended. */
  BKP_R_RESTORE_WATCHED: {
    preview: RestorePreview;
    job: RestoreJobFacts;
    ok: boolean;
    interrupted: boolean;
    stalled: boolean;
    sandbox: boolean;
    format: OutputFormat;
  };

  BKP_R_CHECK: {
    report: CheckReport;
    format: OutputFormat | 'markdown' | 'sarif';
    sources: ReadonlyMap<string, string>;
    /** SARIF: the prefix that makes configuration paths relative to -sarif-base. */
    sarifUriPrefix: string;
    /** -out: the file the report goes to instead of stdout. */
    outFile?: string;
  };
  /** bkp check in a machine format when the configuration has errors: a document saying so (they are thrown after). */
  BKP_R_CHECK_INVALID: {
    diagnostics: readonly Diagnostic[];
    format: 'json' | 'markdown' | 'sarif';
    sarifUriPrefix: string;
    outFile?: string;
  };
  BKP_R_SIMULATION: { report: SimulationReport; format: OutputFormat | 'markdown' };

  BKP_R_INITIALIZED: { written: readonly string[]; /** The configuration files that made init write nothing. */ existing?: readonly string[] };
  /** `bkp graph`: the resources and their dependencies. */
  BKP_R_GRAPH: { graph: DependencyGraphView };
  /** `bkp fmt`: a file whose layout changes (or would, with -check). */
  BKP_R_FORMATTED: { path: string };
  /** `bkp fmt -diff`: a file's text before and after formatting. */
  BKP_R_FORMAT_DIFF: { path: string; before: string; after: string };
  /** `bkp generate`, `bkp convert`: the configuration written. */
  BKP_R_ADOPTED: { report: AdoptionReport };
  BKP_R_STATE_MIGRATED: { from: string; to: string; copied: boolean };
  BKP_R_IMPORTED: { address: string };

  /** Output values in the human view: after apply ("Outputs:"), `bkp output` (all), `bkp output NAME` (one value). */
  BKP_R_OUTPUTS: { outputs: Readonly<Record<string, StateOutput>>; view: 'after-apply' | 'list' | 'one' };
  /** `bkp output -json` or `-raw`: the message text is the view. */
  BKP_R_OUTPUT_TEXT: Record<string, never>;
  BKP_W_NO_OUTPUTS: Record<string, never>;
  /** `bkp console`: the value of one expression (a sensitive one is never shown). */
  BKP_R_CONSOLE_VALUE: { value: Value; sensitive: boolean };
  /** `bkp console`: why one expression could not be evaluated; the console goes on. */
  BKP_E_CONSOLE_DIAGNOSTICS: { diagnostics: readonly Diagnostic[]; sources: ReadonlyMap<string, string> };

  BKP_R_STATE: { state: StateDocument; format: OutputFormat };
  BKP_R_STATE_LIST: { state: StateDocument; filter: readonly string[] };
  BKP_R_STATE_RESOURCE: { resource: StateResource };
  BKP_R_STATE_REMOVED: { addresses: readonly string[] };
  BKP_R_STATE_MOVED: { from: string; to: string };
  BKP_R_STATE_DOCUMENT: { state: StateDocument };
  BKP_I_NO_STATE: { location: string };
  BKP_R_STATE_PUSHED: { location: string; changed: boolean };
  BKP_R_UNLOCKED: { id: string };
  BKP_R_RECOVERY_POINTS: { address: string; vault: string; points: readonly RecoveryPointFacts[]; format: OutputFormat };

  BKP_R_SANDBOX_ADVANCED: { view: AdvanceView; format: OutputFormat };
  BKP_R_SANDBOX_STATUS: { view: StatusView; format: OutputFormat };
  BKP_R_SANDBOX_RESTORE_CHECK: { arn: string; result: RestoreCheck; format: OutputFormat };
  BKP_R_SANDBOX_RESOURCE: { verb: 'Added' | 'Changed'; row: ResourceRow; extra: readonly string[] };
  BKP_R_SANDBOX_RESOURCE_REMOVED: { type: string; name: string; id: string };
  BKP_R_SANDBOX_RESOURCES: { rows: readonly ResourceRow[]; format: OutputFormat };
  BKP_R_SANDBOX_REPORTS: { rows: readonly ReportObjectRow[]; format: OutputFormat };
  BKP_R_SANDBOX_REPORT: { view: ReportObjectView; format: OutputFormat };
  BKP_R_SANDBOX_SERVING: { endpoint: string; path: string; region: string };
  BKP_I_SANDBOX_STOPPED: Record<string, never>;
  /** Which account file a `bkp sandbox` command works on, and why. */
  BKP_I_SANDBOX_FILE: { path: string; origin: 'flag' | 'configuration' | 'default'; provider?: string; others: string[] };
}

export type MessageCode = keyof MessageData;
