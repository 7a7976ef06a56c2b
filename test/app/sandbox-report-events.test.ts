// `bkp sandbox advance` names the report jobs that ended while the clock moved: written (with the
// objects) or failed (with the reason), once each.
import { expect } from 'chai';
import { CreateReportPlanCommand, DeleteReportPlanCommand, StartReportJobCommand } from '@aws-sdk/client-backup';
import { eventsSince, snapshotAccount } from '../../src/app/sandbox/events.js';
import { advanceClock } from '../../src/sandbox/clock.js';
import { renderAdvance } from '../../src/render/sandbox.js';
import { DAY, MINUTE, REGION, sandboxFixture, START, type SandboxFixture } from '../sandbox/fixture.js';

describe('app: sandbox advance events for report jobs', () => {
  let sb: SandboxFixture;
  beforeEach(async () => {
    sb = await sandboxFixture();
  });
  afterEach(() => sb.cleanup());

  const advance = (ms: number) =>
    sb.update((account) => {
      const before = snapshotAccount(account);
      advanceClock(account, ms);
      return eventsSince(before, account, account.clock.now).filter((e) => e.kind === 'report-job');
    });

  it('reports each ended report job once, with its objects or its failure', async () => {
    const plan = (name: string) =>
      sb.client.send(new CreateReportPlanCommand({ ReportPlanName: name, ReportDeliveryChannel: { S3BucketName: 'reports' }, ReportSetting: { ReportTemplate: 'BACKUP_JOB_REPORT' } }));
    await plan('kept');
    await plan('gone');
    await sb.client.send(new StartReportJobCommand({ ReportPlanName: 'gone' }));
    await sb.client.send(new DeleteReportPlanCommand({ ReportPlanName: 'gone' }));
    const events = await advance(3 * 60 * MINUTE);
    expect(events.map((e) => (e.kind === 'report-job' ? [e.reportPlanName, e.status, e.keys.length, e.at - START.getTime()] : []))).to.deep.equal([
      ['gone', 'FAILED', 0, 5 * MINUTE],
      ['kept', 'COMPLETED', 1, 2 * 60 * MINUTE + 5 * MINUTE],
    ]);
    const text = renderAdvance({ duration: '3h', from: START.getTime(), to: START.getTime() + 3 * 60 * MINUTE, events, names: new Map() }, false);
    expect(text).to.include('report job');
    expect(text).to.match(new RegExp(`report of kept written: s3://reports/Backup/${REGION}/2026/01/05/kept_BACKUP_JOB_REPORT_[0-9a-f-]{36}\\.csv`));
    expect(text).to.include('2 report jobs ended.');
    expect(await advance(MINUTE), 'an ended job is not reported again').to.deep.equal([]);
    expect(await advance(DAY)).to.have.length(1);
  });
});
