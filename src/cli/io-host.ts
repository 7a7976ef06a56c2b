// The CLI as the use cases' host: each message code gets its view (src/render/), results go to
// stdout and the rest to stderr, colour and in-place redrawing only on a terminal.
import { resolve } from 'node:path';
import type { AnyIoMessage, IoHost, IoQuestion } from '../app/io-host.js';
import type { MessageData } from '../app/messages.js';
import { renderAdoptionReport } from '../render/adopt.js';
import { renderApplyAccounts } from '../render/apply-accounts.js';
import { renderApplyEvent, renderApplySummary, renderRefreshProgress } from '../render/apply-progress.js';
import { applyToJson } from '../render/apply-json.js';
import { checkErrorsToJson, checkErrorsToSarif, renderCheckErrorsMarkdown } from '../render/check-errors.js';
import { checkToJson } from '../render/check-json.js';
import { renderCheckHuman } from '../render/check-human.js';
import { renderCheckMarkdown } from '../render/check-markdown.js';
import { checkToSarif } from '../render/check-sarif.js';
import { diagnosticsToJson, renderDiagnostics } from '../render/diagnostics.js';
import { renderFormatDiff } from '../render/format-diff.js';
import { renderGraphDot } from '../render/graph-dot.js';
import { renderConsoleValue } from '../render/console-value.js';
import { jobsToJson, renderJobChange, renderJobProgress, renderJobTable, renderWatchOutcome } from '../render/jobs.js';
import { renderOutputLines, renderOutputsAfterApply, renderOutputValue } from '../render/outputs.js';
import { planToJson } from '../render/plan-json.js';
import { renderPlanHuman } from '../render/plan-human.js';
import { renderPlanMarkdown } from '../render/plan-markdown.js';
import { recoveryPointsToJson, renderRecoveryPoints } from '../render/recovery-points.js';
import { renderRestoreOutcome, renderRestorePreview, renderRestoreStarted, restoreToJson } from '../render/restore.js';
import { renderAdvance, renderResource, renderResourceList, renderRestoreCheck, renderStatus, resourcesToJson } from '../render/sandbox.js';
import { renderReportObject, renderReportObjects, reportObjectsToJson } from '../render/sandbox-reports.js';
import { renderSimulationHuman, renderSimulationMarkdown, simulationToJson } from '../render/simulation.js';
import { renderStateHuman, renderStateList, renderStateResource, stateToJson } from '../render/state-view.js';
import { style } from '../render/style.js';
import { writeFileAtomically } from '../core/atomic-write.js';
import { outputFileError } from '../core/errors.js';
import { bkpVersion } from '../core/version.js';
import type { Io } from './io.js';
import { askLine } from './prompt.js';

/** The refresh counter is redrawn at most this often (the last reading always). */
const REFRESH_REDRAW_MS = 100;

export class CliIoHost implements IoHost {
  private lastRefreshDraw = 0;
  /** Lines of the job progress drawn last on a terminal, to draw over them. */
  private jobLinesDrawn = 0;

  constructor(private readonly io: Io) {}

  async ask(question: IoQuestion): Promise<string | undefined> {
    if (!this.io.stdinIsTty) return undefined;
    return askLine(question.message);
  }

