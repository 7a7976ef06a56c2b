import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBackupPlanCommand, CreateBackupVaultCommand, DeleteBackupVaultCommand, TagResourceCommand } from '@aws-sdk/client-backup';
import { GetResourcesCommand } from '@aws-sdk/client-resource-groups-tagging-api';
import { sandboxClientSettings } from '../../src/app/sandbox-provider.js';
import { createBackupClient, createTaggingClient, type ClientSettings } from '../../src/aws/clients.js';

describe('sandbox: Resource Groups Tagging API GetResources', () => {
  let dir: string;
  let settings: ClientSettings;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'bkp-tagging-'));
    settings = sandboxClientSettings({ region: 'eu-west-1', path: join(dir, 'sandbox.json') });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('returns the tags of tagged vaults and plans, paginated and filtered by type', async () => {
    const backup = createBackupClient(settings);
    for (let i = 0; i < 5; i++) {
      await backup.send(new CreateBackupVaultCommand({ BackupVaultName: `v${i}`, BackupVaultTags: i === 4 ? undefined : { n: String(i) } }));
    }
    const plan = await backup.send(
      new CreateBackupPlanCommand({
        BackupPlan: { BackupPlanName: 'p', Rules: [{ RuleName: 'r', TargetBackupVaultName: 'v0' }] },
        BackupPlanTags: { team: 'infra' },
      }),
    );
    const tagging = await createTaggingClient(settings);
    const seen = new Map<string, Record<string, string>>();
    let token: string | undefined;
    let pages = 0;
    do {
      const out = await tagging.send(new GetResourcesCommand({ ResourceTypeFilters: ['backup:backup-vault', 'backup:backup-plan'], ResourcesPerPage: 2, PaginationToken: token }));
      for (const m of out.ResourceTagMappingList ?? []) seen.set(m.ResourceARN!, Object.fromEntries((m.Tags ?? []).map((t) => [t.Key!, t.Value!])));
      token = out.PaginationToken || undefined;
      pages++;
    } while (token);
    expect(pages).to.equal(3);
    expect(seen.size).to.equal(5);
    expect(seen.get(plan.BackupPlanArn!)).to.deep.equal({ team: 'infra' });
    expect(seen.get('arn:aws:backup:eu-west-1:123456789012:backup-vault:v2')).to.deep.equal({ n: '2' });

    const onlyPlans = await tagging.send(new GetResourcesCommand({ ResourceTypeFilters: ['backup:backup-plan'] }));
    expect(onlyPlans.ResourceTagMappingList!.map((m) => m.ResourceARN)).to.deep.equal([plan.BackupPlanArn]);
  });

  it('follows tag changes and deletions', async () => {
    const backup = createBackupClient(settings);
    await backup.send(new TagResourceCommand({ ResourceArn: 'arn:aws:backup:eu-west-1:123456789012:backup-vault:v4', Tags: { late: 'yes' } }));
    await backup.send(new DeleteBackupVaultCommand({ BackupVaultName: 'v1' }));
    const tagging = await createTaggingClient(settings);
    const out = await tagging.send(new GetResourcesCommand({ ResourceTypeFilters: ['backup:backup-vault'] }));
    const arns = out.ResourceTagMappingList!.map((m) => m.ResourceARN!.split(':').pop());
    expect(arns).to.deep.equal(['v0', 'v2', 'v3', 'v4']);
  });

  it('refuses a page size out of range', async () => {
    const tagging = await createTaggingClient(settings);
    try {
      await tagging.send(new GetResourcesCommand({ ResourcesPerPage: 500 }));
      expect.fail('expected an error');
    } catch (e) {
      expect((e as Error).name).to.equal('InvalidParameterException');
    }
  });
});
