// `npm run soak -- --rounds=N`: issue 22's create-intent soak. Each round, in a fresh directory,
// applies a sandbox configuration of about --resources objects (vaults, plans, two selections per
// plan) and interrupts it: a SIGKILL after a random AWS call (BKP_TEST_KILL_AFTER_CALLS), or lost
// replies on 30 % of the calls (BKP_SANDBOX_FAULTS). Then `force-unlock` when a lock was left, an
// edit (retention days and a tag value, through variables; --no-edit keeps them), and applies until
// one succeeds. It then counts, in the sandbox account file: duplicate objects, objects the state
// does not track that no output reported as orphans, state or account files that do not parse,
// intents left in the state, and whether `plan -detailed-exitcode` exits 0.
import { spawn } from 'node:child_process';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BKP = new URL('../bin/bkp.js', import.meta.url).pathname;
const ROLE = 'arn:aws:iam::123456789012:role/service-role/AWSBackupDefaultServiceRole';
const STATE = 'bkp.state.json';
const ACCOUNT = '.bkp/sandbox.json';
/** A vault, a plan and two selections; the sandbox's region quota is 300 vaults and 300 plans. */
const PER_UNIT = 4;
const MAX_UNITS = 250;
const MAX_CONVERGING_APPLIES = 3;

/** --rounds=N --resources=N --minutes=N --seed=N --lost-share=0.5 --no-edit --keep */
export function parseRoundOptions(args) {
  const options = { rounds: 10, resources: 200, minutes: Infinity, seed: 1, lostShare: 0.5, edit: true, keep: false };
  for (const arg of args) {
    const [, name, value] = /^--([a-z-]+)(?:=(.*))?$/.exec(arg) ?? [];
    const number = Number(value);
    if (name === 'rounds' && Number.isInteger(number) && number > 0) options.rounds = number;
    else if (name === 'resources' && Number.isInteger(number) && number >= PER_UNIT && number <= PER_UNIT * MAX_UNITS) options.resources = number;
    else if (name === 'minutes' && number > 0) options.minutes = number;
    else if (name === 'seed' && Number.isInteger(number)) options.seed = number;
    else if (name === 'lost-share' && number >= 0 && number <= 1) options.lostShare = number;
    else if (name === 'edit' && value === undefined) options.edit = true;
    else if (name === 'no-edit' && value === undefined) options.edit = false;
    else if (name === 'keep' && value === undefined) options.keep = true;
    else {
      throw new Error(
        `soak: cannot use "${arg}". Rounds take --rounds=N (≥ 1), --resources=N (${PER_UNIT}..${PER_UNIT * MAX_UNITS}), ` +
          '--minutes=N (start no round after N minutes), --seed=N, --lost-share=0..1 (share of lost-reply rounds), --edit / --no-edit, --keep (keep failed rounds\' directories).',
      );
    }
  }
  return options;
}

/** mulberry32, as the sandbox's fault injector: one seed replays the same rounds. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function configText(units) {
  const keys = Array.from({ length: units }, (_, i) => `"u${String(i).padStart(3, '0')}"`).join(', ');
  return `provider "sandbox" {
  path = "${ACCOUNT}"
}

variable "days" {
  type    = number
  default = 30
}

variable "team" {
  type    = string
  default = "t0"
}

locals {
  units = toset([${keys}])
}

backup_vault "v" {
  for_each = local.units
  name     = "soak-vault-\${each.key}"
  tags     = { team = var.team }
}

backup_plan "p" {
  for_each = local.units
  name     = "soak-plan-\${each.key}"
  rule "daily" {
    target_vault = backup_vault.v[each.key].name
    schedule     = "cron(0 5 ? * * *)"
    lifecycle { delete_after_days = var.days }
  }
  tags = { team = var.team }
}

backup_selection "instances" {
  for_each     = local.units
  plan         = backup_plan.p[each.key]
  name         = "soak-instances-\${each.key}"
  iam_role_arn = "${ROLE}"
  resources    = ["arn:aws:ec2:*:*:instance/*"]
}

backup_selection "volumes" {
  for_each     = local.units
  plan         = backup_plan.p[each.key]
  name         = "soak-volumes-\${each.key}"
  iam_role_arn = "${ROLE}"
  resources    = ["arn:aws:ec2:*:*:volume/*"]
}
`;
}

/** Runs the built CLI; `killAfterMs` SIGKILLs it from outside at that time (any point, a state write too). */
function bkp(dir, args, env = {}, killAfterMs = 0) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BKP, ...args], {
      cwd: dir,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '', BKP_SANDBOX_FAULTS: '', BKP_TEST_KILL_AFTER_CALLS: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const timer = killAfterMs > 0 ? setTimeout(() => child.kill('SIGKILL'), killAfterMs) : undefined;
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, output });
    });
  });
}

