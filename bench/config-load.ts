// Benchmark 1 (issue 2): configuration loading at scale, and the CLI's cold start.
//   - loadConfig() of a generated 2,000-block configuration (dist/app/configuration.js): the first
//     (cold) call in each of 5 fresh processes (median), then the median of warm calls in this
//     process, split into read / parse / evaluate / validate by calling the steps loadConfig runs;
//   - spawned `bkp -chdir=examples/quickstart validate` and `bkp --version` (median of 10);
//   - what the bundle's code cache saves on that validate, and what the AWS SDK's bundle saves on
//     the quickstart's `bkp plan` (a copy of it, on the sandbox), each against a launcher without it;
//   - what measuring text without string-width saves on that validate, against a copy of the
//     package built with `scripts/bundle.mjs --string-width-as-is`;
//   - what the launcher's V8 interrupt budget saves on a whole `bkp validate` of the generated
//     configuration and of the quickstart, against a copy whose launcher leaves V8's default;
//   - `bkp validate` of the generated configuration as a whole process (median of 5), taking turns
//     with `terraform validate` of the same configuration written as Terraform built-ins
//     (lib/terraform.ts; skipped, and said so, when terraform is not installed): issue 16 asks
//     bkp to take at most 0.4× Terraform's time.
//
//   npm run bench -- --only=config [--quick]      (or: npx tsx bench/config-load.ts [--quick])
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runChild, type ChildRun } from './lib/child.js';
import { BKP_BIN, fromDist, REPO_ROOT, TARGET_ROOT } from './lib/dist.js';
import { generateConfig, unitsForBlocks, writeConfig } from './lib/generate-config.js';
import { benchOptions, goal, progress, startReport, table } from './lib/report.js';
import { count, mebibytes, median, ms, timed, times } from './lib/stats.js';
import { prepareTerraformTwin, terraformEnv, terraformVersion } from './lib/terraform.js';

const options = benchOptions();
const BLOCKS = options.quick ? 500 : 2000;
const WARM_RUNS = options.quick ? 3 : 5;
const SPAWNS = options.quick ? 3 : 10;
/** Whole `bkp validate` processes of the generated configuration, each followed by a `terraform validate`. */
const LARGE_SPAWNS = options.quick ? 2 : 5;
/** Fresh processes that each time one cold load: a single cold sample swung by ±20% between runs. */
const COLD_PROCESSES = options.quick ? 1 : 5;
const LOAD_GOAL_MS = 1000;
const VALIDATE_GOAL_MS = 500;
/** Issue 7 asks more of the same spawn than issue 2 does. */
const VALIDATE_GOAL_ISSUE7_MS = 400;
const VERSION_GOAL_MS = 150;
/** Issue 16: bkp's whole-process validate against Terraform's, same configuration, same run. */
const TERRAFORM_RATIO_GOAL = 0.4;
/** Issue 16: a start-up trick stays only if it saves more than this on the quickstart's validate. */
const TRICK_BAR_MS = 20;
/** Spawns of each variant when measuring a start-up trick (each takes turns with bin/bkp.js). */
const CACHE_SPAWNS = 21;
/** The same for the interrupt budget, measured on the 2,000-block validate. */
const TIERING_SPAWNS = options.quick ? 3 : 11;

interface StepTimes {
  read: number;
  parse: number;
  evaluate: number;
  validate: number;
}

