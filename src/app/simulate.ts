// The work behind `bkp simulate`: flags → a simulation on scratch accounts → a view.
import { loadValidConfig, reevaluator } from './configuration.js';
import { readDataSourcesOnce, withDataValues } from './data-sources.js';
import { ErrorCode, UserError } from '../core/errors.js';
import { notify, warnAbout } from './io-host.js';
import { MAX_SIMULATION_DAYS, runSimulation } from './simulation/run.js';
import { configInputs, type CommandContext } from './context.js';
import { checkJsonFormat, type VarFlags } from './options.js';
import type { Config } from '../config/model.js';
import type { Diagnostic } from '../core/diagnostics.js';

export interface SimulateFlags extends VarFlags {
  days?: string;
  start?: string;
  'inventory-from'?: string;
  json?: boolean;
  format?: string;
}

export function parseDays(text: string | undefined): number {
  if (text === undefined) {
    throw new UserError(ErrorCode.Usage, 'bkp simulate needs -days: how many days to simulate.', {
      hint: `For example: bkp simulate -days=400 (1 to ${MAX_SIMULATION_DAYS}).`,
    });
  }
  const days = /^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
  if (!Number.isInteger(days) || days < 1 || days > MAX_SIMULATION_DAYS) {
    throw new UserError(ErrorCode.Usage, `-days must be a whole number of days from 1 to ${MAX_SIMULATION_DAYS}, not "${text}".`, {
      hint: 'For example: bkp simulate -days=400.',
    });
  }
  return days;
}

/** `2026-01-01` (midnight UTC) or an ISO 8601 instant with its zone. */
export function parseStart(text: string | undefined): Date | undefined {
  if (text === undefined) return undefined;
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(text);
  const instant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text);
  const date = new Date(dateOnly ? `${text}T00:00:00Z` : text);
  if ((!dateOnly && !instant) || Number.isNaN(date.getTime()) || !isCalendarDate(text.slice(0, 10))) {
    throw new UserError(ErrorCode.Usage, `-start must be a UTC date (2026-01-01) or an ISO 8601 instant with its zone (2026-01-01T06:00:00Z), not "${text}".`);
  }
  return date;
}

// JavaScript's Date rolls 2026-02-30 over to March 2 instead of refusing it.
function isCalendarDate(ymd: string): boolean {
  const [year, month, day] = ymd.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export async function runSimulate(ctx: CommandContext, flags: SimulateFlags): Promise<number> {
  checkJsonFormat(flags);
  const days = parseDays(flags.days);
  const start = parseStart(flags.start);
  const format = flags.json ? 'json' : flags.format === 'markdown' || flags.format === 'json' ? flags.format : 'human';
  const loadOptions = configInputs(ctx, flags);
  const { config, warnings, sources } = await loadValidConfig(loadOptions);
  // The scratch accounts start as copies of the configured ones: data blocks read the same from those.
  const evaluate = withDataValues(reevaluator(config, loadOptions), await readDataSourcesOnce(config, loadOptions, sources));
  const result = await runSimulation({ config, evaluate, days, start, inventoryFrom: flags['inventory-from'], sources });
  const allWarnings = [...warnings, ...unusedInventoryWarning(config, flags['inventory-from']), ...result.warnings];
  if (allWarnings.length > 0) await warnAbout(ctx.host, allWarnings, sources);
  await notify(ctx.host, 'BKP_R_SIMULATION', 'result', `Simulated ${days} day${days === 1 ? '' : 's'}.`, { report: result.report, format });
  return 0;
}

/** -inventory-from stands in for provider "aws" accounts only: with none, it changes nothing, which the user should know. */
function unusedInventoryWarning(config: Config, inventoryFrom: string | undefined): Diagnostic[] {
  if (inventoryFrom === undefined || config.providers.some((provider) => provider.type !== 'sandbox')) return [];
  return [
    {
      severity: 'warning',
      summary: '-inventory-from is not used',
      detail: `Every provider of the configuration is a sandbox, whose own account file the simulation copies: ${inventoryFrom} would stand in only for the accounts of provider "aws" blocks.`,
    },
  ];
}
