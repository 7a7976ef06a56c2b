import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { ConfigFile } from '../../src/config/ast.js';
import { evaluateConfig } from '../../src/config/evaluate.js';
import { parseHcl } from '../../src/config/syntax/hcl-parser.js';
import { parseJsonConfig } from '../../src/config/syntax/json-parser.js';
import { UNKNOWN } from '../../src/core/values.js';
import { load, parseFile, SANDBOX } from './evaluate-helpers.js';

const examplesDir = fileURLToPath(new URL('../../examples/', import.meta.url));

function example(name: string): { files: ConfigFile[]; dir: string } {
  const dir = join(examplesDir, name);
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.bkp.hcl'))
    .sort()
    .map((f) => parseFile(f, readFileSync(join(dir, f), 'utf8')));
  return { files, dir };
}

describe('config/evaluate', () => {

  describe('the examples', () => {
    it('evaluates the quickstart without diagnostics', () => {
      const { files, dir } = example('quickstart');
      const { config, diagnostics } = evaluateConfig(files, { dir });
      expect(diagnostics).to.deep.equal([]);
      expect(config.resources.map((r) => r.address)).to.deep.equal([
        'backup_vault.main',
        'backup_plan.standard',
        'backup_selection.tagged',
        'on_demand_backup.before-upgrade',
      ]);
      expect(config.resources.find((r) => r.kind === 'backup_selection')!.attributes.plan).to.equal(UNKNOWN);
      expect(config.providers.map((p) => p.key)).to.deep.equal(['sandbox']);
    });

    it('evaluates the production example, with for_each, aliases and file()', () => {
      const { files, dir } = example('production');
      const { config, diagnostics } = evaluateConfig(files, { dir, vars: ['dr_region=us-west-2'] });
      expect(diagnostics).to.deep.equal([]);
      const dr = config.resources.find((r) => r.address === 'backup_vault.dr')!;
      expect(dr.provider).to.equal('aws.dr');
      expect(config.providers.find((p) => p.key === 'aws.dr')!.attributes.region).to.equal('us-west-2');
      const prod = config.resources.find((r) => r.address === 'backup_vault.primary["prod"]')!;
      expect(prod.lifecycle.prevent_destroy).to.equal(true);
      expect(JSON.parse(prod.attributes.access_policy as string)).to.have.property('Statement');
      expect(config.resources.find((r) => r.address === 'backup_selection.by_tag["staging"]')!.dependencies).to.deep.equal(['backup_plan.daily']);
    });

    it('evaluates the production example\'s estate: air-gapped copies, scan and index actions, settings, legal hold, tiering', () => {
      const { files, dir } = example('production');
      const { config, diagnostics } = evaluateConfig(files, { dir });
      expect(diagnostics).to.deep.equal([]);
      const byAddress = (address: string) => config.resources.find((r) => r.address === address)!;
      for (const address of ['logically_air_gapped_vault.isolated', 'region_settings.primary', 'global_settings.org', 'legal_hold.audit', 'tiering_configuration.s3']) {
        expect(byAddress(address), address).to.not.equal(undefined);
      }
      const prod = byAddress('backup_plan.daily["prod"]');
      expect(prod.dependencies).to.include('logically_air_gapped_vault.isolated');
      const [daily] = prod.attributes.rule as Record<string, unknown>[];
      expect(daily!.copy).to.deep.equal([
        { destination_vault_arn: UNKNOWN, lifecycle: { delete_after_days: 70 } },
        { destination_vault_arn: UNKNOWN, lifecycle: { delete_after_days: 35 } },
      ]);
      expect(daily!.scan_action).to.deep.equal([{ malware_scanner: 'GUARDDUTY', scan_mode: 'INCREMENTAL_SCAN' }]);
      expect(daily!.index_action).to.deep.equal([{ resource_types: ['EBS'] }]);
      expect(prod.attributes.scan_setting).to.deep.equal([
        { malware_scanner: 'GUARDDUTY', resource_types: ['EBS'], scanner_role_arn: 'arn:aws:iam::123456789012:role/GuardDutyMalwareScanner' },
      ]);
      expect((byAddress('legal_hold.audit').attributes.recovery_point_selection as Record<string, unknown>).vault_names).to.deep.equal(['primary-prod']);
    });
  });

  describe('sensitive values', () => {
    const PRELUDE = `${SANDBOX}variable "secret" {\n  default = "s3cr3t"\n  sensitive = true\n}\nlocals { derived = "x-\${var.secret}" }\n`;

    it('lists the paths of attributes that depend on a sensitive variable', () => {
      const text = `${PRELUDE}backup_plan "p" {\n  name = "p"\n  rule "r" {\n    target_vault = "v"\n    recovery_point_tags = { t = local.derived }\n  }\n  tags = { a = var.secret }\n}\n`;
      const loaded = load(text);
      expect(loaded.diagnostics).to.deep.equal([]);
      expect(loaded.resource('backup_plan.p').sensitivePaths).to.have.members(['/rule/0/recovery_point_tags', '/tags']);
      expect(loaded.config.variables[0]!.value).to.equal('s3cr3t');
    });

    it('follows sensitivity through references to other resources', () => {
      const text = `${PRELUDE}backup_vault "v" { name = var.secret }\nbackup_plan "p" {\n  name = "p"\n  rule "r" { target_vault = backup_vault.v.name }\n}\nbackup_vault "w" { name = "w" }\n`;
      const loaded = load(text);
      expect(loaded.resource('backup_vault.v').sensitivePaths).to.deep.equal(['/name']);
      expect(loaded.resource('backup_plan.p').sensitivePaths).to.deep.equal(['/rule/0/target_vault']);
      expect(loaded.resource('backup_vault.w').sensitivePaths).to.deep.equal([]);
    });
  });

  describe('several problems', () => {
    const text = `${SANDBOX}variable "n" { type = number }
backup_vault "v" {
  name   = upper(var.nope)
  colour = "blue"
}
backup_plan "p" {
  name = 1 + "x"
  rule "daily" { target_vault = backup_vault.v.nmae }
  rule "daily" { target_vault = "v" }
}
locals {
  a = local.b
  b = local.a
}
`;

    it('reports all of them in one run, each with a range and its block', () => {
      const { errors, config } = load(text);
      expect(errors.map((e) => e.summary)).to.have.members([
        'No value for required variable',
        'Reference to undeclared input variable',
        'Unsupported argument',
        'Invalid operand',
        'Unsupported attribute',
        'Duplicate rule name "daily"',
        'Cycle in references',
      ]);
      for (const e of errors) {
        expect(e.range, e.summary).to.not.equal(undefined);
        expect(e.context, e.summary).to.be.a('string');
      }
      // The configuration is still returned, partially evaluated.
      expect(config.resources.map((r) => r.address)).to.deep.equal(['backup_vault.v', 'backup_plan.p']);
    });

    it('orders diagnostics by position', () => {
      const lines = load(text).errors.map((e) => e.range!.start.line);
      expect(lines).to.deep.equal([...lines].sort((a, b) => a - b));
    });
  });

  describe('JSON configurations', () => {
    it('evaluates a .bkp.json file, reading references written as strings', () => {
      const json = JSON.stringify({
        provider: { aws: [{ region: 'eu-west-1' }, { alias: 'dr', region: 'us-east-1' }] },
        variable: { env: { type: 'string', default: 'prod' }, days: { type: 'list(number)', default: [1] } },
        backup_vault: {
          main: { name: 'main-${var.env}', provider: 'aws.dr', lifecycle: { prevent_destroy: true } },
          other: { name: 'other', depends_on: ['backup_vault.main'] },
        },
        backup_plan: { daily: { name: 'd', rule: { daily: { target_vault: '${backup_vault.main.name}', lifecycle: { delete_after_days: 3 } } } } },
        import: [{ to: 'backup_vault.main', id: 'main-prod' }],
      });
      const parsed = parseJsonConfig(json, 'main.bkp.json');
      expect(parsed.diagnostics).to.deep.equal([]);
      const { config, diagnostics } = evaluateConfig([{ path: 'main.bkp.json', text: json, body: parsed.body }], { dir: examplesDir });
      expect(diagnostics).to.deep.equal([]);
      const main = config.resources.find((r) => r.address === 'backup_vault.main')!;
      expect(main.provider).to.equal('aws.dr');
      expect(main.attributes.name).to.equal('main-prod');
      expect(main.lifecycle.prevent_destroy).to.equal(true);
      expect(config.resources.find((r) => r.address === 'backup_vault.other')!.dependencies).to.deep.equal(['backup_vault.main']);
      expect(config.variables.find((v) => v.name === 'days')!.type).to.equal('list(number)');
      expect(config.imports).to.deep.equal([{ to: 'backup_vault.main', id: 'main-prod', range: config.imports[0]!.range }]);
      const rule = (config.resources.find((r) => r.kind === 'backup_plan')!.attributes.rule as Array<Record<string, unknown>>)[0]!;
      expect(rule.target_vault).to.equal('main-prod');
    });
  });

  describe('robustness', () => {
    it('never throws, whatever the parser produced', () => {
      const pieces = [
        'backup_vault "a" {',
        'backup_plan "b" {',
        'rule "r" {',
        'lifecycle {',
        'locals {',
        'variable "v" {',
        'provider "sandbox" {',
        'import {',
        '}',
        'name = ',
        'for_each = ',
        'provider = ',
        'depends_on = ',
        'to = ',
        'type = ',
        'var.v',
        'local.x',
        'each.key',
        'backup_vault.a',
        'backup_vault.a["k"].name',
        '[for k, v in var.v : k => v]',
        '{ for s in local.x : s => s... }',
        'f(1)',
        'merge(local.x, [1])',
        '1 / 0',
        '"${null}"',
        'null',
        '[',
        ']',
        '{',
        'x = 1',
        'true ? 1 : "a"',
        '\n',
      ];
      let seed = 7;
      const random = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
      for (let i = 0; i < 300; i++) {
        const text = Array.from({ length: 1 + Math.floor(random() * 25) }, () => pieces[Math.floor(random() * pieces.length)]).join(' ');
        const parsed = parseHcl(text, 'fuzz.bkp.hcl');
        const result = evaluateConfig([{ path: 'fuzz.bkp.hcl', text, body: parsed.body }], { dir: examplesDir, vars: ['v=1'] });
        expect(result.config, text).to.be.an('object');
        expect(result.diagnostics, text).to.be.an('array');
      }
    });
  });
});