const { report, finish } = startReport('config', 'Configuration loading and CLI start (issue 2)');
const workDir = mkdtempSync(join(tmpdir(), 'bkp-bench-config-'));
const terraformDir = mkdtempSync(join(tmpdir(), 'bkp-bench-terraform-'));
const quickstartCopy = mkdtempSync(join(tmpdir(), 'bkp-bench-quickstart-'));
const stringWidthAsIs = mkdtempSync(join(tmpdir(), 'bkp-bench-string-width-'));
const defaultTiering = mkdtempSync(join(tmpdir(), 'bkp-bench-default-tiering-'));
try {
  const units = unitsForBlocks(BLOCKS);
  const generated = generateConfig({ units });
  writeConfig(workDir, generated);
  const bytes = [...generated.files.values()].reduce((n, text) => n + Buffer.byteLength(text), 0);
  progress(`config: ${count(generated.blocks)} blocks, ${count(generated.instances.total)} resources, ${generated.files.size} files`);

  // Spawned first, while this process is small: forking a parent that holds a few hundred MB of
  // loaded configurations added tens of milliseconds to every child's wall time.
  const nodeAlone = await spawnMany(SPAWNS, [], ['-e', '0']);
  const quickstart = await spawnMany(SPAWNS, ['-chdir=examples/quickstart', 'validate', '-no-color']);
  const version = await spawnMany(SPAWNS, ['--version']);
  const cache = await inTurns(CACHE_SPAWNS, ['-chdir=examples/quickstart', 'validate', '-no-color'], benchLauncher('launch-without-code-cache.cjs'));
  cpSync(join(REPO_ROOT, 'examples', 'quickstart'), quickstartCopy, { recursive: true });
  const sdkBundle = await inTurns(CACHE_SPAWNS, [`-chdir=${quickstartCopy}`, 'plan', '-no-color'], benchLauncher('launch-with-sdk-from-node-modules.cjs'));
  buildWithStringWidthAsIs(stringWidthAsIs);
  const textWidth = await inTurns(
    CACHE_SPAWNS,
    ['-chdir=examples/quickstart', 'validate', '-no-color'],
    join(stringWidthAsIs, 'bin', 'bkp.js'),
  );
  buildWithDefaultTiering(defaultTiering);
  const tiering = await inTurns(TIERING_SPAWNS, [`-chdir=${workDir}`, 'validate', '-no-color'], join(defaultTiering, 'bin', 'bkp.js'));
  const tieringQuickstart = await inTurns(CACHE_SPAWNS, ['-chdir=examples/quickstart', 'validate', '-no-color'], join(defaultTiering, 'bin', 'bkp.js'));

  // Cold loads, each in a process of its own, also while this one is small.
  const coldLoads: number[] = [];
  for (let i = 0; i < COLD_PROCESSES; i++) coldLoads.push(await coldLoadInFreshProcess(workDir));
  const coldMedian = median(coldLoads);

  const imported = await timed(async () => ({
    load: await fromDist<typeof import('../src/app/configuration.js')>('app/configuration.js'),
    ...(await stepModules()),
  }));
  const { loadConfig } = imported.value.load;

  const firstInProcess = await timed(() => loadConfig({ dir: workDir, env: {} }));
  const first = firstInProcess.value;
  const errors = first.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0 || !first.config) {
    throw new Error(`the generated configuration does not load: ${errors.slice(0, 5).map((d) => d.summary).join('; ')}`);
  }
  const loadedResources = first.config.resources.length;

  const warm: number[] = [];
  for (let i = 0; i < WARM_RUNS; i++) warm.push((await timed(() => loadConfig({ dir: workDir, env: {} }))).ms);
  const steps: StepTimes[] = [];
  for (let i = 0; i < WARM_RUNS; i++) steps.push(await loadInSteps(workDir, imported.value));
  const stepMedian = (key: keyof StepTimes) => median(steps.map((s) => s[key]));
  progress(`config: in-process load, cold median ${ms(coldMedian)}, warm median ${ms(median(warm))}`);

  progress(`config: spawned validate ${ms(median(quickstart.map((r) => r.wallMs)))}, --version ${ms(median(version.map((r) => r.wallMs)))}`);
  const terraform = terraformVersion();
  if (terraform === undefined) progress('config: terraform is not installed: the comparison with `terraform validate` is skipped');
  else prepareTerraformTwin(terraformDir, units);
  const { bkp: large, terraform: terraformRuns } = await validateInTurns(LARGE_SPAWNS, workDir, terraform === undefined ? undefined : terraformDir);
  const largeMedian = median(large.map((r) => r.wallMs));
  progress(
    `config: whole-process validate of ${count(generated.blocks)} blocks ${ms(largeMedian)}` +
      (terraformRuns.length > 0 ? `, terraform validate ${ms(median(terraformRuns.map((r) => r.wallMs)))}` : ''),
  );

  const warmMedian = median(warm);
  const quickstartMedian = median(quickstart.map((r) => r.wallMs));
  const versionMedian = median(version.map((r) => r.wallMs));
  const indicative = options.quick ? `quick run: ${count(generated.blocks)} blocks, indicative only` : undefined;
  const blocksLabel = `${count(generated.blocks)} blocks`;
  report.goals.push(
    goal(`${blocksLabel}: load + evaluate + validate, median of ${WARM_RUNS} warm runs`, ms(warmMedian), '< 1 s', warmMedian < LOAD_GOAL_MS, indicative),
    goal(`${blocksLabel}: the same, first (cold) call in a fresh process, median of ${COLD_PROCESSES} processes`, ms(coldMedian), '< 1 s', coldMedian < LOAD_GOAL_MS, indicative),
    goal(`cold \`bkp -chdir=examples/quickstart validate\`, median of ${SPAWNS} spawns`, ms(quickstartMedian), '< 0.5 s', quickstartMedian < VALIDATE_GOAL_MS),
    goal(`cold \`bkp -chdir=examples/quickstart validate\`, median of ${SPAWNS} spawns (issue 7)`, ms(quickstartMedian), '< 400 ms', quickstartMedian < VALIDATE_GOAL_ISSUE7_MS),
    goal(`cold \`bkp --version\`, median of ${SPAWNS} spawns (issue 7)`, ms(versionMedian), '< 150 ms', versionMedian < VERSION_GOAL_MS),
    goal(
      `${blocksLabel}: the same as a whole \`bkp validate\` process (Node start included), median of ${large.length} (issue 16)`,
      ms(largeMedian),
      '< 1 s',
      largeMedian < LOAD_GOAL_MS,
      indicative,
    ),
    terraformGoal(blocksLabel, large, terraformRuns, terraform, indicative),
    trickGoal(cache, 'V8 code cache of the bundle: wall time it saves on `bkp -chdir=examples/quickstart validate`'),
    trickGoal(sdkBundle, 'AWS SDK bundles with their code caches (dist/aws-sdk/), against the SDK from node_modules: wall time it saves on the quickstart\'s `bkp plan`'),
    trickGoal(textWidth, 'Text measured without string-width unless it goes beyond printable ASCII (scripts/bundle.mjs): wall time it saves on `bkp -chdir=examples/quickstart validate`'),
    trickGoal(tiering, `V8 interrupt budget of the launcher (bin/load-bundle.cjs), against V8's default: wall time it saves on a whole \`bkp validate\` of the ${blocksLabel}`),
  );

  report.sections.push(
    `Generated configuration: ${count(generated.blocks)} resource blocks in ${generated.files.size} files (${count(bytes)} bytes), ` +
      `${count(loadedResources)} resources after \`for_each\` (${count(generated.instances.vaults)} vaults, ` +
      `${count(generated.instances.plans)} plans with 3 rules, copy actions and lifecycles, ${count(generated.instances.selections)} selections ` +
      'by tag and by ARNs with conditions; references between them; one group of units in ten written with `for_each`).',
    table(
      ['in-process (dist/app/configuration.js)', 'time'],
      [
        ['importing the config modules (once per process)', ms(imported.ms)],
        [
          `\`loadConfig\` first call in a fresh \`node\` process (cold: JIT warm-up), median of ${COLD_PROCESSES} (min ${ms(Math.min(...coldLoads))}, max ${ms(Math.max(...coldLoads))})`,
          ms(coldMedian),
        ],
        ['`loadConfig` first call in the benchmark\'s own process (after its spawns)', ms(firstInProcess.ms)],
        [`\`loadConfig\` median of ${WARM_RUNS} warm calls`, ms(warmMedian)],
        [`↳ read files (median of ${WARM_RUNS}; loadConfig's steps called one by one)`, ms(stepMedian('read'))],
        ['↳ parse (HCL → AST)', ms(stepMedian('parse'))],
        ['↳ evaluate (variables, locals, references, for_each, functions)', ms(stepMedian('evaluate'))],
        ['↳ validate (JSON Schema + semantic rules)', ms(stepMedian('validate'))],
      ],
      ['l', 'r'],
    ),
    table(
      ['spawned `node bin/bkp.js …`', 'runs', 'median', 'min', 'max', 'median CPU', 'peak RSS'],
      [
        row('`-chdir=examples/quickstart validate`', quickstart),
        row('`--version`', version),
        row(`\`validate\` of the generated ${blocksLabel}`, large),
        ...(terraformRuns.length > 0 ? [row(`for comparison, \`terraform validate\` of the same ${blocksLabel} as Terraform built-ins (${terraform})`, terraformRuns)] : []),
        row('for reference, `node -e 0` (Node.js starting and exiting, no bkp)', nodeAlone),
        row('`-chdir=examples/quickstart validate` with the code cache, taking turns with the next row', cache.plain),
        row('the same without the code cache (bench/lib/launch-without-code-cache.cjs)', cache.variant),
        row('the quickstart\'s `plan` (a copy, on the sandbox), taking turns with the next row', sdkBundle.plain),
        row('the same with the SDK from node_modules (bench/lib/launch-with-sdk-from-node-modules.cjs)', sdkBundle.variant),
        row('`-chdir=examples/quickstart validate`, taking turns with the next row', textWidth.plain),
        row('the same, built with `scripts/bundle.mjs --string-width-as-is` (and its own code cache)', textWidth.variant),
        row(`\`validate\` of the generated ${blocksLabel}, taking turns with the next row`, tiering.plain),
        row('the same with V8\'s default interrupt budget (a copy whose launcher leaves the flag out, with its own code cache)', tiering.variant),
        row('`-chdir=examples/quickstart validate`, taking turns with the next row', tieringQuickstart.plain),
        row('the same with V8\'s default interrupt budget', tieringQuickstart.variant),
      ],
      ['l', 'r', 'r', 'r', 'r', 'r', 'r'],
    ),
  );
  report.notes.push(
    terraform === undefined
      ? 'terraform is not installed on this machine: the comparison with `terraform validate` was skipped.'
      : `\`terraform validate\` ran on the generated configuration written as Terraform built-ins (bench/lib/config-dialects.ts): one \`terraform_data\` ` +
          'resource per bkp resource, its attributes and nested blocks (as lists of objects) in `input`, with the same variables, locals, `for_each`, ' +
          'functions and references (to `terraform_data.….output.…`); the provider is a string, as terraform_data has none. ' +
          `\`terraform init -backend=false\` ran once before, untimed; the two validates took turns, ${large.length} runs each.`,
  );
  report.notes.push(
    `Sub-step times come from calling loadConfig's steps (read, parse, evaluate, validate) one by one; their sum can differ slightly from a \`loadConfig\` call.`,
  );
} finally {
  rmSync(workDir, { recursive: true, force: true });
  rmSync(terraformDir, { recursive: true, force: true });
  rmSync(quickstartCopy, { recursive: true, force: true });
  rmSync(stringWidthAsIs, { recursive: true, force: true });
  rmSync(defaultTiering, { recursive: true, force: true });
}
finish(options);

