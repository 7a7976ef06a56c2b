// The Terraform-to-bkp table names only what exists: every bkp name it gives is an argument or a
// block of the kind's schema at that place, and every Terraform name that differs from bkp's is
// one bkp does not accept there (otherwise the hint could never fire, or would fire wrongly).
import { expect } from 'chai';
import { blockSchema, bodySpec, computedAttributes, type BodySpec } from '../../src/config/block-schema.js';
import { TERRAFORM_RESOURCES, terraformHint, terraformNamesOf, terraformResourceHint, type TerraformBody } from '../../src/config/terraform-names.js';

function check(body: TerraformBody, spec: BodySpec, computed: readonly string[], where: string, problems: string[]): void {
  const known = [...spec.attributes, ...Object.keys(spec.blocks), ...computed];
  for (const [name, field] of Object.entries(body)) {
    if (field.bkp !== null && !known.includes(field.bkp)) problems.push(`${where}.${name} → ${field.bkp}: no such bkp name`);
    if (field.bkp !== name && spec.attributes.includes(name)) problems.push(`${where}.${name}: bkp accepts this name, the table says ${field.bkp}`);
    if (field.body && field.inline) check(field.body, spec, computed, `${where}.${name}`, problems);
    else if (field.body && field.bkp !== null) {
      const nested = spec.blocks[field.bkp];
      if (nested) check(field.body, nested.body, [], `${where}.${name}`, problems);
      else if (!spec.attributes.includes(field.bkp)) problems.push(`${where}.${name}: ${field.bkp} is not a block`);
    }
  }
}

describe('Terraform names', () => {
  it('maps every Terraform name to a bkp name that exists at that place', () => {
    const problems: string[] = [];
    for (const resource of TERRAFORM_RESOURCES) {
      if (resource.kind === null) continue;
      const spec = bodySpec(blockSchema(resource.kind)!);
      const target = resource.block ? spec.blocks[resource.block]?.body : spec;
      expect(target, `${resource.type}: ${resource.kind}.${resource.block}`).to.not.equal(undefined);
      check(resource.body, target!, resource.block ? [] : [...computedAttributes(resource.kind), 'id'], resource.type, problems);
    }
    expect(problems).to.deep.equal([]);
  });

  it('tells the bkp name for a Terraform name, nested blocks included, and nothing for other names', () => {
    const plan = terraformNamesOf('backup_plan');
    expect(terraformHint(plan?.blocks.get('rule'), 'copy_action')).to.equal('"copy_action" is Terraform\'s name; in bkp it is "copy".');
    expect(terraformHint(plan?.blocks.get('rule')?.blocks.get('copy')?.blocks.get('lifecycle'), 'delete_after')).to.contain('"delete_after_days"');
    expect(terraformHint(plan, 'copy_action')).to.equal(undefined);
    expect(terraformHint(plan, 'colour')).to.equal(undefined);
    expect(terraformHint(terraformNamesOf('backup_vault')?.blocks.get('lock'), 'backup_vault_name')).to.contain('inside its backup_vault block');
    // A Terraform block whose members are arguments of the enclosing bkp block.
    expect(terraformHint(terraformNamesOf('backup_framework')?.blocks.get('control'), 'compliance_resource_types')).to.contain('"resource_types"');
    expect(terraformResourceHint('aws_backup_plan', 'daily')).to.contain('backup_plan "daily" { … }');
    expect(terraformResourceHint('aws_instance', 'x')).to.equal(undefined);
  });
});
