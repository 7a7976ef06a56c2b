import { expect } from 'chai';
import { loadConfig } from '../../src/app/configuration.js';
import { convertToSchema } from '../../src/config/schema-conversions.js';
import { UNKNOWN } from '../../src/core/values.js';
import { load, SANDBOX, tempDir } from './evaluate-helpers.js';

const PLAN = `${SANDBOX}
variable "days" {}
variable "continuous" {}
variable "team" { default = 5 }
backup_vault "main" {
  name = "main"
  tags = { team = var.team }
}
backup_plan "daily" {
  name = "daily"
  rule "daily" {
    target_vault         = backup_vault.main.name
    start_window_minutes = var.days
    continuous_backup    = var.continuous
    lifecycle {
      delete_after_days = var.days
    }
  }
}
`;

describe('config/schema-conversions', () => {
  describe('convertToSchema', () => {
    const schema = {
      type: 'object',
      properties: {
        days: { type: 'integer' },
        ratio: { type: 'number' },
        on: { type: 'boolean' },
        name: { type: 'string' },
        either: { type: ['string', 'integer'] },
        rules: { type: 'array', items: { type: 'object', properties: { days: { type: 'integer' } } } },
        tags: { type: 'object', additionalProperties: { type: 'string' } },
      },
    };

    it('converts number and bool text where the schema expects a number or a bool, and numbers and bools to text where it expects a string', () => {
      const converted = convertToSchema(
        { days: '42', ratio: '1.5e1', on: 'false', name: 7, rules: [{ days: '3' }], tags: { a: true, b: 2 } },
        schema,
      );
      expect(converted).to.deep.equal({ days: 42, ratio: 15, on: false, name: '7', rules: [{ days: 3 }], tags: { a: 'true', b: '2' } });
    });

    it('leaves values that do not convert, that the schema accepts as they are, or that are unknown or unlisted', () => {
      const input = { days: 'forty', on: 'yes', either: '5', ratio: UNKNOWN, other: '1', constructor: '1' };
      expect(convertToSchema(input, schema)).to.deep.equal(input);
    });

    it('leaves out a null element of a map, as the Terraform AWS provider does, and keeps a null element of a list for the schema check', () => {
      expect(convertToSchema({ tags: { owner: null, team: 'infra' }, rules: [null] }, schema)).to.deep.equal({ tags: { team: 'infra' }, rules: [null] });
    });

    it('does not change its input', () => {
      const input = { days: '42' };
      convertToSchema(input, schema);
      expect(input).to.deep.equal({ days: '42' });
    });
  });

  describe('in resources', () => {
    it('an untyped variable set with -var is the number or bool the attribute expects, everywhere it is used', () => {
      const loaded = load(PLAN, { vars: ['days=42', 'continuous=true'] });
      expect(loaded.errors).to.deep.equal([]);
      const rule = (loaded.resource('backup_plan.daily').attributes.rule as Record<string, unknown>[])[0]!;
      expect(rule).to.deep.include({ start_window_minutes: 42, continuous_backup: true, lifecycle: { delete_after_days: 42 } });
      expect(loaded.resource('backup_vault.main').attributes.tags).to.deep.equal({ team: '5' });
    });

    it('a null tag, recovery point tag or condition value is not sent: the key is left out, not the text "null"', () => {
      const loaded = load(`${SANDBOX}
variable "owner" {
  type    = string
  default = null
}
backup_vault "main" {
  name = "main"
  tags = { owner = var.owner, team = "infra" }
}
backup_plan "daily" {
  name = "daily"
  rule "daily" {
    target_vault        = backup_vault.main.name
    recovery_point_tags = { x = null, plan = "daily" }
  }
}
backup_selection "all" {
  plan         = backup_plan.daily
  name         = "all"
  iam_role_arn = "arn:aws:iam::123456789012:role/backup"
  resources    = ["*"]
  condition {
    string_equals = { "aws:ResourceTag/env" = null, "aws:ResourceTag/app" = "web" }
  }
}
`);
      expect(loaded.errors).to.deep.equal([]);
      expect(loaded.resource('backup_vault.main').attributes.tags).to.deep.equal({ team: 'infra' });
      expect((loaded.resource('backup_plan.daily').attributes.rule as Record<string, unknown>[])[0]!.recovery_point_tags).to.deep.equal({ plan: 'daily' });
      expect((loaded.resource('backup_selection.all').attributes.condition as Record<string, unknown>[])[0]!.string_equals).to.deep.equal({ 'aws:ResourceTag/app': 'web' });
    });

    it('BKP_VAR_ values convert the same way, and the configuration validates', async () => {
      const dir = tempDir({ 'main.bkp.hcl': PLAN });
      const result = await loadConfig({ dir, env: { BKP_VAR_days: '120', BKP_VAR_continuous: 'false' } });
      expect(result.diagnostics.filter((d) => d.severity === 'error')).to.deep.equal([]);
      const plan = result.config!.resources.find((r) => r.address === 'backup_plan.daily')!;
      expect((plan.attributes.rule as Record<string, unknown>[])[0]).to.deep.include({ start_window_minutes: 120, continuous_backup: false });
    });

    it('a string that is no number keeps the clear error at the attribute', async () => {
      const dir = tempDir({ 'main.bkp.hcl': PLAN });
      const result = await loadConfig({ dir, vars: ['days=a month', 'continuous=true'], env: {} });
      const errors = result.diagnostics.filter((d) => d.severity === 'error');
      expect(errors.map((e) => e.detail)).to.deep.equal([
        'Inappropriate value for "start_window_minutes": a whole number is required, but got string "a month".',
        'Inappropriate value for "delete_after_days": a whole number is required, but got string "a month".',
      ]);
      expect(errors.map((e) => e.range?.start.line)).to.deep.equal([14, 17]);
    });
  });
});
