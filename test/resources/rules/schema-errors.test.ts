import { expect } from 'chai';
import { UNKNOWN } from '../../../src/core/values.js';
import { schemaProblems } from '../../../src/resources/rules/schema-errors.js';

const role = 'arn:aws:iam::123456789012:role/backup';
const brief = (kind: string, attributes: Parameters<typeof schemaProblems>[1]) =>
  schemaProblems(kind, attributes).map(({ path, summary, detail, keyword }) => ({ path, summary, detail, keyword }));

describe('resources/rules/schema-errors', () => {
  it('reports a missing required argument at the block, naming it', () => {
    expect(brief('backup_selection', { plan: 'p', name: 'n' })).to.deep.equal([
      {
        path: '',
        summary: 'Missing required argument',
        detail: 'The argument "iam_role_arn" is required, but no definition was found.',
        keyword: 'required',
      },
    ]);
  });

  it('reports each missing argument once', () => {
    const problems = brief('backup_selection', {});
    expect(problems.map((p) => p.detail)).to.deep.equal([
      'The argument "plan" is required, but no definition was found.',
      'The argument "name" is required, but no definition was found.',
      'The argument "iam_role_arn" is required, but no definition was found.',
    ]);
  });

  it('reports a missing block in Terraform words', () => {
    const [p] = brief('backup_plan', { name: 'x' });
    expect(p!.summary).to.equal('Insufficient rule blocks');
    expect(p!.detail).to.match(/^At least 1 "rule" block is required\./);
    const [q] = brief('backup_plan', { name: 'x', rule: [] });
    expect([q!.path, q!.summary]).to.deep.equal(['/rule', 'Insufficient rule blocks']);
  });

  it('reports missing arguments inside nested blocks at the nested block', () => {
    const [p] = brief('backup_plan', { name: 'x', rule: [{ name: 'daily' }] });
    expect(p!.path).to.equal('/rule/0');
    expect(p!.detail).to.equal('The argument "target_vault" is required, but no definition was found.');
  });

  it('reports wrong types with what is required and what was given', () => {
    const [p, ...rest] = brief('backup_plan', { name: 'x', rule: [{ name: 'r', target_vault: 'v', start_window_minutes: '60' }] });
    expect(rest).to.be.empty;
    expect(p).to.deep.equal({
      path: '/rule/0/start_window_minutes',
      summary: 'Incorrect attribute value type',
      detail: 'Inappropriate value for "start_window_minutes": a whole number is required, but got string "60".',
      keyword: 'type',
    });
    expect(brief('backup_plan', { name: 'x', rule: [{ name: 'r', target_vault: 'v', start_window_minutes: 61.5 }] })[0]!.detail).to.include('a whole number is required, but got number 61.5');
  });

  it('names map elements and list elements', () => {
    expect(brief('backup_vault', { name: 'vault', tags: { team: 5 } })[0]).to.include({
      path: '/tags/team',
      detail: 'Inappropriate value for "tags" element "team": a string is required, but got number 5.',
    });
    expect(brief('backup_selection', { plan: 'p', name: 'n', iam_role_arn: role, resources: ['a', true] })[0]).to.include({
      path: '/resources/1',
      detail: 'Inappropriate value for "resources" element 1: a string is required, but got bool true.',
    });
  });

  it('says a block is expected where a block is', () => {
    expect(brief('backup_vault', { name: 'vault', lock: 'yes' })[0]!.detail).to.equal('Inappropriate value for "lock": a "lock" block is required, but got string "yes".');
    expect(brief('backup_vault', { name: 'vault', tags: ['a'] })[0]!.detail).to.equal('Inappropriate value for "tags": a map is required, but got a list.');
  });

  it('lists the accepted values of an enum, with a suggestion', () => {
    const [p] = brief('backup_selection', { plan: 'p', name: 'n', iam_role_arn: role, tag: [{ key: 'k', value: 'v', condition_type: 'STRINGEQUAL' }] });
    expect(p).to.deep.equal({
      path: '/tag/0/condition_type',
      summary: 'Invalid value',
      detail: '"STRINGEQUAL" is not a valid value for "condition_type". Did you mean "STRINGEQUALS"? Accepted values: STRINGEQUALS.',
      keyword: 'enum',
    });
  });

  it('states numeric bounds and explains patterns in words', () => {
    expect(brief('backup_vault', { name: 'vault', lock: { changeable_for_days: 1 } })[0]!.detail).to.match(/^"changeable_for_days" is 1, but it must be at least 3\. Days \(at least 3\)/);
    expect(brief('provider_sandbox', { account_id: '42' })[0]!.detail).to.equal('"42" is not a valid value for "account_id". The 12-digit account id that appears in ARNs. Default 123456789012.');
  });

  it('reports unsupported arguments with a suggestion', () => {
    expect(brief('backup_vault', { name: 'vault', kms_key_ar: 'x' })).to.deep.equal([
      { path: '/kms_key_ar', summary: 'Unsupported argument', detail: 'An argument named "kms_key_ar" is not expected here. Did you mean "kms_key_arn"?', keyword: 'additionalProperties' },
    ]);
  });

  it('reports invalid map keys once', () => {
    const problems = brief('backup_vault', { name: 'vault', tags: { ['k'.repeat(129)]: 'v' } });
    expect(problems).to.have.length(1);
    expect(problems[0]!.summary).to.equal('Invalid map key');
    expect(problems[0]!.detail).to.include('Keys must be 1 to 128 characters long.');
  });

  it('reports duplicates in a unique list', () => {
    expect(brief('backup_vault', { name: 'vault', notifications: { sns_topic_arn: 'a', events: ['BACKUP_JOB_FAILED', 'BACKUP_JOB_FAILED'] } })[0]).to.include({
      path: '/notifications/events',
      detail: '"events" lists "BACKUP_JOB_FAILED" more than once; each value may appear only once.',
    });
  });

  it('does not check values unknown until apply', () => {
    expect(brief('backup_selection', { plan: UNKNOWN, name: UNKNOWN, iam_role_arn: UNKNOWN })).to.deep.equal([]);
    expect(brief('backup_vault', { name: 'vault', notifications: { sns_topic_arn: UNKNOWN, events: [UNKNOWN, UNKNOWN] } })).to.deep.equal([]);
    expect(brief('backup_vault', { name: 'vault', tags: UNKNOWN })).to.deep.equal([]);
  });

  it('still checks the structure around unknown values', () => {
    expect(brief('backup_selection', { plan: UNKNOWN, name: 'n' })[0]!.detail).to.include('"iam_role_arn" is required');
    expect(brief('backup_vault', { name: UNKNOWN, colour: 'blue' })[0]!.summary).to.equal('Unsupported argument');
  });

  it('treats null as unset', () => {
    expect(brief('backup_vault', { name: 'vault', tags: null, kms_key_arn: null })).to.deep.equal([]);
    expect(brief('backup_vault', { name: null })[0]!.summary).to.equal('Missing required argument');
  });

  it('returns nothing for a schema that does not exist', () => {
    expect(schemaProblems('no_such_block', { anything: 1 })).to.deep.equal([]);
  });
});
