// Two builds of bkp side by side on the first apply of the generated configuration: each size, each
// build in turn (the order alternating from round to round), on an empty sandbox account, so that
// a slow spell of a shared machine falls on both. Prints the medians, the larger peak RSS and the
// growth exponent between the sizes. A build is a folder with bin/, dist/ and schemas/ that
// resolves node_modules, e.g. `git archive REV | tar -x -C DIR`, a node_modules link, `npm run build`.
//
//   npx tsx bench/compare-first-apply.ts --before=DIR --after=DIR [--sizes=2000,5000] [--rounds=3] [--latency=0]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runChild, tail, type ChildRun } from './lib/child.js';
import { generateConfig, writeConfig } from './lib/generate-config.js';
import { benchOptions, table } from './lib/report.js';
import { growthExponent, PARALLELISM, unitsForSize } from './lib/scale-matrix.js';
import { count, mebibytes, median, seconds } from './lib/stats.js';

const { extra } = benchOptions();
const builds = ['before', 'after'].map((name) => {
  const root = extra.get(name);
  if (root === undefined) throw new Error(`compare-first-apply: --${name}=DIR is required (a build with bin/ and dist/)`);
  return { name, bin: join(resolve(root), 'bin', 'bkp.js') };
});
const sizes = (extra.get('sizes') ?? '2000,5000').split(',').map(Number);
const rounds = Number(extra.get('rounds') ?? 3);
const latencyMs = Number(extra.get('latency') ?? 0);

async function firstApply(bin: string, size: number): Promise<ChildRun> {
  const dir = mkdtempSync(join(tmpdir(), 'bkp-compare-apply-'));
  try {
    writeConfig(dir, generateConfig({ units: unitsForSize(size) }));
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
    delete env.BKP_SANDBOX_FAULTS;
    if (latencyMs > 0) env.BKP_SANDBOX_FAULTS = `latency_ms=${latencyMs}`;
    const run = await runChild(process.execPath, [bin, 'apply', '-auto-approve', '-no-color', `-parallelism=${PARALLELISM}`], { cwd: dir, env });
    if (run.exitCode !== 0) throw new Error(`${bin} apply exited ${run.exitCode}:\n${tail(run.stderr || run.stdout)}`);
    return { ...run, stdout: '', stderr: '' };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const runs = new Map<string, ChildRun[]>();
const key = (build: string, size: number) => `${build} ${size}`;
for (let round = 0; round < rounds; round++) {
  for (const size of sizes) {
    for (const build of round % 2 === 0 ? builds : [...builds].reverse()) {
      const run = await firstApply(build.bin, size);
      process.stderr.write(`round ${round + 1}: ${build.name}, ${count(size)} resources: ${seconds(run.wallMs)}\n`);
      runs.set(key(build.name, size), [...(runs.get(key(build.name, size)) ?? []), run]);
    }
  }
}

const cpu = (list: ChildRun[]) => median(list.flatMap((r) => (r.cpuMs === undefined ? [] : [r.cpuMs])));
const wall = (list: ChildRun[]) => median(list.map((r) => r.wallMs));
const rss = (list: ChildRun[]) => Math.max(...list.flatMap((r) => (r.peakRssBytes === undefined ? [] : [r.peakRssBytes])));
const rows = builds.flatMap(({ name }) =>
  sizes.map((size) => {
    const list = runs.get(key(name, size))!;
    return [name, count(size), seconds(wall(list)), seconds(cpu(list)), mebibytes(rss(list))];
  }),
);
const exponents = builds.map(({ name }) => {
  const [small, large] = [sizes[0]!, sizes.at(-1)!];
  const k = (pick: (list: ChildRun[]) => number) =>
    growthExponent({ size: small, cost: pick(runs.get(key(name, small))!) }, { size: large, cost: pick(runs.get(key(name, large))!) }).toFixed(2);
  return [name, `${count(small)} → ${count(large)}`, k(wall), k(cpu)];
});
process.stdout.write(
  `First apply at ${latencyMs} ms per call, parallelism ${PARALLELISM}, ${rounds} runs per build and size, taking turns (medians; peak RSS: the largest)\n\n` +
    `${table(['build', 'resources', 'wall', 'CPU (user+sys)', 'peak RSS'], rows, ['l', 'r', 'r', 'r', 'r'])}\n\n` +
    `${table(['build', 'sizes', 'wall exponent', 'CPU exponent'], exponents, ['l', 'l', 'r', 'r'])}\n`,
);
