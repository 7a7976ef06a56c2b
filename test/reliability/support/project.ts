// A configuration that exercises every resource kind and every multi-call create path, plus the
// checks the reliability suites make after each run: the state file is valid, the account has no
// duplicate, and every object the configuration manages is in state.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseStateText } from '../../../src/state/validate.js';
import type { StateDocument } from '../../../src/state/model.js';
import type { AccountState, BackupRegionState } from '../../../src/sandbox/state.js';
import { readAccountFromDisk } from '../../../src/sandbox/account.js';

export const ROLE = 'arn:aws:iam::123456789012:role/service-role/AWSBackupDefaultServiceRole';
export const VAULT_KEYS = ['a', 'b', 'c'] as const;
const INSTANCES = ['i-0a1b2c3d4e5f60001', 'i-0a1b2c3d4e5f60002'] as const;

/** The names the configuration manages, for the duplicate and "missing from state" checks. */
export interface Expected {
  vaults: string[];
  plans: string[];
  selections: string[];
  /** resource ARN → vault of each on-demand backup (one job each). */
  jobs: Array<{ resourceArn: string; vault: string }>;
}

export const EXPECTED: Expected = {
  vaults: [...VAULT_KEYS.map((k) => `vault-${k}`), 'locked'],
  plans: VAULT_KEYS.map((k) => `plan-${k}`),
  selections: VAULT_KEYS.map((k) => `sel-${k}`),
  jobs: INSTANCES.map((id, i) => ({ resourceArn: instanceArn(id), vault: `vault-${VAULT_KEYS[i]}` })),
};

function instanceArn(id: string): string {
  return `arn:aws:ec2:us-east-1:123456789012:instance/${id}`;
}

/**
 * `variant` changes tags and a rule's retention, so a later apply updates in place: the suites
 * run the update paths under faults too.
 */
export function configText(): string {
  return `
provider "sandbox" {
  path = ".bkp/sandbox.json"
${INSTANCES.map((id, i) => `  source "ec2-instance" "i${i}" {\n    id    = "${id}"\n    state = "running"\n  }`).join('\n')}
}

variable "variant" {
  type    = string
  default = "one"
}

backup_vault "v" {
  for_each = toset([${VAULT_KEYS.map((k) => `"${k}"`).join(', ')}])
  name     = "vault-\${each.key}"
  tags     = { team = "infra", variant = var.variant }
}

backup_vault "locked" {
  name          = "locked"
  access_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Deny", Principal = "*", Action = "backup:DeleteRecoveryPoint", Resource = "*" }] })
  notifications {
    sns_topic_arn = "arn:aws:sns:us-east-1:123456789012:backup-events"
    events        = ["BACKUP_JOB_FAILED"]
  }
  lock {
    min_retention_days = 7
    max_retention_days = 3650
  }
  lifecycle { prevent_destroy = true }
}

backup_plan "p" {
  for_each = toset([${VAULT_KEYS.map((k) => `"${k}"`).join(', ')}])
  name     = "plan-\${each.key}"
  rule "daily" {
    target_vault = backup_vault.v[each.key].name
    schedule     = "cron(0 5 ? * * *)"
    lifecycle { delete_after_days = var.variant == "one" ? 35 : 42 }
  }
  tags = { variant = var.variant }
}

backup_selection "s" {
  for_each     = toset([${VAULT_KEYS.map((k) => `"${k}"`).join(', ')}])
  plan         = backup_plan.p[each.key]
  name         = "sel-\${each.key}"
  iam_role_arn = "${ROLE}"
  resources    = ["arn:aws:ec2:*:*:instance/*"]
}

${INSTANCES.map(
  (id, i) => `on_demand_backup "j${i}" {
  resource_arn = "${instanceArn(id)}"
  vault        = backup_vault.v["${VAULT_KEYS[i]}"].name
  iam_role_arn = "${ROLE}"
  trigger      = "first"
}`,
).join('\n\n')}
`;
}

export async function writeProject(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'main.bkp.hcl'), configText());
}

/** The sandbox account as another process would read it: the account file and its journal. */
export async function readAccountFile(dir: string): Promise<AccountState | undefined> {
  return readAccountFromDisk(join(dir, '.bkp/sandbox.json'));
}