/** The file parsed, `undefined` when absent, `torn` when it exists but is not JSON. */
async function readJson(path) {
  let text;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if (e.code === 'ENOENT') return undefined;
    throw e;
  }
  try {
    return JSON.parse(text);
  } catch {
    return 'torn';
  }
}

/** Removes a state lock left by a killed run, by the ID it holds (never blindly). */
async function unlockIfLocked(dir, round) {
  const lock = await readJson(join(dir, `.${STATE}.lock`));
  if (lock === undefined) return;
  if (lock === 'torn' || typeof lock.ID !== 'string') {
    round.problems.push('the state lock file is torn');
    return;
  }
  const unlocked = await bkp(dir, ['force-unlock', lock.ID]);
  round.forceUnlocks += 1;
  if (unlocked.code !== 0) round.problems.push(`force-unlock ${lock.ID} failed: ${unlocked.output.trim()}`);
}

/** Every string of the state's resources (ids, ARNs, names): what "tracked by state" means here. */
function trackedStrings(state) {
  const strings = new Set();
  const walk = (value) => {
    if (typeof value === 'string') strings.add(value);
    else if (value !== null && typeof value === 'object') for (const item of Object.values(value)) walk(item);
  };
  for (const resource of state?.resources ?? []) {
    strings.add(resource.id);
    walk(resource.attributes);
  }
  return strings;
}

/** Duplicates and untracked objects in the account, as the issue counts them. */
function inspectAccount(account, state, units, reported) {
  const duplicates = [];
  const untracked = [];
  const tracked = trackedStrings(state);
  const expectedVaults = new Set(Array.from({ length: units }, (_, i) => `soak-vault-u${String(i).padStart(3, '0')}`));
  const count = (items, key) => {
    const counts = new Map();
    for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
    return counts;
  };
  const note = (what, ids) => {
    if (!ids.some((id) => tracked.has(id)) && !ids.some((id) => reported.includes(id))) untracked.push(what);
  };
  for (const region of Object.values(account?.backup ?? {})) {
    for (const [name, vault] of Object.entries(region.vaults)) {
      if (!expectedVaults.has(name)) duplicates.push(`unexpected vault ${name}`);
      note(`vault ${name}`, [name, vault.arn ?? name].filter(Boolean));
    }
    const live = Object.values(region.plans).filter((p) => p.deletionDate === undefined);
    const planName = (p) => p.versions[p.versions.length - 1].document.BackupPlanName;
    for (const [name, n] of count(live, planName)) if (n > 1) duplicates.push(`${n} plans named ${name}`);
    for (const plan of live) {
      note(`plan ${planName(plan)} (${plan.id})`, [plan.id]);
      const selections = Object.values(plan.selections);
      for (const [name, n] of count(selections, (s) => s.selection.SelectionName)) {
        if (n > 1) duplicates.push(`${n} selections named ${name} in plan ${planName(plan)}`);
      }
      for (const selection of selections) note(`selection ${selection.selection.SelectionName} (${selection.id})`, [`${plan.id}/${selection.id}`, selection.id]);
    }
  }
  return { duplicates, untracked };
}

