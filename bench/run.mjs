#!/usr/bin/env node
// `npm run bench`: builds the CLI when dist/ is older than src/, compiles the benchmarks (plain
// JavaScript under bench/out/build/, because a TypeScript loader would slow every dynamic import
// the measured code makes), runs each benchmark in its own Node process one after the other, and
// writes their goals and figures, with the machine's facts, to bench/RESULTS.md.
//
//   npm run bench                       full run, regenerates bench/RESULTS.md (see bench/README.md for how long)
//   npm run bench -- --quick            smaller sizes; prints the results, keeps RESULTS.md
//   npm run bench -- --only=scale       one benchmark (config, sandbox, scale, org, accounts; comma-separated)
//   npm run bench -- --fresh-setup      measure the scale matrix's first applies again even if cached
//   npm run bench -- --no-build         measure dist/ as it is
//   npm run bench -- --out=FILE         write the results there (also for --quick / --only)
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, release, totalmem, type as osType } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = join(ROOT, 'bench', 'out');
const BUILD = join(OUT, 'build');
const SNAPSHOT = join(OUT, 'snapshot');
const RESULTS = join(ROOT, 'bench', 'RESULTS.md');

const BENCHMARKS = [
  { name: 'config', script: 'config-load', about: 'configuration loading and CLI start (issue 2)' },
  { name: 'sandbox', script: 'sandbox', about: 'sandbox throughput beside moto (issue 3)' },
  { name: 'scale', script: 'scale', about: 'scale matrix: 10 to 5,000 resources at 0 and 20 ms per call (issues 4, 7, 16 and 18)' },
  { name: 'org', script: 'org-policy', about: 'organization backup policies: merge and validation for 100 accounts (issue 21)' },
  { name: 'accounts', script: 'multi-account', about: 'no-change plan across 100 accounts × 2 regions, 10,000 resources, at 20 ms per call (issue 21)' },
];

function usage(problem) {
  process.stderr.write(
    `${problem ? `bench: ${problem}\n\n` : ''}Usage: npm run bench [-- --quick] [--only=${BENCHMARKS.map((b) => b.name).join('|')}] ` +
      '[--fresh-setup] [--no-build] [--out=FILE]\n',
  );
  process.exit(problem ? 2 : 0);
}

function parseArgs(argv) {
  const options = { quick: false, only: undefined, freshSetup: false, build: true, out: undefined };
  for (const arg of argv) {
    const [name, value] = arg.replace(/^--?/, '').split(/=(.*)/s, 2);
    if (name === 'quick') options.quick = true;
    else if (name === 'fresh-setup') options.freshSetup = true;
    else if (name === 'no-build') options.build = false;
    else if (name === 'help' || name === 'h') usage();
    else if (name === 'out' && value) options.out = value;
    else if (name === 'only' && value) {
      options.only = value.split(',').map((s) => s.trim());
      const unknown = options.only.filter((n) => !BENCHMARKS.some((b) => b.name === n));
      if (unknown.length > 0) usage(`unknown benchmark ${unknown.join(', ')}`);
    } else usage(`unknown option ${arg}`);
  }
  return options;
}

function newestMtime(dir, suffix) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path, suffix));
    else if (entry.name.endsWith(suffix)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** `npm run build` when a source file is newer than the compiled entry point. */
function buildIfStale(options) {
  const entry = join(ROOT, 'dist', 'cli', 'main.js');
  const stale = !existsSync(entry) || newestMtime(join(ROOT, 'src'), '.ts') > statSync(entry).mtimeMs;
  if (!stale) return 'dist/ was up to date';
  if (!options.build) {
    if (!existsSync(entry)) usage('dist/ is missing: run `npm run build` (or drop --no-build)');
    return 'dist/ is older than src/ and was measured as it is (--no-build)';
  }
  process.stderr.write('bench: dist/ is older than src/: npm run build\n');
  const build = spawnSync('npm', ['run', '-s', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) {
    process.stderr.write('bench: the build failed. Fix it, or run with --no-build to measure the existing dist/.\n');
    process.exit(1);
  }
  return 'dist/ was rebuilt from src/ before measuring';
}

/** Transpiles the benchmarks (and the test helper they use) to bench/out/build/, same layout. */
function compileBenchmarks() {
  rmSync(BUILD, { recursive: true, force: true });
  const sources = [];
  const collect = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (path !== OUT) collect(path);
      } else if ((entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) || entry.name.endsWith('.mjs')) sources.push(path);
    }
  };
  collect(join(ROOT, 'bench'));
  sources.push(join(ROOT, 'test', 'support', 'moto.ts'));
  for (const source of sources) {
    if (source === fileURLToPath(import.meta.url)) continue;
    const target = join(BUILD, relative(ROOT, source)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(target), { recursive: true });
    if (source.endsWith('.mjs')) {
      copyFileSync(source, target);
      continue;
    }
    const output = ts.transpileModule(readFileSync(source, 'utf8'), {
      fileName: source,
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, sourceMap: false },
    });
    writeFileSync(target, output.outputText);
  }
}

