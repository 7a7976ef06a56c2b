// A plan that would create an object under a name an unmanaged object already holds is refused at
// plan time, at the name in the configuration, with how to import it: AWS would refuse the create
// only at apply (AlreadyExistsException), after the changes ordered before it were made.
import { expect } from 'chai';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { HandlerContext } from '../../src/resources/handler.js';
import { checkNamesFree, type NameSpace } from '../../src/resources/free-names.js';
import type { PlannedChange } from '../../src/resources/kind.js';
import { resourceKinds } from '../../src/resources/registry.js';
import { VAULT_KINDS } from '../../src/resources/vault-listing.js';
import { runInProcess } from '../reliability/support/in-process.js';
import { tempDir } from '../support/cli.js';

const PROVIDER = 'provider "sandbox" {\n  region = "eu-west-1"\n}\n';

const VAULT = (label: string, name: string) => `backup_vault "${label}" {\n  name = "${name}"\n}\n`;

const KINDS_NAMED_IN_THE_ACCOUNT: Array<{ address: string; noun: string; block: string }> = [
  {
    address: 'logically_air_gapped_vault.copy',
    noun: 'vault',
    block: 'logically_air_gapped_vault "copy" {\n  name               = "shared"\n  min_retention_days = 7\n  max_retention_days = 35\n}\n',
  },
  {
    address: 'backup_framework.company',
    noun: 'framework',
    block: 'backup_framework "company" {\n  name = "shared"\n  control "recovery_point_minimum_retention" {\n    required_retention_days = 7\n  }\n}\n',
  },
  {
    address: 'backup_report_plan.compliance',
    noun: 'report plan',
    block:
      'backup_report_plan "compliance" {\n  name = "shared"\n  report_delivery_channel {\n    s3_bucket_name = "audit-reports"\n  }\n' +
      '  report_setting {\n    report_template = "BACKUP_JOB_REPORT"\n  }\n}\n',
  },
  {
    address: 'tiering_configuration.archive',
    noun: 'tiering configuration',
    block:
      'tiering_configuration "archive" {\n  name              = "shared"\n  backup_vault_name = "*"\n  resource_selection {\n' +
      '    resources                     = ["*"]\n    tiering_down_settings_in_days = 60\n    resource_type                 = "S3"\n  }\n}\n',
  },
  {
    address: 'restore_testing_plan.weekly',
    noun: 'restore testing plan',
    block:
      'restore_testing_plan "weekly" {\n  name     = "shared"\n  schedule = "cron(0 5 ? * SUN *)"\n  recovery_point_selection {\n' +
      '    algorithm            = "LATEST_WITHIN_WINDOW"\n    include_vaults       = ["*"]\n    recovery_point_types = ["SNAPSHOT"]\n  }\n}\n',
  },
];

