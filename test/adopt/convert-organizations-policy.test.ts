// aws_organizations_policy (type BACKUP_POLICY) and its attachments → org_backup_policy and
// org_policy_attachment (test/fixtures/terraform/organizations-backup-policy): the JSON document
// becomes plan blocks that compile back to the same document, service control policies and their
// attachments are left to Terraform, a document bkp cannot express stays a comment reported at
// file:line, and the state gives the import ids (the policy id, TARGET_ID:POLICY_ID).
import { expect } from 'chai';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { convertTerraform } from '../../src/adopt/convert.js';
import { parseTerraformState } from '../../src/adopt/terraform-state.js';
import { loadValidConfig } from '../../src/app/configuration.js';
import { compileBackupPolicy, documentText } from '../../src/resources/org-backup-policy/compile.js';

const FIXTURE = resolve(import.meta.dirname, '../fixtures/terraform/organizations-backup-policy');

describe('bkp convert: Organizations backup policies', () => {
  it('converts BACKUP_POLICY documents into plan blocks that compile to the same document', async () => {
    const text = await readFile(join(FIXTURE, 'main.tf'), 'utf8');
    const state = parseTerraformState(await readFile(join(FIXTURE, 'terraform.tfstate'), 'utf8'), 'terraform.tfstate');
    const converted = convertTerraform([{ path: 'main.tf', text }], state);
    expect(converted.counts).to.deep.equal({ org_backup_policy: 2, org_policy_attachment: 2 });
    expect(converted.warnings).to.deep.equal([
      'main.tf:77: aws_organizations_policy.legacy: org_backup_policy cannot express this document: plans.old.frequency: not a key bkp writes in a backup policy',
    ]);
    expect(converted.skipped.map((s) => s.id)).to.deep.equal([
      'aws_organizations_policy.legacy',
      'aws_organizations_policy.deny_leave',
      'aws_organizations_policy_attachment.deny_leave_root',
    ]);
    const imports = converted.files.get('imports.bkp.hcl')!;
    for (const [address, id] of [
      ['org_backup_policy.baseline', 'p-baseline1'],
      ['org_backup_policy.production', 'p-product1'],
      ['org_policy_attachment.baseline_root', 'r-abcd:p-baseline1'],
      ['org_policy_attachment.production_ou', 'ou-abcd-11111111:p-product1'],
    ]) {
      expect(imports).to.include(`to = ${address}\n  id = "${id}"`);
    }
    expect(imports).not.to.include('p-scp00001');
    // The legacy policy's Terraform text is kept, as a comment, for the user to rewrite.
    expect(converted.files.get('main.bkp.hcl')).to.include('# bkp convert: not translated (main.tf:77)');
    expect(converted.files.get('main.bkp.hcl')).to.include('# resource "aws_organizations_policy" "legacy" {');
    const organizations = converted.files.get('organizations.bkp.hcl')!;
    expect(organizations).to.include('policy_id = org_backup_policy.baseline.id\n  target_id = var.root_id');

    const dir = await mkdtemp(join(tmpdir(), 'bkp-convert-org-'));
    try {
      for (const [file, content] of converted.files) await writeFile(join(dir, file), content);
      const { config } = await loadValidConfig({ dir, env: {} });
      const policy = (label: string) => config.resources.find((r) => r.address === `org_backup_policy.${label}`)!;
      // The fixture's jsonencode document, as Terraform would send it.
      const baseline = {
        plans: {
          daily: {
            regions: { '@@assign': ['eu-west-1', 'eu-central-1'] },
            rules: {
              nightly: {
                schedule_expression: { '@@assign': 'cron(0 3 ? * * *)' },
                target_backup_vault_name: { '@@assign': 'Default' },
                start_backup_window_minutes: { '@@assign': '60' },
                lifecycle: { delete_after_days: { '@@assign': '35' } },
                copy_actions: {
                  'arn:aws:backup:eu-central-1:$account:backup-vault:dr': { target_backup_vault_arn: { '@@assign': 'arn:aws:backup:eu-central-1:$account:backup-vault:dr' } },
                },
              },
            },
            selections: {
              tags: {
                tagged: {
                  iam_role_arn: { '@@assign': 'arn:aws:iam::$account:role/service-role/AWSBackupDefaultServiceRole' },
                  tag_key: { '@@assign': 'backup' },
                  tag_value: { '@@assign': ['daily'] },
                },
              },
            },
            '@@operators_allowed_for_child_policies': ['@@append'],
          },
        },
      };
      expect(documentText(compileBackupPolicy(policy('baseline').attributes)!.document)).to.equal(documentText(baseline));
      const production = JSON.parse(text.slice(text.indexOf('<<-EOT') + 7, text.indexOf('  EOT')));
      expect(documentText(compileBackupPolicy(policy('production').attributes)!.document)).to.equal(documentText(production));
      expect(policy('baseline').attributes.tags).to.deep.equal({ Owner: 'platform' });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