/**
 * `bkp validate` of `dir` as a whole process, `times` times; when `terraformDir` is given, each
 * followed by `terraform validate` there, so that a slow spell of a shared machine falls on both.
 */
async function validateInTurns(runs: number, dir: string, terraformDir: string | undefined): Promise<{ bkp: ChildRun[]; terraform: ChildRun[] }> {
  const bkp: ChildRun[] = [];
  const terraform: ChildRun[] = [];
  for (let i = 0; i < runs; i++) {
    bkp.push(...(await spawnMany(1, [`-chdir=${dir}`, 'validate', '-no-color'])));
    if (terraformDir === undefined) continue;
    const run = await runChild('terraform', ['validate', '-no-color'], { cwd: terraformDir, env: terraformEnv(terraformDir) });
    if (run.exitCode !== 0) throw new Error(`terraform validate exited with ${run.exitCode}:\n${run.stderr || run.stdout}`);
    terraform.push(run);
  }
  return { bkp, terraform };
}

function terraformGoal(blocksLabel: string, bkp: ChildRun[], terraform: ChildRun[], version: string | undefined, indicative: string | undefined) {
  const label = `${blocksLabel}: whole \`bkp validate\` / \`terraform validate\` of the same configuration as Terraform built-ins, medians, taking turns (issue 16)`;
  if (terraform.length === 0) return goal(label, 'n/a', `≤ ${TERRAFORM_RATIO_GOAL}×`, null, 'terraform is not installed');
  const ratio = median(bkp.map((r) => r.wallMs)) / median(terraform.map((r) => r.wallMs));
  return goal(label, times(ratio), `≤ ${TERRAFORM_RATIO_GOAL}×`, ratio <= TERRAFORM_RATIO_GOAL, [version, indicative].filter(Boolean).join('; '));
}