  async notify(message: AnyIoMessage): Promise<void> {
    const { io } = this;
    const s = style(io.color);
    switch (message.code) {
      case 'BKP_W_DIAGNOSTICS':
        return io.err(renderDiagnostics(message.data.diagnostics, message.data.sources, io.colorErr));
      case 'BKP_R_VALID': {
        const n = message.data.resources;
        return io.out(`${s.bold(s.green('Success!'))} The configuration is valid (${n} resource${n === 1 ? '' : 's'}).`);
      }
      case 'BKP_R_VALIDATION': {
        const { diagnostics, errors, warnings } = message.data;
        const json = { format_version: '1.0', valid: errors === 0, error_count: errors, warning_count: warnings, diagnostics: diagnosticsToJson(diagnostics) };
        return io.out(JSON.stringify(json, null, 2));
      }
      case 'BKP_P_REFRESH': {
        if (!io.stderrIsTty) return;
        const { done, total } = message.data;
        const now = Date.now();
        if (done !== total && now - this.lastRefreshDraw < REFRESH_REDRAW_MS) return;
        this.lastRefreshDraw = now;
        return io.status(renderRefreshProgress(done, total));
      }
      case 'BKP_R_PLAN': {
        const { plan, format } = message.data;
        if (format === 'json') return io.out(JSON.stringify(planToJson(plan)));
        return io.out(format === 'markdown' ? renderPlanMarkdown(plan) : renderPlanHuman(plan, { color: io.color }));
      }
      case 'BKP_R_PLAN_SAVED': {
        const { path, apply } = message.data;
        const fillIn = apply.fillIn ? '\n(The plan keeps only hashes of sensitive values: replace each … with the value given to plan.)' : '';
        return io.out(`\nSaved the plan to: ${path}\n\nTo perform exactly these actions, run:\n  ${apply.command}${fillIn}`);
      }
      case 'BKP_I_APPLY_OPERATION': {
        const line = renderApplyEvent(message.data.event, io.color);
        return line ? io.out(line) : undefined;
      }
      case 'BKP_R_APPLY_SUMMARY': {
        const { counts, outcome, jobsStarted, sandboxJobsStarted, accounts, format, outputs, diagnostics } = message.data;
        if (format === 'json') return io.out(JSON.stringify(applyToJson(outcome, counts, jobsStarted, accounts, { outputs, diagnostics })));
        const perAccount = renderApplyAccounts(accounts, io.color);
        if (perAccount !== undefined) io.out(perAccount);
        io.out(renderApplySummary(counts, outcome, io.color));
        if (jobsStarted === 0) return;
        const started = `${jobsStarted === 1 ? '1 backup job' : `${jobsStarted} backup jobs`} started`;
        // A sandbox job moves only when its clock does: watching alone would wait for nothing.
        if (sandboxJobsStarted > 0) io.out(`${started}; the sandbox clock moves only with \`bkp sandbox advance\`: run \`bkp sandbox advance 1h\`, then \`bkp jobs\`.`);
        else io.out(`${started}; follow with \`bkp jobs --watch\`.`);
        return;
      }
      case 'BKP_E_APPLY_FAILURE':
        return io.err(`Error: ${message.data.error.message}`);
      case 'BKP_R_JOBS': {
        const { jobs, format, showResource, types } = message.data;
        return io.out(format === 'json' ? jobsToJson(jobs) : renderJobTable(jobs, io.color, { showResource, types }));
      }
      case 'BKP_P_JOBS':
        return this.showJobProgress(message.data);
      case 'BKP_R_JOBS_WATCHED': {
        const { jobs, ok, interrupted, format } = message.data;
        if (format === 'json') return io.out(jobsToJson(jobs, { ok }));
        const outcome = renderWatchOutcome(jobs, io.color);
        io.out(`\n${renderJobTable(jobs, io.color)}\n\n${interrupted ? 'Stopped watching: interrupted.' : outcome.summary}`);
        for (const failure of outcome.failures) io.err(`Error: ${failure}`);
        return;
      }
      case 'BKP_R_RESTORE_PREVIEW':
        return io.out(renderRestorePreview(message.data.preview, io.color));
      case 'BKP_R_RESTORE_STARTED': {
        const { preview, job, sandbox, format } = message.data;
        return io.out(format === 'json' ? restoreToJson(preview, job) : renderRestoreStarted(job, sandbox, io.color));
      }
      case 'BKP_R_RESTORE_WATCHED': {
        const { preview, job, format, ...outcome } = message.data;
        if (format === 'json') return io.out(restoreToJson(preview, job, outcome));
        const shown = renderRestoreOutcome(job, outcome, io.color);
        io.out(shown.text);
        if (shown.failure !== undefined) io.err(`Error: ${shown.failure}`);
        return;
      }
      case 'BKP_R_CHECK':
        return this.showCheck(message.data);
      case 'BKP_R_CHECK_INVALID': {
        const { diagnostics, format, sarifUriPrefix, outFile } = message.data;
        if (format === 'json') return this.writeReport(JSON.stringify(checkErrorsToJson(diagnostics), null, 2), format, outFile);
        if (format === 'sarif') return this.writeReport(JSON.stringify(checkErrorsToSarif(diagnostics, { uriPrefix: sarifUriPrefix, toolVersion: bkpVersion() }), null, 2), format, outFile);
        return this.writeReport(renderCheckErrorsMarkdown(diagnostics), format, outFile);
      }
      case 'BKP_R_SIMULATION': {
        const { report, format } = message.data;
        if (format === 'json') return io.out(JSON.stringify(simulationToJson(report), null, 2));
        return io.out(format === 'markdown' ? renderSimulationMarkdown(report) : renderSimulationHuman(report, { color: io.color }));
      }
      case 'BKP_R_CONSOLE_VALUE':
        return io.out(renderConsoleValue(message.data.value, message.data.sensitive));
      case 'BKP_E_CONSOLE_DIAGNOSTICS':
        return io.err(renderDiagnostics(message.data.diagnostics, message.data.sources, io.colorErr));
      case 'BKP_R_GRAPH':
        return io.out(renderGraphDot(message.data.graph));
      case 'BKP_R_FORMATTED':
        return io.out(message.data.path);
      case 'BKP_R_FORMAT_DIFF':
        return io.out(renderFormatDiff(message.data.path, message.data.before, message.data.after, io.color));
      case 'BKP_R_ADOPTED':
        return io.out(renderAdoptionReport(message.data.report));
      case 'BKP_R_INITIALIZED':
        return io.out(`${s.bold(s.green('bkp has been initialized.'))} ${message.message}`);
      case 'BKP_R_OUTPUTS': {
        const { outputs, view } = message.data;
        if (view === 'after-apply') return io.out(renderOutputsAfterApply(outputs));
        return io.out(view === 'list' ? renderOutputLines(outputs) : renderOutputValue(Object.values(outputs)[0]!));
      }
      case 'BKP_R_STATE': {
        const { state, format } = message.data;
        return io.out(format === 'json' ? JSON.stringify(stateToJson(state)) : renderStateHuman(state, io.color));
      }
      case 'BKP_R_STATE_LIST': {
        const text = renderStateList(message.data.state, message.data.filter);
        return text ? io.out(text) : undefined;
      }
      case 'BKP_R_STATE_RESOURCE':
        return io.out(renderStateResource(message.data.resource, io.color));
      case 'BKP_R_STATE_DOCUMENT':
        return io.out(JSON.stringify(message.data.state, null, 2));
      case 'BKP_R_RECOVERY_POINTS': {
        const { address, vault, points, format } = message.data;
        return io.out(format === 'json' ? recoveryPointsToJson(address, vault, points) : renderRecoveryPoints(address, vault, points, io.color));
      }
      case 'BKP_R_SANDBOX_ADVANCED': {
        const { view, format } = message.data;
        if (format === 'human') return io.out(renderAdvance(view, io.color));
        const iso = (ms: number) => new Date(ms).toISOString();
        return io.out(JSON.stringify({ from: iso(view.from), to: iso(view.to), events: view.events.map((e) => ({ ...e, at: iso(e.at) })) }, null, 2));
      }
      case 'BKP_R_SANDBOX_STATUS': {
        const { view, format } = message.data;
        return io.out(format === 'json' ? JSON.stringify(view, null, 2) : renderStatus(view, io.color));
      }
      case 'BKP_R_SANDBOX_RESTORE_CHECK': {
        const { arn, result, format } = message.data;
        return io.out(format === 'json' ? JSON.stringify({ recovery_point_arn: arn, ...result }, null, 2) : renderRestoreCheck(arn, result, io.color));
      }
      case 'BKP_R_SANDBOX_RESOURCE':
        return io.out(renderResource(message.data.verb, message.data.row, io.color, [...message.data.extra]));
      case 'BKP_R_SANDBOX_RESOURCES': {
        const { rows, format } = message.data;
        return io.out(format === 'json' ? resourcesToJson(rows) : renderResourceList(rows, io.color));
      }
      case 'BKP_R_SANDBOX_REPORTS': {
        const { rows, format } = message.data;
        return io.out(format === 'json' ? reportObjectsToJson(rows) : renderReportObjects(rows, io.color, message.message));
      }
      case 'BKP_R_SANDBOX_REPORT':
        return io.out(renderReportObject(message.data.view, message.data.format));
      default:
        // Messages whose text is their view.
        return message.level === 'result' ? io.out(message.message) : io.err(message.message);
    }
  }

