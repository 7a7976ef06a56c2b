// The per-account grouping of a plan and of an apply's outcome: pure functions of plain objects.
import { expect } from 'chai';
import { applyByAccount, planByAccount } from '../../src/engine/account-results.js';
import type { ApplyResult, Operation } from '../../src/engine/apply.js';
import type { Plan, ResourceChange } from '../../src/engine/plan-model.js';

const PROD = { region: 'eu-west-1', account_id: '111111111111' };
const DEV = { region: 'us-east-1', account_id: '222222222222' };

function change(address: string, provider: string, action: ResourceChange['action'], extra: Partial<ResourceChange> = {}): ResourceChange {
  const [kind, name] = address.split('.') as [string, string];
  return { address, kind, name, provider, action, before: null, after: null, replacePaths: [], dependencies: [], sensitivePaths: [], ...extra };
}

function planOf(changes: ResourceChange[], diagnostics: Plan['diagnostics'] = []): Plan {
  return { mode: 'normal', changes, drift: [], diagnostics, refreshedState: [], targeted: false };
}

describe('engine: results per account', () => {
  it('counts each provider location apart, quiet locations and replacements included', () => {
    const accounts = planByAccount(
      planOf([
        change('backup_vault.a', 'aws.prod', 'create', { location: PROD }),
        change('backup_vault.b', 'aws.prod', 'replace', { location: PROD, priorLocation: PROD }),
        change('backup_vault.c', 'aws.prod', 'no-op', { location: PROD, importId: 'c' }),
        change('backup_plan.m', 'aws.prod', 'no-op', { location: PROD, previousAddress: 'backup_plan.old' }),
        change('backup_vault.d', 'aws.dev', 'delete', { priorLocation: DEV }),
        change('on_demand_backup.x', 'aws.dev', 'create', { location: DEV, startsJob: true }),
        change('on_demand_backup.y', 'aws.dev', 'delete', { priorLocation: DEV, startsJob: true }),
        change('backup_vault.e', 'aws', 'no-op', { location: { region: 'us-east-1' } }),
      ]),
    );
    expect(accounts).to.deep.equal([
      { provider: 'aws', region: 'us-east-1', counts: { add: 0, change: 0, destroy: 0, replace: 0, import: 0, move: 0, forget: 0, jobs: 0 }, errors: [] },
      { provider: 'aws.dev', account_id: '222222222222', region: 'us-east-1', counts: { add: 0, change: 0, destroy: 1, replace: 0, import: 0, move: 0, forget: 1, jobs: 1 }, errors: [] },
      { provider: 'aws.prod', account_id: '111111111111', region: 'eu-west-1', counts: { add: 1, change: 0, destroy: 0, replace: 1, import: 1, move: 1, forget: 0, jobs: 0 }, errors: [] },
    ]);
  });

  it("places a plan's refusal with the account of the resource it concerns", () => {
    const accounts = planByAccount(
      planOf(
        [change('backup_vault.a', 'aws.prod', 'delete', { priorLocation: PROD }), change('backup_vault.b', 'aws.dev', 'create', { location: DEV })],
        [
          { severity: 'error', summary: 'Instance cannot be destroyed', detail: 'prevent_destroy is set', address: 'backup_vault.a' },
          { severity: 'warning', summary: 'Resource targeting is in effect' },
        ],
      ),
    );
    expect(accounts.map((a) => [a.provider, a.errors])).to.deep.equal([
      ['aws.dev', []],
      ['aws.prod', ['Instance cannot be destroyed: prevent_destroy is set']],
    ]);
  });

  it("keeps every account's apply results when one account fails", () => {
    const op = (c: ResourceChange, kind: Operation['kind']): Operation => ({ key: `${kind} ${c.address}`, kind, change: c, after: new Set() });
    const result: ApplyResult = {
      completed: [op(change('backup_vault.a', 'aws.prod', 'create', { location: PROD }), 'create'), op(change('backup_vault.b', 'aws.dev', 'update', { location: DEV }), 'update')],
      failed: [{ operation: op(change('backup_vault.c', 'aws.dev', 'create', { location: DEV }), 'create'), error: new Error('AccessDeniedException: no') }],
      notStarted: [op(change('backup_plan.p', 'aws.prod', 'create', { location: PROD }), 'create')],
      interrupted: false,
    };
    expect(applyByAccount(result)).to.deep.equal([
      { provider: 'aws.dev', account_id: '222222222222', region: 'us-east-1', added: 0, changed: 1, destroyed: 0, jobs_started: 0, failed: [{ address: 'backup_vault.c', operation: 'create', error: 'AccessDeniedException: no' }], not_started: [] },
      { provider: 'aws.prod', account_id: '111111111111', region: 'eu-west-1', added: 1, changed: 0, destroyed: 0, jobs_started: 0, failed: [], not_started: ['backup_plan.p'] },
    ]);
  });
});
