// backup_plan never erases what it does not model: every member of the AWS shapes a plan update is
// made of is either an attribute or carried through, and an update sends the carried ones back.
import { expect } from 'chai';
import * as backupSdk from '@aws-sdk/client-backup';
import type { BackupClient, BackupPlan, BackupPlanInput } from '@aws-sdk/client-backup';
import {
  ADVANCED_SETTING_MEMBERS,
  COPY_ACTION_MEMBERS,
  describeUnmodelled,
  LIFECYCLE_MEMBERS,
  PLAN_MEMBERS,
  RULE_MEMBERS,
  unmodelledOf,
  withUnmodelled,
} from '../../../src/resources/backup-plan/unmodelled.js';
import { backupPlanHandler } from '../../../src/resources/backup-plan/handler.js';
import type { HandlerContext } from '../../../src/resources/handler.js';
import type { ObjectValue } from '../../../src/core/values.js';

/** Member names of an SDK structure schema: `[3, namespace, name, traits, memberNames, memberSchemas]`. */
function sdkMembers(shape: string): string[] {
  const schema = (backupSdk as unknown as Record<string, unknown>)[`${shape}$`];
  expect(schema, `the SDK exports the schema ${shape}$`).to.be.an('array');
  return [...((schema as unknown[])[4] as string[])].sort();
}

/** Rule members that were carried before bkp modelled them: now attributes of the rule. */
const MODELLED_RULE = {
  TargetLogicallyAirGappedBackupVaultArn: 'arn:aws:backup:eu-west-1:123456789012:backup-vault:airgapped',
  IndexActions: [{ ResourceTypes: ['EBS'] }],
  ScanActions: [{ MalwareScanner: 'GUARDDUTY' as const, ScanMode: 'FULL_SCAN' as const }],
};

function consolePlan(): BackupPlan {
  return {
    BackupPlanName: 'daily',
    ScanSettings: [{ MalwareScanner: 'GUARDDUTY', ResourceTypes: ['EBS'], ScannerRoleArn: 'arn:aws:iam::123456789012:role/scan' }],
    AdvancedBackupSettings: [
      { ResourceType: 'EC2', BackupOptions: { WindowsVSS: 'enabled' } },
      { ResourceType: 'S3', BackupOptions: { BackupACLs: 'disabled' } },
    ],
    Rules: [
      {
        RuleName: 'daily',
        RuleId: 'r-1',
        TargetBackupVaultName: 'main',
        Lifecycle: { DeleteAfterDays: 35, DeleteAfterEvent: 'DELETE_AFTER_COPY' } as backupSdk.Lifecycle,
        CopyActions: [{ DestinationBackupVaultArn: 'arn:aws:backup:us-east-1:123456789012:backup-vault:dr', Lifecycle: { DeleteAfterEvent: 'DELETE_AFTER_COPY' } as backupSdk.Lifecycle }],
        ...MODELLED_RULE,
      },
      { RuleName: 'plain', RuleId: 'r-2', TargetBackupVaultName: 'main' },
    ],
  };
}

