import { expect } from 'chai';
import { validateBackupVault } from '../../../src/resources/backup-vault/validate.js';
import { vaultMain } from '../design-example.js';

const summaries = (attributes: Parameters<typeof validateBackupVault>[0]['attributes']) =>
  validateBackupVault({ attributes }).map((p) => [p.path, p.summary]);

describe('resources/backup-vault/validate', () => {
  it('accepts the DESIGN.md example vault', () => {
    expect(validateBackupVault({ attributes: vaultMain })).to.deep.equal([]);
  });

  it('checks the name, the KMS key, the notifications and the lock', () => {
    expect(
      summaries({
        name: 'prod vault',
        kms_key_arn: 'alias/backup',
        notifications: { sns_topic_arn: 'arn:aws:sns:eu-west-1:123456789012:t', events: ['BACKUP_JOB_FAIL'] },
        lock: { min_retention_days: 10, max_retention_days: 5 },
      }),
    ).to.deep.equal([
      ['/name', 'Invalid backup vault name'],
      ['/kms_key_arn', 'Invalid KMS key ARN'],
      ['/notifications/events/0', 'Unknown notification event'],
      ['/lock/min_retention_days', 'Invalid vault lock'],
    ]);
  });

  it('requires the access policy to be a JSON policy document', () => {
    const [p] = validateBackupVault({ attributes: { name: 'vault', access_policy: '{"Version": "2012-10-17",' } });
    expect(p!.path).to.equal('/access_policy');
    expect(p!.summary).to.equal('Invalid access policy');
    expect(p!.detail).to.include('it is not valid JSON');
    expect(validateBackupVault({ attributes: { name: 'vault', access_policy: '[]' } })[0]!.detail).to.include('a JSON object with a "Statement"');
  });

  it('warns that force_destroy cannot beat a vault lock with a minimum retention', () => {
    const [p] = validateBackupVault({ attributes: { name: 'scratch', force_destroy: true, lock: { min_retention_days: 7 } } });
    expect([p!.severity, p!.path, p!.summary]).to.deep.equal(['warning', '/force_destroy', 'force_destroy under a vault lock']);
    expect(validateBackupVault({ attributes: { name: 'scratch', force_destroy: true, lock: { max_retention_days: 7 } } })).to.deep.equal([]);
    expect(validateBackupVault({ attributes: { name: 'scratch', force_destroy: false, lock: { min_retention_days: 7 } } })).to.deep.equal([]);
  });
});
