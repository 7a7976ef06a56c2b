import { expect } from 'chai';
import { likePatternMatches, selectionMatches, type SelectableResource } from '../../src/domain/selection-match.js';

const WEB: SelectableResource = { arn: 'arn:aws:ec2:eu-west-1:123456789012:instance/i-0abc', tags: { backup: 'daily', env: 'prod', app: 'web-frontend' } };
const tag = (key: string, value: string) => ({ key, value });

describe('domain/selection-match', () => {
  it('selects every resource when a selection has no criteria', () => {
    expect(selectionMatches({}, WEB)).to.equal(true);
    expect(selectionMatches({ resources: [], listOfTags: [] }, WEB)).to.equal(true);
  });

  it('ORs Resources with ListOfTags', () => {
    expect(selectionMatches({ resources: ['arn:aws:rds:*'] }, WEB)).to.equal(false);
    expect(selectionMatches({ resources: ['arn:aws:rds:*', 'arn:aws:ec2:*:*:instance/*'] }, WEB)).to.equal(true);
    expect(selectionMatches({ resources: ['arn:aws:rds:*'], listOfTags: [tag('backup', 'daily')] }, WEB)).to.equal(true);
    expect(selectionMatches({ listOfTags: [tag('backup', 'weekly'), tag('aws:ResourceTag/env', 'prod')] }, WEB)).to.equal(true);
    expect(selectionMatches({ listOfTags: [tag('backup', 'weekly')] }, WEB)).to.equal(false);
  });

  it('excludes NotResources, even when nothing else is given', () => {
    expect(selectionMatches({ resources: ['*'], notResources: [WEB.arn] }, WEB)).to.equal(false);
    expect(selectionMatches({ notResources: ['arn:aws:ec2:*:*:instance/*'] }, WEB)).to.equal(false);
    expect(selectionMatches({ notResources: ['arn:aws:ec2:*:*:volume/*'] }, WEB)).to.equal(true);
  });

  it('applies StringEquals, StringNotEquals, StringLike and StringNotLike with AND, case sensitive', () => {
    const env = 'aws:ResourceTag/env';
    const app = 'aws:ResourceTag/app';
    expect(selectionMatches({ stringEquals: [tag(env, 'prod')] }, WEB)).to.equal(true);
    expect(selectionMatches({ stringEquals: [tag(env, 'Prod')] }, WEB)).to.equal(false);
    expect(selectionMatches({ stringNotEquals: [tag(env, 'dev')] }, WEB)).to.equal(true);
    expect(selectionMatches({ stringNotEquals: [tag(env, 'prod')] }, WEB)).to.equal(false);
    expect(selectionMatches({ stringLike: [tag(app, '*-front*')] }, WEB)).to.equal(true);
    expect(selectionMatches({ stringLike: [tag(app, 'WEB-*')] }, WEB)).to.equal(false);
    expect(selectionMatches({ stringNotLike: [tag(app, 'web-*')] }, WEB)).to.equal(false);
    expect(selectionMatches({ stringNotLike: [tag(app, 'db-*')] }, WEB)).to.equal(true);
    expect(selectionMatches({ stringEquals: [tag(env, 'prod')], stringLike: [tag(app, 'db-*')] }, WEB)).to.equal(false);
    expect(selectionMatches({ resources: ['*'], stringEquals: [tag(env, 'prod'), tag(app, 'web-frontend')] }, WEB)).to.equal(true);
  });

  it('treats a missing tag as unequal and unlike every value', () => {
    const missing = 'aws:ResourceTag/missing';
    expect(selectionMatches({ stringEquals: [tag(missing, '')] }, WEB)).to.equal(false);
    expect(selectionMatches({ stringNotEquals: [tag(missing, 'x')] }, WEB)).to.equal(true);
    expect(selectionMatches({ stringLike: [tag(missing, '*')] }, WEB)).to.equal(false);
    expect(selectionMatches({ stringNotLike: [tag(missing, '*')] }, WEB)).to.equal(true);
  });

  // The sandbox's copy read tags with resource.tags[key], so a key every object inherits
  // (constructor, toString) found a function: StringLike "*" selected, and StringNotLike "*"
  // excluded, resources that have no such tag. AWS sees no tag.
  it('sees no tag where a resource object only inherits a property of that name', () => {
    for (const key of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      const condition = [tag(`aws:ResourceTag/${key}`, '*')];
      expect(selectionMatches({ stringLike: condition }, WEB), key).to.equal(false);
      expect(selectionMatches({ stringNotLike: condition }, WEB), key).to.equal(true);
      expect(selectionMatches({ listOfTags: [tag(key, '*')] }, WEB), key).to.equal(false);
    }
    const tagged: SelectableResource = { arn: WEB.arn, tags: { constructor: 'yes' } };
    expect(selectionMatches({ stringEquals: [tag('aws:ResourceTag/constructor', 'yes')] }, tagged)).to.equal(true);
  });

  it('reads "*" in Like values as any characters, and nothing else as special', () => {
    expect(likePatternMatches('*', '')).to.equal(true);
    expect(likePatternMatches('a*c', 'abbbc')).to.equal(true);
    expect(likePatternMatches('a.c', 'abc')).to.equal(false);
    expect(likePatternMatches('a?c', 'abc')).to.equal(false);
    expect(likePatternMatches('line*', 'line\nbreak')).to.equal(true);
  });
});
