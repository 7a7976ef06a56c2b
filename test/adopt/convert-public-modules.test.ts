// Three public AWS Backup modules' worth of Terraform, written as such modules are
// (test/fixtures/terraform/public-modules: a cloudposse-style module built on count, dynamic blocks and
// module.this; an lgallard-style module with rules as maps, for_each selections and vault parts; an
// organization-wide module on data sources with a state). `convert` must not fail on any of them,
// must report every construct it cannot translate at file:line, and what it translates must be
// right and load in bkp.
import { expect } from 'chai';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { convertTerraform, type ConvertedConfiguration, type TerraformFile } from '../../src/adopt/convert.js';
import { parseTerraformState } from '../../src/adopt/terraform-state.js';
import { loadConfig, loadValidConfig } from '../../src/app/configuration.js';

const MODULES = resolve(import.meta.dirname, '../fixtures/terraform/public-modules');

async function convertModule(name: string, withState = false): Promise<ConvertedConfiguration> {
  const dir = join(MODULES, name);
  const files: TerraformFile[] = [];
  for (const file of (await readdir(dir)).filter((f) => f.endsWith('.tf')).sort()) files.push({ path: `${name}/${file}`, text: await readFile(join(dir, file), 'utf8') });
  const state = withState ? parseTerraformState(await readFile(join(dir, 'terraform.tfstate'), 'utf8'), 'terraform.tfstate') : undefined;
  return convertTerraform(files, state);
}