async function stepModules() {
  return {
    hclParser: await fromDist<typeof import('../src/config/syntax/hcl-parser.js')>('config/syntax/hcl-parser.js'),
    evaluate: await fromDist<typeof import('../src/config/evaluate.js')>('config/evaluate.js'),
    validate: await fromDist<typeof import('../src/resources/validate.js')>('resources/validate.js'),
  };
}

/** loadConfig's steps, timed one by one (reading files the way it does). */
async function loadInSteps(dir: string, modules: Awaited<ReturnType<typeof stepModules>>): Promise<StepTimes> {
  const read = await timed(async () => {
    const names = (await readdir(dir)).filter((n) => n.endsWith('.bkp.hcl')).sort();
    return Promise.all(names.map(async (name) => ({ path: name, text: await readFile(join(dir, name), 'utf8') })));
  });
  const parse = await timed(() => read.value.map((file) => ({ ...file, body: modules.hclParser.parseHcl(file.text, file.path).body })));
  const evaluate = await timed(() => modules.evaluate.evaluateConfig(parse.value, { dir, env: {} }));
  const validate = await timed(() => modules.validate.validateConfig(evaluate.value.config));
  if (validate.value.some((d) => d.severity === 'error')) throw new Error('validation found errors in the generated configuration');
  return { read: read.ms, parse: parse.ms, evaluate: evaluate.ms, validate: validate.ms };
}

