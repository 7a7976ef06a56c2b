import { expect } from 'chai';
import { validateRestoreTestingPlan } from '../../../src/resources/restore-testing-plan/validate.js';

type Attributes = Parameters<typeof validateRestoreTestingPlan>[0]['attributes'];
const problems = (attributes: Attributes) => validateRestoreTestingPlan({ attributes }).map((p) => [p.path, p.summary]);
const selection = { algorithm: 'LATEST_WITHIN_WINDOW', include_vaults: ['*'], recovery_point_types: ['SNAPSHOT'] };

describe('resources/restore-testing-plan/validate', () => {
  it('accepts AWS cron, an IANA zone, windows within bounds and vault ARNs with wildcards', () => {
    expect(
      problems({
        name: 'weekly_restore_test',
        schedule: 'cron(0 5 ? * SUN *)',
        timezone: 'Europe/Paris',
        start_window_hours: 168,
        recovery_point_selection: {
          ...selection,
          include_vaults: ['arn:aws:backup:eu-west-1:123456789012:backup-vault:main', 'arn:aws:backup:*:*:backup-vault:prod-*'],
          exclude_vaults: ['arn:aws:backup:eu-west-1:123456789012:backup-vault:scratch'],
          recovery_point_types: ['SNAPSHOT', 'CONTINUOUS'],
          selection_window_days: 365,
        },
      }),
    ).to.deep.equal([]);
  });

  it('accepts a schedule more often than hourly: AWS documents no minimum interval for restore tests', () => {
    expect(problems({ name: 'often', schedule: 'cron(0/15 * ? * * *)', recovery_point_selection: selection })).to.deep.equal([]);
  });

  it('reports AWS rules at the offending values', () => {
    const found = validateRestoreTestingPlan({
      attributes: {
        name: 'weekly-restore',
        schedule: 'rate(7 days)',
        timezone: 'europe/paris',
        start_window_hours: 0,
        recovery_point_selection: {
          ...selection,
          include_vaults: ['main'],
          exclude_vaults: ['arn:aws:s3:::bucket'],
          recovery_point_types: ['SNAPSHOT', 'SNAPSHOT'],
          selection_window_days: 366,
        },
      },
    });
    expect(found.map((p) => [p.path, p.summary])).to.deep.equal([
      ['/name', 'Invalid restore testing plan name'],
      ['/schedule', 'rate() schedules are not supported'],
      ['/timezone', 'Invalid time zone'],
      ['/start_window_hours', 'Invalid start_window_hours'],
      ['/recovery_point_selection/selection_window_days', 'Invalid selection_window_days'],
      ['/recovery_point_selection/include_vaults/0', 'Invalid vault selector'],
      ['/recovery_point_selection/exclude_vaults/0', 'Invalid vault selector'],
      ['/recovery_point_selection/recovery_point_types/1', 'Repeated recovery point type'],
    ]);
    expect(found[0]!.detail).to.include('write "weekly_restore"');
    expect(found[5]!.detail).to.include('named by ARN here');
    expect(found[3]!.detail).to.include('from 1 to 168');
  });

  it('reports a malformed cron with what AWS accepts', () => {
    const [problem] = validateRestoreTestingPlan({ attributes: { name: 'p', schedule: 'cron(0 5 * * * *)', recovery_point_selection: selection } });
    expect([problem!.path, problem!.summary]).to.deep.equal(['/schedule', 'Invalid schedule expression']);
    expect(problem!.detail).to.include('cron(Minutes Hours Day-of-month Month Day-of-week Year)');
  });
});
