// The account for the plan-at-scale benchmark: a generated configuration applied by `bkp apply`
// to a sandbox account (no injected latency). Creating 2,000 resources this way takes minutes, so
// the result (state file + sandbox account) is kept under bench/out/cache/, keyed by the
// configuration's text and the content of dist/: a later run of the same build reuses it and
// reports the apply time measured when it was made. --fresh-setup always applies again.
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { runChild, tail } from './child.js';
import { BKP_BIN, REPO_ROOT, TARGET_ROOT } from './dist.js';
import { generateConfig, writeConfig, type GeneratedConfig } from './generate-config.js';

export interface ScaleSetup {
  /** A fresh temporary copy: configuration, bkp.state.json and .bkp/sandbox.json. */
  dir: string;
  generated: GeneratedConfig;
  /** `bkp apply` of the whole configuration. */
  applyWallMs: number;
  applyCpuMs?: number;
  applyPeakRssBytes?: number;
  /** When that apply ran (ISO). */
  appliedAt: string;
  /** True when the account came from the cache of an earlier run of the same build. */
  reused: boolean;
}

interface SetupRecord {
  applyWallMs: number;
  applyCpuMs?: number;
  applyPeakRssBytes?: number;
  appliedAt: string;
}

const ACCOUNT_FILES = ['bkp.state.json', join('.bkp', 'sandbox.json')];
const CACHE_ROOT = join(REPO_ROOT, 'bench', 'out', 'cache');

/** Every file of dist/, so any rebuild with a change gives a new key. */
function hashTree(hash: ReturnType<typeof createHash>, root: string, dir: string = root): void {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) hashTree(hash, root, path);
    else if (entry.name.endsWith('.js')) hash.update(relative(root, path)).update(readFileSync(path));
  }
}

function cacheKey(generated: GeneratedConfig): string {
  const hash = createHash('sha256');
  for (const [name, text] of generated.files) hash.update(name).update(text);
  hashTree(hash, join(TARGET_ROOT, 'dist'));
  return hash.digest('hex').slice(0, 16);
}

function copyAccount(from: string, to: string): void {
  for (const file of ACCOUNT_FILES) {
    mkdirSync(join(to, file, '..'), { recursive: true });
    cpSync(join(from, file), join(to, file));
  }
}

/** Applies (or reuses) the generated configuration of `units` units; the caller removes `dir`. */
export async function prepareScaleAccount(units: number, fresh: boolean, log: (message: string) => void): Promise<ScaleSetup> {
  const generated = generateConfig({ units });
  const dir = mkdtempSync(join(tmpdir(), 'bkp-bench-scale-'));
  writeConfig(dir, generated);
  const cached = join(CACHE_ROOT, `scale-${units}-${cacheKey(generated)}`);
  const recordFile = join(cached, 'setup.json');
  if (!fresh && existsSync(recordFile) && ACCOUNT_FILES.every((f) => existsSync(join(cached, f)))) {
    copyAccount(cached, dir);
    const record = JSON.parse(readFileSync(recordFile, 'utf8')) as SetupRecord;
    log(`scale: reusing the account applied at ${record.appliedAt} by this same build (--fresh-setup to apply again)`);
    return { dir, generated, ...record, reused: true };
  }

  log(`scale: bkp apply of ${generated.instances.total} resources (setup, not a goal; takes minutes)`);
  const env = { ...process.env };
  delete env.BKP_SANDBOX_FAULTS;
  const apply = await runChild(process.execPath, [BKP_BIN, 'apply', '-auto-approve', '-no-color'], { cwd: dir, env });
  if (apply.exitCode !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`bkp apply of the generated configuration failed (exit ${apply.exitCode}):\n${tail(apply.stderr || apply.stdout)}`);
  }
  const record: SetupRecord = {
    applyWallMs: apply.wallMs,
    applyCpuMs: apply.cpuMs,
    applyPeakRssBytes: apply.peakRssBytes,
    appliedAt: new Date().toISOString(),
  };
  // One cached account per size: older builds' copies are of no further use.
  discardCachedAccount(units);
  copyAccount(dir, cached);
  writeFileSync(recordFile, `${JSON.stringify(record, null, 2)}\n`);
  return { dir, generated, ...record, reused: false };
}

/** Forget the cached account of this size (e.g. when a plan on it was not clean). */
export function discardCachedAccount(units: number): void {
  if (!existsSync(CACHE_ROOT)) return;
  for (const old of readdirSync(CACHE_ROOT)) if (old.startsWith(`scale-${units}-`)) rmSync(join(CACHE_ROOT, old), { recursive: true, force: true });
}