interface TurnRuns {
  /** bin/bkp.js. */
  plain: ChildRun[];
  /** The same command through a launcher that leaves a start-up trick out. */
  variant: ChildRun[];
}

function benchLauncher(file: string): string {
  return join(REPO_ROOT, 'bench', 'lib', file);
}

/** `args` through bin/bkp.js and through `launcher` (a script that leaves a start-up trick out), taking turns. */
async function inTurns(times: number, args: string[], launcher: string): Promise<TurnRuns> {
  const runs: TurnRuns = { plain: [], variant: [] };
  for (let i = 0; i < times; i++) {
    runs.plain.push(...(await spawnMany(1, args)));
    runs.variant.push(...(await spawnMany(1, args, [launcher, ...args])));
  }
  return runs;
}

/**
 * A copy of the repository in `dir` whose CLI bundle is built with `--string-width-as-is`, with a
 * code cache trained the same way as the package's: everything else as built, node_modules shared.
 * Built from the repository's sources (the run's snapshot holds no src/), a few seconds after the
 * snapshot was taken.
 */
function buildWithStringWidthAsIs(dir: string): void {
  copyRepository(dir);
  for (const script of [['scripts/bundle.mjs', '--string-width-as-is'], ['scripts/code-cache.cjs']]) runScript(dir, script);
}

/**
 * A copy of the repository in `dir` whose launcher leaves V8's interrupt budget at its default,
 * with a code cache trained under those flags (V8 accepts a cache only under the flags it was
 * made with): the bundle itself is the package's.
 */