function regions(account: AccountState | undefined): BackupRegionState[] {
  return account ? Object.values(account.backup) : [];
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

/**
 * Objects that exist more than once in the account where the configuration wants one: plans and
 * selections by name (AWS allows duplicates of both), on-demand jobs by source and vault, and
 * vaults bkp should not have created. Each entry says what is duplicated.
 */
export function findDuplicates(account: AccountState | undefined, expected: Expected = EXPECTED): string[] {
  const problems: string[] = [];
  for (const region of regions(account)) {
    for (const name of Object.keys(region.vaults)) {
      if (!expected.vaults.includes(name)) problems.push(`unexpected vault ${name}`);
    }
    const live = Object.values(region.plans).filter((p) => p.deletionDate === undefined);
    for (const [name, n] of countBy(live, (p) => p.versions[p.versions.length - 1]!.document.BackupPlanName)) {
      if (n > 1) problems.push(`${n} plans named ${name}`);
    }
    for (const plan of live) {
      for (const [name, n] of countBy(Object.values(plan.selections), (s) => s.selection.SelectionName)) {
        if (n > 1) problems.push(`${n} selections named ${name} in plan ${plan.id}`);
      }
    }
    const onDemand = Object.values(region.jobs).filter((j) => j.idempotencyToken !== undefined);
    for (const [key, n] of countBy(onDemand, (j) => `${j.resourceArn} → ${j.vaultName}`)) {
      if (n > 1) problems.push(`${n} on-demand jobs for ${key}`);
    }
  }
  return problems;
}

/** Managed objects present in the account but absent from state (an apply that lost track of them). */
export function missingFromState(account: AccountState | undefined, state: StateDocument, expected: Expected = EXPECTED): string[] {
  const ids = new Set(state.resources.map((r) => r.id));
  const problems: string[] = [];
  for (const region of regions(account)) {
    for (const name of Object.keys(region.vaults)) if (!ids.has(name)) problems.push(`vault ${name}`);
    for (const plan of Object.values(region.plans)) {
      if (plan.deletionDate !== undefined) continue;
      const name = plan.versions[plan.versions.length - 1]!.document.BackupPlanName;
      if (expected.plans.includes(name) && !ids.has(plan.id)) problems.push(`plan ${name} (${plan.id})`);
      for (const s of Object.values(plan.selections)) {
        if (!ids.has(`${plan.id}/${s.id}`)) problems.push(`selection ${s.selection.SelectionName} (${plan.id}/${s.id})`);
      }
    }
    for (const job of Object.values(region.jobs)) {
      if (job.idempotencyToken !== undefined && !ids.has(job.id)) problems.push(`job ${job.id} of ${job.resourceArn}`);
    }
  }
  return problems;
}

export type StateFileCheck = { ok: true; state: StateDocument; from: 'state' | 'backup' | 'none' } | { ok: false; problem: string };

/** The state file parses and validates, or (after a crash) its .backup does; no file at all is fine before the first write. */
export async function checkStateFile(dir: string): Promise<StateFileCheck> {
  const statePath = join(dir, 'bkp.state.json');
  const read = async (path: string) => readFile(path, 'utf8').catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? undefined : Promise.reject(e)));
  const text = await read(statePath);
  if (text === undefined) return { ok: true, state: { resources: [], jobs: [] } as unknown as StateDocument, from: 'none' };
  try {
    return { ok: true, state: parseStateText(text, statePath), from: 'state' };
  } catch (e) {
    const backup = await read(`${statePath}.backup`);
    if (backup === undefined) return { ok: false, problem: `state invalid and no backup: ${(e as Error).message}` };
    try {
      return { ok: true, state: parseStateText(backup, `${statePath}.backup`), from: 'backup' };
    } catch (e2) {
      return { ok: false, problem: `state and backup both invalid: ${(e as Error).message} / ${(e2 as Error).message}` };
    }
  }
}

/** The state file after a run that must have converged: valid, and the file itself (not its backup). */
export async function readValidState(dir: string): Promise<StateDocument> {
  const check = await checkStateFile(dir);
  if (!check.ok) throw new Error(`the state file is not valid: ${check.problem}`);
  if (check.from !== 'state') throw new Error(`expected a valid state file, found ${check.from === 'none' ? 'none' : 'only a valid backup'}`);
  return check.state;
}

/** Stack traces and the internal-error banner must never reach a user. */
export function looksLikeACrash(text: string): boolean {
  return /This is a bug in bkp|\n\s+at .+:\d+:\d+\)?/.test(text);
}
