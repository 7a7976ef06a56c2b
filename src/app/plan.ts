// The work behind `bkp plan`.
import { ConfigError, outputFileError } from '../core/errors.js';
import { hasChanges, type Plan } from '../engine/plan-model.js';
import { configHash, PLAN_FILE_FORMAT, writePlanFile, type SavedPlan } from '../engine/plan-file.js';
import { notify, warnAbout } from './io-host.js';
import { bkpVersion } from '../core/version.js';
import { shellWord } from '../core/shell.js';
import { pathInDir, type CommandContext } from './context.js';
import { checkJsonFormat, checkPlanningModes, type PlanningFlags } from './options.js';
import { openEngineSession, planFromFlags, type EngineSession } from './engine-session.js';

export interface PlanFlags extends PlanningFlags {
  out?: string;
  json?: boolean;
  format?: string;
  destroy?: boolean;
  'detailed-exitcode'?: boolean;
}

export async function runPlan(ctx: CommandContext, flags: PlanFlags): Promise<number> {
  checkPlanningModes(flags);
  checkJsonFormat(flags);
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
  const format = flags.json ? 'json' : planFormat(flags.format);
  const errors = plan.diagnostics.filter((d) => d.severity === 'error');

  if (format === 'json') {
    await notify(ctx.host, 'BKP_R_PLAN', 'result', planSummary(plan), { plan, format });
    if (errors.length > 0) return 1;
  } else {
    if (errors.length > 0) {
      // Refusals (prevent_destroy, recovery points, immutable locks) are errors of the plan itself.
      throw new ConfigError(plan.diagnostics, run.sources, 'The plan was refused.');
    }
    const warnings = plan.diagnostics.filter((d) => d.severity === 'warning');
    if (warnings.length > 0) await warnAbout(ctx.host, warnings, run.sources);
    await notify(ctx.host, 'BKP_R_PLAN', 'result', planSummary(plan), { plan, format });
  }

  if (flags.out) {
    const variables = Object.fromEntries(run.config.variables.filter((v) => !v.sensitive).map((v) => [v.name, v.value]));
    const saved: SavedPlan = {
      format: PLAN_FILE_FORMAT,
      bkp_version: bkpVersion(),
      created: new Date().toISOString(),
      lineage: state.lineage,
      serial: state.serial,
      config_hash: configHash(run.config.files),
      variables,
      plan,
    };
    const key = await run.backend.planKey(true);
    await writePlanFile(pathInDir(ctx, flags.out), saved, key!).catch((e: unknown) => {
      throw outputFileError(e, flags.out!, 'the plan');
    });
    if (format === 'human') await notify(ctx.host, 'BKP_R_PLAN_SAVED', 'result', `Saved the plan to: ${flags.out}`, { path: flags.out, apply: applyCommand(flags, flags.out, run.config.variables) });
  }
  if (flags['detailed-exitcode']) return hasChanges(plan) || plan.drift.length > 0 ? 2 : 0;
  return 0;
}

/**
 * The command that applies the saved plan. The plan keeps only hashes of sensitive values, so
 * `bkp apply FILE` needs them again: the -var-file options (any may hold one) and each -var of a
 * sensitive variable, its value left for the user to fill in.
 */
function applyCommand(flags: PlanFlags, out: string, variables: readonly { name: string; sensitive: boolean }[]): { command: string; fillIn: boolean } {
  const sensitive = new Set(variables.filter((v) => v.sensitive).map((v) => v.name));
  if (sensitive.size === 0) return { command: `bkp apply ${shellWord(out)}`, fillIn: false };
  const names = [...new Set((flags.var ?? []).map((option) => option.slice(0, Math.max(0, option.indexOf('='))).trim()).filter((name) => sensitive.has(name)))];
  const words = ['bkp', 'apply', ...(flags['var-file'] ?? []).map((file) => shellWord(`-var-file=${file}`)), ...names.flatMap((name) => ['-var', shellWord(`${name}=…`)]), shellWord(out)];
  return { command: words.join(' '), fillIn: names.length > 0 };
}

function planFormat(flag: string | undefined): 'human' | 'markdown' | 'json' {
  return flag === 'markdown' || flag === 'json' ? flag : 'human';
}

/** The plan in one line, for a host without a plan view. */
export function planSummary(plan: Plan): string {
  const count = (action: string) => plan.changes.filter((c) => c.action === action).length;
  return `Plan: ${count('create')} to add, ${count('update')} to change, ${count('delete')} to destroy, ${count('replace')} to replace.`;
}
