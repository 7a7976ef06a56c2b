// The pure parts of the simulation report: gaps, grouping by rule, protection status.
import { expect } from 'chai';
import { buildReport, resourceKey, worstGap, type ReportInput, type RuleInfo } from '../../src/simulation/report.js';
import type { PointHistory } from '../../src/simulation/timeline.js';

const H = 3_600_000;

describe('simulation report', () => {
  it('worstGap: the longest interval between backups, or the open one since the last backup', () => {
    expect(worstGap([], 100)).to.equal(undefined);
    expect(worstGap([10, 30, 35], 40)).to.deep.equal({ from: 10, to: 30, ms: 20, open: false });
    expect(worstGap([30, 10], 100)).to.deep.equal({ from: 30, to: 100, ms: 70, open: true });
    // Ties keep the earliest closed gap.
    expect(worstGap([0, 10, 20], 30)).to.deep.equal({ from: 0, to: 10, ms: 10, open: false });
  });

  it('groups points by rule, lists matching rules with no backup, and separates unprotected resources', () => {
    const rule: RuleInfo = { planId: 'p', ruleId: 'r', planAddress: 'backup_plan.p', planName: 'p', ruleName: 'daily', vault: 'main' };
    const idle: RuleInfo = { ...rule, ruleId: 'idle', ruleName: 'never' };
    const point = (arn: string, createdAt: number, extra: Partial<PointHistory> = {}): PointHistory => ({
      arn,
      account: 0,
      region: 'eu-west-1',
      vaultName: 'main',
      resourceArn: 'arn:i-1',
      origin: { kind: 'rule', planId: 'p', ruleId: 'r' },
      createdAt,
      storageClass: 'WARM',
      ...extra,
    });
    const input: ReportInput = {
      start: 0,
      end: 72 * H,
      days: 3,
      inventory: [
        { account: 0, arn: 'arn:i-1', name: 'web', type: 'ec2-instance', id: 'i-1', region: 'eu-west-1' },
        { account: 0, arn: 'arn:vol-1', name: 'vol-1', type: 'ebs-volume', id: 'vol-1', region: 'eu-west-1', attachedTo: 'arn:i-1' },
        { account: 0, arn: 'arn:db', name: 'db', type: 'rds-instance', id: 'db', region: 'eu-west-1' },
      ],
      protection: new Map([[resourceKey(0, 'arn:i-1'), [rule, idle]]]),
      rules: new Map([
        ['p/r', rule],
        ['p/idle', idle],
      ]),
      onDemand: new Map(),
      points: [point('a', 5 * H, { deletedAt: 60 * H }), point('b', 29 * H, { storageClass: 'COLD' }), point('c', 53 * H)],
      jobs: [{ account: 0, region: 'eu-west-1', jobId: 'j', resourceArn: 'arn:i-1', origin: { kind: 'rule', planId: 'p', ruleId: 'r' }, state: 'EXPIRED', createdAt: 1, statusMessage: 'late' }],
      restorable: (p) => p.arn !== 'b',
    };
    const report = buildReport(input);
    const [web] = report.resources;
    expect(report.resources).to.have.length(1);
    expect(web).to.deep.include({ status: 'protected', created: 3, expired: 1, failedJobs: 1, lastFailure: 'late', firstBackupAt: 5 * H });
    expect(web!.existing).to.deep.equal({ total: 2, warm: 1, cold: 1 });
    // b is not restorable: the oldest restorable point is c.
    expect(web!.oldestRestorable).to.deep.include({ createdAt: 53 * H, label: 'backup_plan.p/daily' });
    expect(web!.origins.map((o) => [o.label, o.created])).to.deep.equal([
      ['backup_plan.p/daily', 3],
      ['backup_plan.p/never', 0],
    ]);
    expect(web!.origins[1]!.worstGap).to.equal(undefined);
    expect(report.unprotected).to.deep.equal([
      { arn: 'arn:db', name: 'db', type: 'rds-instance', id: 'db', region: 'eu-west-1' },
      { arn: 'arn:vol-1', name: 'vol-1', type: 'ebs-volume', id: 'vol-1', region: 'eu-west-1', backedUpWith: 'web' },
    ]);
    expect(report.totals).to.deep.equal({ protectedResources: 1, existing: { total: 2, warm: 1, cold: 1 }, created: 3, expired: 1, failedJobs: 1 });
  });
});
