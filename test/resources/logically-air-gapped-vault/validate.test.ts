import { expect } from 'chai';
import { validateConfig } from '../../../src/resources/validate.js';
import { config, NOW, pathOf, provider, resource } from '../helpers.js';

const ROLE = 'arn:aws:iam::123456789012:role/backup';

/** [path, summary, detail] of every diagnostic of `target`, positioned through its ranges. */
function problemsOf(target: ReturnType<typeof resource>, ...others: ReturnType<typeof resource>[]) {
  return validateConfig(config([target, ...others]), { now: NOW })
    .filter((d) => d.context === target.context)
    .map((d) => [pathOf(d, target.ranges), d.summary, d.detail]);
}

const airGapped = (extra: Record<string, unknown> = {}) =>
  resource('logically_air_gapped_vault', { name: 'airgap', min_retention_days: 7, max_retention_days: 35, ...extra } as never, { name: 'vault' });

describe('resources/logically-air-gapped-vault/validate', () => {
  it('accepts a vault with a range AWS accepts, an AWS-owned key and tags', () => {
    expect(problemsOf(airGapped({ tags: { team: 'infra' } }))).to.deep.equal([]);
    expect(problemsOf(airGapped({ min_retention_days: 36500, max_retention_days: 36500 }))).to.deep.equal([]);
  });

  it('positions each bad value: the name, the key, and bounds outside 7..36500', () => {
    const vault = airGapped({ name: 'bad name', kms_key_arn: 'alias/backup', min_retention_days: 1, max_retention_days: 40000 });
    expect(problemsOf(vault).map(([path, summary]) => [path, summary])).to.deep.equal([
      ['/name', 'Invalid backup vault name'],
      ['/min_retention_days', 'Invalid retention range'],
      ['/max_retention_days', 'Invalid retention range'],
      ['/kms_key_arn', 'Invalid KMS key ARN'],
    ]);
    expect(problemsOf(vault)[1]![2]).to.equal(
      'min_retention_days is 1; AWS Backup accepts a minimum retention between 7 and 36500 days for a logically air-gapped vault.',
    );
  });

  it('refuses a minimum above the maximum, at the minimum', () => {
    expect(problemsOf(airGapped({ min_retention_days: 40, max_retention_days: 35 }))).to.deep.equal([
      [
        '/min_retention_days',
        'Invalid retention range',
        'min_retention_days (40) is greater than max_retention_days (35): no backup could be kept in the vault. Make min_retention_days at most max_retention_days.',
      ],
    ]);
  });

  it('requires both bounds (there is no default range)', () => {
    const vault = resource('logically_air_gapped_vault', { name: 'airgap', max_retention_days: 35 }, { name: 'vault' });
    expect(problemsOf(vault).map(([path, summary, detail]) => [path, summary, detail])).to.deep.equal([
      ['', 'Missing required argument', 'The argument "min_retention_days" is required, but no definition was found.'],
    ]);
  });
});

describe('retention into a logically air-gapped vault (backup_plan, on_demand_backup)', () => {
  const vault = airGapped();
  const dr = provider('aws', { region: 'eu-west-1', account_id: '123456789012' });
  const destination = 'arn:aws:backup:eu-west-1:123456789012:backup-vault:airgap';
  const planWith = (rule: Record<string, unknown>) =>
    resource('backup_plan', { name: 'p', rule: [{ name: 'daily', target_vault: 'main', schedule: 'cron(0 5 ? * * *)', ...rule }] } as never, {
      name: 'daily',
    });
  const problems = (target: ReturnType<typeof resource>) =>
    validateConfig(config([vault, target], [dr]), { now: NOW })
      .filter((d) => d.context === target.context)
      .map((d) => [pathOf(d, target.ranges), d.summary, d.detail]);

  it('refuses a copy into it whose lifecycle is shorter than its minimum, at delete_after_days', () => {
    const plan = planWith({ lifecycle: { delete_after_days: 35 }, copy: [{ destination_vault_arn: destination, lifecycle: { delete_after_days: 3 } }] });
    expect(problems(plan)).to.deep.equal([
      [
        '/rule/0/copy/0/lifecycle/delete_after_days',
        'Retention outside the air-gapped vault range',
        'Rule "daily", copy 1, keeps recovery points 3 days, but logically air-gapped vault "airgap" (logically_air_gapped_vault.vault) accepts only a retention between 7 days and 35 days: AWS Backup would fail every such job. Set delete_after_days to 7 or more, or use another vault (the range of an air-gapped vault is fixed when it is created).',
      ],
    ]);
  });

  it('refuses a copy that inherits a rule lifecycle keeping forever, at the rule whose lifecycle it inherits', () => {
    const plan = planWith({ copy: [{ destination_vault_arn: destination }] });
    expect(problems(plan).map(([path, summary]) => [path, summary])).to.deep.equal([['/rule/0', 'Retention outside the air-gapped vault range']]);
    expect(problems(planWith({ lifecycle: { delete_after_days: 30 }, copy: [{ destination_vault_arn: destination }] }))).to.deep.equal([]);
  });

  it("checks a rule's target_vault and its target_logically_air_gapped_vault_arn by name or ARN", () => {
    const byName = planWith({ target_vault: 'airgap', lifecycle: { delete_after_days: 36 } });
    expect(problems(byName).map(([path, summary]) => [path, summary])).to.deep.equal([
      ['/rule/0/lifecycle/delete_after_days', 'Retention outside the air-gapped vault range'],
    ]);
    // The other field's schema is not on this branch: the rule is checked by the field's name alone.
    const rule = { lifecycle: { delete_after_days: 40 }, target_logically_air_gapped_vault_arn: destination };
    const semantic = validateConfig(config([vault, planWith(rule)], [dr]), { now: NOW }).filter(
      (d) => d.summary === 'Retention outside the air-gapped vault range',
    );
    expect(semantic.map((d) => d.detail)).to.have.length(1);
    expect(semantic[0]!.detail).to.include('keeps recovery points 40 days').and.include('Set delete_after_days to 35 or fewer');
  });

  it('refuses an on-demand backup into it that keeps forever, at the block', () => {
    const backup = resource(
      'on_demand_backup',
      { resource_arn: 'arn:aws:ec2:eu-west-1:123456789012:instance/i-0abc', vault: 'airgap', iam_role_arn: ROLE },
      { name: 'once' },
    );
    expect(problems(backup).map(([path, summary]) => [path, summary])).to.deep.equal([['', 'Retention outside the air-gapped vault range']]);
    const within = resource(
      'on_demand_backup',
      { resource_arn: 'arn:aws:ec2:eu-west-1:123456789012:instance/i-0abc', vault: 'airgap', iam_role_arn: ROLE, lifecycle: { delete_after_days: 7 } },
      { name: 'once' },
    );
    expect(problems(within)).to.deep.equal([]);
  });
});
