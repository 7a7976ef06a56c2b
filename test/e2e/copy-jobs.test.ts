// Copy jobs end to end on the sandbox: a plan whose rule copies to a vault of the DR region (a
// provider alias of the same sandbox account) is applied, the clock advanced, and the copy job is
// listed by `bkp jobs` (text and JSON) while its recovery point is seen in the DR vault through
// the SDK, with the copy's lifecycle.
import { expect } from 'chai';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ListRecoveryPointsByBackupVaultCommand } from '@aws-sdk/client-backup';
import { createBackupClient } from '../../src/aws/clients.js';
import { sandboxClientSettings } from '../../src/app/sandbox-provider.js';
import { ROLE, Workspace } from './on-demand-helpers.js';

const DR_VAULT_ARN = 'arn:aws:backup:us-west-2:123456789012:backup-vault:dr';

const CONFIG = `provider "sandbox" {}

provider "sandbox" {
  alias  = "dr"
  region = "us-west-2"
}

backup_vault "main" {
  name = "main"
}

backup_vault "dr" {
  provider = sandbox.dr
  name     = "dr"
}

backup_plan "daily" {
  name = "daily"
  rule "daily" {
    target_vault = backup_vault.main.name
    schedule     = "cron(0 5 ? * * *)"
    lifecycle {
      delete_after_days = 35
    }
    copy {
      destination_vault_arn = backup_vault.dr.arn
      lifecycle {
        delete_after_days = 90
      }
    }
  }
}

backup_selection "all" {
  plan         = backup_plan.daily
  name         = "all"
  iam_role_arn = "${ROLE}"
  resources    = ["arn:aws:ec2:*:*:instance/*"]
}
`;

interface JobJson {
  type: string;
  job_id: string;
  state: string;
  vault: string;
  destination_vault_arn: string | null;
  destination_region: string | null;
  recovery_point_arn: string | null;
  source_recovery_point_arn: string | null;
}

describe('copy jobs end to end (sandbox, cross-region copy)', function () {
  this.timeout(180_000);
  let ws: Workspace;
  beforeEach(async () => {
    ws = await Workspace.create();
  });
  afterEach(async () => ws.cleanup());

  it('copies each scheduled backup to the DR region: bkp jobs lists the copy with its destination, the SDK sees the DR recovery point', async () => {
    const web = await ws.addSource('ec2-instance', 'web');
    await writeFile(join(ws.dir, 'main.bkp.hcl'), CONFIG);
    await ws.ok('apply', '-auto-approve');
    expect((await ws.bkp('jobs', '--type=copy')).stdout).to.include('No copy jobs');
    // Up to two hours past the next 05:00 UTC tick: exactly one backup, copied once.
    const now = (JSON.parse((await ws.ok('sandbox', 'status', '--json')).stdout) as { now: number }).now;
    const tick = new Date(now);
    tick.setUTCHours(5, 0, 0, 0);
    if (tick.getTime() <= now) tick.setUTCDate(tick.getUTCDate() + 1);
    await ws.ok('sandbox', 'advance', `${Math.ceil((tick.getTime() - now) / 60_000) + 120}m`);

    const doc = JSON.parse((await ws.ok('jobs', '-json')).stdout) as { jobs: JobJson[] };
    const backups = doc.jobs.filter((j) => j.type === 'backup');
    const copies = doc.jobs.filter((j) => j.type === 'copy');
    // Scheduled backups are not bkp's own jobs: without --all only their copies (a managed plan's) show.
    expect(backups).to.deep.equal([]);
    expect(copies).to.have.length(1);
    const [copy] = copies;
    expect(copy).to.include({ state: 'COMPLETED', vault: 'main', destination_vault_arn: DR_VAULT_ARN, destination_region: 'us-west-2' });
    expect(copy!.recovery_point_arn).to.match(/^arn:aws:ec2:us-west-2::image\/ami-/);

    const all = JSON.parse((await ws.ok('jobs', '-json', '--all')).stdout) as { jobs: JobJson[] };
    const backup = all.jobs.find((j) => j.type === 'backup')!;
    expect(backup).to.include({ state: 'COMPLETED', vault: 'main' });
    expect(copy!.source_recovery_point_arn).to.equal(backup.recovery_point_arn);

    const text = (await ws.ok('jobs', '--type=copy')).stdout;
    expect(text).to.match(/^ADDRESS\s+TYPE\s+JOB ID\s+STATE\s+DONE\s+SIZE\s+DESTINATION\s+START BY\s+COMPLETED$/m);
    expect(text).to.match(new RegExp(`^-\\s+copy\\s+${copy!.job_id}\\s+COMPLETED\\s+100%\\s+\\S+ [KMG]iB\\s+dr \\(us-west-2\\)`, 'm'));
    expect((await ws.bkp('jobs', '--type=backup')).stdout).to.include('No backup jobs');
    const watched = await ws.bkp('jobs', '--watch', '-json');
    expect(watched.code, watched.stderr).to.equal(0);
    expect(JSON.parse(watched.stdout)).to.include({ ok: true });

    const dr = createBackupClient(sandboxClientSettings({ region: 'us-west-2', path: join(ws.dir, '.bkp/sandbox.json') }));
    try {
      const points = (await dr.send(new ListRecoveryPointsByBackupVaultCommand({ BackupVaultName: 'dr' }))).RecoveryPoints ?? [];
      expect(points).to.have.length(1);
      expect(points[0]).to.include({ RecoveryPointArn: copy!.recovery_point_arn, ResourceArn: web, SourceBackupVaultArn: 'arn:aws:backup:us-east-1:123456789012:backup-vault:main' });
      expect(points[0]!.Lifecycle).to.deep.equal({ DeleteAfterDays: 90 });
    } finally {
      dr.destroy();
    }
  });
});
