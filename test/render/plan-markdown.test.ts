import { expect } from 'chai';
import { renderPlanMarkdown } from '../../src/render/plan-markdown.js';
import { makePlan, prior, resourceConfig, selectionDesired, selectionState, vaultAttrs, vaultState } from './plan-fixtures.js';

function reviewPlan() {
  return makePlan({
    desired: [
      resourceConfig('backup_vault.main', vaultAttrs()),
      resourceConfig('backup_vault.new', vaultAttrs({ name: 'new' })),
      resourceConfig('backup_selection.prod', selectionDesired({ resources: ['arn:aws:rds:*:*:db:*'] })),
    ],
    prior: [
      prior('backup_vault.main', 'main', vaultState()),
      prior('backup_selection.prod', 's-1', selectionState()),
      prior('backup_vault.old', 'old', vaultState({ name: 'old' })),
    ],
    refreshed: new Map([['backup_vault.main', vaultState({ tags: { team: 'x' } })]]),
  });
}

describe('renderPlanMarkdown', () => {
  it('heads the comment with the counts and lists each change in a table', () => {
    const md = renderPlanMarkdown(reviewPlan());
    const lines = md.split('\n');
    expect(lines[0]).to.equal('### bkp plan: 2 to add, 1 to change, 2 to destroy, 0 backup jobs to start');
    expect(md).to.contain(
      [
        '| Address | Action | Reason |',
        '| --- | --- | --- |',
        '| `backup_selection.prod` | `-/+` replace | must be replaced: backup selections cannot be updated |',
        '| `backup_vault.main` | `~` update in place |  |',
        '| `backup_vault.new` | `+` create |  |',
        '| `backup_vault.old` | `-` destroy |  |',
      ].join('\n'),
    );
  });

  it('lists drift in its own section', () => {
    const md = renderPlanMarkdown(reviewPlan());
    expect(md).to.contain(['#### Changed outside bkp', '', '| Address | Change |', '| --- | --- |', '| `backup_vault.main` | changed outside bkp |'].join('\n'));
  });

  it('folds the plain human plan into a details block as a diff, symbols first', () => {
    const md = renderPlanMarkdown(reviewPlan());
    const details = md.slice(md.indexOf('<details>'));
    expect(details.startsWith('<details><summary>Show plan</summary>\n\n```diff\n')).to.equal(true);
    expect(details.trimEnd().endsWith('```\n\n</details>')).to.equal(true);
    expect(details).to.contain('+   resource "backup_vault" "new" {\n+       arn             = (known after apply)');
    expect(details).to.contain('!   resource "backup_vault" "main" {');
    expect(details).to.contain('-/+ resource "backup_selection" "prod" {');
    expect(details).to.contain('-       name            = "old" -> null');
    expect(details).to.contain('Plan: 2 to add, 1 to change, 2 to destroy, 0 backup jobs to start.');
    expect(md).to.not.match(/\u001b\[/);
  });

  it('reports errors and warnings, escaping Markdown in their text', () => {
    const plan = makePlan({ prior: [prior('backup_vault.old', 'old', vaultState({ name: 'old', recovery_points: 2 }))] });
    plan.diagnostics.push({
      severity: 'warning',
      summary: 'Resource targeting is in effect',
      detail: 'Use <-target> only | rarely',
      range: { file: 'main.bkp.hcl', start: { line: 3, column: 5, offset: 20 }, end: { line: 3, column: 9, offset: 24 } },
    });
    const md = renderPlanMarkdown(plan);
    expect(md.split('\n')[0]).to.equal('### bkp plan: failed with 1 error');
    expect(md).to.contain('#### Errors\n\n- **Refusing to destroy backup\\_vault.old**\n  backup vault "old" holds 2 recovery points;');
    expect(md).to.contain('#### Warnings\n\n- **Resource targeting is in effect** (`main.bkp.hcl:3:5`)\n  Use \\<-target\\> only \\| rarely');
  });

  it('says so when there is nothing to change, without a details block', () => {
    const same = makePlan({ desired: [resourceConfig('backup_vault.main', vaultAttrs())], prior: [prior('backup_vault.main', 'main', vaultState())] });
    const md = renderPlanMarkdown(same, { title: 'bkp plan (prod)' });
    expect(md.split('\n')[0]).to.equal('### bkp plan (prod): no changes. Your backup policy matches the configuration.');
    expect(md).to.not.contain('<details>').and.to.not.contain('| Address |');
  });

  it('truncates a plan too long for a comment', () => {
    const md = renderPlanMarkdown(reviewPlan(), { maxDetailsChars: 400 });
    expect(md).to.contain('… (plan truncated: run bkp plan to see all of it)\n```');
    expect(md).to.not.contain('Plan: 2 to add');
  });
});
