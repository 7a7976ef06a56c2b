import { expect } from 'chai';
import type { BackendConfig } from '../../src/config/model.js';
import { rangeFor, validateConfig } from '../../src/resources/validate.js';
import { config, NOW, pathOf, provider, rangesFor, resource } from './helpers.js';
import { onDemandBeforeMigration, planDaily, selectionProd, vaultMain } from './design-example.js';

function backend(type: string, attributes: BackendConfig['attributes']): BackendConfig {
  const ranges = rangesFor(attributes);
  return { type, attributes, ranges, range: ranges.get('')! };
}

describe('resources/validate', () => {
  it('accepts the whole DESIGN.md example', () => {
    const example = config([
      resource('backup_vault', vaultMain, { name: 'main' }),
      resource('backup_plan', planDaily, { name: 'daily' }),
      resource('backup_selection', selectionProd, { name: 'prod' }),
      resource('on_demand_backup', onDemandBeforeMigration, { name: 'before-migration' }),
    ], [provider('aws', { region: 'eu-west-1', profile: 'ops', endpoint: 'http://127.0.0.1:5000' })]);
    example.backend = backend('local', { path: 'bkp.state.json' });
    expect(validateConfig(example, { now: NOW })).to.deep.equal([]);
  });

  it('positions a missing argument at the block and names the resource', () => {
    const selection = resource('backup_selection', { plan: 'p', name: 'n', resources: ['*'] }, { name: 'prod' });
    const [d, ...rest] = validateConfig(config([selection]), { now: NOW });
    expect(rest).to.be.empty;
    expect(d).to.deep.equal({
      severity: 'error',
      summary: 'Missing required argument',
      detail: 'The argument "iam_role_arn" is required, but no definition was found.',
      range: selection.range,
      context: 'backup_selection "prod"',
    });
  });

  it('positions each problem at the offending value', () => {
    const plan = resource('backup_plan', {
      name: 'p',
      rule: [{ name: 'r', target_vault: 'v', start_window_minutes: '60', lifecycle: { delete_after_days: 40000 } }],
    });
    const diagnostics = validateConfig(config([plan]), { now: NOW });
    expect(diagnostics.map((d) => [pathOf(d, plan.ranges), d.summary])).to.deep.equal([
      ['/rule/0/start_window_minutes', 'Incorrect attribute value type'],
      ['/rule/0/lifecycle/delete_after_days', 'Invalid lifecycle'],
    ]);
    expect(diagnostics.every((d) => d.context === 'backup_plan "test"')).to.equal(true);
  });

  it('gives one diagnostic per mistake when a semantic rule explains the schema error better', () => {
    const vault = resource('backup_vault', { name: 'a', lock: { changeable_for_days: 1 } });
    const diagnostics = validateConfig(config([vault]), { now: NOW });
    expect(diagnostics.map((d) => [pathOf(d, vault.ranges), d.summary])).to.deep.equal([
      ['/name', 'Invalid backup vault name'],
      ['/lock/changeable_for_days', 'Invalid vault lock'],
    ]);
  });

  it('keeps structural schema errors next to semantic ones at the same block', () => {
    const plan = resource('backup_plan', { name: 'p', rule: [{ name: 'pitr', continuous_backup: true }] });
    expect(validateConfig(config([plan]), { now: NOW }).map((d) => d.summary)).to.have.members(['Missing required argument', 'Continuous backups need a retention']);
  });

  it('falls back to the nearest range of a parent, then to the block', () => {
    const plan = resource('backup_plan', { name: 'p', rule: [{ name: 'r', target_vault: 'v', schedule: 'cron(0 0 32 * ? *)' }] });
    plan.ranges.delete('/rule/0/schedule');
    const [d] = validateConfig(config([plan]), { now: NOW });
    expect(pathOf(d!, plan.ranges)).to.equal('/rule/0');
    expect(rangeFor(new Map(), '/a/b')).to.equal(undefined);
    expect(rangeFor(plan.ranges, '/rule/0/lifecycle/delete_after_days')).to.equal(plan.ranges.get('/rule/0'));
  });

  it('validates providers and the backend', () => {
    const sandbox = provider('sandbox', { account_id: '12', colour: 'red' });
    const c = config([], [sandbox, provider('gcp', {})]);
    c.backend = backend('s3', { key: 'k' });
    const diagnostics = validateConfig(c, { now: NOW });
    expect(diagnostics.map((d) => [d.context, d.summary])).to.have.deep.members([
      ['provider "sandbox"', 'Invalid value'],
      ['provider "sandbox"', 'Unsupported argument'],
      ['provider "gcp"', 'Unsupported provider type'],
      ['backend "s3"', 'Missing required argument'],
    ]);
    expect(diagnostics.find((d) => d.context === 'provider "gcp"')!.detail).to.equal('bkp has no provider "gcp". Supported provider types: "aws", "sandbox".');
  });

  it('refuses an endpoint the SDK cannot parse, at the endpoint, once; a URL it can parse passes', () => {
    const c = config([], [provider('aws', { region: 'eu-west-1', endpoint: 'http://my host:5000' }), provider('aws', { region: 'eu-west-1', endpoint: 'http://[::1]:9000' }, 'ipv6')]);
    c.backend = backend('s3', { bucket: 'bkp-states', key: 'k', region: 'eu-west-1', endpoint: 'https://s3.example.com:70000' });
    const diagnostics = validateConfig(c, { now: NOW });
    expect(diagnostics.map((d) => [d.context, d.summary, d.range])).to.deep.equal([
      ['provider "aws"', 'Invalid endpoint', c.providers[0]!.ranges.get('/endpoint')],
      ['backend "s3"', 'Invalid endpoint', c.backend.ranges.get('/endpoint')],
    ]);
    expect(diagnostics[0]!.detail).to.contain('"http://my host:5000" is not a URL the AWS SDK can call');
    // Without an http(s) scheme the schema's own complaint stands alone.
    const schemeless = validateConfig(config([], [provider('aws', { region: 'eu-west-1', endpoint: 'localhost:5000' })]), { now: NOW });
    expect(schemeless.map((d) => d.summary)).to.deep.equal(['Invalid value']);
  });

  it('sorts diagnostics by position and keeps warnings', () => {
    const selection = resource('backup_selection', {
      plan: 'p',
      name: 'n',
      iam_role_arn: 'arn:aws:iam::123456789012:role/r',
      resources: ['*'],
      condition: [{ string_equals: { env: 'prod' } }],
    });
    const vault = resource('backup_vault', { name: 'x' });
    const diagnostics = validateConfig(config([vault, selection]), { now: NOW });
    expect(diagnostics.map((d) => d.severity)).to.deep.equal(['warning', 'error']);
    expect(diagnostics[0]!.range!.start.offset).to.be.lessThan(diagnostics[1]!.range!.start.offset);
  });
});

describe('resources/validate sensitive values', () => {
  it('never quotes a value that came from a sensitive variable', () => {
    const vault = resource('backup_vault', { name: 'top.secret vault', kms_key_arn: 'key-1234' });
    vault.sensitivePaths = ['/name', '/kms_key_arn'];
    const diagnostics = validateConfig(config([vault]), { now: NOW });
    expect(diagnostics).to.have.length(2);
    for (const d of diagnostics) {
      expect(d.detail).to.not.include('top.secret');
      expect(d.detail).to.not.include('key-1234');
      expect(d.detail).to.include('(sensitive value)');
    }
  });

  it('leaves other values and numbers inside words alone', () => {
    const plan = resource('backup_plan', { name: 'p', rule: [{ name: 'r', target_vault: 'v', start_window_minutes: 6 }] });
    plan.sensitivePaths = ['/rule/0/start_window_minutes'];
    const [d] = validateConfig(config([plan]), { now: NOW });
    expect(d!.detail).to.equal('start_window_minutes is (sensitive value), but AWS Backup requires at least 60 minutes. Set it to 60 or more (the default is 480).');
  });
});
