// What every benchmark hands back to the launcher (bench/run.mjs): goals with their verdicts and
// Markdown sections. The launcher merges the reports of one run into bench/RESULTS.md.
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';

export interface GoalResult {
  /** What is measured, e.g. "2,000 blocks: load + evaluate + validate (median)". */
  goal: string;
  /** The measured figure as displayed, e.g. "812 ms". */
  figure: string;
  /** The goal as displayed, e.g. "< 1 s". */
  target: string;
  /** null when it could not be measured (e.g. moto not installed). */
  met: boolean | null;
  /** Why a verdict is missing or only indicative. */
  note?: string;
}

export interface BenchReport {
  /** The name --only selects. */
  name: string;
  title: string;
  goals: GoalResult[];
  /** Markdown, in order. */
  sections: string[];
  notes: string[];
  /** 1/5/15-minute load averages when the benchmark started. */
  loadAtStart: number[];
  durationMs: number;
}

/** Common command-line options of the benchmark scripts. */
export interface BenchOptions {
  quick: boolean;
  /** Where to write the JSON report (the launcher reads it); otherwise the Markdown goes to stdout. */
  out?: string;
  /** Any other --name=value options. */
  extra: Map<string, string>;
}

export function benchOptions(argv: readonly string[] = process.argv.slice(2)): BenchOptions {
  const extra = new Map<string, string>();
  let quick = false;
  let out: string | undefined;
  for (const arg of argv) {
    const [name, value] = arg.replace(/^--?/, '').split(/=(.*)/s, 2) as [string, string | undefined];
    if (name === 'quick') quick = value === undefined || value !== 'false';
    else if (name === 'out' && value) out = value;
    else extra.set(name, value ?? 'true');
  }
  return { quick, out, extra };
}

export function goal(goal: string, figure: string, target: string, met: boolean | null, note?: string): GoalResult {
  return note === undefined ? { goal, figure, target, met } : { goal, figure, target, met, note };
}

/** A Markdown table; cells are escaped for pipes. */
export function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>, align?: readonly ('l' | 'r')[]): string {
  const escape = (cell: string) => cell.replace(/\|/g, '\\|');
  const rule = header.map((_, i) => (align?.[i] === 'r' ? '---:' : '---'));
  return [header, rule, ...rows].map((row) => `| ${row.map(escape).join(' | ')} |`).join('\n');
}

export function verdict(met: boolean | null): string {
  return met === null ? 'n/a' : met ? 'met' : '**not met**';
}

export function goalsTable(goals: readonly GoalResult[]): string {
  return table(
    ['goal', 'measured', 'target', 'verdict'],
    goals.map((g) => [g.goal, g.figure, g.target, `${verdict(g.met)}${g.note ? ` (${g.note})` : ''}`]),
    ['l', 'r', 'r', 'l'],
  );
}

/** Starts the clock for a report; `finish` writes it where the launcher expects it. */
export function startReport(name: string, title: string): { report: BenchReport; finish(options: BenchOptions): void } {
  const started = Date.now();
  const report: BenchReport = { name, title, goals: [], sections: [], notes: [], loadAtStart: loadavg(), durationMs: 0 };
  return {
    report,
    finish(options) {
      report.durationMs = Date.now() - started;
      if (options.out) writeFileSync(options.out, `${JSON.stringify(report, null, 2)}\n`);
      else process.stdout.write(`## ${report.title}\n\n${goalsTable(report.goals)}\n\n${report.sections.join('\n\n')}\n\n${report.notes.join('\n')}\n`);
    },
  };
}

/** Progress on stderr, so the launcher's user sees where a long run is. */
export function progress(message: string): void {
  process.stderr.write(`  ${message}\n`);
}
