// What every use case receives besides its own options: its host and the configuration directory.
import { isAbsolute, relative, resolve } from 'node:path';
import type { IoHost } from './io-host.js';

export interface CommandContext {
  host: IoHost;
  /** Absolute configuration directory (-chdir, else the current directory). */
  dir: string;
}

/**
 * A path the user gave (`-out=FILE`, a plan file), relative to the configuration directory as
 * Terraform reads it after -chdir, written as the user would: relative to where bkp was started
 * (`env/saved.plan` for `-chdir=env … saved.plan`; unchanged without -chdir).
 */
export function pathInDir(ctx: CommandContext, path: string): string {
  if (isAbsolute(path)) return path;
  return relative(process.cwd(), resolve(ctx.dir, path)) || '.';
}

/** -var-file paths, relative to the configuration directory as Terraform reads them after -chdir. */
export function varFilePaths(ctx: CommandContext, flags: { 'var-file'?: string[] }): string[] | undefined {
  return flags['var-file']?.map((file) => resolve(ctx.dir, file));
}

/**
 * What loading the configuration needs from the command line and the environment: the directory,
 * -var, -var-file and the BKP_VAR_* variables of bkp's environment.
 */
export function configInputs(
  ctx: CommandContext,
  flags: { var?: string[]; 'var-file'?: string[] },
): { dir: string; vars: string[] | undefined; varFiles: string[] | undefined; env: NodeJS.ProcessEnv } {
  return { dir: ctx.dir, vars: flags.var, varFiles: varFilePaths(ctx, flags), env: process.env };
}
