import { expect } from 'chai';
import { covered, load, SANDBOX } from './evaluate-helpers.js';

const ON_DEMAND = (lifecycle: string): string =>
  `${SANDBOX}on_demand_backup "b" {\n  resource_arn = "arn:aws:ec2:eu-west-1:123456789012:instance/i-1"\n  vault = "v"\n  iam_role_arn = "arn:aws:iam::123456789012:role/r"\n  lifecycle {\n${lifecycle}\n  }\n}\n`;

describe('config/evaluate-resource', () => {

  describe('lifecycle', () => {
    it('reads prevent_destroy as a meta-argument, outside the attributes', () => {
      const loaded = load(`${SANDBOX}backup_vault "v" {\n  name = "v"\n  lifecycle { prevent_destroy = true }\n}\n`);
      expect(loaded.diagnostics).to.deep.equal([]);
      const vault = loaded.resource('backup_vault.v');
      expect(vault.lifecycle).to.deep.equal({ prevent_destroy: true });
      expect(vault.attributes).to.deep.equal({ name: 'v' });
    });

    it('defaults prevent_destroy to false', () => {
      expect(load(`${SANDBOX}backup_vault "v" { name = "v" }\n`).resource('backup_vault.v').lifecycle).to.deep.equal({ prevent_destroy: false });
    });

    it('keeps data keys of a kind that has a lifecycle, next to the meta keys', () => {
      const loaded = load(ON_DEMAND('    delete_after_days = 30\n    prevent_destroy = true'));
      expect(loaded.diagnostics).to.deep.equal([]);
      const backup = loaded.resource('on_demand_backup.b');
      expect(backup.attributes.lifecycle).to.deep.equal({ delete_after_days: 30 });
      expect(backup.lifecycle.prevent_destroy).to.equal(true);
      expect(backup.ranges.has('/lifecycle/delete_after_days')).to.equal(true);
    });

    it('adds no lifecycle attribute when the block holds only meta keys', () => {
      const backup = load(ON_DEMAND('    prevent_destroy = false')).resource('on_demand_backup.b');
      expect(backup.attributes).to.not.have.property('lifecycle');
    });

    it('reports data keys on a kind without a lifecycle, suggesting the meta keys', () => {
      const text = `${SANDBOX}backup_vault "v" {\n  name = "v"\n  lifecycle {\n    prevent_destory = true\n    delete_after_days = 3\n  }\n}\n`;
      const { errors } = load(text);
      expect(errors.map((e) => e.summary)).to.deep.equal(['Unsupported argument', 'Unsupported argument']);
      expect(errors[0]!.detail).to.contain('Did you mean "prevent_destroy"?');
      expect(covered(text, errors[1]!)).to.equal('delete_after_days');
    });

    it('reports a non-bool prevent_destroy and a second lifecycle block', () => {
      const text = `${SANDBOX}backup_vault "v" {\n  name = "v"\n  lifecycle { prevent_destroy = "yes" }\n  lifecycle {}\n}\n`;
      const { errors } = load(text);
      expect(errors.map((e) => e.summary)).to.deep.equal(['Invalid value', 'Duplicate lifecycle block']);
    });

    it('explains lifecycle written as an argument', () => {
      const { errors } = load(`${SANDBOX}backup_vault "v" {\n  name = "v"\n  lifecycle = { prevent_destroy = true }\n}\n`);
      expect(errors.map((e) => e.detail)).to.deep.equal(['lifecycle is a block, write `lifecycle { … }`.']);
    });

    it('reads ignore_changes (names or all) and create_before_destroy into the lifecycle settings', () => {
      const loaded = load(`${SANDBOX}backup_vault "v" {\n  name = "v"\n  lifecycle {\n    ignore_changes = [tags, "lock"]\n    create_before_destroy = true\n  }\n}\nbackup_vault "w" {\n  name = "w"\n  lifecycle { ignore_changes = all }\n}\n`);
      expect(loaded.diagnostics).to.deep.equal([]);
      expect(loaded.resource('backup_vault.v').lifecycle).to.deep.equal({ prevent_destroy: false, ignore_changes: ['tags', 'lock'], create_before_destroy: true });
      expect(loaded.resource('backup_vault.v').ranges.get('/lifecycle/create_before_destroy')!.start.line).to.equal(6);
      expect(loaded.resource('backup_vault.w').lifecycle).to.deep.equal({ prevent_destroy: false, ignore_changes: 'all' });
    });

    it('refuses ignore_changes entries that are not attributes of the resource, at the entry', () => {
      const text = `${SANDBOX}backup_vault "v" {\n  name = "v"\n  lifecycle { ignore_changes = [tgas] }\n}\nbackup_vault "w" {\n  name = "w"\n  lifecycle { ignore_changes = "tags" }\n}\nbackup_vault "x" {\n  name = "x"\n  lifecycle { ignore_changes = [tags["team"]] }\n}\n`;
      const { errors } = load(text);
      expect(errors.map((e) => [e.summary, covered(text, e)])).to.deep.equal([
        ['Invalid ignore_changes', 'tgas'],
        ['Invalid ignore_changes', '"tags"'],
        ['Invalid ignore_changes', 'tags["team"]'],
      ]);
      expect(errors[0]!.detail).to.include('Did you mean "tags"?');
    });
  });

  describe('provider', () => {
    const PROVIDERS = 'provider "aws" { region = "eu-west-1" }\nprovider "aws" {\n  alias = "dr"\n  region = "us-east-1"\n}\n';

    it('uses the single unaliased provider by default, and an alias when named', () => {
      const loaded = load(`${PROVIDERS}backup_vault "a" { name = "a" }\nbackup_vault "b" {\n  provider = aws.dr\n  name = "b"\n}\n`);
      expect(loaded.diagnostics).to.deep.equal([]);
      expect(loaded.resource('backup_vault.a').provider).to.equal('aws');
      expect(loaded.resource('backup_vault.b').provider).to.equal('aws.dr');
      expect(loaded.resource('backup_vault.b').attributes).to.not.have.property('provider');
    });

    it('reports a provider that is not configured, with a suggestion', () => {
      const text = `${PROVIDERS}backup_vault "b" {\n  provider = aws.rd\n  name = "b"\n}\n`;
      const { errors } = load(text);
      expect(errors).to.have.length(1);
      expect(errors[0]!.summary).to.equal('Provider configuration not present');
      expect(errors[0]!.detail).to.contain('Did you mean "aws.dr"?');
      expect(covered(text, errors[0]!)).to.equal('aws.rd');
    });

    it('refuses a quoted provider reference in HCL', () => {
      const { errors, config } = load(`${PROVIDERS}backup_vault "b" {\n  provider = "aws.dr"\n  name = "b"\n}\n`);
      expect(errors.map((e) => e.summary)).to.deep.equal(['Invalid provider reference']);
      expect(errors[0]!.detail).to.contain('without quotes');
      expect(config.resources[0]!.provider).to.equal('aws.dr');
    });

    it('reports an ambiguous default once', () => {
      const { errors } = load('provider "aws" {}\nprovider "sandbox" {}\nbackup_vault "a" { name = "a" }\nbackup_vault "b" { name = "b" }\n');
      expect(errors).to.have.length(1);
      expect(errors[0]!.summary).to.equal('Ambiguous provider');
      expect(errors[0]!.detail).to.contain('and 1 other resource');
    });

    it('reports a missing provider once', () => {
      const { errors } = load('backup_vault "a" { name = "a" }\nbackup_vault "b" { name = "b" }\n');
      expect(errors.map((e) => e.summary)).to.deep.equal(['Missing provider configuration']);
      const onlyAliased = load('provider "aws" { alias = "dr" }\nbackup_vault "a" { name = "a" }\n');
      expect(onlyAliased.errors[0]!.detail).to.contain('provider = aws.dr');
    });
  });
});
