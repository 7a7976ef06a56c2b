// The plan-time check of on-demand backups against a sandbox account reached through the SDK: a
// target vault the same plan creates (standard or logically air-gapped) is not looked up, one the
// plan does not create must exist.
import { expect } from 'chai';
import { sandboxClientSettings } from '../../../src/app/sandbox-provider.js';
import type { HandlerContext } from '../../../src/resources/handler.js';
import type { PlannedChange } from '../../../src/resources/kind.js';
import { checkPlannedJobs } from '../../../src/resources/on-demand-backup/preflight.js';
import { REGION, ROLE_ARN, sandboxFixture, type SandboxFixture } from '../../sandbox/fixture.js';

describe('resources/on-demand-backup/preflight', () => {
  let sb: SandboxFixture;
  let resourceArn: string;
  beforeEach(async () => {
    sb = await sandboxFixture();
    resourceArn = (await sb.addResource('ec2-instance', 'web')).arn;
  });
  afterEach(() => sb.cleanup());

  const context = async (): Promise<HandlerContext> =>
    ({ backup: sb.client, settings: sandboxClientSettings({ region: REGION, path: sb.path }) }) as unknown as HandlerContext;
  const backup = (vault: string): PlannedChange => ({
    address: 'on_demand_backup.web',
    kind: 'on_demand_backup',
    provider: 'sandbox',
    action: 'create',
    after: { resource_arn: resourceArn, vault, iam_role_arn: ROLE_ARN, lifecycle: { delete_after_days: 10 } },
  });
  const vault = (kind: string, name: string): PlannedChange => ({ address: `${kind}.v`, kind, provider: 'sandbox', action: 'create', after: { name } });

  it('accepts a target vault the same plan creates, standard or logically air-gapped', async () => {
    for (const kind of ['backup_vault', 'logically_air_gapped_vault']) {
      const job = backup('planned');
      expect(await checkPlannedJobs([job], [vault(kind, 'planned'), job], context), kind).to.deep.equal([]);
    }
  });

  it('reports a target vault that neither the plan nor the account has', async () => {
    const job = backup('nowhere');
    const findings = await checkPlannedJobs([job], [vault('logically_air_gapped_vault', 'elsewhere'), job], context);
    expect(findings.map((f) => [f.attribute, f.summary])).to.deep.equal([['vault', 'on_demand_backup.web: the target vault does not exist']]);
  });
});
