// Benchmark 4 (issue 21): merging and validating an organization's backup policies. A three-level
// tree (a root policy, one policy per OU, one per account) for 100 accounts in 10 OUs: every
// account's effective policy merged with Organizations' inheritance rules, checked as a document,
// and read as the AWS Backup plans it creates, with the built modules (dist/).
//
//   npm run bench -- --only=org [--quick]      (or: npx tsx bench/org-policy.ts [--quick])
import { performance } from 'node:perf_hooks';
import { fromDist } from './lib/dist.js';
import { benchOptions, goal, progress, startReport, table } from './lib/report.js';
import { median, ms } from './lib/stats.js';

const { effectivePolicy } = await fromDist<typeof import('../src/domain/org-policy/inheritance.js')>('domain/org-policy/inheritance.js');
const { checkBackupPolicyDocument, checkEffectiveBackupPolicy } = await fromDist<typeof import('../src/domain/org-policy/backup-policy-checks.js')>(
  'domain/org-policy/backup-policy-checks.js',
);
const { effectiveBackupPlans } = await fromDist<typeof import('../src/domain/org-policy/effective-backup-plans.js')>('domain/org-policy/effective-backup-plans.js');

type Policy = import('../src/domain/org-policy/inheritance.js').PolicyObject;

const options = benchOptions();
const ACCOUNTS = 100;
const UNITS = 10;
const RUNS = options.quick ? 3 : 11;
const GOAL_MS = 1_000;

const assign = (v: string | string[]) => ({ '@@assign': v });

function rootPolicy(): Policy {
  const plans: Policy = {};
  for (const name of ['daily', 'weekly', 'monthly']) {
    plans[name] = {
      regions: assign(['eu-west-1', 'eu-central-1']),
      rules: {
        [name]: {
          schedule_expression: assign('cron(0 3 ? * * *)'),
          start_backup_window_minutes: assign('60'),
          complete_backup_window_minutes: assign('600'),
          target_backup_vault_name: assign('Default'),
          lifecycle: { move_to_cold_storage_after_days: assign('30'), delete_after_days: assign('365') },
          copy_actions: {
            'arn:aws:backup:eu-central-1:$account:backup-vault:dr': {
              target_backup_vault_arn: assign('arn:aws:backup:eu-central-1:$account:backup-vault:dr'),
              lifecycle: { delete_after_days: assign('120') },
            },
          },
          recovery_point_tags: { owner: { tag_key: assign('owner'), tag_value: assign('platform') } },
        },
      },
      selections: {
        tags: { tagged: { iam_role_arn: assign('arn:aws:iam::$account:role/Backup'), tag_key: assign('backup'), tag_value: assign([name]) } },
      },
      backup_plan_tags: { managed: { tag_key: assign('managed-by'), tag_value: assign('bkp') } },
    };
  }
  return { plans };
}

const unitPolicy = (u: number): Policy => ({
  plans: {
    daily: { regions: { '@@append': [u % 2 === 0 ? 'us-east-1' : 'us-west-2'] }, rules: { daily: { lifecycle: { delete_after_days: assign(String(400 + u)) } } } },
    weekly: { '@@operators_allowed_for_child_policies': ['@@append'] } as Policy,
  },
});

const accountPolicy = (a: number): Policy => ({
  plans: {
    daily: { selections: { tags: { tagged: { tag_value: { '@@append': [`team-${a}`] } } } } },
    weekly: { regions: assign(['ap-south-1']) },
  },
});

function run(): { plans: number; problems: number; notes: number } {
  const root = { id: 'p-root0000', name: 'root', content: rootPolicy() };
  const units = Array.from({ length: UNITS }, (_, u) => ({ id: `p-unit${String(u).padStart(4, '0')}`, name: `unit-${u}`, content: unitPolicy(u) }));
  const accounts = Array.from({ length: ACCOUNTS }, (_, a) => ({ id: `p-acct${String(a).padStart(4, '0')}`, name: `account-${a}`, content: accountPolicy(a) }));
  let problems = 0;
  for (const p of [root, ...units, ...accounts]) problems += checkBackupPolicyDocument(p.content).length;
  let plans = 0;
  let notes = 0;
  for (let a = 0; a < ACCOUNTS; a++) {
    const accountId = String(100000000000 + a);
    const { policy, notes: merged } = effectivePolicy([
      { targetId: 'r-root', policies: [root] },
      { targetId: `ou-root-unit${a % UNITS}`, policies: [units[a % UNITS]!] },
      { targetId: accountId, policies: [accounts[a]!] },
    ]);
    notes += merged.length;
    problems += checkEffectiveBackupPolicy(policy).length;
    plans += effectiveBackupPlans(policy, accountId).length;
  }
  return { plans, problems, notes };
}

const { report, finish } = startReport('org', 'Organization backup policies: merge and validation (issue 21)');
progress(`org: ${ACCOUNTS} accounts in ${UNITS} OUs, ${RUNS} runs`);
const first = performance.now();
const outcome = run();
const firstMs = performance.now() - first;
const runs: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const started = performance.now();
  run();
  runs.push(performance.now() - started);
}
const warm = median(runs);
report.goals.push(
  goal(`three-level policy tree (root, OU, account), ${ACCOUNTS} accounts: merge + validate + read as plans, first run in a fresh process`, ms(firstMs), '< 1 s', firstMs < GOAL_MS),
);
report.sections.push(
  table(
    ['figure', 'value'],
    [
      ['policies checked as documents', String(1 + UNITS + ACCOUNTS)],
      ['effective policies merged and checked', String(ACCOUNTS)],
      ['AWS Backup plans read from them (plan × Region)', String(outcome.plans)],
      ['problems found (the policies are valid: expected 0)', String(outcome.problems)],
      ['inheritance notes (a child @@assign under an @@append-only limit: one per account)', String(outcome.notes)],
      ['first run (cold: JIT warm-up)', ms(firstMs)],
      [`median of ${RUNS} warm runs`, ms(warm)],
    ],
    ['l', 'r'],
  ),
);
finish(options);
