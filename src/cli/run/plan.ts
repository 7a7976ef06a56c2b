// The work behind `bkp plan`.
import { ConfigError } from '../../core/errors.js';
import { hasChanges } from '../../engine/plan-model.js';
import { configHash, PLAN_FILE_FORMAT, writePlanFile } from '../../engine/plan-file.js';
import { renderDiagnostics } from '../../render/diagnostics.js';
import { planToJson } from '../../render/plan-json.js';
import { renderPlanHuman } from '../../render/plan-human.js';
import { renderPlanMarkdown } from '../../render/plan-markdown.js';
import { bkpVersion } from '../../core/version.js';
import type { CommandContext } from '../context.js';
import type { PlanningFlags } from '../commands/shared-options.js';
import { openEngineSession, planFromFlags, type EngineSession } from './engine-session.js';

export interface PlanFlags extends PlanningFlags {
  out?: string;
  json?: boolean;
  format?: string;
  destroy?: boolean;
  'detailed-exitcode'?: boolean;
}

export async function runPlan(ctx: CommandContext, flags: PlanFlags): Promise<number> {
  const run = await openEngineSession(ctx, flags, 'plan');
  try {
    return await planWithSession(ctx, flags, run);
  } finally {
    await run.close();
  }
}

async function planWithSession(ctx: CommandContext, flags: PlanFlags, run: EngineSession): Promise<number> {
  const state = run.state.current();
  const plan = await planFromFlags(ctx, flags, run);
  const format = flags.json ? 'json' : (flags.format ?? 'human');
  const errors = plan.diagnostics.filter((d) => d.severity === 'error');

  if (format === 'json') {
    ctx.io.out(JSON.stringify(planToJson(plan)));
    if (errors.length > 0) return 1;
  } else {
    if (errors.length > 0) {
      // Refusals (prevent_destroy, recovery points, immutable locks) are errors of the plan itself.
      throw new ConfigError(plan.diagnostics, run.sources, 'The plan was refused.');
    }
    const warnings = plan.diagnostics.filter((d) => d.severity === 'warning');
    if (warnings.length > 0) ctx.io.err(renderDiagnostics(warnings, run.sources, ctx.io.colorErr));
    ctx.io.out(format === 'markdown' ? renderPlanMarkdown(plan) : renderPlanHuman(plan, { color: ctx.io.color }));
  }

  if (flags.out) {
    const variables = Object.fromEntries(run.config.variables.filter((v) => !v.sensitive).map((v) => [v.name, v.value]));
    await writePlanFile(flags.out, {
      format: PLAN_FILE_FORMAT,
      bkp_version: bkpVersion(),
      created: new Date().toISOString(),
      lineage: state.lineage,
      serial: state.serial,
      config_hash: configHash(run.config.files),
      variables,
      plan,
    });
    if (format === 'human') ctx.io.out(`\nSaved the plan to: ${flags.out}\n\nTo perform exactly these actions, run:\n  bkp apply ${JSON.stringify(flags.out).slice(1, -1)}`);
  }
  if (flags['detailed-exitcode']) return hasChanges(plan) || plan.drift.length > 0 ? 2 : 0;
  return 0;
}