/**
 * A copy of what `bkp` runs from (bin/, dist/, schemas/, package.json): other work in the same
 * checkout may rebuild dist/ during a long run, and one set of results must measure one build.
 */
function snapshotBuild() {
  rmSync(SNAPSHOT, { recursive: true, force: true });
  for (const part of ['bin', 'dist', 'schemas', 'package.json']) cpSync(join(ROOT, part), join(SNAPSHOT, part), { recursive: true });
}

function machineFacts() {
  const cpuList = cpus();
  return {
    cpu: cpuList[0]?.model?.trim() ?? 'unknown',
    cores: cpuList.length,
    // What `nproc` prints: the CPUs this process may run on (affinity, cgroup limits aside).
    nproc: availableParallelism(),
    memory: `${(totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    node: process.version,
    os: `${osType()} ${release()}`,
    commit: gitCommit(),
  };
}

/** The checked-out commit, read without changing anything; undefined outside a git checkout. */
function gitCommit() {
  const result = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

const load = (values) => values.map((v) => v.toFixed(2)).join(' / ');

/**
 * The 1-minute load average every 10 s while the benchmarks run: the start and end alone missed
 * a busy spell in the middle of a long run.
 */
const LOAD_SAMPLE_MS = 10_000;
function sampleLoad() {
  const samples = [loadavg()[0]];
  const timer = setInterval(() => samples.push(loadavg()[0]), LOAD_SAMPLE_MS);
  timer.unref();
  return {
    stop: () => clearInterval(timer),
    summary: () => ({ mean: samples.reduce((a, b) => a + b, 0) / samples.length, max: Math.max(...samples), samples: samples.length }),
  };
}

/** What the report says about other work on the machine, from the load while it ran. */
function loadWarning(facts, during) {
  const busy = during.mean > facts.nproc;
  const figures = `the 1-minute load average was ${during.mean.toFixed(1)} on average and up to ${during.max.toFixed(1)} (${during.samples} samples, every ${LOAD_SAMPLE_MS / 1000} s) on ${facts.nproc} CPUs`;
  return busy
    ? `**The machine was shared and loaded during this run**: ${figures}, so other work held the CPUs for much of it. Absolute times are slower than on a quiet machine; call counts do not depend on load, and ratios measured in the same run (bkp against its baselines, in turns) less so than times.`
    : `Other work may share this machine: ${figures}. Compare the load with the number of CPUs before reading the figures.`;
}
function duration(ms) {
  const wholeSeconds = Math.round(ms / 1000);
  return wholeSeconds >= 60 ? `${Math.floor(wholeSeconds / 60)} min ${wholeSeconds % 60} s` : `${(ms / 1000).toFixed(1)} s`;
}
const escape = (cell) => String(cell).replace(/\|/g, '\\|');

/** Runs one benchmark in its own process; its progress streams to stderr as it goes. */
async function runBenchmark(benchmark, options) {
  const reportFile = join(OUT, 'reports', `${benchmark.name}.json`);
  rmSync(reportFile, { force: true });
  mkdirSync(dirname(reportFile), { recursive: true });
  const args = [join(BUILD, 'bench', `${benchmark.script}.js`), `--out=${reportFile}`];
  if (options.quick) args.push('--quick');
  if (options.freshSetup) args.push('--fresh-setup');
  process.stderr.write(`\nbench: ${benchmark.name} — ${benchmark.about}\n`);
  const started = Date.now();
  const env = { ...process.env, BKP_BENCH_TARGET: SNAPSHOT };
  // Injected faults would falsify every figure; the benchmarks inject their own where they say so.
  delete env.BKP_SANDBOX_FAULTS;
  let stderrTail = '';
  const exit = await new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'inherit', 'pipe'] });
    child.stderr.on('data', (chunk) => {
      process.stderr.write(chunk);
      stderrTail = (stderrTail + chunk.toString()).slice(-8000);
    });
    child.on('error', (error) => resolve(String(error)));
    child.on('close', (code, signal) => resolve(code ?? signal));
  });
  if (exit === 0 && existsSync(reportFile)) return JSON.parse(readFileSync(reportFile, 'utf8'));
  const why = stderrTail.trim().split('\n').slice(-20).join('\n');
  return {
    name: benchmark.name,
    title: benchmark.about,
    failed: true,
    goals: [],
    sections: [`**The benchmark failed** (exit ${exit}):\n\n\`\`\`\n${why}\n\`\`\``],
    notes: [],
    loadAtStart: [],
    durationMs: Date.now() - started,
  };
}

