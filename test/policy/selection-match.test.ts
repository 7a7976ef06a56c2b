import { expect } from 'chai';
import { selectionMatches } from '../../src/policy/selection-match.js';
import { UNKNOWN } from '../../src/core/values.js';
import { WEB } from './builders.js';

describe('policy selection matching', () => {
  it('ORs resources and tags, then excludes not_resources and applies every condition', () => {
    expect(selectionMatches({}, WEB)).to.equal(true);
    expect(selectionMatches({ resources: ['arn:aws:rds:*'] }, WEB)).to.equal(false);
    expect(selectionMatches({ resources: ['arn:aws:rds:*'], tag: [{ key: 'backup', value: 'daily' }] }, WEB)).to.equal(true);
    expect(selectionMatches({ tag: [{ key: 'aws:ResourceTag/backup', value: 'daily' }] }, WEB)).to.equal(true);
    expect(selectionMatches({ resources: ['*'], not_resources: [WEB.arn] }, WEB)).to.equal(false);
    expect(selectionMatches({ resources: ['*'], condition: [{ string_equals: { 'aws:ResourceTag/backup': 'daily' } }] }, WEB)).to.equal(true);
    expect(selectionMatches({ resources: ['*'], condition: [{ string_not_equals: { 'aws:ResourceTag/backup': 'daily' } }] }, WEB)).to.equal(false);
    expect(selectionMatches({ resources: ['*'], condition: [{ string_like: { 'aws:ResourceTag/backup': 'da*' } }] }, WEB)).to.equal(true);
    expect(selectionMatches({ resources: ['*'], condition: [{ string_like: { 'aws:ResourceTag/missing': '*' } }] }, WEB)).to.equal(false);
    expect(selectionMatches({ resources: ['*'], condition: [{ string_not_like: { 'aws:ResourceTag/backup': '*ly' } }] }, WEB)).to.equal(false);
    expect(selectionMatches({ resources: ['*'], condition: [{ string_not_like: { 'aws:ResourceTag/missing': '*' } }] }, WEB)).to.equal(true);
  });

  it('never matches through values unknown until apply', () => {
    expect(selectionMatches({ resources: [UNKNOWN] }, WEB)).to.equal(false);
  });
});
