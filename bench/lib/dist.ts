// The benchmarks measure the built CLI (dist/, what users run), never the TypeScript sources: under
// a TypeScript loader every dynamic import() costs ten times more, which would distort the
// sandbox's figures. Modules are typed by the sources they were compiled from; only the types
// come from src/ (`typeof import(…)` is erased at compile time).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The repository root: the nearest folder up with bkp's package.json (bench files also run compiled under bench/out/). */
function findRepoRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'bkp') return dir;
    if (dirname(dir) === dir) throw new Error(`bench: cannot find bkp's package.json above ${start}`);
  }
}

export const REPO_ROOT = findRepoRoot(dirname(fileURLToPath(import.meta.url)));

/**
 * What is measured: `npm run bench` sets BKP_BENCH_TARGET to a copy of bin/, dist/, schemas/ and
 * package.json taken when the run started, so a rebuild of dist/ during a long run cannot mix two
 * builds in one set of results. Run directly, a benchmark measures the repository's dist/.
 */
export const TARGET_ROOT = process.env.BKP_BENCH_TARGET ?? REPO_ROOT;
export const BKP_BIN = join(TARGET_ROOT, 'bin', 'bkp.js');

/** A module of dist/, e.g. `fromDist<typeof import('../../src/config/load.js')>('config/load.js')`. */
export function fromDist<Module>(modulePath: string): Promise<Module> {
  return import(pathToFileURL(join(TARGET_ROOT, 'dist', modulePath)).href) as Promise<Module>;
}
