// The terraform-provider-aws documentation examples of every aws_backup_* resource
// (test/fixtures/terraform/provider-examples) convert without a warning into a configuration that
// bkp validates, with every vault part merged into its vault.
import { expect } from 'chai';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { convertTerraform } from '../../src/adopt/convert.js';
import { loadValidConfig } from '../../src/app/configuration.js';

const FIXTURE = resolve(import.meta.dirname, '../fixtures/terraform/provider-examples/main.tf');

describe('bkp convert: the provider documentation examples', () => {
  it('converts every aws_backup_* resource into a configuration bkp validates', async () => {
    const text = await readFile(FIXTURE, 'utf8');
    // The vault policy names the vault's own ARN: a cycle in bkp, unless the state gives the value.
    expect(convertTerraform([{ path: 'main.tf', text }], undefined).warnings).to.deep.equal([
      'main.tf:14: aws_backup_vault.example: the object refers to itself, a cycle in bkp; give the value, or convert with -state to take it from the Terraform state',
    ]);
    const arn = 'arn:aws:backup:us-east-1:123456789012:backup-vault:example_backup_vault';
    const state = { resources: [{ mode: 'managed' as const, type: 'aws_backup_vault', name: 'example', instances: [{ attributes: { name: 'example_backup_vault', arn } }] }] };
    const converted = convertTerraform([{ path: 'main.tf', text }], state);
    expect(converted.warnings).to.deep.equal([]);
    expect(converted.counts).to.deep.equal({
      backup_vault: 1,
      logically_air_gapped_vault: 1,
      backup_plan: 1,
      backup_selection: 1,
      region_settings: 1,
      global_settings: 1,
      backup_framework: 1,
      backup_report_plan: 1,
      restore_testing_plan: 1,
      restore_testing_selection: 1,
    });
    const dir = await mkdtemp(join(tmpdir(), 'bkp-convert-'));
    try {
      for (const [file, text] of converted.files) await writeFile(join(dir, file), text);
      const { config } = await loadValidConfig({ dir, env: {} });
      const vault = config.resources.find((r) => r.address === 'backup_vault.example')!;
      expect(vault.attributes.lock).to.deep.equal({ changeable_for_days: 3, max_retention_days: 1200, min_retention_days: 7 });
      expect(vault.attributes.notifications).to.deep.include({ sns_topic_arn: 'arn:aws:sns:us-east-1:123456789012:backup-vault-events' });
      expect(JSON.parse(String(vault.attributes.access_policy)).Statement[0].Resource).to.equal(arn);
      const framework = config.resources.find((r) => r.kind === 'backup_framework')!;
      const controls = framework.attributes.control as Record<string, unknown>[];
      expect(controls.map((c) => c.name)).to.deep.equal(['recovery_point_minimum_retention', 'backup_plan_min_frequency_and_min_retention', 'resources_protected_by_backup_plan']);
      expect(controls[0]).to.include({ required_retention_days: 35 });
      expect(controls[1]).to.include({ required_frequency_unit: 'hours', required_frequency_value: 1, required_retention_days: 35 });
      const settings = config.resources.find((r) => r.kind === 'global_settings')!;
      expect(settings.attributes.cross_account_backup).to.equal(true);
      const selection = config.resources.find((r) => r.kind === 'backup_selection')!;
      expect(selection.attributes.condition).to.deep.equal([
        { string_equals: { 'aws:ResourceTag/Component': 'rds' }, string_like: { 'aws:ResourceTag/Application': 'app*' } },
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
