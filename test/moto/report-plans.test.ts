// bkp's backup_report_plan handler (create, list-first read, delete, delete again) against moto,
// which implements Audit Manager report plans, and against the in-process sandbox: both must show
// the same observable results. moto (5.2) routes no UpdateReportPlan (PUT /audit/report-plans/NAME
// answers an HTML 404), so the update step runs on the sandbox only. Skipped, with a message,
// without moto.
import { expect } from 'chai';
import type { ObjectValue } from '../../src/core/values.js';
import { backupReportPlanHandler } from '../../src/resources/backup-report-plan/handler.js';
import { backupReportPlanModel } from '../../src/resources/backup-report-plan/model.js';
import type { CreateHooks } from '../../src/resources/handler.js';
import { countingContext } from '../resources/helpers.js';
import { requireMoto, type MotoServer } from '../support/moto.js';
import { inProcessTarget, motoTarget, type Target } from '../sandbox/conformance/targets.js';

const hooks: CreateHooks = { token: 'report-plan-token', created: async () => undefined };

const DESIRED = backupReportPlanModel.canonical({
  name: 'jobs',
  description: 'daily job report',
  report_delivery_channel: { s3_bucket_name: 'audit-reports', s3_key_prefix: 'backup', formats: ['CSV', 'JSON'] },
  report_setting: { report_template: 'BACKUP_JOB_REPORT', regions: ['*'] },
  tags: { team: 'security' },
});
const CHANGED = backupReportPlanModel.canonical({
  ...DESIRED,
  description: 'daily copy report',
  report_delivery_channel: { s3_bucket_name: 'audit-reports', formats: ['JSON'] },
  report_setting: { report_template: 'COPY_JOB_REPORT', regions: ['us-east-1'] },
});

/**
 * What a user of bkp sees of the plan: the managed attributes, canonical, and the ARN up to the
 * plan name (the sandbox, as AWS, appends a unique suffix; moto does not). Tags are compared on
 * the sandbox only: moto 5.2 drops ReportPlanTags (ListTags answers none).
 */
function observed(attributes: ObjectValue | null, withTags: boolean): unknown {
  if (attributes === null) return null;
  const canonical = backupReportPlanModel.canonical(attributes);
  const keys = ['name', 'description', 'report_delivery_channel', 'report_setting', ...(withTags ? ['tags'] : [])];
  return { ...Object.fromEntries(keys.map((k) => [k, canonical[k]])), arn: String(attributes.arn).replace(/report-plan:jobs-[0-9a-f-]+$/, 'report-plan:jobs') };
}

async function lifecycle(target: Target, withUpdate: boolean, withTags: boolean): Promise<unknown[]> {
  const ctx = countingContext(target.clients.backup);
  const seen: unknown[] = [];
  const created = await backupReportPlanHandler.create(ctx, 'backup_report_plan.jobs', DESIRED, hooks);
  seen.push(created.id);
  const read = await backupReportPlanHandler.read(ctx, created.id, created.attributes, await backupReportPlanHandler.list!(ctx, []));
  seen.push(observed(read, withTags));
  let updated = read!;
  if (withUpdate) {
    updated = await backupReportPlanHandler.update(ctx, created.id, read!, CHANGED);
    seen.push(observed(await backupReportPlanHandler.read(ctx, created.id, updated, await backupReportPlanHandler.list!(ctx, [])), withTags));
  }
  await backupReportPlanHandler.delete(ctx, created.id, updated);
  seen.push(observed(await backupReportPlanHandler.read(ctx, created.id, updated, await backupReportPlanHandler.list!(ctx, [])), withTags));
  // Deleting what is already gone is no error: destroy after a deletion made outside bkp.
  await backupReportPlanHandler.delete(ctx, created.id, updated);
  return seen;
}

describe('conformance: the backup_report_plan handler on moto as on the sandbox', function () {
  this.timeout(60_000);
  let moto: MotoServer | undefined;

  before(async function () {
    moto = await requireMoto(this);
  });
  after(async () => {
    await moto?.stop();
  });

  const arn = 'arn:aws:backup:us-east-1:123456789012:report-plan:jobs';

  async function on(make: () => Promise<Target>, withUpdate: boolean, withTags: boolean): Promise<unknown[]> {
    const target = await make();
    try {
      return await lifecycle(target, withUpdate, withTags);
    } finally {
      await target.close();
    }
  }

  it('create, read from the listing, delete and delete again give the same results on both', async () => {
    const onMoto = await on(() => Promise.resolve(motoTarget(moto!.endpoint)), false, false);
    const onSandbox = await on(inProcessTarget, false, false);
    expect(onSandbox).to.deep.equal(['jobs', observed({ ...DESIRED, arn }, false), null]);
    expect(onMoto).to.deep.equal(onSandbox);
  });

  it('update (sandbox only: moto has no UpdateReportPlan) changes the delivery channel, setting and description in place, keeping the tags', async () => {
    expect(await on(inProcessTarget, true, true)).to.deep.equal(['jobs', observed({ ...DESIRED, arn }, true), observed({ ...CHANGED, arn }, true), null]);
  });
});
