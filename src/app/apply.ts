// The work behind `bkp apply` and `bkp destroy`.
import { ConfigError, ErrorCode, UserError } from '../core/errors.js';
import { applyChanges, type ApplyResult } from '../engine/apply.js';
import { checkPlanIsCurrent, configHash, readPlanFile, savedPlanVariables, restorePlanSecrets } from '../engine/plan-file.js';
import { actionable, type Plan } from '../engine/plan-model.js';
import { withRefreshedState } from '../engine/refreshed-state.js';
import { canonicalDesired, desiredResolver } from '../engine/workflow.js';
import { findResource, type StateOutput } from '../state/model.js';
import type { Diagnostic } from '../core/diagnostics.js';
import { pathInDir, type CommandContext } from './context.js';
import { checkPlanningModes, refusePlanningOptionsWithSavedPlan, type PlanningFlags } from './options.js';
import { parsePollInterval } from './duration.js';
import { notify, warnAbout } from './io-host.js';
import { planSummary } from './plan.js';
import { recordOutputs, showRecordedOutputs } from './outputs.js';
import { handlerContexts, openEngineSession, planFromFlags, type EngineSession } from './engine-session.js';
import { onInterrupt } from '../core/interrupt-signals.js';
import { applyByAccount } from '../engine/account-results.js';

export interface ApplyFlags extends PlanningFlags {
  planfile?: string;
  'auto-approve'?: boolean;
  destroy?: boolean;
  wait?: boolean;
  'wait-interval'?: string;
  /** One JSON document (summary and per-account results) instead of the plan and progress lines. */
  json?: boolean;
}

export async function runApply(ctx: CommandContext, flags: ApplyFlags): Promise<number> {
  // Read before anything is changed: a bad -wait-interval found after the apply would fail a run
  // whose changes were made.
  const waitIntervalMs = parsePollInterval(flags['wait-interval'] ?? '5s', '-wait-interval');
  if (flags.planfile) refusePlanningOptionsWithSavedPlan(flags);
  else checkPlanningModes(flags);
  // A saved plan carries the variable values it was made with: the configuration is evaluated
  // with them (the plan's signature is checked once the state, which holds its key, is open).
  const saved = flags.planfile ? await savedPlanVariables(pathInDir(ctx, flags.planfile)) : undefined;
  const run = await openEngineSession(ctx, flags, flags.destroy ? 'destroy' : 'apply', saved);
  try {
    return await applyWithSession(ctx, flags, run, waitIntervalMs);
  } finally {
    await run.close();
  }
}