  /** On a terminal the whole table redrawn in place; otherwise a line per job whose state changed. */
  private showJobProgress(data: MessageData['BKP_P_JOBS']): void {
    const { io } = this;
    if (io.stdoutIsTty) {
      const text = renderJobProgress(data.jobs, io.color);
      io.out(`${this.jobLinesDrawn > 0 ? `\u001b[${this.jobLinesDrawn}A\u001b[0J` : ''}${text}`);
      this.jobLinesDrawn = text.split('\n').length;
      return;
    }
    for (const job of data.changed) io.out(renderJobChange(job, io.color));
  }

  private async showCheck(data: MessageData['BKP_R_CHECK']): Promise<void> {
    const { report, format, sources, sarifUriPrefix, outFile } = data;
    let text: string;
    if (format === 'json') text = JSON.stringify(checkToJson(report), null, 2);
    else if (format === 'sarif') text = JSON.stringify(checkToSarif(report, { uriPrefix: sarifUriPrefix, toolVersion: bkpVersion() }), null, 2);
    else if (format === 'markdown') text = renderCheckMarkdown(report);
    else text = renderCheckHuman(report, { color: outFile ? false : this.io.color, sources });
    return this.writeReport(text, format, outFile);
  }

  /** A report on stdout, or in the -out file. */
  private async writeReport(text: string, format: string, outFile: string | undefined): Promise<void> {
    if (outFile === undefined) return this.io.out(text);
    // Through an exclusively created temp file renamed over the target: a symbolic link planted at
    // the report's name is replaced, never written through.
    await writeFileAtomically(resolve(process.cwd(), outFile), text.endsWith('\n') ? text : `${text}\n`, { syncDirectory: false }).catch((e: unknown) => {
      throw outputFileError(e, outFile, `the ${format} report`);
    });
    this.io.err(`Wrote the ${format} report to ${outFile}.`);
  }
}