describe('backup_plan: settings bkp does not model', () => {
  it('classifies every member of the SDK shapes an UpdateBackupPlan is made of', () => {
    expect(Object.keys(PLAN_MEMBERS).sort()).to.deep.equal(sdkMembers('BackupPlanInput'));
    expect(Object.keys(RULE_MEMBERS).sort()).to.deep.equal(sdkMembers('BackupRuleInput'));
    expect(Object.keys(LIFECYCLE_MEMBERS).sort()).to.deep.equal(sdkMembers('Lifecycle'));
    expect(Object.keys(COPY_ACTION_MEMBERS).sort()).to.deep.equal(sdkMembers('CopyAction'));
    expect(Object.keys(ADVANCED_SETTING_MEMBERS).sort()).to.deep.equal(sdkMembers('AdvancedBackupSetting'));
    expect(sdkMembers('UpdateBackupPlanInput')).to.deep.equal(['BackupPlan', 'BackupPlanId']);
  });

  it('keeps only what AWS sets and bkp cannot configure: Lifecycle.DeleteAfterEvent', () => {
    const kept = (table: Record<string, string>) => Object.keys(table).filter((m) => table[m] === 'kept');
    expect([PLAN_MEMBERS, RULE_MEMBERS, COPY_ACTION_MEMBERS, ADVANCED_SETTING_MEMBERS].flatMap(kept)).to.deep.equal([]);
    expect(kept(LIFECYCLE_MEMBERS)).to.deep.equal(['DeleteAfterEvent']);
    expect(unmodelledOf(consolePlan())).to.deep.equal({
      rules: {
        daily: {
          Lifecycle: { DeleteAfterEvent: 'DELETE_AFTER_COPY' },
          CopyActions: { 'arn:aws:backup:us-east-1:123456789012:backup-vault:dr': { Lifecycle: { DeleteAfterEvent: 'DELETE_AFTER_COPY' } } },
        },
      },
    });
  });

  it('reads every kept member and puts each back into the request built from configuration', () => {
    const unmodelled = unmodelledOf(consolePlan());
    const built: BackupPlanInput = {
      BackupPlanName: 'daily',
      Rules: [
        {
          RuleName: 'daily',
          TargetBackupVaultName: 'main',
          Lifecycle: { DeleteAfterDays: 42 },
          CopyActions: [{ DestinationBackupVaultArn: 'arn:aws:backup:us-east-1:123456789012:backup-vault:dr' }],
        },
        { RuleName: 'plain', TargetBackupVaultName: 'main' },
      ],
      AdvancedBackupSettings: [{ ResourceType: 'EC2', BackupOptions: { WindowsVSS: 'enabled' } }],
    };
    const request = withUnmodelled(built, unmodelled);
    expect(request.AdvancedBackupSettings).to.deep.equal(built.AdvancedBackupSettings);
    const daily = request.Rules![0]!;
    expect(daily.Lifecycle).to.deep.equal({ DeleteAfterDays: 42, DeleteAfterEvent: 'DELETE_AFTER_COPY' });
    expect(daily.CopyActions![0]!.Lifecycle).to.deep.equal({ DeleteAfterEvent: 'DELETE_AFTER_COPY' });
    expect(request.Rules![1]).to.deep.equal({ RuleName: 'plain', TargetBackupVaultName: 'main' });
  });

  it('carries every member classified as kept, whatever its name', () => {
    const rule: Record<string, unknown> = { RuleName: 'r', TargetBackupVaultName: 'v' };
    for (const [member, treatment] of Object.entries<string>(RULE_MEMBERS)) if (treatment === 'kept') rule[member] = `value of ${member}`;
    const plan: Record<string, unknown> = { BackupPlanName: 'p', Rules: [rule] };
    for (const [member, treatment] of Object.entries<string>(PLAN_MEMBERS)) if (treatment === 'kept') plan[member] = [`value of ${member}`];
    const request = withUnmodelled({ BackupPlanName: 'p', Rules: [{ RuleName: 'r', TargetBackupVaultName: 'v' }] }, unmodelledOf(plan as unknown as BackupPlan));
    expect(request).to.deep.equal(plan);
  });

  it('leaves a plan without unmodelled settings as bkp built it', () => {
    const plan: BackupPlan = { BackupPlanName: 'p', Rules: [{ RuleName: 'r', TargetBackupVaultName: 'v', Lifecycle: { DeleteAfterDays: 7 } }] };
    expect(unmodelledOf(plan)).to.equal(undefined);
    const built: BackupPlanInput = { BackupPlanName: 'p', Rules: [{ RuleName: 'r', TargetBackupVaultName: 'v' }] };
    expect(withUnmodelled(built, undefined)).to.equal(built);
  });

  it('names the kept settings for the plan', () => {
    expect(describeUnmodelled(unmodelledOf(consolePlan()))).to.deep.equal([
      'rule "daily": copy to arn:aws:backup:us-east-1:123456789012:backup-vault:dr: Lifecycle.DeleteAfterEvent, Lifecycle.DeleteAfterEvent',
    ]);
  });

  it('an update sends back the settings the plan holds at that moment, and records them', async () => {
    const sent: Array<{ name: string; input: Record<string, unknown> }> = [];
    const backup = {
      async send(command: { constructor: { name: string }; input: Record<string, unknown> }) {
        sent.push({ name: command.constructor.name, input: command.input });
        if (command.constructor.name === 'GetBackupPlanCommand') return { BackupPlan: consolePlan(), VersionId: 'v1' };
        if (command.constructor.name === 'UpdateBackupPlanCommand') return { VersionId: 'v2' };
        return {};
      },
    } as unknown as BackupClient;
    const ctx = { backup, lineage: 'l', settings: {}, tagging: async () => ({}), limit: (call: () => Promise<unknown>) => call() } as unknown as HandlerContext;
    const before: ObjectValue = {
      name: 'daily',
      rule: [{ name: 'daily', target_vault: 'main', lifecycle: { delete_after_days: 35 } }, { name: 'plain', target_vault: 'main' }],
      windows_vss: true,
      tags: {},
      id: 'p-1',
      arn: 'arn:aws:backup:eu-west-1:123456789012:backup-plan:p-1',
      version_id: 'v1',
    };
    const after: ObjectValue = { ...before, rule: [{ name: 'daily', target_vault: 'main', lifecycle: { delete_after_days: 42 } }, { name: 'plain', target_vault: 'main' }] };
    const updated = await backupPlanHandler.update(ctx, 'p-1', before, after);
    const update = sent.find((call) => call.name === 'UpdateBackupPlanCommand')!;
    const request = update.input.BackupPlan as BackupPlanInput;
    expect(request.Rules![0]!.Lifecycle).to.deep.equal({ DeleteAfterDays: 42, DeleteAfterEvent: 'DELETE_AFTER_COPY' });
    expect(updated.unmodelled).to.deep.equal(unmodelledOf(consolePlan()));
    expect(updated.version_id).to.equal('v2');
  });
});