async function withFiles<T>(converted: ConvertedConfiguration, use: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'bkp-convert-modules-'));
  try {
    for (const [file, text] of converted.files) await writeFile(join(dir, file), text);
    return await use(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The load's error summaries (what is left for the user to finish). */
async function loadErrors(converted: ConvertedConfiguration, vars: string[]): Promise<string[]> {
  return withFiles(converted, async (dir) => {
    const result = await loadConfig({ dir, env: {}, vars });
    return result.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.range?.file}:${d.range?.start.line}: ${d.summary}`);
  });
}

const PLACE = /^[a-z-]+\/[a-z]+\.tf:\d+: /;

describe('bkp convert: public modules as they are written', () => {
  it('cloudposse style: keeps count and splats, reports dynamic and module.this at file:line, and merges the counted vault lock', async () => {
    const converted = await convertModule('cloudposse');
    for (const warning of converted.warnings) expect(warning).to.match(PLACE);
    const warnings = converted.warnings.join('\n');
    // `count = local.vault_enabled ? 1 : 0` (main.tf:20) is kept: no warning names its line.
    expect(converted.warnings.filter((w) => w.startsWith('cloudposse/main.tf:20:'))).to.deep.equal([]);
    expect(converted.files.get('vaults.bkp.hcl')).to.match(/\n  count\s+= local\.vault_enabled \? 1 : 0\n/);
    expect(warnings).to.include('cloudposse/main.tf:39: a dynamic "rule" block: write the blocks out');
    expect(warnings).to.include('cloudposse/main.tf:127: a dynamic "condition" block: write the blocks out');
    // A splat over a converted resource keeps its [*] and takes bkp's attribute names.
    // Every output is a join over a splat of a converted resource: none is left out.
    expect(converted.warnings.filter((w) => w.startsWith('cloudposse/outputs.tf:'))).to.deep.equal([]);
    expect(converted.files.get('main.bkp.hcl')).to.include('value       = join("", backup_plan.default[*].version_id)');
    expect(warnings).to.include('cloudposse/main.tf:6: aws_iam_role.default: bkp does not manage aws_iam_role; give the value, or convert with -state to take it from the Terraform state');
    expect(warnings).to.include('cloudposse/main.tf:23: module.this.tags: bkp does not convert Terraform modules');
    expect(warnings).to.include('cloudposse/main.tf:27: aws_backup_vault_lock_configuration.default: count on a part of a vault');
    // Data sources, the label module and IAM resources are listed with their place.
    expect(converted.skipped.map((s) => `${s.id}: ${s.reason}`)).to.include.members([
      'module.this: a module block: bkp converts resource, variable, locals, output and provider "aws" blocks (cloudposse/context.tf:1)',
      'data.aws_iam_role.existing: a data block: bkp converts resource, variable, locals, output and provider "aws" blocks (cloudposse/main.tf:99)',
      'aws_iam_role.default: not an AWS Backup resource (cloudposse/main.tf:92)',
    ]);
    // `backup_vault_name = aws_backup_vault.default[0].id`: the lock lands in the vault.
    expect(converted.files.get('vaults.bkp.hcl')).to.match(/lock \{\n\s+# bkp convert: not translated \(cloudposse\/main\.tf:27\)[^]*changeable_for_days = var\.backup_vault_lock_configuration\.changeable_for_days/);
    // What is left is what the warnings name: the locals built on module.this. Each resource's
    // count reads them, so its body (the dynamic rules) is judged once the locals are written.
    const errors = await loadErrors(converted, ['backup_vault_lock_configuration={ min_retention_days = 7, max_retention_days = 365 }', 'backup_resources=["*"]']);
    expect(errors.map((e) => e.replace(/^[^ ]+ /, ''))).to.have.members(Array<string>(7).fill('Reference to undeclared local value'));
  });

  it('lgallard style: keeps for_each and variables, writes static rules with copy and labels, merges the lock and notifications', async () => {
    const converted = await convertModule('lgallard');
    for (const warning of converted.warnings) expect(warning).to.match(PLACE);
    expect(converted.warnings).to.deep.equal([
      'lgallard/main.tf:22: a dynamic "rule" block: write the blocks out',
      'lgallard/main.tf:101: aws_iam_role.ab_role: bkp does not manage aws_iam_role; give the value, or convert with -state to take it from the Terraform state',
      'lgallard/main.tf:108: a dynamic "selection_tag" block: write the blocks out',
      'lgallard/outputs.tf:30: aws_iam_role.ab_role: bkp does not manage aws_iam_role; give the value, or convert with -state to take it from the Terraform state',
      "lgallard/main.tf:119: aws_backup_vault_notifications.backup_events: count on a part of a vault; it becomes part of the vault's block, so write it (or leave it out) there",
    ]);
    expect(converted.counts).to.deep.equal({ backup_vault: 1, backup_plan: 2, backup_selection: 1 });
    const errors = await loadErrors(converted, [
      'rules=[{ name = "daily", schedule = "cron(0 5 * * ? *)" }]',
      'selections=[{ name = "ec2", resources = ["arn:aws:ec2:*:*:instance/*"] }]',
      'notifications={ sns_topic_arn = "arn:aws:sns:us-east-1:123456789012:backup", backup_vault_events = ["BACKUP_JOB_FAILED"] }',
    ]);
    // Exactly the two untranslated pieces: the dynamic rules of ab_plan and the selection's role.
    expect(errors).to.deep.equal(['plans.bkp.hcl:1: Insufficient rule blocks', 'plans.bkp.hcl:68: Missing required argument']);
    const plans = converted.files.get('plans.bkp.hcl')!;
    expect(plans).to.include('for_each = { for s in local.selections : s.name => s }');
    expect(plans).to.match(/rule "weekly" \{[^]*copy \{\n\s+destination_vault_arn = "arn:aws:backup:us-west-2:123456789012:backup-vault:dr-vault"\n\s+lifecycle \{\n\s+delete_after_days = 365/);
    const vaults = converted.files.get('vaults.bkp.hcl')!;
    expect(vaults).to.match(/lock \{\n\s+changeable_for_days = var\.changeable_for_days/);
    expect(vaults).to.match(/notifications \{[^]*events\s+= lookup\(var\.notifications, "backup_vault_events", \[\]\)/);
  });

  it('organization style: with the state, data sources become values and the result loads as it is', async () => {
    const converted = await convertModule('aws-ia-org', true);
    expect(converted.warnings).to.deep.equal(['the state has no id for aws_backup_global_settings.this: no import block for global_settings.this']);
    expect(converted.imports).to.equal(4);
    await withFiles(converted, async (dir) => {
      const { config } = await loadValidConfig({ dir, env: {}, vars: ['dr_vault_arn=arn:aws:backup:us-west-2:123456789012:backup-vault:dr'] });
      const vault = config.resources.find((r) => r.address === 'backup_vault.central')!;
      expect(vault.attributes.kms_key_arn).to.equal('arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab');
      expect(vault.attributes.lock).to.deep.equal({ min_retention_days: 7, max_retention_days: 365, changeable_for_days: 3 });
      expect(JSON.parse(String(vault.attributes.access_policy)).Statement[0].Sid).to.equal('AllowOrgCopyInto');
      const plan = config.resources.find((r) => r.address === 'backup_plan.org')!;
      const rules = plan.attributes.rule as Record<string, unknown>[];
      expect(rules.map((r) => r.name)).to.deep.equal(['daily', 'monthly']);
      expect((rules[0]!.copy as Record<string, unknown>[])[0]).to.deep.include({ destination_vault_arn: 'arn:aws:backup:us-west-2:123456789012:backup-vault:dr' });
      const selection = config.resources.find((r) => r.kind === 'backup_selection')!;
      expect(selection.attributes.iam_role_arn).to.equal('arn:aws:iam::123456789012:role/AWSBackupOrgRole');
    });
  });
});
