// bkp has two tables of Terraform's aws_backup_* names: src/config/terraform-names.ts (diagnostics
// and docs/language.md) and src/adopt/terraform-mapping.ts (what `bkp convert` rewrites). They are
// shaped for their readers; this test keeps them saying the same thing, so a name fixed in one is
// fixed in both.
import { expect } from 'chai';
import { TERRAFORM_KINDS, type BodyMapping } from '../../src/adopt/terraform-mapping.js';
import { TERRAFORM_RESOURCES, type TerraformBody } from '../../src/config/terraform-names.js';

function disagreements(type: string, convert: BodyMapping, names: TerraformBody, path: string): string[] {
  const found: string[] = [];
  for (const [tf, bkp] of Object.entries(convert.attributes)) {
    const named = names[tf];
    if (named === undefined) found.push(`${type}${path}.${tf}: convert maps it to "${bkp}", terraform-names.ts does not list it`);
    else if (named.bkp !== null && !named.inline && named.bkp !== bkp) found.push(`${type}${path}.${tf}: convert says "${bkp}", terraform-names.ts says "${named.bkp}"`);
  }
  for (const [tf, nested] of Object.entries(convert.blocks)) {
    const named = names[tf];
    if (named === undefined) {
      found.push(`${type}${path}.${tf}: convert maps the block to "${nested.to}", terraform-names.ts does not list it`);
      continue;
    }
    if (named.bkp !== null && !named.inline && named.bkp !== nested.to) found.push(`${type}${path}.${tf}: convert says block "${nested.to}", terraform-names.ts says "${named.bkp}"`);
    if (named.body) found.push(...disagreements(type, nested, named.body, `${path}.${tf}`));
  }
  return found;
}

describe('the two tables of Terraform names', () => {
  it('map every resource bkp convert knows to the same bkp kind and names', () => {
    const found: string[] = [];
    for (const [type, mapping] of Object.entries(TERRAFORM_KINDS)) {
      const resource = TERRAFORM_RESOURCES.find((r) => r.type === type);
      if (!resource) {
        found.push(`${type}: convert knows it, terraform-names.ts does not`);
        continue;
      }
      if (resource.kind !== mapping.kind) found.push(`${type}: convert makes a ${mapping.kind}, terraform-names.ts says ${resource.kind}`);
      found.push(...disagreements(type, mapping.body, resource.body, ''));
    }
    expect(found).to.deep.equal([]);
  });
});