function buildWithDefaultTiering(dir: string): void {
  copyRepository(dir);
  const launcher = join(dir, 'bin', 'load-bundle.cjs');
  const text = readFileSync(launcher, 'utf8');
  const setting = 'setFlagsFromString(TIERING_FLAG);';
  if (!text.includes(setting)) throw new Error(`bin/load-bundle.cjs no longer holds ${setting}: update the benchmark`);
  writeFileSync(launcher, text.replace(setting, ''));
  runScript(dir, ['scripts/code-cache.cjs']);
}

/** The repository's files in `dir`, node_modules shared. */
function copyRepository(dir: string): void {
  // Not bench/out either: the benchmark's builds and this run's snapshot, tens of MB.
  const benchOutput = join(REPO_ROOT, 'bench', 'out');
  cpSync(REPO_ROOT, dir, { recursive: true, filter: (source) => source !== benchOutput && !/[\\/](node_modules|\.git|\.bkp)$/.test(source) });
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
}

function runScript(dir: string, script: string[]): void {
  execFileSync(process.execPath, script, { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
}

function trickGoal(runs: TurnRuns, what: string) {
  // The median of the differences of runs made back to back, not the difference of the medians:
  // load from other work on the machine changes over a run, and a pair sees the same load.
  const saved = median(runs.plain.map((run, i) => runs.variant[i]!.wallMs - run.wallMs));
  return goal(
    `${what}, median of ${runs.plain.length} differences between spawns made back to back (issue 16's bar for a start-up trick)`,
    ms(saved),
    `> ${TRICK_BAR_MS} ms`,
    saved > TRICK_BAR_MS,
  );
}

/** `node bin/bkp.js args…` `times` times, or `node nodeArgs…` when given (Node's own start). */
/**
 * One `loadConfig` call in a new `node` process with Node's default flags: what a program using
 * bkp's loader, or the first load of any bkp command, pays. (The `bkp` launcher's flags are
 * measured with the spawned validate below.)
 */
async function coldLoadInFreshProcess(dir: string): Promise<number> {
  const loader = pathToFileURL(join(TARGET_ROOT, 'dist', 'app', 'configuration.js')).href;
  const script = [
    `const { loadConfig } = await import(${JSON.stringify(loader)});`,
    'const started = performance.now();',
    `const result = await loadConfig({ dir: ${JSON.stringify(dir)}, env: {} });`,
    'const elapsed = performance.now() - started;',
    "if (!result.config) throw new Error(result.diagnostics.map((d) => d.summary).join('; '));",
    'process.stdout.write(JSON.stringify({ ms: elapsed }));',
  ].join('\n');
  const run = await runChild(process.execPath, ['--input-type=module', '-e', script], { cwd: REPO_ROOT, resourceUsage: false });
  if (run.exitCode !== 0) throw new Error(`the cold load failed:\n${run.stderr}`);
  return (JSON.parse(run.stdout) as { ms: number }).ms;
}

async function spawnMany(times: number, args: string[], nodeArgs?: string[]): Promise<ChildRun[]> {
  const runs: ChildRun[] = [];
  for (let i = 0; i < times; i++) {
    const run = await runChild(process.execPath, nodeArgs ?? [BKP_BIN, ...args], { cwd: REPO_ROOT });
    if (run.exitCode !== 0) throw new Error(`bkp ${args.join(' ')} exited with ${run.exitCode}:\n${run.stderr || run.stdout}`);
    runs.push(run);
  }
  return runs;
}

function row(label: string, runs: ChildRun[]): string[] {
  const walls = runs.map((r) => r.wallMs);
  const cpu = runs.map((r) => r.cpuMs).filter((n): n is number => n !== undefined);
  const rss = runs.map((r) => r.peakRssBytes).filter((n): n is number => n !== undefined);
  return [label, String(runs.length), ms(median(walls)), ms(Math.min(...walls)), ms(Math.max(...walls)), cpu.length ? ms(median(cpu)) : 'n/a', rss.length ? mebibytes(Math.max(...rss)) : 'n/a'];
}
