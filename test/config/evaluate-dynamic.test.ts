import { expect } from 'chai';
import { UNKNOWN } from '../../src/core/values.js';
import { covered, load, SANDBOX } from './evaluate-helpers.js';

const plan = (body: string, prelude = ''): string => `${SANDBOX}${prelude}backup_plan "p" {\n  name = "p"\n${body}\n}\n`;

function errorsOf(text: string, options: Parameters<typeof load>[1] = {}): Array<{ summary: string; detail: string; covered: string; line: number }> {
  return load(text, options).errors.map((d) => ({ summary: d.summary, detail: d.detail ?? '', covered: covered(text, d), line: d.range!.start.line }));
}

describe('config/evaluate-dynamic', () => {
  it('generates one labelled rule per map element, with rule.key and rule.value, as written rules would be', () => {
    const text = plan(`  dynamic "rule" {
    for_each = { daily = 35, weekly = 90 }
    labels   = [rule.key]
    content {
      target_vault = "v"
      lifecycle { delete_after_days = rule.value }
    }
  }`);
    const loaded = load(text);
    expect(loaded.errors).to.deep.equal([]);
    expect(loaded.resource('backup_plan.p').attributes.rule).to.deep.equal([
      { name: 'daily', target_vault: 'v', lifecycle: { delete_after_days: 35 } },
      { name: 'weekly', target_vault: 'v', lifecycle: { delete_after_days: 90 } },
    ]);
    const written = load(plan(`  rule "daily" {\n    target_vault = "v"\n    lifecycle { delete_after_days = 35 }\n  }\n  rule "weekly" {\n    target_vault = "v"\n    lifecycle { delete_after_days = 90 }\n  }`));
    expect(loaded.resource('backup_plan.p').attributes).to.deep.equal(written.resource('backup_plan.p').attributes);
    // Values of generated blocks point into content, where the user wrote them.
    const range = loaded.resource('backup_plan.p').ranges.get('/rule/1/lifecycle/delete_after_days');
    expect(text.slice(range!.start.offset, range!.end.offset)).to.equal('rule.value');
  });

  it('nests dynamic blocks, with a custom iterator, list indexes as keys and written blocks beside generated ones', () => {
    const text = plan(`  dynamic "rule" {
    for_each = var.rules
    iterator = r
    labels   = [r.value.name]
    content {
      target_vault = "v-\${r.key}"
      dynamic "copy" {
        for_each = r.value.copies
        content {
          destination_vault_arn = "arn:aws:backup:us-east-1:123456789012:backup-vault:\${copy.value}-\${r.value.name}"
        }
      }
      copy { destination_vault_arn = "arn:aws:backup:us-east-1:123456789012:backup-vault:always" }
    }
  }`, 'variable "rules" {\n  default = [{ name = "a", copies = ["x", "y"] }, { name = "b", copies = [] }]\n}\n');
    const loaded = load(text);
    expect(loaded.errors).to.deep.equal([]);
    const arn = (name: string) => ({ destination_vault_arn: `arn:aws:backup:us-east-1:123456789012:backup-vault:${name}` });
    expect(loaded.resource('backup_plan.p').attributes.rule).to.deep.equal([
      { name: 'a', target_vault: 'v-0', copy: [arn('x-a'), arn('y-a'), arn('always')] },
      { name: 'b', target_vault: 'v-1', copy: [arn('always')] },
    ]);
  });

  it('generates an optional single block from a list of zero or one element', () => {
    const body = (on: string) => plan(`  rule "r" {\n    target_vault = "v"\n    dynamic "lifecycle" {\n      for_each = ${on} ? [1] : []\n      content { delete_after_days = 7 }\n    }\n  }`);
    expect(load(body('true')).resource('backup_plan.p').attributes.rule).to.deep.equal([{ name: 'r', target_vault: 'v', lifecycle: { delete_after_days: 7 } }]);
    expect(load(body('false')).resource('backup_plan.p').attributes.rule).to.deep.equal([{ name: 'r', target_vault: 'v' }]);
  });

  it('generates condition blocks of a selection and works with each inside a for_each resource', () => {
    const text = `${SANDBOX}backup_selection "s" {
  for_each     = { prod = "web" }
  plan         = "p"
  name         = "s-\${each.key}"
  iam_role_arn = "arn:aws:iam::123456789012:role/backup"
  dynamic "condition" {
    for_each = [each.value]
    content {
      string_equals = { "aws:ResourceTag/app" = condition.value }
    }
  }
}
`;
    const loaded = load(text);
    expect(loaded.errors).to.deep.equal([]);
    expect(loaded.resource('backup_selection.s["prod"]').attributes.condition).to.deep.equal([{ string_equals: { 'aws:ResourceTag/app': 'web' } }]);
  });

  it('generates framework controls, selection tags and vault notifications', () => {
    const text = `${SANDBOX}backup_framework "f" {
  name = "f"
  dynamic "control" {
    for_each = { resources_protected_by_backup_plan = ["EC2"], resources_protected_by_backup_vault_lock = ["RDS"] }
    labels   = [control.key]
    content {
      resource_types = control.value
    }
  }
}
backup_selection "s" {
  plan         = "p"
  name         = "s"
  iam_role_arn = "arn:aws:iam::123456789012:role/backup"
  dynamic "tag" {
    for_each = { backup = "daily", env = "prod" }
    content {
      key   = tag.key
      value = tag.value
    }
  }
}
backup_vault "v" {
  name = "v"
  dynamic "notifications" {
    for_each = ["arn:aws:sns:eu-west-1:123456789012:backup"]
    content {
      sns_topic_arn = notifications.value
      events        = ["BACKUP_JOB_FAILED"]
    }
  }
}
`;
    const loaded = load(text);
    expect(loaded.errors).to.deep.equal([]);
    expect((loaded.resource('backup_framework.f').attributes.control as Array<{ name: string }>).map((c) => c.name)).to.deep.equal([
      'resources_protected_by_backup_plan',
      'resources_protected_by_backup_vault_lock',
    ]);
    expect(loaded.resource('backup_selection.s').attributes.tag).to.deep.equal([
      { key: 'backup', value: 'daily' },
      { key: 'env', value: 'prod' },
    ]);
    expect(loaded.resource('backup_vault.v').attributes.notifications).to.deep.equal({ sns_topic_arn: 'arn:aws:sns:eu-west-1:123456789012:backup', events: ['BACKUP_JOB_FAILED'] });
  });

  it('reports generated blocks as written ones: a duplicate rule name points at labels', () => {
    const [e, ...rest] = errorsOf(plan(`  dynamic "rule" {\n    for_each = ["a", "b"]\n    labels   = ["same"]\n    content { target_vault = "v" }\n  }`));
    expect(rest).to.deep.equal([]);
    expect(e).to.deep.include({ summary: 'Duplicate rule name "same"', covered: '["same"]' });
  });

  it('refuses a dynamic block of an argument, of an unknown block type (with a suggestion) and of a resource lifecycle', () => {
    const errors = errorsOf(plan(`  dynamic "tags" {\n    for_each = {}\n    content {}\n  }\n  dynamic "rules" {\n    for_each = {}\n    content {}\n  }\n  dynamic "lifecycle" {\n    for_each = [1]\n    content { prevent_destroy = true }\n  }`));
    expect(errors.map((e) => [e.summary, e.covered])).to.deep.equal([
      ['Unsupported block type', '"tags"'],
      ['Unsupported block type', '"rules"'],
      ['Invalid dynamic block type', '"lifecycle"'],
    ]);
    expect(errors[0]!.detail).to.contain('tags is an argument, not a block');
    expect(errors[1]!.detail).to.contain('Did you mean "rule"?');
  });

  it('refuses a for_each that is not a collection, is sensitive, or is known only after apply', () => {
    const dyn = (forEach: string) => plan(`  rule "r" {\n    target_vault = "v"\n    dynamic "copy" {\n      for_each = ${forEach}\n      content { destination_vault_arn = "arn:aws:backup:us-east-1:123456789012:backup-vault:x" }\n    }\n  }`, 'variable "secret" {\n  default   = ["a"]\n  sensitive = true\n}\nbackup_vault "v" { name = "v" }\n');
    const notCollection = errorsOf(dyn('"x"'));
    expect(notCollection).to.have.length(1);
    expect(notCollection[0]).to.deep.include({ summary: 'Invalid dynamic for_each value', covered: '"x"' });
    expect(notCollection[0]!.detail).to.contain('needs a list, a set or a map, but this is "x"');
    expect(errorsOf(dyn('var.secret'))[0]!.detail).to.contain('sensitive');
    expect(errorsOf(dyn('[backup_vault.v.arn]'))).to.deep.equal([]);
    const afterApply = errorsOf(dyn('{ (backup_vault.v.arn) = 1 }'));
    expect(afterApply.map((e) => e.summary)).to.deep.equal(['Invalid dynamic for_each value']);
    expect(afterApply[0]!.detail).to.contain('known only after apply');
  });

  it('under validate, a for_each from a variable without a value leaves the block type unknown and reports nothing', () => {
    const text = plan(`  rule "r" {\n    target_vault = "v"\n    dynamic "copy" {\n      for_each = var.copies\n      content { destination_vault_arn = copy.value }\n    }\n  }`, 'variable "copies" { type = list(string) }\n');
    const loaded = load(text, { missingAsUnknown: true });
    expect(loaded.errors).to.deep.equal([]);
    expect(loaded.resource('backup_plan.p').attributes.rule).to.deep.equal([{ name: 'r', target_vault: 'v', copy: UNKNOWN }]);
  });

  it('checks references in content even when for_each is empty: undeclared variables and iterator attributes, once each', () => {
    const text = plan(`  dynamic "rule" {\n    for_each = {}\n    labels   = [rule.keys]\n    content { target_vault = var.vualt }\n  }`, 'variable "vault" { default = "v" }\n');
    const errors = errorsOf(text);
    expect(errors.map((e) => [e.summary, e.covered, e.line])).to.deep.equal([
      ['Unsupported attribute', 'keys', 7],
      ['Reference to undeclared input variable', 'var.vualt', 8],
    ]);
    expect(errors[0]!.detail).to.contain('Did you mean "key"?');
    expect(errors[1]!.detail).to.contain('Did you mean "vault"?');
    // Evaluated per element, the same mistake is still reported once.
    expect(errorsOf(text.replace('for_each = {}', 'for_each = { a = 1, b = 2 }')).filter((e) => e.summary === 'Unsupported attribute')).to.have.length(1);
  });

  it('reports the shape of a dynamic block: missing for_each, content or labels, and unexpected arguments', () => {
    const errors = errorsOf(plan(`  dynamic "rule" {\n    content {}\n  }\n  dynamic "rule" {\n    for_each = {}\n  }\n  dynamic "rule" {\n    for_each = { a = 1 }\n    content { target_vault = "v" }\n  }\n  dynamic "rule" {\n    for_each = {}\n    name = "x"\n    content {}\n  }`));
    expect(errors.map((e) => [e.summary, e.line])).to.deep.equal([
      ['Missing required argument', 4],
      ['Missing content block', 7],
      ['Missing labels for dynamic "rule"', 10],
      ['Unsupported argument', 16],
    ]);
    expect(errors[2]!.detail).to.contain('labels = [rule.key]');
  });

  it('stops at the work limit when nested dynamic blocks multiply', () => {
    const many = `split(",", "${Array.from({ length: 300 }, (_, i) => i).join(',')}")`;
    const text = plan(`  dynamic "rule" {\n    for_each = ${many}\n    labels = ["r\${rule.key}"]\n    content {\n      target_vault = "v"\n      dynamic "copy" {\n        for_each = ${many}\n        content { destination_vault_arn = "x" }\n      }\n    }\n  }`);
    const errors = errorsOf(text);
    expect(errors.map((e) => e.summary)).to.include('Evaluation limit exceeded');
  });
});
