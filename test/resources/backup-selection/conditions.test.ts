// Conditions as AWS holds them: a list of key/value pairs per operator, so one key may be repeated.
import { expect } from 'chai';
import type { BackupClient } from '@aws-sdk/client-backup';
import { backupSelectionModel } from '../../../src/resources/backup-selection/model.js';
import { backupSelectionHandler } from '../../../src/resources/backup-selection/handler.js';
import type { HandlerContext } from '../../../src/resources/handler.js';
import type { ObjectValue } from '../../../src/core/values.js';

const role = 'arn:aws:iam::123456789012:role/backup';
const configured: ObjectValue = {
  plan: 'p-1',
  name: 'not-test',
  iam_role_arn: role,
  resources: ['*'],
  condition: [{ string_not_like: { 'aws:ResourceTag/tier': 'test*' } }, { string_not_like: { 'aws:ResourceTag/tier': 'dev*' }, string_equals: { 'aws:ResourceTag/env': 'prod' } }],
};

function fakeContext(answer: (name: string, input: Record<string, unknown>) => unknown, sent: Array<Record<string, unknown>>): HandlerContext {
  const backup = {
    async send(command: { constructor: { name: string }; input: Record<string, unknown> }) {
      sent.push({ name: command.constructor.name, ...command.input });
      return answer(command.constructor.name, command.input);
    },
  } as unknown as BackupClient;
  return { backup, lineage: 'l', settings: {}, tagging: async () => ({}), limit: (call: () => Promise<unknown>) => call() } as unknown as HandlerContext;
}

describe('backup_selection conditions', () => {
  it('keeps both values of a key repeated under one operator in the canonical form', () => {
    const canonical = backupSelectionModel.canonical(configured);
    expect(canonical.condition).to.deep.equal([
      { string_equals: { 'aws:ResourceTag/env': 'prod' }, string_not_like: { 'aws:ResourceTag/tier': 'dev*' } },
      { string_not_like: { 'aws:ResourceTag/tier': 'test*' } },
    ]);
  });

  it('sends every pair, and what AWS returns reads back to the same canonical form (no diff)', async () => {
    const sent: Array<Record<string, unknown>> = [];
    let stored: Record<string, unknown> | undefined;
    const ctx = fakeContext((name, input) => {
      if (name === 'CreateBackupSelectionCommand') {
        stored = input.BackupSelection as Record<string, unknown>;
        return { SelectionId: 's-1' };
      }
      if (name === 'GetBackupSelectionCommand') return { BackupPlanId: 'p-1', SelectionId: 's-1', BackupSelection: stored };
      return {};
    }, sent);
    await backupSelectionHandler.create(ctx, 'backup_selection.s', configured, { created: async () => undefined, token: 'bkp-test-token' });
    const conditions = (stored as { Conditions: Record<string, unknown> }).Conditions;
    expect(conditions.StringNotLike).to.have.deep.members([
      { ConditionKey: 'aws:ResourceTag/tier', ConditionValue: 'test*' },
      { ConditionKey: 'aws:ResourceTag/tier', ConditionValue: 'dev*' },
    ]);
    const read = (await backupSelectionHandler.read(ctx, 'p-1/s-1', {}))!;
    expect(backupSelectionModel.canonical(read).condition).to.deep.equal(backupSelectionModel.canonical(configured).condition);
  });
});