async function runRound(index, options, random) {
  const dir = await mkdtemp(join(tmpdir(), 'bkp-soak-round-'));
  const units = Math.floor(options.resources / PER_UNIT);
  const lost = random() < options.lostShare;
  const first = { days: 30 + Math.floor(random() * 60), team: `t${Math.floor(random() * 1000)}` };
  const second = options.edit ? { days: first.days + 1 + Math.floor(random() * 30), team: `${first.team}x` } : first;
  const vars = ({ days, team }) => [`-var=days=${days}`, `-var=team=${team}`];
  const round = { index, dir, kind: lost ? 'lost' : 'kill', killAfter: 0, killAfterMs: undefined, applies: 0, forceUnlocks: 0, converged: false, torn: 0, duplicates: [], untracked: [], intentsLeft: 0, problems: [], output: '' };
  try {
    await mkdir(join(dir, '.bkp'), { recursive: true });
    await writeFile(join(dir, 'main.bkp.hcl'), configText(units));

    // The interrupted apply: every create in it is an intent first.
    // Half the kills come after a random AWS call (the create reached the account, its reply did
    // not reach bkp), half from a timer anywhere in the run (in a state write too).
    const byTimer = !lost && random() < 0.5;
    if (!lost && !byTimer) round.killAfter = 1 + Math.floor(random() * options.callsPerApply);
    if (byTimer) round.killAfterMs = 1 + Math.floor(random() * options.msPerApply);
    const env = lost
      ? { BKP_SANDBOX_FAULTS: `lost_response=0.3,seed=${Math.floor(random() * 2 ** 31)}` }
      : byTimer
        ? {}
        : { BKP_TEST_KILL_AFTER_CALLS: String(round.killAfter) };
    const interrupted = await bkp(dir, ['apply', '-auto-approve', ...vars(first)], env, round.killAfterMs ?? 0);
    round.applies += 1;
    round.output += interrupted.output;
    round.outcome = interrupted.signal ?? `exit ${interrupted.code}`;
    await unlockIfLocked(dir, round);

    // The edit: in a lost-reply round its first apply loses replies too (intents of the first run
    // meet creates of the second); then applies without faults until one succeeds.
    let applied;
    for (let attempt = 0; attempt < MAX_CONVERGING_APPLIES + (lost ? 1 : 0); attempt++) {
      const faults = lost && attempt === 0 ? { BKP_SANDBOX_FAULTS: `lost_response=0.3,seed=${Math.floor(random() * 2 ** 31)}` } : {};
      applied = await bkp(dir, ['apply', '-auto-approve', ...vars(second)], faults);
      round.applies += 1;
      round.output += applied.output;
      if (applied.code === 0) break;
      await unlockIfLocked(dir, round);
    }
    if (applied.code !== 0) round.problems.push(`no apply succeeded in ${MAX_CONVERGING_APPLIES}: ${applied.output.trim().split('\n').slice(-3).join(' ')}`);

    const plan = await bkp(dir, ['plan', '-detailed-exitcode', ...vars(second)]);
    round.output += plan.output;
    round.converged = plan.code === 0;
    if (!round.converged) round.problems.push(`plan -detailed-exitcode exited ${plan.code}: ${plan.output.trim().split('\n').slice(-3).join(' ')}`);

    const files = await Promise.all([STATE, `${STATE}.backup`, ACCOUNT].map(async (name) => [name, await readJson(join(dir, name))]));
    for (const [name, value] of files) {
      if (value === 'torn') {
        round.torn += 1;
        round.problems.push(`${name} does not parse`);
      }
    }
    const state = files[0][1] === 'torn' ? undefined : files[0][1];
    const account = files[2][1] === 'torn' ? undefined : files[2][1];
    round.intentsLeft = state?.intents?.length ?? 0;
    if (round.intentsLeft > 0) round.problems.push(`${round.intentsLeft} intents left in the state`);
    // An orphan is reported when a warning names it ("Orphaned …" with its id or ARN).
    const reported = round.output.split('\n').filter((line) => /orphan/i.test(line)).join('\n');
    Object.assign(round, inspectAccount(account, state, units, reported));
    for (const d of round.duplicates) round.problems.push(`duplicate: ${d}`);
    for (const u of round.untracked) round.problems.push(`untracked and not reported: ${u}`);
    return round;
  } finally {
    if (round.problems.length === 0 || !options.keep) await rm(dir, { recursive: true, force: true });
  }
}

