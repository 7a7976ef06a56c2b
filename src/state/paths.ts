// Where the local backend keeps its files. All of them sit next to the state file, so a rename
// from a temp file (core/atomic-write.ts) is atomic (same directory, same file system).
import { basename, dirname, join, resolve } from 'node:path';
import { pathBelow } from '../core/display-path.js';

export const DEFAULT_STATE_FILE = 'bkp.state.json';

/** The state file: the backend's `path` (relative to the configuration directory) or the default. */
export function resolveStatePath(configDir: string, configuredPath?: string): string {
  return resolve(configDir, configuredPath ?? DEFAULT_STATE_FILE);
}

/** `bkp.state.json.backup`: the state as it was before this run's first write. */
export function backupPathFor(statePath: string): string {
  return `${statePath}.backup`;
}

/** `.bkp.state.json.lock`: hidden, so a glob over the state files does not pick it up. */
export function lockPathFor(statePath: string): string {
  return join(dirname(statePath), `.${basename(statePath)}.lock`);
}

/** A path as the user should read it: relative to the working directory when it is below it. */
export function displayPath(path: string): string {
  return pathBelow(path, process.cwd());
}

/** `bkp.state.json.plankey`: the secret saved plans of this state are signed with (plan-key.ts). */
export function planKeyPathFor(statePath: string): string {
  return `${statePath}.plankey`;
}
