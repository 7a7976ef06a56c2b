// Issue 6.4 (secrets, file modes) and 6.5 (destructive-change guard rails): bkp never calls
// DeleteRecoveryPoint unless a vault opts in with force_destroy, refuses to destroy a vault holding recovery points or anything under
// prevent_destroy, lists exactly what `destroy` removes and asks first; its files are private
// (0600) and no credential or sensitive value reaches its output.
import { expect } from 'chai';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { runBkp, tempDir } from '../support/cli.js';
import { countCalls, runChild } from './support/child.js';
import { newFigures, reportFigures } from './support/figures.js';
import { runInProcess } from './support/in-process.js';
import { ROLE, writeProject } from './support/project.js';

const SRC = join(import.meta.dirname, '../../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

const mode = (path: string) => statSync(path).mode & 0o777;

describe('reliability: safety guard rails', function () {
  this.timeout(120_000);
  const figures = newFigures();
  after(() => reportFigures('safety', figures));

  it('no source file outside src/sandbox/ can call DeleteRecoveryPoint, but the vault\'s force_destroy opt-in', () => {
    const callers = sourceFiles(SRC)
      .filter((file) => !relative(SRC, file).startsWith('sandbox'))
      .filter((file) => /DeleteRecoveryPoint(?!Lifecycle)|deleteRecoveryPoint/.test(readFileSync(file, 'utf8')));
    expect(callers.map((f) => relative(SRC, f))).to.deep.equal([join('resources', 'backup-vault', 'empty-vault.ts')]);
    const users = sourceFiles(SRC).filter((file) => /\bemptyVault\(/.test(readFileSync(file, 'utf8')));
    expect(users.map((f) => relative(SRC, f)).sort()).to.deep.equal([join('resources', 'backup-vault', 'empty-vault.ts'), join('resources', 'backup-vault', 'handler.ts')]);
    expect(readFileSync(join(SRC, 'resources', 'backup-vault', 'handler.ts'), 'utf8')).to.include('if (before.force_destroy === true) await emptyVault(');
  });

  it('destroy with recovery points and prevent_destroy is refused; no DeleteRecoveryPoint is ever sent', async () => {
    const { dir, cleanup } = await tempDir('bkp-guard-');
    try {
      await writeProject(dir);
      const applied = await runChild(dir, ['apply', '-auto-approve'], {});
      expect(applied.code, applied.stderr).to.equal(0);
      const advanced = await runChild(dir, ['sandbox', 'advance', '1d'], {});
      expect(advanced.code, advanced.stderr).to.equal(0);
      const vaultsBefore = (await readFile(join(dir, '.bkp/sandbox.json'), 'utf8')).length;

      const destroy = await runChild(dir, ['destroy', '-auto-approve'], {});
      figures.applies += 2;
      expect(destroy.code, destroy.stdout).to.equal(1);
      expect(destroy.stderr).to.include('prevent_destroy');
      expect(destroy.stderr).to.match(/recovery point/);
      expect((await readFile(join(dir, '.bkp/sandbox.json'), 'utf8')).length, 'nothing was deleted').to.equal(vaultsBefore);

      const calls = [applied, advanced, destroy].flatMap((run) => run.calls);
      for (const run of [applied, advanced, destroy]) countCalls(figures, run);
      expect(figures.deleteRecoveryPointCalls).to.equal(0);
      expect(calls.filter((c) => c.startsWith('DELETE')), 'a refused destroy deletes nothing').to.deep.equal([]);
    } finally {
      await cleanup();
    }
  });

  it('destroy lists exactly what will go and does nothing without confirmation', async () => {
    const { dir, cleanup } = await tempDir('bkp-destroy-');
    try {
      await writeFile(
        join(dir, 'main.bkp.hcl'),
        `provider "sandbox" {\n  path = ".bkp/sandbox.json"\n}\nbackup_vault "a" {\n  name = "gone-a"\n}\nbackup_plan "p" {\n  name = "gone-p"\n  rule "r" {\n    target_vault = backup_vault.a.name\n  }\n}\nbackup_selection "s" {\n  plan = backup_plan.p\n  name = "gone-s"\n  iam_role_arn = "${ROLE}"\n  resources = ["arn:aws:ec2:*:*:instance/*"]\n}\n`,
      );
      expect((await runInProcess(dir, ['apply', '-auto-approve'])).code).to.equal(0);
      const state = await readFile(join(dir, 'bkp.state.json'), 'utf8');
      const unconfirmed = await runBkp(['destroy'], { cwd: dir });
      figures.applies += 2;
      expect(unconfirmed.code).to.equal(1);
      const listed = [...unconfirmed.stdout.matchAll(/# (\S+) will be destroyed/g)].map((m) => m[1]).sort();
      expect(listed).to.deep.equal(['backup_plan.p', 'backup_selection.s', 'backup_vault.a']);
      expect(unconfirmed.stdout).to.include('Plan: 0 to add, 0 to change, 3 to destroy');
      expect(unconfirmed.stderr).to.include('needs approval');
      expect(await readFile(join(dir, 'bkp.state.json'), 'utf8'), 'nothing destroyed').to.equal(state);
      const confirmed = await runInProcess(dir, ['destroy', '-auto-approve']);
      expect(confirmed.code, confirmed.stderr).to.equal(0);
      expect(confirmed.stdout).to.include('3 destroyed');
    } finally {
      await cleanup();
    }
  });

  it('state, backup, plan and lock files are 0600; credentials and sensitive values stay out of every output and file', async () => {
    const { dir, cleanup } = await tempDir('bkp-secrets-');
    const SECRET = 'S3cr3t-Variable-Value-4242';
    const KEY_ID = 'AKIAREALLOOKINGKEY00';
    const SECRET_KEY = 'wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY42';
    try {
      await writeFile(
        join(dir, 'main.bkp.hcl'),
        `provider "sandbox" {\n  path = ".bkp/sandbox.json"\n}\nvariable "owner" {\n  type      = string\n  sensitive = true\n}\nbackup_vault "v" {\n  name = "private"\n  tags = { owner = var.owner }\n}\n`,
      );
      const env = { AWS_ACCESS_KEY_ID: KEY_ID, AWS_SECRET_ACCESS_KEY: SECRET_KEY, AWS_SESSION_TOKEN: SECRET_KEY };
      const owner = `-var=owner=${SECRET}`;
      const outputs: string[] = [];
      const run = async (args: string[]) => {
        const r = await runBkp(args, { cwd: dir, env });
        outputs.push(r.stdout, r.stderr);
        return r;
      };
      expect((await run(['apply', '-auto-approve', owner])).code).to.equal(0);
      await run(['apply', '-auto-approve', '-var=owner=changed-value']);
      await run(['apply', '-auto-approve', owner]);
      expect((await run(['plan', '-out=saved.plan', '-var=owner=another-value'])).code).to.equal(0);
      await run(['plan', '-json', owner]);
      await run(['show']);
      await run(['show', 'saved.plan']);
      await run(['validate', '-json', owner]);
      // A value of the wrong type, which the error message might quote.
      await run(['plan', `-var=owner=["${SECRET}"`]);
      figures.applies += 3;
      for (const text of outputs) {
        for (const secret of [SECRET, KEY_ID, SECRET_KEY]) expect(text, 'output').to.not.include(secret);
      }
      for (const file of ['bkp.state.json', 'bkp.state.json.backup', 'saved.plan']) {
        const content = await readFile(join(dir, file), 'utf8');
        for (const secret of [KEY_ID, SECRET_KEY]) expect(content, `${file} holds an AWS credential`).to.not.include(secret);
        for (const value of [SECRET, 'changed-value', 'another-value']) expect(content, `${file} holds a sensitive value`).to.not.include(value);
        expect(mode(join(dir, file)), `${file} mode`).to.equal(0o600);
      }
      // The lock file, caught while held: the process is killed holding it.
      const killed = await runChild(dir, ['plan', owner], { ...env, BKP_TEST_KILL_AFTER_CALLS: '1' });
      expect(killed.signal).to.equal('SIGKILL');
      expect(mode(join(dir, '.bkp.state.json.lock')), 'lock file mode').to.equal(0o600);
    } finally {
      await cleanup();
    }
  });
});
