// The pure parts of adoption: labels, default elision, references, and the Terraform translation
// (including what it cannot translate, reported at file:line).
import { expect } from 'chai';
import { LabelAllocator, snakeCase } from '../../src/adopt/naming.js';
import { generateConfiguration } from '../../src/adopt/generate.js';
import { generatedKinds } from '../../src/adopt/read-account.js';
import { convertTerraform } from '../../src/adopt/convert.js';
import { formatHcl } from '../../src/config/format/format.js';
import type { AdoptedObject } from '../../src/adopt/model.js';

const ROLE = 'arn:aws:iam::123456789012:role/backup';

function vault(name: string): AdoptedObject {
  return { kind: 'backup_vault', id: name, awsName: name, attributes: { name, tags: {}, arn: `arn:aws:backup:eu-west-1:123456789012:backup-vault:${name}`, recovery_points: 0, locked: false } };
}

describe('adoption: labels', () => {
  it('derives snake_case identifiers from AWS names', () => {
    expect(snakeCase('Prod-Daily.Plan')).to.equal('prod_daily_plan');
    expect(snakeCase('EBSVolumes')).to.equal('ebs_volumes');
    expect(snakeCase('2024 audit')).to.equal('_2024_audit');
    expect(snakeCase('---')).to.equal('object');
  });

  it('keeps labels unique within a kind', () => {
    const labels = new LabelAllocator();
    expect(['prod-main', 'prod_main', 'Prod Main'].map((n) => labels.label(n))).to.deep.equal(['prod_main', 'prod_main_2', 'prod_main_3']);
  });
});

describe('adoption: generate', () => {
  const plan: AdoptedObject = {
    kind: 'backup_plan',
    id: 'p-1',
    awsName: 'daily',
    attributes: {
      name: 'daily',
      id: 'p-1',
      arn: 'arn:aws:backup:eu-west-1:123456789012:backup-plan:p-1',
      version_id: 'v1',
      tags: {},
      windows_vss: false,
      rule: [
        {
          name: 'daily',
          target_vault: 'main',
          timezone: 'Etc/UTC',
          start_window_minutes: 480,
          completion_window_minutes: 10080,
          continuous_backup: false,
          recovery_point_tags: {},
          lifecycle: { delete_after_days: 35 },
          copy: [{ destination_vault_arn: 'arn:aws:backup:eu-west-1:123456789012:backup-vault:dr' }],
        },
      ],
    },
  };
  const selection = (sid: string, name: string): AdoptedObject => ({
    kind: 'backup_selection',
    id: `p-1/${sid}`,
    awsName: name,
    attributes: { plan: 'p-1', name, iam_role_arn: ROLE, resources: ['arn:aws:ec2:*:*:volume/*'], not_resources: [], tag: [], condition: [], id: `p-1/${sid}` },
  });
  const generated = generateConfiguration([vault('main'), vault('dr'), plan, selection('s1', 'a'), selection('s2', 'b')], [], { type: 'aws', attributes: { region: 'eu-west-1' } });
  const plans = generated.files.get('plans.bkp.hcl')!;

  it('leaves out what equals bkp’s defaults', () => {
    expect(plans).not.to.match(/timezone|start_window_minutes|completion_window_minutes|continuous_backup|windows_vss|not_resources|recovery_point_tags/);
    expect(plans).to.include('delete_after_days = 35');
  });

  it('writes shared values as references and locals', () => {
    expect(plans).to.include('target_vault = backup_vault.main.name');
    expect(plans).to.include('destination_vault_arn = backup_vault.dr.arn');
    expect(plans.match(/plan += backup_plan\.daily\.id/g)).to.have.length(2);
    expect(plans.match(/iam_role_arn = local\.backup_arn/g)).to.have.length(2);
    expect(generated.files.get('main.bkp.hcl')).to.include(`backup_arn = "${ROLE}"`);
  });

  it('writes an import block per object, formatted as bkp fmt would', () => {
    expect(generated.imports).to.equal(5);
    expect(generated.files.get('imports.bkp.hcl')).to.include('to = backup_selection.b\n  id = "p-1/s2"');
    for (const [file, text] of generated.files) expect(formatHcl(text, file)).to.deep.equal({ ok: true, text });
  });

  it('skips AWS-managed objects with a note, and the selections of a skipped plan', () => {
    const efs: AdoptedObject = { ...vault('aws/efs/automatic-backup-vault') };
    const orgPlan: AdoptedObject = { ...plan, id: 'orgs/p-2', awsName: 'org' };
    const orgSelection: AdoptedObject = { ...selection('s3', 'c'), id: 'orgs/p-2/s3' };
    const out = generateConfiguration([efs, orgPlan, orgSelection], [], { type: 'aws', attributes: { region: 'eu-west-1' } });
    expect(out.imports).to.equal(0);
    expect(out.skipped.map((s) => s.id)).to.deep.equal(['aws/efs/automatic-backup-vault', 'orgs/p-2', 'orgs/p-2/s3']);
    expect(out.files.get('main.bkp.hcl')).to.include('Left out:');
  });

  it('leaves out the objects within a left-out object, whatever their kind', () => {
    const efsPlan: AdoptedObject = { ...plan, id: 'p-3', awsName: 'aws/efs/automatic-backup-plan' };
    const efsSelection: AdoptedObject = { ...selection('s4', 'd'), id: 'p-3/s4' };
    const towerPlan: AdoptedObject = { kind: 'restore_testing_plan', id: 'aws-controltower-restores', awsName: 'aws-controltower-restores', attributes: { name: 'aws-controltower-restores' } };
    const towerSelection: AdoptedObject = {
      kind: 'restore_testing_selection',
      id: 'aws-controltower-restores/ebs',
      awsName: 'ebs',
      attributes: { name: 'ebs', restore_testing_plan_name: 'aws-controltower-restores' },
    };
    const out = generateConfiguration([efsPlan, efsSelection, towerPlan, towerSelection], [], { type: 'aws', attributes: { region: 'eu-west-1' } });
    expect(out.imports).to.equal(0);
    expect(out.skipped.map((s) => `${s.id}: ${s.reason}`)).to.deep.equal([
      'p-3: made and managed by an AWS service (its name starts with aws/)',
      'p-3/s4: its backup plan is left out',
      'aws-controltower-restores: managed by AWS Control Tower',
      'aws-controltower-restores/ebs: its restore testing plan is left out',
    ]);
  });

  it('reads the kinds a kind is found within before it, and every kind it reads has a way to find its objects', () => {
    const kinds = generatedKinds().map((g) => g.kind.name);
    expect(kinds).to.include.members(['backup_vault', 'backup_plan', 'backup_selection', 'restore_testing_selection', 'global_settings']);
    for (const { kind, generation } of generatedKinds()) {
      if (generation.within) expect(kinds.indexOf(generation.within.kind), kind.name).to.be.within(0, kinds.indexOf(kind.name) - 1);
      else expect(kind.handler.list, kind.name).to.be.a('function');
    }
  });
});

