// The accounts of the scale matrix: a generated configuration applied by `bkp apply` to an empty
// sandbox account, with the cell's injected latency and the API call counter preloaded. That first
// apply is a measured scenario, and it takes minutes at 5,000 resources, so its result (state file
// + sandbox account) and figures are kept under bench/out/cache/, keyed by the size, the latency,
// the parallelism, the configuration's text and the content of dist/: a later run of the same build
// reuses them and reports when they were measured. --fresh-setup always applies again.
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { tail } from './child.js';
import { countedBkp, type CountedRun } from './counted-run.js';
import { REPO_ROOT, TARGET_ROOT } from './dist.js';
import { generateConfig, writeConfig, type GeneratedConfig } from './generate-config.js';
import { median } from './stats.js';

export interface ScaleCell {
  units: number;
  latencyMs: number;
  parallelism: number;
  /** First applies measured, each on an empty account: the figures are their medians (peak RSS: the largest). */
  applyRuns: number;
}

/** The first apply's figures, as measured (now or by an earlier run of the same build). */
export interface ApplyRecord {
  /** The applies measured; wallMs and cpuMs are their medians, peakRssBytes the largest. */
  runs: number;
  /** Each apply's wall time, in the order they ran. */
  wallsMs: number[];
  wallMs: number;
  cpuMs?: number;
  peakRssBytes?: number;
  calls: Record<string, number>;
  totalCalls: number;
  /** HTTP requests the SDK sent, one per attempt (retries included). */
  requests: number;
  /** When that apply ran (ISO). */
  appliedAt: string;
}

export interface ScaleSetup {
  /** A fresh temporary copy: configuration, bkp.state.json and .bkp/sandbox.json. */
  dir: string;
  generated: GeneratedConfig;
  apply: ApplyRecord;
  /** True when the account came from the cache of an earlier run of the same build. */
  reused: boolean;
}

const ACCOUNT_FILES = ['bkp.state.json', join('.bkp', 'sandbox.json')];
const CACHE_ROOT = join(REPO_ROOT, 'bench', 'out', 'cache');
/** 3: requests counted per attempt at the SDK (records of version 2 hold 0 requests). */
const RECORD_VERSION = 3;

/** Every file of dist/, so any rebuild with a change gives a new key. */
function hashTree(hash: ReturnType<typeof createHash>, root: string, dir: string = root): void {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) hashTree(hash, root, path);
    else if (entry.name.endsWith('.js')) hash.update(relative(root, path)).update(readFileSync(path));
  }
}

let distHash: string | undefined;
function distDigest(): string {
  if (distHash === undefined) {
    const hash = createHash('sha256');
    hashTree(hash, join(TARGET_ROOT, 'dist'));
    distHash = hash.digest('hex');
  }
  return distHash;
}

function cellPrefix(cell: ScaleCell): string {
  return `scale-${cell.units}u-${cell.latencyMs}ms-p${cell.parallelism}-`;
}

function cacheDir(cell: ScaleCell, generated: GeneratedConfig): string {
  const hash = createHash('sha256').update(String(RECORD_VERSION)).update(String(cell.applyRuns)).update(distDigest());
  for (const [name, text] of generated.files) hash.update(name).update(text);
  return join(CACHE_ROOT, `${cellPrefix(cell)}${hash.digest('hex').slice(0, 16)}`);
}

function copyAccount(from: string, to: string): void {
  for (const file of ACCOUNT_FILES) {
    mkdirSync(join(to, file, '..'), { recursive: true });
    cpSync(join(from, file), join(to, file));
  }
}

/** Applies (or reuses) the generated configuration of `cell.units` units; the caller removes `dir`. */
export async function prepareScaleAccount(cell: ScaleCell, fresh: boolean, log: (message: string) => void): Promise<ScaleSetup> {
  const generated = generateConfig({ units: cell.units, accountObjects: true });
  const dir = mkdtempSync(join(tmpdir(), 'bkp-bench-scale-'));
  writeConfig(dir, generated);
  const cached = cacheDir(cell, generated);
  const recordFile = join(cached, 'setup.json');
  const label = `${generated.instances.total.toLocaleString("en-US")} resources, ${cell.latencyMs} ms`;
  if (!fresh && existsSync(recordFile) && ACCOUNT_FILES.every((f) => existsSync(join(cached, f)))) {
    copyAccount(cached, dir);
    const apply = JSON.parse(readFileSync(recordFile, 'utf8')) as ApplyRecord;
    log(`scale: ${label}: reusing the account applied at ${apply.appliedAt} by this same build (--fresh-setup to apply again)`);
    return { dir, generated, apply, reused: true };
  }

  const runs: CountedRun[] = [];
  for (let i = 0; i < cell.applyRuns; i++) {
    if (i > 0) {
      // Each apply starts from an empty account; the last one's account is the one kept.
      for (const file of ACCOUNT_FILES) rmSync(join(dir, file), { force: true });
    }
    log(`scale: ${label}: first apply ${i + 1}/${cell.applyRuns} (bkp apply -auto-approve on an empty account)`);
    const run = await countedBkp(['apply', '-auto-approve', '-no-color', `-parallelism=${cell.parallelism}`], { cwd: dir, latencyMs: cell.latencyMs });
    if (run.exitCode !== 0) {
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`bkp apply of the generated configuration failed (exit ${run.exitCode}):\n${tail(run.stderr || run.stdout)}`);
    }
    runs.push(run);
  }
  const last = runs.at(-1)!;
  const cpu = runs.flatMap((r) => (r.cpuMs === undefined ? [] : [r.cpuMs]));
  const rss = runs.flatMap((r) => (r.peakRssBytes === undefined ? [] : [r.peakRssBytes]));
  const apply: ApplyRecord = {
    runs: runs.length,
    wallsMs: runs.map((r) => r.wallMs),
    wallMs: median(runs.map((r) => r.wallMs)),
    ...(cpu.length > 0 ? { cpuMs: median(cpu) } : {}),
    ...(rss.length > 0 ? { peakRssBytes: Math.max(...rss) } : {}),
    calls: last.calls,
    totalCalls: last.totalCalls,
    requests: last.requests,
    appliedAt: new Date().toISOString(),
  };
  // One cached account per cell: older builds' copies are of no further use.
  discardCachedAccount(cell);
  copyAccount(dir, cached);
  writeFileSync(recordFile, `${JSON.stringify(apply, null, 2)}\n`);
  return { dir, generated, apply, reused: false };
}

/** Forget the cached account of this cell (e.g. when a plan on it was not clean). */
export function discardCachedAccount(cell: ScaleCell): void {
  if (!existsSync(CACHE_ROOT)) return;
  for (const old of readdirSync(CACHE_ROOT)) if (old.startsWith(cellPrefix(cell))) rmSync(join(CACHE_ROOT, old), { recursive: true, force: true });
}

/** Cached accounts in the old layout (one per size, before the matrix) are removed once. */
export function discardLegacyCache(): void {
  if (!existsSync(CACHE_ROOT)) return;
  for (const old of readdirSync(CACHE_ROOT)) if (/^scale-\d+-[0-9a-f]+$/.test(old)) rmSync(join(CACHE_ROOT, old), { recursive: true, force: true });
}
