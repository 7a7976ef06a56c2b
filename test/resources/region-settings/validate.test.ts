import { expect } from 'chai';
import { validateRegionSettings } from '../../../src/resources/region-settings/validate.js';
import { regionSettingsModel } from '../../../src/resources/region-settings/model.js';
import { validationContext } from '../../../src/resources/rules/context.js';
import { resourceConfig } from '../../support/resource-config.js';

const check = (attributes: Parameters<typeof resourceConfig>[1]) => {
  const resource = resourceConfig('region_settings.main', attributes);
  return validateRegionSettings(resource, validationContext({ resources: [resource], providers: [] }));
};

describe('resources/region-settings', () => {
  it('accepts every resource type AWS lists, spaces included', () => {
    expect(check({ resource_type_opt_in_preference: { 'SAP HANA on Amazon EC2': true, 'Storage Gateway': false, 'Redshift Serverless': true }, resource_type_management_preference: { EFS: true } })).to.deep.equal([]);
  });

  it('positions an unknown type at its key, with a suggestion', () => {
    const problems = check({ resource_type_opt_in_preference: { ebs: true }, resource_type_management_preference: { DynamDB: true } });
    expect(problems.map((p) => [p.path, p.summary])).to.deep.equal([
      ['/resource_type_opt_in_preference/ebs', 'Unknown resource type'],
      ['/resource_type_management_preference/DynamDB', 'Unknown resource type'],
    ]);
    expect(problems[0]!.detail).to.include('Did you mean "EBS"?');
    expect(problems[1]!.detail).to.include('Did you mean "DynamoDB"?');
  });

  it('has a canonical form with sorted maps and unset as empty: no spurious diff', () => {
    const configured = regionSettingsModel.canonical({ resource_type_opt_in_preference: { S3: true, EC2: false } });
    expect(JSON.stringify(configured)).to.equal('{"resource_type_opt_in_preference":{"EC2":false,"S3":true},"resource_type_management_preference":{}}');
  });
});