describe('adoption: convert from Terraform', () => {
  const tf = `
variable "env" { default = "prod" }
resource "aws_backup_vault" "main" {
  name     = "main-\${var.env}"
  tags_all = {}
}
resource "aws_backup_vault_policy" "main" {
  backup_vault_name = aws_backup_vault.main.name
  policy            = data.aws_iam_policy_document.vault.json
}
resource "aws_backup_plan" "p" {
  name = "p"
  rule {
    rule_name         = "r"
    target_vault_name = aws_backup_vault.main.id
    schedule          = "cron(0 5 ? * * *)"
    enable_continuous_backup = true
    lifecycle { delete_after = 30 }
  }
  dynamic "advanced_backup_setting" {
    for_each = []
    content {}
  }
}
resource "aws_backup_selection" "s" {
  count        = 1
  name         = "s"
  plan_id      = aws_backup_plan.p.id
  iam_role_arn = aws_iam_role.r.arn
  resources    = [timestamp()]
}
`;
  const converted = convertTerraform([{ path: 'main.tf', text: tf }], undefined);

  it('renames attributes and blocks, and translates references', () => {
    const plans = converted.files.get('plans.bkp.hcl')!;
    expect(plans).to.include('rule "r" {');
    expect(plans).to.include('target_vault      = backup_vault.main.name');
    expect(plans).to.include('continuous_backup = true');
    expect(plans).to.include('delete_after_days = 30');
    expect(plans).to.match(/\n  plan\s+= backup_plan\.p\.id\n/);
    expect(converted.files.get('vaults.bkp.hcl')).to.include('name = "main-${var.env}"');
    expect(converted.files.get('vaults.bkp.hcl')).not.to.include('tags_all');
  });

  it('reports what it cannot translate at file:line and keeps it as a comment', () => {
    expect(converted.warnings).to.deep.equal([
      'main.tf:20: a dynamic "advanced_backup_setting" block: write the blocks out',
      'main.tf:29: aws_iam_role.r: bkp does not manage aws_iam_role; give the value, or convert with -state to take it from the Terraform state',
      'main.tf:30: timestamp(): bkp has no such function',
      'main.tf:9: data.aws_iam_policy_document.vault: bkp has no such data source; give the value, or convert with -state to take it from the Terraform state',
    ]);
    expect(converted.files.get('plans.bkp.hcl')).to.include('# resources    = [timestamp()]');
  });

  it('takes values of what bkp does not manage from the state, and import ids from it', () => {
    const state = {
      resources: [
        { mode: 'managed' as const, type: 'aws_iam_role', name: 'r', instances: [{ attributes: { arn: ROLE } }] },
        { mode: 'data' as const, type: 'aws_iam_policy_document', name: 'vault', instances: [{ attributes: { json: '{"Statement":[]}' } }] },
        { mode: 'managed' as const, type: 'aws_backup_plan', name: 'p', instances: [{ attributes: { id: 'p-1', arn: 'arn:aws:backup:eu-west-1:1:backup-plan:p-1' } }] },
      ],
    };
    const out = convertTerraform([{ path: 'main.tf', text: tf }], state);
    expect(out.files.get('plans.bkp.hcl')).to.include(`iam_role_arn = "${ROLE}"`);
    expect(out.files.get('vaults.bkp.hcl')).to.include('access_policy = "{\\"Statement\\":[]}"');
    expect(out.files.get('imports.bkp.hcl')).to.include('to = backup_plan.p\n  id = "p-1"');
  });

  it('keeps count and count.index, and imports each counted instance by its index', () => {
    const counted = `
resource "aws_backup_vault" "team" {
  count = 2
  name  = "team-\${count.index}"
}
`;
    const state = {
      resources: [0, 1].map((i) => ({ mode: 'managed' as const, type: 'aws_backup_vault', name: 'team', instances: [{ index_key: i, attributes: { id: `team-${i}`, name: `team-${i}` } }] })),
    };
    const out = convertTerraform([{ path: 'main.tf', text: counted }], { resources: state.resources.map((r, i) => ({ ...r, instances: state.resources[i]!.instances })) });
    expect(out.warnings).to.deep.equal([]);
    const vaults = out.files.get('vaults.bkp.hcl')!;
    expect(vaults).to.include('count = 2');
    expect(vaults).to.include('name  = "team-${count.index}"');
    expect(out.files.get('imports.bkp.hcl')).to.include('to = backup_vault.team[0]');
    expect(out.files.get('imports.bkp.hcl')).to.include('to = backup_vault.team[1]');
  });

  it('keeps splats over variables and locals as written, the attribute-only form too', () => {
    const tf = `
variable "vaults" { type = list(any) }
locals {
  names = var.vaults[*].name
  first = var.vaults.*.name[0]
}
`;
    const out = convertTerraform([{ path: 'main.tf', text: tf }], undefined);
    expect(out.warnings).to.deep.equal([]);
    expect(out.files.get('main.bkp.hcl')).to.include('names = var.vaults[*].name');
    expect(out.files.get('main.bkp.hcl')).to.include('first = var.vaults.*.name[0]');
  });

  it("keeps a provider's for_each and its assume_role's role, session name and external id", () => {
    const providers = `
provider "aws" {
  alias    = "account"
  for_each = var.accounts
  region   = each.value.region
  assume_role {
    role_arn     = "arn:aws:iam::\${each.value.id}:role/backup"
    session_name = "ci"
    external_id  = "x-1"
    duration     = "1h"
  }
}
variable "accounts" { type = map(any) }
`;
    const out = convertTerraform([{ path: 'main.tf', text: providers }], undefined);
    const main = out.files.get('main.bkp.hcl')!;
    expect(main).to.include('for_each = var.accounts');
    expect(main).to.match(/assume_role \{\n\s+role_arn\s+= "arn:aws:iam::\$\{each.value.id\}:role\/backup"/);
    expect(main).to.include('external_id');
    expect(out.warnings).to.deep.equal(['main.tf:10: assume_role duration: bkp has no such argument']);
  });
});
