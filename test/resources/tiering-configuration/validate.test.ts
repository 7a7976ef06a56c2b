import { expect } from 'chai';
import { validateTieringConfiguration } from '../../../src/resources/tiering-configuration/validate.js';

type Attributes = Parameters<typeof validateTieringConfiguration>[0]['attributes'];
const problems = (attributes: Attributes) => validateTieringConfiguration({ attributes }).map((p) => [p.path, p.summary]);

describe('resources/tiering-configuration/validate', () => {
  it('accepts every vault or one, "*" or bucket ARNs, 60 to 36500 days of S3', () => {
    expect(
      problems({
        name: 'archive_tiering',
        backup_vault_name: '*',
        resource_selection: [
          { resources: ['*'], tiering_down_settings_in_days: 60, resource_type: 'S3' },
          { resources: ['arn:aws:s3:::logs'], tiering_down_settings_in_days: 36500, resource_type: 'S3' },
        ],
      }),
    ).to.deep.equal([]);
  });

  it('reports AWS rules at the offending values', () => {
    const found = validateTieringConfiguration({
      attributes: {
        name: 'archive-tiering',
        backup_vault_name: 'a',
        resource_selection: [
          { resources: ['*', 'arn:aws:s3:::logs'], tiering_down_settings_in_days: 30, resource_type: 'EBS' },
          { resources: ['arn:aws:s3:::logs/prefix'], tiering_down_settings_in_days: 36501, resource_type: 'S3' },
        ],
      },
    });
    expect(found.map((p) => [p.path, p.summary])).to.deep.equal([
      ['/name', 'Invalid tiering configuration name'],
      ['/backup_vault_name', 'Invalid backup vault name'],
      ['/resource_selection/0/tiering_down_settings_in_days', 'Invalid tiering delay'],
      ['/resource_selection/0/resource_type', 'Resource type not supported for tiering'],
      ['/resource_selection/0/resources/0', 'Wildcard among resources'],
      ['/resource_selection/1/tiering_down_settings_in_days', 'Invalid tiering delay'],
      ['/resource_selection/1/resources/0', 'Invalid resource'],
    ]);
    expect(found[2]!.detail).to.equal(
      'tiering_down_settings_in_days is 30; AWS moves backup data to the low-cost tier no sooner than 60 days and accepts at most 36500 (a whole number of days).',
    );
    expect(found[3]!.detail).to.include('Use resource_type = "S3"');
  });

  it('limits a configuration to 5 selections and 100 specific resources', () => {
    const selection = (n: number) => ({ resources: Array.from({ length: n }, (_, i) => `arn:aws:s3:::bucket-${i}`), tiering_down_settings_in_days: 90, resource_type: 'S3' });
    expect(problems({ name: 'many', backup_vault_name: '*', resource_selection: Array.from({ length: 6 }, () => selection(1)) })).to.deep.equal([
      ['/resource_selection/5', 'Too many resource selections'],
    ]);
    expect(problems({ name: 'many', backup_vault_name: '*', resource_selection: [selection(60), selection(41)] })).to.deep.equal([['/resource_selection', 'Too many resources']]);
  });
});
