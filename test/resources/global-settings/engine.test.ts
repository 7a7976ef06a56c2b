// global_settings through refresh, plan and apply on the sandbox, and AWS's refusal outside an
// organization's management account turned into a message that says so.
import { expect } from 'chai';
import type { BackupClient } from '@aws-sdk/client-backup';
import { DescribeGlobalSettingsCommand, UpdateGlobalSettingsCommand } from '@aws-sdk/client-backup';
import { BkpError } from '../../../src/core/errors.js';
import { globalSettingsHandler } from '../../../src/resources/global-settings/handler.js';
import type { HandlerContext } from '../../../src/resources/handler.js';
import { REGION, sandboxFixture, type SandboxFixture } from '../../sandbox/fixture.js';
import { settingsRun } from '../settings-engine.js';

describe('global_settings on the sandbox', () => {
  let sb: SandboxFixture;
  beforeEach(async () => {
    sb = await sandboxFixture();
  });
  afterEach(() => sb.cleanup());

  const flags = async () => (await sb.client.send(new DescribeGlobalSettingsCommand({}))).GlobalSettings!;
  const actions = (plan: { changes: { action: string }[] }) => plan.changes.map((c) => c.action);

  it('sets the configured flags as AWS strings, manages only them, and plans no change next time', async () => {
    const bkp = settingsRun(sb);
    await sb.client.send(new UpdateGlobalSettingsCommand({ GlobalSettings: { isMpaEnabled: 'true' } }));
    const config = { 'global_settings.org': { cross_account_backup: true } };
    expect(actions(await bkp.run(config))).to.deep.equal(['create']);
    expect(await flags()).to.include({ isCrossAccountBackupEnabled: 'true', isMpaEnabled: 'true', isDelegatedAdministratorEnabled: 'false' });
    expect(bkp.state().resources[0]).to.deep.include({ id: REGION, attributes: { cross_account_backup: true } });
    // A flag the configuration leaves unset is the account's: changing it is neither drift nor a change.
    await sb.client.send(new UpdateGlobalSettingsCommand({ GlobalSettings: { isMpaEnabled: 'false' } }));
    const again = await bkp.run(config);
    expect(actions(again)).to.deep.equal(['no-op']);
    expect(again.drift).to.deep.equal([]);
  });

  it('repairs drift of a managed flag and forgets on destroy without turning it off', async () => {
    const bkp = settingsRun(sb);
    const config = { 'global_settings.org': { cross_account_backup: true } };
    await bkp.run(config);
    await sb.client.send(new UpdateGlobalSettingsCommand({ GlobalSettings: { isCrossAccountBackupEnabled: 'false' } }));
    const drifted = await bkp.run(config);
    expect(drifted.drift.map((d) => d.address)).to.deep.equal(['global_settings.org']);
    expect(actions(drifted)).to.deep.equal(['update']);
    expect((await flags()).isCrossAccountBackupEnabled).to.equal('true');

    const destroy = await bkp.run({});
    expect(actions(destroy)).to.deep.equal(['delete']);
    expect(destroy.changes[0]!.reason).to.include('destroying global_settings only stops bkp managing them; the account keeps its settings');
    expect((await flags()).isCrossAccountBackupEnabled).to.equal('true');
  });
});

describe('global_settings outside a management account', () => {
  it('explains that only the organization management account can change them', async () => {
    const refusal = Object.assign(new Error('Only the management account can update global settings.'), { name: 'InvalidRequestException' });
    const backup = {
      async send(command: { constructor: { name: string } }) {
        if (command.constructor.name === 'UpdateGlobalSettingsCommand') throw refusal;
        return { GlobalSettings: { isCrossAccountBackupEnabled: 'false' } };
      },
    } as unknown as BackupClient;
    const ctx = { backup, lineage: 'l', settings: { region: REGION }, tagging: async () => ({}), limit: (call: () => Promise<unknown>) => call() } as unknown as HandlerContext;
    let error: unknown;
    try {
      await globalSettingsHandler.update(ctx, REGION, { cross_account_backup: false }, { cross_account_backup: true });
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(BkpError);
    expect((error as BkpError).message).to.include('only its management account can change them');
    expect((error as BkpError).message).to.include('InvalidRequestException');
    expect((error as BkpError).hint).to.include("credentials of the organization's management account");
  });
});