function verdict(goal) {
  const text = goal.met === null ? 'n/a' : goal.met ? 'met' : '**not met**';
  return goal.note ? `${text} (${goal.note})` : text;
}

function markdown(reports, context) {
  const { facts, options, buildNote, loadStart, loadEnd, totalMs, command } = context;
  const lines = [
    '# bkp benchmark results',
    '',
    `Generated by \`${command}\` on ${context.date}. Regenerate with \`npm run bench\`; see bench/README.md for what each benchmark measures.`,
    ...(options.quick ? ['', '**Quick run:** smaller sizes than the goals are stated for; verdicts are indicative only.'] : []),
    '',
    '## Machine',
    '',
    '| fact | value |',
    '| --- | --- |',
    `| CPU | ${escape(facts.cpu)} |`,
    `| cores | ${facts.cores} |`,
    `| \`nproc\` (CPUs this process may use) | ${facts.nproc} |`,
    `| memory | ${facts.memory} |`,
    `| Node.js | ${facts.node} |`,
    `| OS | ${escape(facts.os)} |`,
    `| load average at start (1 / 5 / 15 min) | ${load(loadStart)} |`,
    `| load average at end | ${load(loadEnd)} |`,
    `| 1-minute load average during the run (mean / max) | ${context.loadDuring.mean.toFixed(2)} / ${context.loadDuring.max.toFixed(2)} |`,
    `| bkp commit | ${facts.commit ?? 'n/a'} (${buildNote}; a copy of dist/ taken at the start was measured) |`,
    `| command | \`${command}\` |`,
    `| total time | ${duration(totalMs)} |`,
    '',
    loadWarning(facts, context.loadDuring),
    '',
    '## Goals',
    '',
    '| benchmark | goal | measured | target | verdict |',
    '| --- | --- | ---: | ---: | --- |',
    ...reports.flatMap((r) =>
      r.failed ? [`| ${r.name} | the benchmark failed | – | – | **failed** |`] : r.goals.map((g) => `| ${r.name} | ${escape(g.goal)} | ${escape(g.figure)} | ${escape(g.target)} | ${escape(verdict(g))} |`),
    ),
  ];
  for (const r of reports) {
    lines.push('', `## ${r.title}`, '');
    if (r.loadAtStart.length > 0) lines.push(`Load average at start: ${load(r.loadAtStart)}; took ${duration(r.durationMs)}.`, '');
    lines.push(r.sections.join('\n\n'));
    if (r.notes.length > 0) lines.push('', ...r.notes.map((n) => `- ${n}`));
  }
  return `${lines.join('\n')}\n`;
}

const options = parseArgs(process.argv.slice(2));
const started = Date.now();
const loadStart = loadavg();
const loadSampler = sampleLoad();
const date = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
const buildNote = buildIfStale(options);
const facts = machineFacts();
snapshotBuild();
compileBenchmarks();
const selected = BENCHMARKS.filter((b) => !options.only || options.only.includes(b.name));
const reports = [];
for (const benchmark of selected) reports.push(await runBenchmark(benchmark, options));
const args = process.argv.slice(2);
const command = process.env.npm_lifecycle_event === 'bench' ? `npm run bench${args.length ? ` -- ${args.join(' ')}` : ''}` : `node bench/run.mjs ${args.join(' ')}`.trim();
loadSampler.stop();
const text = markdown(reports, { facts, options, buildNote, loadStart, loadEnd: loadavg(), loadDuring: loadSampler.summary(), totalMs: Date.now() - started, command, date });

const partial = options.quick || options.only !== undefined;
const target = options.out ?? (partial ? undefined : RESULTS);
if (target) {
  writeFileSync(target, text);
  process.stderr.write(`\nbench: wrote ${relative(process.cwd(), target) || target}\n`);
} else {
  process.stdout.write(`\n${text}`);
  process.stderr.write('\nbench: a quick or partial run does not overwrite bench/RESULTS.md (use --out=FILE to keep it)\n');
}
process.exit(reports.some((r) => r.failed) ? 1 : 0);