describe('names an unmanaged object already holds', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ dir, cleanup } = await tempDir('bkp-free-names-')));
  afterEach(() => cleanup());

  const configure = (text: string) => writeFile(join(dir, 'main.bkp.hcl'), PROVIDER + text);
  const bkp = (...args: string[]) => runInProcess(dir, [...args, '-no-color']);
  /** Applies `text`, then forgets the state: what it made is in the account, but no longer bkp's. */
  const makeUnmanaged = async (text: string) => {
    await configure(text);
    const applied = await bkp('apply', '-auto-approve');
    expect(applied.code, applied.stdout + applied.stderr).to.equal(0);
    await rm(join(dir, 'bkp.state.json'));
  };
  const accountFile = async () => readFile(join(dir, '.bkp', 'sandbox.json'), 'utf8');

  it('refuses a vault whose name is taken, at the name, with the import command; apply changes nothing', async () => {
    await makeUnmanaged(VAULT('old', 'main'));
    await configure(`${VAULT('other', 'other')}\n${VAULT('main', 'main')}`);
    const plan = await bkp('plan');
    expect(plan.code, plan.stdout + plan.stderr).to.equal(1);
    expect(plan.stderr).to.include('Error: backup_vault.main cannot be created: a vault named "main" already exists');
    expect(plan.stderr).to.include('on main.bkp.hcl line 9, in backup_vault "main"');
    expect(plan.stderr).to.match(/in eu-west-1 \(arn:aws:backup:eu-west-1:\d{12}:backup-vault:main\)/);
    expect(plan.stderr).to.include('`bkp import backup_vault.main main`');
    expect(plan.stderr).not.to.include('backup_vault.other');

    const before = await accountFile();
    const apply = await bkp('apply', '-auto-approve');
    expect(apply.code).to.equal(1);
    expect(apply.stdout).not.to.include('Creating...');
    expect(await accountFile(), 'not even the vault whose name is free was created').to.equal(before);

    expect((await bkp('import', 'backup_vault.main', 'main')).code).to.equal(0);
    const planned = await bkp('plan');
    expect(planned.code, planned.stderr).to.equal(0);
    expect(planned.stdout).to.include('Plan: 1 to add, 0 to change, 0 to destroy');
  });

  for (const kind of KINDS_NAMED_IN_THE_ACCOUNT) {
    it(`refuses a ${kind.address.split('.')[0]} whose name is taken`, async () => {
      // An air-gapped vault's name is taken by a standard vault too: both types share vault names.
      await makeUnmanaged(kind.noun === 'vault' ? VAULT('standard', 'shared') : kind.block);
      await configure(kind.block);
      const plan = await bkp('plan');
      expect(plan.code, plan.stdout + plan.stderr).to.equal(1);
      expect(plan.stderr).to.include(`Error: ${kind.address} cannot be created: a ${kind.noun} named "shared" already exists`);
      expect(plan.stderr).to.include(`bkp import ${kind.address} shared`);
    });
  }

  it('refuses an org_backup_policy whose name another backup policy of the organization holds, to import by its id', async () => {
    const organization = 'provider "sandbox" {\n  organization {\n    root_id = "r-test"\n  }\n}\n';
    const policy = (label: string) =>
      `org_backup_policy "${label}" {\n  name = "baseline"\n  plan "daily" {\n    regions = ["eu-west-1"]\n` +
      '    rule "nightly" {\n      target_vault = "Default"\n    }\n  }\n}\n';
    await writeFile(join(dir, 'main.bkp.hcl'), organization + policy('old'));
    expect((await bkp('apply', '-auto-approve')).code).to.equal(0);
    const id = JSON.parse(await readFile(join(dir, 'bkp.state.json'), 'utf8')).resources[0].id as string;
    expect(id).to.match(/^p-/);
    await rm(join(dir, 'bkp.state.json'));
    await writeFile(join(dir, 'main.bkp.hcl'), organization + policy('baseline'));
    const plan = await bkp('plan');
    expect(plan.code, plan.stdout + plan.stderr).to.equal(1);
    expect(plan.stderr).to.include('Error: org_backup_policy.baseline cannot be created: a backup policy named "baseline" already exists');
    expect(plan.stderr).to.include('in the organization').and.include('(DuplicatePolicyException)');
    expect(plan.stderr).to.include(`\`bkp import org_backup_policy.baseline ${id}\``);
    expect((await bkp('import', 'org_backup_policy.baseline', id)).code).to.equal(0);
    const planned = await bkp('plan', '-detailed-exitcode');
    expect(planned.code, planned.stdout + planned.stderr).to.equal(0);
  });

  it('refuses a restore_testing_selection whose plan already holds its name, to import as PLAN/SELECTION', async () => {
    const plan = KINDS_NAMED_IN_THE_ACCOUNT.find((k) => k.address === 'restore_testing_plan.weekly')!.block;
    const selection =
      'restore_testing_selection "db" {\n  name                      = "databases"\n  restore_testing_plan_name = restore_testing_plan.weekly.name\n' +
      '  protected_resource_type   = "RDS"\n  iam_role_arn              = "arn:aws:iam::123456789012:role/restore"\n  protected_resource_arns   = ["*"]\n}\n';
    await configure(plan + selection);
    const applied = await bkp('apply', '-auto-approve');
    expect(applied.code, applied.stdout + applied.stderr).to.equal(0);
    expect((await bkp('state', 'rm', 'restore_testing_selection.db')).code).to.equal(0);
    const planned = await bkp('plan');
    expect(planned.code, planned.stdout + planned.stderr).to.equal(1);
    expect(planned.stderr).to.include('Error: restore_testing_selection.db cannot be created: a restore testing selection named "shared/databases" already exists');
    expect(planned.stderr).to.include('`bkp import restore_testing_selection.db shared/databases`').and.not.include('restore_testing_plan.weekly cannot');
    expect((await bkp('import', 'restore_testing_selection.db', 'shared/databases')).code).to.equal(0);
    const clean = await bkp('plan', '-detailed-exitcode');
    expect(clean.code, clean.stdout + clean.stderr).to.equal(0);
  });

  it('lets a renamed block label take the name its old address frees', async () => {
    await configure(VAULT('old', 'main'));
    expect((await bkp('apply', '-auto-approve')).code).to.equal(0);
    await configure(VAULT('main', 'main'));
    const plan = await bkp('plan');
    expect(plan.code, plan.stderr).to.equal(0);
    expect(plan.stdout).to.include('Plan: 1 to add, 0 to change, 1 to destroy');
    expect(plan.stderr).not.to.include('already exists');
  });
});

