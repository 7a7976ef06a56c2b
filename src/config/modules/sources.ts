// Where a `module` block's code lives: `source = "./modules/vaults"`, a directory relative to the
// calling module's own directory. Only local paths are supported (no registry, git or URL source):
// a module is part of the repository that calls it.
import { posix } from 'node:path';
import type { Block } from '../ast.js';
import { staticString } from '../evaluate-addresses.js';

/** The directory of the root module, as module directories are written (relative to it). */
export const ROOT_MODULE_DIR = '';

/** Why a source cannot be used, or the directory it names (relative to the configuration directory, `/`-separated). */
export type SourceResolution = { ok: true; dir: string } | { ok: false; summary: string; detail: string };

export function isLocalSource(source: string): boolean {
  return source.startsWith('./') || source.startsWith('../');
}

/** The module directory `source` names, for a call written in the module at `callerDir`. */
export function resolveSource(callerDir: string, source: string): SourceResolution {
  if (!isLocalSource(source)) {
    return {
      ok: false,
      summary: 'Unsupported module source',
      detail: `"${source}" is not a local path. bkp supports only local modules: a directory of *.bkp.hcl files written as a path that starts with ./ or ../, like source = "./modules/vaults". Copy the module into the repository and refer to its directory.`,
    };
  }
  const joined = posix.normalize(posix.join(callerDir === ROOT_MODULE_DIR ? '.' : callerDir, source.replace(/\\/g, '/'))).replace(/\/+$/, '');
  return { ok: true, dir: joined === '.' ? ROOT_MODULE_DIR : joined };
}

/** The `source` argument of a module block as written: a literal string, or undefined (reported by the caller). */
export function sourceText(block: Block): string | undefined {
  const attr = block.body.attributes.find((a) => a.name === 'source');
  return attr && staticString(attr.expr);
}

/** How messages name a module directory: `modules/vaults`, or `the root module`. */
export function describeDir(dir: string): string {
  return dir === ROOT_MODULE_DIR ? 'the root module' : dir;
}
