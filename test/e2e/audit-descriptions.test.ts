// Removing the description of a backup_framework or backup_report_plan clears it in the account:
// UpdateFramework / UpdateReportPlan leave a description they are not sent as it was, so bkp sends
// "" (length 0, the minimum AWS's model allows). Through the built CLI on the sandbox, read back
// with an SDK client.
import { expect } from 'chai';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DescribeFrameworkCommand, DescribeReportPlanCommand } from '@aws-sdk/client-backup';
import { Workspace } from './on-demand-helpers.js';

const config = (describe: boolean) => `
provider "sandbox" {}

backup_framework "company" {
  name = "company"
  ${describe ? 'description = "What the company requires"' : ''}
  control "recovery_point_encrypted" {}
}

backup_report_plan "jobs" {
  name = "jobs"
  ${describe ? 'description = "Daily job report"' : ''}
  report_delivery_channel {
    s3_bucket_name = "audit-reports"
  }
  report_setting {
    report_template = "BACKUP_JOB_REPORT"
  }
}
`;

describe('clearing a framework\'s and a report plan\'s description (sandbox)', function () {
  this.timeout(120_000);
  let ws: Workspace;
  before(async () => {
    ws = await Workspace.create();
  });
  after(async () => ws?.cleanup());

  it('sends the empty description on update, so AWS forgets the old one, and then plans no change', async () => {
    const file = join(ws.dir, 'main.bkp.hcl');
    await writeFile(file, config(true));
    await ws.ok('apply', '-auto-approve');
    const client = ws.backupClient();
    try {
      const described = async () => ({
        framework: (await client.send(new DescribeFrameworkCommand({ FrameworkName: 'company' }))).FrameworkDescription,
        reportPlan: (await client.send(new DescribeReportPlanCommand({ ReportPlanName: 'jobs' }))).ReportPlan?.ReportPlanDescription,
      });
      expect(await described()).to.deep.equal({ framework: 'What the company requires', reportPlan: 'Daily job report' });

      await writeFile(file, config(false));
      const plan = await ws.bkp('plan', '-detailed-exitcode');
      expect(plan.code, plan.stdout + plan.stderr).to.equal(2);
      await ws.ok('apply', '-auto-approve');
      expect(await described()).to.deep.equal({ framework: undefined, reportPlan: undefined });
      const again = await ws.bkp('plan', '-detailed-exitcode');
      expect(again.code, again.stdout + again.stderr).to.equal(0);
    } finally {
      client.destroy();
    }
  });
});
