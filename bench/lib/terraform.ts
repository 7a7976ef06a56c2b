// Terraform beside bkp (issue 16): the generated configuration written as Terraform built-ins
// (terraform_data resources, config-dialects.ts) in a folder of its own, initialised once, so
// `terraform validate` can be timed exactly as `bkp validate` is. Offline: the built-in provider
// needs no download, and an empty CLI configuration keeps the user's ~/.terraformrc out of it.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tail } from './child.js';
import { terraformDialect } from './config-dialects.js';
import { generateConfig, writeConfig } from './generate-config.js';

/** Terraform's version line ("Terraform v1.11.4"), or undefined when `terraform` is not on PATH. */
export function terraformVersion(): string | undefined {
  const result = spawnSync('terraform', ['version'], { encoding: 'utf8', env: { ...process.env, CHECKPOINT_DISABLE: '1' } });
  if (result.error !== undefined || result.status !== 0) return undefined;
  return result.stdout.split('\n')[0]?.trim();
}

/** The environment every `terraform` command of the benchmark runs with. */
export function terraformEnv(dir: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    TF_CLI_CONFIG_FILE: join(dir, '.terraformrc'),
    TF_IN_AUTOMATION: '1',
    // No call home for a version check while being timed.
    CHECKPOINT_DISABLE: '1',
  };
}

/** Writes the Terraform twin of the generated configuration of `units` units into `dir` and runs `terraform init -backend=false`. */
export function prepareTerraformTwin(dir: string, units: number): void {
  writeConfig(dir, generateConfig({ units, dialect: terraformDialect }));
  writeFileSync(join(dir, '.terraformrc'), '');
  const init = spawnSync('terraform', ['init', '-backend=false', '-input=false', '-no-color'], { cwd: dir, env: terraformEnv(dir), encoding: 'utf8' });
  if (init.status !== 0) throw new Error(`terraform init failed (exit ${init.status}):\n${tail(init.stderr || init.stdout)}`);
}
