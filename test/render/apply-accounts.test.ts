// The per-account block of the human apply summary: only for an apply in several provider
// locations, one line per location with an outcome, the quiet ones counted.
import { expect } from 'chai';
import type { AccountApply } from '../../src/engine/account-results.js';
import { renderApplyAccounts } from '../../src/render/apply-accounts.js';

const location = (provider: string, account_id: string, extra: Partial<AccountApply> = {}): AccountApply => ({
  provider,
  account_id,
  region: 'eu-west-1',
  added: 0,
  changed: 0,
  destroyed: 0,
  jobs_started: 0,
  failed: [],
  not_started: [],
  ...extra,
});

describe('render: apply results per account', () => {
  it('prints nothing for an apply in one location', () => {
    expect(renderApplyAccounts([location('aws', '111111111111', { added: 2 })], false)).to.equal(undefined);
  });

  it('lists each location with an outcome, failures and what never started, and counts the quiet ones', () => {
    const text = renderApplyAccounts(
      [
        location('aws.account["dev"]', '222222222222', { added: 1, jobs_started: 1 }),
        location('aws.account["prod"]', '111111111111', { changed: 1, failed: [{ address: 'backup_plan.p', operation: 'update', error: 'AccessDenied' }], not_started: ['backup_selection.s'] }),
        location('aws.account["test"]', '333333333333'),
      ],
      false,
    );
    expect(text).to.equal(
      [
        '',
        'Per account:',
        '  aws.account["dev"], account 222222222222, eu-west-1: 1 added, 0 changed, 0 destroyed, 1 backup job started',
        '  aws.account["prod"], account 111111111111, eu-west-1: 0 added, 1 changed, 0 destroyed, 1 failed, 1 not started',
        '  1 other provider location: no changes.',
      ].join('\n'),
    );
  });
});
