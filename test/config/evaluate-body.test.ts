import { expect } from 'chai';
import type { SourceRange } from '../../src/core/diagnostics.js';
import { covered, load, SANDBOX } from './evaluate-helpers.js';

function errorsOf(text: string): Array<{ summary: string; detail: string; covered: string; context?: string }> {
  return load(text).errors.map((d) => ({ summary: d.summary, detail: d.detail ?? '', covered: covered(text, d), context: d.context }));
}

const at = (text: string, range: SourceRange | undefined): string => {
  if (!range) throw new Error('no range');
  return text.slice(range.start.offset, range.end.offset);
};

describe('config/evaluate-body', () => {

  describe('structure', () => {
    it('reports an unknown argument with a suggestion and the block context', () => {
      const [e, ...rest] = errorsOf(`${SANDBOX}backup_vault "v" {\n  name = "v"\n  kms_kye_arn = "k"\n}\n`);
      expect(rest).to.deep.equal([]);
      expect(e).to.deep.include({ summary: 'Unsupported argument', covered: 'kms_kye_arn', context: 'backup_vault "v"' });
      expect(e!.detail).to.contain('Did you mean "kms_key_arn"?');
    });

    it('explains a block written as an argument and an argument written as a block', () => {
      const text = `${SANDBOX}backup_plan "p" {\n  name = "p"\n  rule "r" {\n    target_vault = "v"\n    lifecycle = { delete_after_days = 5 }\n  }\n  tags {\n    a = "b"\n  }\n}\n`;
      const errors = errorsOf(text);
      expect(errors.map((e) => e.summary)).to.deep.equal(['Unsupported argument', 'Unsupported block type']);
      expect(errors[0]!.detail).to.equal('lifecycle is a block, write `lifecycle { … }`.');
      expect(errors[1]!.detail).to.equal('tags is an argument, write `tags = …`.');
    });

    it('reports unknown nested blocks with a suggestion', () => {
      const [e] = errorsOf(`${SANDBOX}backup_vault "v" {\n  name = "v"\n  notification {\n  }\n}\n`);
      expect(e!.summary).to.equal('Unsupported block type');
      expect(e!.detail).to.contain('Did you mean "notifications"?');
    });

    it('reports duplicate arguments and a single block given twice', () => {
      const text = `${SANDBOX}backup_vault "v" {\n  name = "a"\n  name = "b"\n  lock { min_retention_days = 1 }\n  lock { min_retention_days = 2 }\n}\n`;
      const errors = errorsOf(text);
      expect(errors.map((e) => e.summary)).to.deep.equal(['Duplicate argument', 'Duplicate lock block']);
      expect(errors[0]!.detail).to.contain('main.bkp.hcl:3,3');
      expect(load(text).resource('backup_vault.v').attributes).to.deep.include({ name: 'a', lock: { min_retention_days: 1 } });
    });

    it('reports duplicate rule names: rules are matched by name', () => {
      const text = `${SANDBOX}backup_plan "p" {\n  name = "p"\n  rule "daily" { target_vault = "v" }\n  rule "daily" { target_vault = "w" }\n}\n`;
      const [e] = errorsOf(text);
      expect(`${e!.summary}: ${e!.detail}`).to.contain('Duplicate rule name "daily": rules are matched by name, each must be unique');
      expect(e!.covered).to.equal('"daily"');
    });

    it('reports wrong nested label counts', () => {
      const text = `${SANDBOX}backup_plan "p" {\n  name = "p"\n  rule { target_vault = "v" }\n  rule "r" {\n    target_vault = "v"\n    lifecycle "x" {}\n  }\n}\n`;
      const errors = errorsOf(text);
      expect(errors.map((e) => e.summary)).to.deep.equal(['Missing name for rule', 'Extraneous label for lifecycle']);
      expect(errors[1]!.covered).to.equal('"x"');
    });

    it('reports every structure problem of a file in one run', () => {
      const text = `${SANDBOX}backup_vault "v" {\n  nam = "v"\n  tags { }\n  lock {\n    min_retention = 1\n  }\n}\nbackup_plan "p" {\n  name = "p"\n  rulle "r" {}\n}\n`;
      expect(errorsOf(text).map((e) => e.summary)).to.deep.equal(['Unsupported argument', 'Unsupported block type', 'Unsupported argument', 'Unsupported block type']);
    });
  });

  describe('values', () => {
    it('turns nested blocks into objects and lists, with labels as properties first', () => {
      const text = `${SANDBOX}backup_plan "p" {\n  name = "p"\n  rule "daily" {\n    target_vault = "v"\n    lifecycle { delete_after_days = 35 }\n    copy { destination_vault_arn = "a" }\n    copy { destination_vault_arn = "b" }\n  }\n}\n`;
      const attributes = load(text).resource('backup_plan.p').attributes;
      expect(attributes).to.deep.equal({
        name: 'p',
        rule: [{ name: 'daily', target_vault: 'v', lifecycle: { delete_after_days: 35 }, copy: [{ destination_vault_arn: 'a' }, { destination_vault_arn: 'b' }] }],
      });
      expect(Object.keys((attributes.rule as Array<Record<string, unknown>>)[0]!)[0]).to.equal('name');
    });

    it('leaves out arguments set to null', () => {
      const loaded = load(`${SANDBOX}backup_vault "v" {\n  name = "v"\n  kms_key_arn = null\n}\n`);
      expect(loaded.resource('backup_vault.v').attributes).to.deep.equal({ name: 'v' });
    });

    it('keeps policy blocks evaluated without a structure check', () => {
      const loaded = load(`${SANDBOX}locals { days = 35 }\npolicy "retention" {\n  minimum = local.days\n  applies_to "backup_plan" { severity = "error" }\n}\n`);
      expect(loaded.errors).to.deep.equal([]);
      expect(loaded.config.policies).to.have.length(1);
      expect(loaded.config.policies[0]!.name).to.equal('retention');
      expect(loaded.config.policies[0]!.attributes).to.deep.equal({ minimum: 35, applies_to: [{ severity: 'error', name: 'backup_plan' }] });
    });
  });

  describe('ranges', () => {
    const text = `${SANDBOX}backup_plan "p" {
  name = "p"
  rule "daily" {
    target_vault = "v"
    lifecycle { delete_after_days = 35 }
  }
  tags = { team = "infra", "a/b" = { c = 1 } }
}
backup_selection "s" {
  plan = "x"
  name = "s"
  iam_role_arn = "r"
  resources = ["arn:a", "arn:b"]
  condition {
    string_equals = { "aws:ResourceTag/env" = "prod" }
  }
}
`;

    it('maps JSON Pointers to the block, arguments, nested blocks, labels and literal items', () => {
      const loaded = load(text);
      expect(loaded.errors).to.deep.equal([]);
      const plan = loaded.resource('backup_plan.p').ranges;
      expect(at(text, plan.get(''))).to.match(/^backup_plan "p" \{[\s\S]*\}$/);
      expect(at(text, plan.get('/name'))).to.equal('"p"');
      expect(at(text, plan.get('/rule/0'))).to.match(/^rule "daily" \{[\s\S]*\}$/);
      expect(at(text, plan.get('/rule/0/name'))).to.equal('"daily"');
      expect(at(text, plan.get('/rule/0/lifecycle'))).to.equal('lifecycle { delete_after_days = 35 }');
      expect(at(text, plan.get('/rule/0/lifecycle/delete_after_days'))).to.equal('35');
      expect(at(text, plan.get('/tags/team'))).to.equal('"infra"');
      expect(at(text, plan.get('/tags/a~1b/c'))).to.equal('1');
      const selection = loaded.resource('backup_selection.s').ranges;
      expect(at(text, selection.get('/resources/1'))).to.equal('"arn:b"');
      expect(at(text, selection.get('/condition/0/string_equals/aws:ResourceTag~1env'))).to.equal('"prod"');
    });

    it('numbers list items as they appear in the list, skipping refused blocks', () => {
      const source = `${SANDBOX}backup_plan "p" {\n  name = "p"\n  rule "a" "extra" { target_vault = "x" }\n  rule "b" { target_vault = "y" }\n}\n`;
      const loaded = load(source);
      expect(loaded.errors.map((e) => e.summary)).to.deep.equal(['Extraneous label for rule']);
      const plan = loaded.resource('backup_plan.p');
      expect(plan.attributes.rule).to.deep.equal([{ name: 'b', target_vault: 'y' }]);
      expect(at(source, plan.ranges.get('/rule/0/target_vault'))).to.equal('"y"');
    });

    it('maps ranges of providers and the backend', () => {
      const source = 'provider "aws" { region = "eu-west-1" }\nbackend "s3" {\n  bucket = "b"\n  key = "k"\n}\n';
      const loaded = load(source);
      expect(loaded.errors).to.deep.equal([]);
      expect(at(source, loaded.config.providers[0]!.ranges.get('/region'))).to.equal('"eu-west-1"');
      expect(at(source, loaded.config.backend!.ranges.get('/bucket'))).to.equal('"b"');
      expect(at(source, loaded.config.backend!.ranges.get(''))).to.match(/^backend "s3"/);
    });
  });
});
