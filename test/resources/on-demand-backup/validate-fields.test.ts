// on_demand_backup's index and logically air-gapped vault: what validation reports, where.
import { expect } from 'chai';
import { validateOnDemandBackup } from '../../../src/resources/on-demand-backup/validate.js';
import { validationContext } from '../../../src/resources/rules/context.js';
import type { ObjectValue } from '../../../src/core/values.js';
import { config, resource } from '../helpers.js';
import { onDemandBeforeMigration, vaultMain } from '../design-example.js';

const VOLUME = 'arn:aws:ec2:eu-west-1:123456789012:volume/vol-0123456789abcdef0';
const AIRGAPPED = 'arn:aws:backup:eu-west-1:123456789012:backup-vault:airgapped';

function brief(attributes: ObjectValue) {
  const job = resource('on_demand_backup', { ...onDemandBeforeMigration, ...attributes });
  const context = validationContext(config([resource('backup_vault', vaultMain, { name: 'main' }), job]));
  return validateOnDemandBackup(job, context).map((p) => [p.severity, p.path, p.summary]);
}

describe('resources/on-demand-backup/validate-fields', () => {
  it('accepts an indexed EBS backup into a logically air-gapped vault, with the archive opt-in', () => {
    expect(
      brief({
        resource_arn: VOLUME,
        index: 'ENABLED',
        logically_air_gapped_vault_arn: AIRGAPPED,
        lifecycle: { delete_after_days: 30, opt_in_to_archive_for_supported_resources: true },
      }),
    ).to.deep.equal([]);
  });

  it('checks the air-gapped vault is given by ARN', () => {
    expect(brief({ logically_air_gapped_vault_arn: 'airgapped' })).to.deep.equal([['error', '/logically_air_gapped_vault_arn', 'Invalid backup vault ARN']]);
  });

  it('warns that only EBS and S3 recovery points have backup indexes', () => {
    expect(brief({ index: 'ENABLED' })).to.deep.equal([['warning', '/index', 'No backup index for this resource type']]);
    expect(brief({ index: 'DISABLED' })).to.deep.equal([]);
    expect(brief({ resource_arn: 'arn:aws:s3:::bucket', index: 'ENABLED' })).to.deep.equal([]);
  });
});