async function applyWithSession(ctx: CommandContext, flags: ApplyFlags, run: EngineSession, waitIntervalMs: number): Promise<number> {
  if (flags.json && !flags.planfile && !flags['auto-approve']) {
    throw new UserError(ErrorCode.Usage, 'bkp apply -json cannot ask for approval: its output is one JSON document.', {
      hint: 'Add -auto-approve, or apply a saved plan (bkp plan -out=FILE, then bkp apply -json FILE).',
    });
  }
  if (flags.json && flags.wait) throw new UserError(ErrorCode.Usage, 'bkp apply -json cannot be combined with -wait.', { hint: 'Apply with -json, then follow the jobs with bkp jobs --watch -json.' });
  const format = flags.json ? 'json' : 'human';
  const state = run.state.current();
  let plan: Plan;
  if (flags.planfile) {
    const saved = await readPlanFile(pathInDir(ctx, flags.planfile), { key: await run.backend.planKey(false), lineage: state.serial > 0 ? state.lineage : undefined });
    checkPlanIsCurrent(saved, { lineage: state.lineage, serial: state.serial, exists: state.serial > 0 }, configHash(run.config.files));
    plan = restorePlanSecrets(saved.plan, saved.lineage, canonicalDesired(run.evaluate, state));
  } else {
    plan = await planFromFlags(ctx, flags, run);
    if (plan.diagnostics.some((d) => d.severity === 'error')) {
      if (format === 'json') {
        await notifySummary(ctx, NOTHING_APPLIED, 0, format, { refused: plan.diagnostics });
        return 1;
      }
      throw new ConfigError(plan.diagnostics, run.sources, 'The plan was refused.');
    }
    const warnings = plan.diagnostics.filter((d) => d.severity === 'warning');
    if (warnings.length > 0) await warnAbout(ctx.host, warnings, run.sources);
    if (format === 'human') await notify(ctx.host, 'BKP_R_PLAN', 'result', planSummary(plan), { plan, format: 'human' });
    const nothingToDo = actionable(plan).length === 0 && (plan.mode !== 'refresh-only' || plan.drift.length === 0);
    if (nothingToDo) {
      // Drift the configuration already matches (an earlier apply that failed after its AWS call
      // succeeded, say) goes into the state, so the next plan is clean, as Terraform does.
      await run.state.persist(withRefreshedState(run.state.current(), plan));
      // As Terraform does, an apply with nothing to change still records new or changed outputs.
      const outputs = await recordOutputs(run, plan.mode === 'destroy');
      if (format === 'json') await notifySummary(ctx, NOTHING_APPLIED, 0, format, { outputs });
      else await showRecordedOutputs(ctx, outputs);
      return 0;
    }
    if (!flags['auto-approve']) await confirm(ctx, plan);
  }

  await run.state.persist(withRefreshedState(run.state.current(), plan));
  if (plan.mode === 'refresh-only') {
    if (format === 'json') await notifySummary(ctx, NOTHING_APPLIED, 0, format);
    else await notify(ctx.host, 'BKP_R_REFRESH_APPLIED', 'result', '\nApply complete! The state now matches the account.', {});
    return 0;
  }
  // A state never written has its lineage only in memory, and the creation tokens derive from it:
  // store it (serial 0, no resources) before the first AWS call, so an apply killed before it
  // recorded anything finds the objects it made on the next run instead of making them twice.
  const unwritten = run.state.current();
  if (unwritten.serial === 0 && actionable(plan).length > 0) await run.state.replace(unwritten);

  const controller = new AbortController();
  let interrupts = 0;
  const onSigint = () => {
    interrupts++;
    if (interrupts > 1) {
      void notify(ctx.host, 'BKP_W_INTERRUPT', 'warn', 'Two interrupts received. Exiting immediately; the state holds every operation that completed.', { exiting: true }).finally(() =>
        process.exit(130),
      );
      return;
    }
    void notify(ctx.host, 'BKP_W_INTERRUPT', 'warn', '\nInterrupt received. Waiting for the AWS calls in flight to finish and saving the state…', { exiting: false });
    controller.abort();
  };
  const stopListening = onInterrupt(onSigint);
  let result: ApplyResult;
  try {
    result = await applyChanges({
      changes: actionable(plan),
      session: run.state,
      contexts: handlerContexts(run),
      limiter: run.limiter,
      resolveDesired: desiredResolver(run.evaluate),
      signal: controller.signal,
      onEvent:
        format === 'json' ? undefined : (event) => void notify(ctx.host, 'BKP_I_APPLY_OPERATION', 'result', `${event.operation.change.address}: ${event.operation.kind} ${event.type}`, { event }),
    });
  } finally {
    stopListening();
  }

  let sandboxJobsStarted = 0;
  const afterApply = run.state.current();
  for (const op of result.completed) {
    if (!op.change.startsJob || op.kind !== 'create') continue;
    const provider = findResource(afterApply, op.change.address)?.provider;
    if (provider !== undefined && run.clients.settingsFor(provider).type === 'sandbox') sandboxJobsStarted++;
  }
  // After a failed or interrupted apply some values are still unknown: the outputs of the last complete apply stay.
  const outputs = applyOutcome(result) === 'complete' ? await recordOutputs(run, plan.mode === 'destroy') : undefined;
  await notifySummary(ctx, result, sandboxJobsStarted, format, { outputs });
  if (format === 'human') await showRecordedOutputs(ctx, outputs);
  if (result.failed.length > 0) {
    const [first, ...rest] = result.failed;
    for (const f of rest) await notify(ctx.host, 'BKP_E_APPLY_FAILURE', 'error', `Error: ${f.error.message}`, { error: f.error });
    throw first!.error;
  }
  if (result.interrupted) return 130;
  return flags.wait ? waitForStartedJobs(ctx, flags, run, result, waitIntervalMs) : 0;
}

const NOTHING_APPLIED: ApplyResult = { completed: [], failed: [], notStarted: [], interrupted: false };