describe('checkNamesFree', () => {
  const space = (taken: Record<string, string | undefined>): NameSpace & { calls: number } => {
    const s: NameSpace & { calls: number } = {
      calls: 0,
      noun: 'vault',
      scope: 'region',
      refusal: 'AlreadyExistsException',
      kinds: new Set(['backup_vault', 'logically_air_gapped_vault']),
      nameOf: (a: { readonly [key: string]: unknown }) => (typeof a.name === 'string' ? a.name : undefined),
      async taken() {
        s.calls += 1;
        return new Map(Object.entries(taken).map(([name, arn]) => [name, { importId: name, ...(arn ? { arn } : {}) }]));
      },
    };
    return s;
  };
  const context = async () => ({ settings: { region: 'eu-west-1' } }) as HandlerContext;
  const change = (address: string, action: string, before?: string, after?: string, provider = 'aws'): PlannedChange => ({
    address,
    kind: address.split('.')[0]!,
    provider,
    action,
    ...(before !== undefined ? { before: { name: before } } : {}),
    ...(after !== undefined ? { after: { name: after } } : {}),
  });
  const addresses = async (s: NameSpace, planned: PlannedChange[], plan: PlannedChange[] = planned) =>
    (await checkNamesFree(s)(planned, plan, context)).map((f) => `${f.severity} ${f.address} ${f.attribute}`);

  it('checks creates and renaming replacements against the names taken, but not names bkp manages', async () => {
    const taken = space({ a: 'arn:a', b: undefined, kept: 'arn:kept', freed: 'arn:freed' });
    const planned = [
      change('backup_vault.a', 'create', undefined, 'a'),
      change('backup_vault.b', 'replace', 'old-b', 'b'),
      change('backup_vault.same', 'replace', 'kept', 'kept'),
      change('backup_vault.c', 'create', undefined, 'free'),
      change('backup_vault.freed', 'create', undefined, 'freed'),
      change('backup_vault.updated', 'update', 'x', 'x'),
    ];
    const plan = [...planned, change('logically_air_gapped_vault.gone', 'delete', 'freed')];
    expect(await addresses(taken, planned, plan)).to.deep.equal(['error backup_vault.a name', 'error backup_vault.b name']);
    expect(taken.calls).to.equal(1);
  });

  it('lists once per provider, and keeps providers apart', async () => {
    const taken = space({ main: 'arn:main' });
    const planned = [change('backup_vault.a', 'create', undefined, 'main', 'aws'), change('backup_vault.b', 'create', undefined, 'main', 'aws.dr')];
    const plan = [...planned, change('backup_vault.old', 'delete', 'main', undefined, 'aws')];
    expect(await addresses(taken, planned, plan)).to.deep.equal(['error backup_vault.b name']);
    expect(taken.calls).to.equal(2);
  });

  it('shares vault names between exactly the kinds whose model says they are vaults', () => {
    const vaultKinds = resourceKinds().filter((k) => k.model.isVault).map((k) => k.name);
    expect(vaultKinds).to.have.length.greaterThan(1);
    expect([...VAULT_KINDS].sort()).to.deep.equal(vaultKinds.sort());
  });

  it('makes no call when the plan creates nothing named', async () => {
    const taken = space({ main: 'arn:main' });
    expect(await addresses(taken, [change('backup_vault.a', 'update', 'main', 'main'), change('backup_vault.b', 'create', undefined, undefined)])).to.deep.equal([]);
    expect(taken.calls).to.equal(0);
  });
});
