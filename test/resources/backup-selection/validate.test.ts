import { expect } from 'chai';
import { UNKNOWN } from '../../../src/core/values.js';
import { validateBackupSelection } from '../../../src/resources/backup-selection/validate.js';
import { selectionProd } from '../design-example.js';

const role = 'arn:aws:iam::123456789012:role/backup';

describe('resources/backup-selection/validate', () => {
  it('accepts the DESIGN.md example selection', () => {
    expect(validateBackupSelection({ attributes: selectionProd })).to.deep.equal([]);
  });

  it('checks the name, the role, and both ARN lists', () => {
    const problems = validateBackupSelection({
      attributes: { plan: UNKNOWN, name: 'prod resources', iam_role_arn: 'backup-role', resources: ['arn:aws:ec2:*:*:instance/*-web'], not_resources: ['i-1'] },
    });
    expect(problems.map((p) => [p.path, p.summary])).to.deep.equal([
      ['/name', 'Invalid backup selection name'],
      ['/iam_role_arn', 'Invalid IAM role ARN'],
      ['/resources/0', 'Invalid selection ARN'],
      ['/not_resources/0', 'Invalid selection ARN'],
    ]);
  });

  it('refuses a selection with neither resources nor tags, as AWS does', () => {
    const [p] = validateBackupSelection({ attributes: { plan: 'p', name: 'all', iam_role_arn: role, resources: [], tag: [] } });
    expect(p!.severity).to.equal('error');
    expect(p!.path).to.equal('');
    expect(p!.summary).to.equal('Selection selects nothing');
    expect(p!.detail).to.include("Either 'ListOfTags' or 'Resources' section must be non-empty");
  });

  it('refuses a selection by conditions only, saying to add resources = ["*"]', () => {
    const condition = [{ string_equals: { 'aws:ResourceTag/env': 'prod' } }];
    const [p] = validateBackupSelection({ attributes: { plan: 'p', name: 'c', iam_role_arn: role, condition } });
    expect(p!.severity).to.equal('error');
    expect(p!.path).to.equal('/condition');
    expect(p!.detail).to.include('add resources = ["*"]');
    expect(validateBackupSelection({ attributes: { plan: 'p', name: 'c', iam_role_arn: role, condition, resources: ['*'] } })).to.deep.equal([]);
  });

  it('does not warn when a criterion is unknown or present', () => {
    expect(validateBackupSelection({ attributes: { plan: 'p', name: 'n', iam_role_arn: role, resources: UNKNOWN } })).to.deep.equal([]);
    expect(validateBackupSelection({ attributes: { plan: 'p', name: 'n', iam_role_arn: role, tag: [{ key: 'backup', value: 'yes' }] } })).to.deep.equal([]);
    expect(validateBackupSelection({ attributes: { plan: 'p', name: 'n', iam_role_arn: role, resources: ['*'] } })).to.deep.equal([]);
  });
});