/** The AWS calls and time of an uninterrupted first apply: kill points are drawn up to them. */
async function measureOneApply(units) {
  const dir = await mkdtemp(join(tmpdir(), 'bkp-soak-calls-'));
  try {
    await mkdir(join(dir, '.bkp'), { recursive: true });
    await writeFile(join(dir, 'main.bkp.hcl'), configText(units));
    const log = join(dir, 'calls.log');
    const started = Date.now();
    const run = await bkp(dir, ['apply', '-auto-approve'], { BKP_TEST_CALL_LOG: log });
    if (run.code !== 0) throw new Error(`soak: the uninterrupted apply failed:\n${run.output}`);
    return { calls: (await readFile(log, 'utf8')).split('\n').filter((l) => l !== '').length, ms: Date.now() - started };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function runRounds(options) {
  const started = Date.now();
  const random = prng(options.seed);
  const units = Math.floor(options.resources / PER_UNIT);
  const measured = await measureOneApply(units);
  options.callsPerApply = measured.calls;
  options.msPerApply = measured.ms;
  const resources = units * PER_UNIT;
  process.stdout.write(
    `Create-intent soak: up to ${options.rounds} rounds of ${resources} resources (${units} vaults, ${units} plans, ${2 * units} selections), ` +
      `seed ${options.seed}, ${options.edit ? 'an edit after each interruption' : 'no edit'}; an uninterrupted apply makes ${options.callsPerApply} AWS calls in ${options.msPerApply} ms.\n`,
  );
  const rounds = [];
  for (let i = 1; i <= options.rounds; i++) {
    if ((Date.now() - started) / 60_000 >= options.minutes) break;
    const round = await runRound(i, options, random);
    rounds.push(round);
    const how =
      round.kind === 'lost' ? `lost replies (${round.outcome})` : round.killAfterMs !== undefined ? `SIGKILL at ${round.killAfterMs} ms (${round.outcome})` : `SIGKILL after call ${round.killAfter} (${round.outcome})`;
    process.stdout.write(`round ${i}: ${how}, ${round.applies} applies, ${round.forceUnlocks} force-unlock, ${round.problems.length === 0 ? 'ok' : `PROBLEMS${options.keep ? ` in ${round.dir}` : " (--keep keeps the directory)"}:\n  ${round.problems.join('\n  ')}`}\n`);
  }
  const sum = (f) => rounds.reduce((n, r) => n + f(r), 0);
  const totals = {
    rounds: rounds.length,
    resources,
    killRounds: sum((r) => (r.kind === 'kill' ? 1 : 0)),
    killsByCall: sum((r) => (r.kind === 'kill' && r.killAfterMs === undefined ? 1 : 0)),
    killsByTimer: sum((r) => (r.killAfterMs !== undefined ? 1 : 0)),
    killsLanded: sum((r) => (r.outcome === 'SIGKILL' ? 1 : 0)),
    lostReplyRounds: sum((r) => (r.kind === 'lost' ? 1 : 0)),
    applies: sum((r) => r.applies),
    forceUnlocks: sum((r) => r.forceUnlocks),
    duplicates: sum((r) => r.duplicates.length),
    unreportedOrphans: sum((r) => r.untracked.length),
    tornFiles: sum((r) => r.torn),
    intentsLeft: sum((r) => r.intentsLeft),
    notConverged: sum((r) => (r.converged ? 0 : 1)),
    seconds: Math.round((Date.now() - started) / 1000),
  };
  const keys = Object.keys(totals);
  process.stdout.write(`\n| ${keys.join(' | ')} |\n| ${keys.map(() => '---:').join(' | ')} |\n| ${keys.map((k) => totals[k]).join(' | ')} |\n`);
  const failed = rounds.filter((r) => r.problems.length > 0).length;
  process.stdout.write(failed === 0 ? '\nNo duplicate, unreported orphan, torn file or non-convergence.\n' : `\n${failed} round(s) found problems: see above.\n`);
  return failed === 0;
}
