// Runs `bkp simulate`'s engine in-process on a configuration written to a temporary directory.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadValidConfig, reevaluator } from '../../src/app/configuration.js';
import type { OriginReport, ResourceReport, SimulationReport } from '../../src/simulation/report.js';
import { runSimulation } from '../../src/app/simulation/run.js';

export const ROLE = 'arn:aws:iam::123456789012:role/backup';
export const DAY = 86_400_000;

export interface Workdir {
  dir: string;
  cleanup(): Promise<void>;
}

export async function workdir(files: Record<string, string>): Promise<Workdir> {
  const dir = await mkdtemp(join(tmpdir(), 'bkp-simulation-test-'));
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export async function simulate(dir: string, days: number, options: { start?: string; inventoryFrom?: string } = {}): Promise<SimulationReport> {
  const loadOptions = { dir };
  const { config, sources } = await loadValidConfig(loadOptions);
  const evaluate = reevaluator(config, loadOptions);
  const start = options.start === undefined ? undefined : new Date(options.start);
  const { report } = await runSimulation({ config, evaluate, days, start, inventoryFrom: options.inventoryFrom, sources });
  return report;
}

export function resource(report: SimulationReport, name: string): ResourceReport {
  const found = report.resources.find((r) => r.name === name);
  if (found === undefined) throw new Error(`no resource ${name} in the report: ${report.resources.map((r) => r.name).join(', ')}`);
  return found;
}

export function origin(r: ResourceReport, label: string): OriginReport {
  const found = r.origins.find((o) => o.label === label);
  if (found === undefined) throw new Error(`no source ${label} for ${r.name}: ${r.origins.map((o) => o.label).join(', ')}`);
  return found;
}

/** A sandbox provider with the given `source` blocks, a vault "main" and a plan protecting tag backup=yes. */
export function policy(options: { sources: string; rules: string; extra?: string }): string {
  return `
provider "sandbox" {
  path   = ".bkp/sandbox.json"
  region = "eu-west-1"
${options.sources}
}

backup_vault "main" { name = "main" }

backup_plan "policy" {
  name = "policy"
${options.rules}
}

backup_selection "tagged" {
  plan         = backup_plan.policy
  name         = "tagged"
  iam_role_arn = "${ROLE}"
  tag {
    key   = "backup"
    value = "yes"
  }
}
${options.extra ?? ''}`;
}