function applyOutcome(result: ApplyResult): 'complete' | 'failed' | 'interrupted' {
  return result.failed.length > 0 ? 'failed' : result.interrupted ? 'interrupted' : 'complete';
}

/**
 * The apply's outcome, in total and per provider location (a failure in one account hides none of
 * the others' results). With -json it is the one document, so it carries the recorded outputs, or
 * the errors that refused the plan.
 */
async function notifySummary(
  ctx: CommandContext,
  result: ApplyResult,
  sandboxJobsStarted: number,
  format: 'human' | 'json',
  extra: { outputs?: Record<string, StateOutput>; refused?: readonly Diagnostic[] } = {},
): Promise<void> {
  const accounts = applyByAccount(result);
  const total = (field: 'added' | 'changed' | 'destroyed' | 'jobs_started') => accounts.reduce((n, a) => n + a[field], 0);
  // A job start adds no object, and the job it replaces is only forgotten.
  const counts = { added: total('added'), changed: total('changed'), destroyed: total('destroyed') };
  const outcome = extra.refused ? 'refused' : applyOutcome(result);
  const summary = `Apply ${outcome}. Resources: ${counts.added} added, ${counts.changed} changed, ${counts.destroyed} destroyed.`;
  await notify(ctx.host, 'BKP_R_APPLY_SUMMARY', 'result', summary, {
    counts,
    outcome,
    jobsStarted: total('jobs_started'),
    sandboxJobsStarted,
    accounts,
    format,
    outputs: extra.outputs,
    diagnostics: extra.refused,
  });
}

/** `bkp apply -wait`: watch the jobs this apply started, as `bkp jobs --watch` does. */
async function waitForStartedJobs(ctx: CommandContext, flags: ApplyFlags, run: EngineSession, result: ApplyResult, intervalMs: number): Promise<number> {
  const { persistJobs, reportWatch, watchJobs, withInterrupt } = await import('./jobs.js');
  const doc = run.state.current();
  const targets = result.completed
    .filter((op) => op.kind === 'create' && op.change.startsJob)
    .flatMap((op) => {
      const resource = findResource(doc, op.change.address);
      const job = doc.jobs.find((j) => j.job_id === resource?.id);
      if (!resource || !job) return [];
      return [{ provider: resource.provider, known: { address: resource.address, jobId: job.job_id, state: job.state, resourceArn: job.resource_arn, vault: job.vault } }];
    });
  if (targets.length === 0) return 0;
  const waiting = `\nWaiting for ${targets.length === 1 ? 'the backup job' : `${targets.length} backup jobs`} to end…`;
  await notify(ctx.host, 'BKP_I_WAITING_FOR_JOBS', 'result', waiting, { count: targets.length });
  // Backup jobs take hours on AWS: the state is saved and its lock released before waiting, so
  // other runs (a colleague's plan, the next CI job) are not locked out meanwhile. The job states
  // are saved afterwards under a short lock of their own, as `bkp jobs --watch` does.
  await run.state.close();
  const watched = await withInterrupt((signal) => watchJobs(ctx, run.clients, targets, { intervalMs, json: false, signal }));
  await persistJobs(ctx, run.backend, flags, watched.jobs);
  return reportWatch(ctx, watched, false);
}

async function confirm(ctx: CommandContext, plan: Plan): Promise<void> {
  const what = plan.mode === 'destroy' ? 'destroy all the resources shown above' : 'perform the actions described above';
  const answer = await ctx.host.ask({
    code: 'BKP_Q_APPROVE',
    message:
      `\nDo you want to ${plan.mode === 'destroy' ? 'really destroy all resources' : 'perform these actions'}?\n` +
      `  bkp will ${what}.\n  Only 'yes' will be accepted to approve.\n\n  Enter a value: `,
  });
  if (answer === undefined) {
    throw new UserError(ErrorCode.Usage, 'bkp apply needs approval, but no terminal is attached to ask for it.', {
      hint: 'Review the plan above, then run again with -auto-approve, or apply a saved plan (bkp plan -out=FILE, then bkp apply FILE).',
    });
  }
  if (answer !== 'yes') {
    throw new UserError(ErrorCode.Usage, `${plan.mode === 'destroy' ? 'Destroy' : 'Apply'} cancelled.`, { exitCode: 1 });
  }
}
