// The per-account parts of the plan views: shown only when a plan spans several provider
// locations, listing the locations with something to do and counting the quiet ones.
import { expect } from 'chai';
import type { Plan, ResourceChange } from '../../src/engine/plan-model.js';
import { applyByAccount } from '../../src/engine/account-results.js';
import { applyToJson } from '../../src/render/apply-json.js';
import { renderPlanHuman } from '../../src/render/plan-human.js';
import { renderPlanMarkdown } from '../../src/render/plan-markdown.js';
import { planToJson } from '../../src/render/plan-json.js';

function change(address: string, provider: string, action: ResourceChange['action'], location: { region: string; account_id?: string }): ResourceChange {
  const [kind, name] = address.split('.') as [string, string];
  const after = action === 'delete' ? null : { name };
  return { address, kind, name, provider, action, before: action === 'create' ? null : { name }, after, replacePaths: [], dependencies: [], sensitivePaths: [], location };
}

const planOf = (changes: ResourceChange[]): Plan => ({ mode: 'normal', changes, drift: [], diagnostics: [], refreshedState: [], targeted: false });

const spread = planOf([
  change('backup_vault.a', 'sandbox.a000_use1', 'create', { region: 'us-east-1', account_id: '100000000000' }),
  change('backup_vault.b', 'sandbox.a000_euw1', 'no-op', { region: 'eu-west-1', account_id: '100000000000' }),
  change('backup_vault.c', 'sandbox.a001_use1', 'no-op', { region: 'us-east-1', account_id: '100000000001' }),
]);

describe('render: per-account results', () => {
  it('adds a per-account block to the human plan only when several locations are involved', () => {
    const text = renderPlanHuman(spread, { color: false });
    expect(text).to.include(['Per account:', '  sandbox.a000_use1, account 100000000000, us-east-1: 1 to add, 0 to change, 0 to destroy', '  2 other provider locations: no changes.', '', 'Plan: 1 to add'].join('\n'));
    const single = renderPlanHuman(planOf([change('backup_vault.a', 'sandbox', 'create', { region: 'us-east-1', account_id: '123456789012' })]), { color: false });
    expect(single).to.not.include('Per account');
  });

  it('adds a per-account table to the Markdown plan', () => {
    const text = renderPlanMarkdown(spread);
    expect(text).to.include(
      [
        '#### Per account',
        '',
        '| Provider | Account | Region | Add | Change | Destroy | Replace | Import | Move | Forget | Jobs | Errors |',
        '| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
        '| `sandbox.a000_use1` | 100000000000 | us-east-1 | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |',
        '',
        '2 other provider locations: no changes.',
      ].join('\n'),
    );
  });

  it('lists every location in the JSON plan, quiet ones too', () => {
    const { accounts } = planToJson(spread);
    expect(accounts.map((a) => [a.provider, a.account_id, a.region, a.add])).to.deep.equal([
      ['sandbox.a000_euw1', '100000000000', 'eu-west-1', 0],
      ['sandbox.a000_use1', '100000000000', 'us-east-1', 1],
      ['sandbox.a001_use1', '100000000001', 'us-east-1', 0],
    ]);
  });

  it('totals the per-account apply results, failures and operations never started included', () => {
    const [a, c] = [spread.changes[0]!, spread.changes[2]!];
    const accounts = applyByAccount({
      completed: [{ key: 'create a', kind: 'create', change: a, after: new Set() }],
      failed: [{ operation: { key: 'update c', kind: 'update', change: c, after: new Set() }, error: new Error('ThrottlingException: slow down') }],
      notStarted: [],
      interrupted: false,
    });
    const json = applyToJson('failed', { added: 1, changed: 0, destroyed: 0 }, 0, accounts);
    expect(json.summary).to.deep.equal({ added: 1, changed: 0, destroyed: 0, jobs_started: 0, failed: 1, not_started: 0 });
    expect(json.accounts.map((x) => [x.provider, x.added, x.failed.map((f) => f.error)])).to.deep.equal([
      ['sandbox.a000_use1', 1, []],
      ['sandbox.a001_use1', 0, ['ThrottlingException: slow down']],
    ]);
  });
});
