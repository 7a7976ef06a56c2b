import { expect } from 'chai';
import { UNKNOWN } from '../../src/core/values.js';
import { selectionMatches } from '../../src/domain/selection-match.js';
import { selectionCriteria } from '../../src/policy/selection-criteria.js';
import { WEB } from './builders.js';

describe('policy selection criteria', () => {
  it('reads resources, not_resources, tag blocks and every condition block', () => {
    expect(
      selectionCriteria({
        resources: ['arn:aws:ec2:*:*:instance/*'],
        not_resources: ['arn:aws:ec2:*:*:instance/i-0old*'],
        tag: [{ key: 'backup', value: 'daily' }],
        condition: [{ string_equals: { 'aws:ResourceTag/env': 'prod' } }, { string_not_like: { 'aws:ResourceTag/app': 'test-*' }, string_like: { 'aws:ResourceTag/team': 'i*' } }],
      }),
    ).to.deep.equal({
      resources: ['arn:aws:ec2:*:*:instance/*'],
      notResources: ['arn:aws:ec2:*:*:instance/i-0old*'],
      listOfTags: [{ key: 'backup', value: 'daily' }],
      stringEquals: [{ key: 'aws:ResourceTag/env', value: 'prod' }],
      stringNotEquals: [],
      stringLike: [{ key: 'aws:ResourceTag/team', value: 'i*' }],
      stringNotLike: [{ key: 'aws:ResourceTag/app', value: 'test-*' }],
    });
  });

  it('selects as AWS Backup does: resources or tags, then not_resources and every condition', () => {
    const matches = (selection: Parameters<typeof selectionCriteria>[0]) => selectionMatches(selectionCriteria(selection)!, WEB);
    expect(matches({})).to.equal(true);
    expect(matches({ resources: ['arn:aws:rds:*'] })).to.equal(false);
    expect(matches({ resources: ['arn:aws:rds:*'], tag: [{ key: 'backup', value: 'daily' }] })).to.equal(true);
    expect(matches({ tag: [{ key: 'aws:ResourceTag/backup', value: 'daily' }] })).to.equal(true);
    expect(matches({ resources: ['*'], not_resources: [WEB.arn] })).to.equal(false);
    expect(matches({ resources: ['*'], condition: [{ string_equals: { 'aws:ResourceTag/backup': 'daily' } }] })).to.equal(true);
    expect(matches({ resources: ['*'], condition: [{ string_not_equals: { 'aws:ResourceTag/backup': 'daily' } }] })).to.equal(false);
    expect(matches({ resources: ['*'], condition: [{ string_like: { 'aws:ResourceTag/backup': 'da*' } }] })).to.equal(true);
    expect(matches({ resources: ['*'], condition: [{ string_not_like: { 'aws:ResourceTag/backup': '*ly' } }] })).to.equal(false);
  });

  it('selects nothing yet through resources or tags unknown until apply', () => {
    expect(selectionCriteria({ resources: [UNKNOWN] })).to.equal(undefined);
    expect(selectionCriteria({ tag: [{ key: 'backup', value: UNKNOWN }] })).to.equal(undefined);
    // A known entry still selects what it names.
    expect(selectionCriteria({ resources: [UNKNOWN, WEB.arn] })!.resources).to.deep.equal([WEB.arn]);
    // An unknown list is no list: the selection has no resource criteria.
    expect(selectionCriteria({ resources: UNKNOWN })!.resources).to.deep.equal([]);
  });

  it('excludes nothing through not_resources or conditions unknown until apply', () => {
    const criteria = selectionCriteria({ not_resources: [UNKNOWN], condition: [{ string_equals: { 'aws:ResourceTag/env': UNKNOWN } }] })!;
    expect(criteria.notResources).to.deep.equal([]);
    expect(criteria.stringEquals).to.deep.equal([]);
    expect(selectionMatches(criteria, WEB)).to.equal(true);
  });
});
