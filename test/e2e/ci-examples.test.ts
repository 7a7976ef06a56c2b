// The CI examples (examples/ci/*.yml) must never drift from the real flags: every `npx bkp …`
// command in them is extracted (a small line-based reading, no YAML library) and run with the built
// CLI against a copy of the quickstart laid out as the examples expect it (backup/ in the
// repository root), with the exit codes the workflows rely on.
import { expect } from 'chai';
import { cp, readFile, stat } from 'node:fs/promises';
import { spawnSync } from 'node:child_process';
import { basename, join, resolve } from 'node:path';
import { runBkp, tempDir } from '../support/cli.js';

const CI = resolve(import.meta.dirname, '../../examples/ci');
const QUICKSTART = resolve(import.meta.dirname, '../../examples/quickstart');
const RESTORE_EXAMPLE = resolve(import.meta.dirname, '../../examples/restore');
const EXAMPLES = ['github-actions.yml', 'gitlab-ci.yml'];

/** The arguments of every `npx bkp …` in a workflow's run/script lines, without shell redirections. */
export function bkpCommands(yaml: string): string[][] {
  const commands: string[][] = [];
  for (const line of yaml.split('\n')) {
    if (line.trim().startsWith('#')) continue;
    for (const match of line.matchAll(/npx bkp ([^\n]*)/g)) {
      const command = match[1]!.split(/\s*(?:>|\|\||&&|;|\|)/)[0]!.trim();
      commands.push(command.split(/\s+/));
    }
  }
  return commands;
}

type Phase = 'review' | 'drift' | 'apply';

function phaseOf(args: string[]): Phase {
  if (args.includes('apply')) return 'apply';
  if (args.includes('-detailed-exitcode') || args.includes('-refresh')) return 'drift';
  return 'review';
}

describe('examples/ci', function () {
  this.timeout(180_000);

  it('extracts the commands of run: and script: lines', () => {
    expect(bkpCommands('      - run: npx bkp -chdir=backup plan -lock=false -format=markdown > plan.md\n    # npx bkp ignored\n    - npx bkp -chdir=backup check -out=a.md; status=$?')).to.deep.equal([
      ['-chdir=backup', 'plan', '-lock=false', '-format=markdown'],
      ['-chdir=backup', 'check', '-out=a.md'],
    ]);
  });

  for (const example of EXAMPLES) {
    it(`${example} has a pull-request job (plan and check as Markdown, SARIF), a drift job and an apply job`, async () => {
      const commands = bkpCommands(await readFile(join(CI, example), 'utf8'));
      expect([...new Set(commands.map(phaseOf))].sort()).to.deep.equal(['apply', 'drift', 'review']);
      expect(commands.some((c) => c.includes('plan') && c.includes('-format=markdown'))).to.equal(true);
      expect(commands.some((c) => c.includes('check') && c.includes('-format=markdown'))).to.equal(true);
      expect(commands.some((c) => c.includes('check') && c.includes('-format=sarif'))).to.equal(true);
      expect(commands.some((c) => c.includes('plan') && c.includes('-detailed-exitcode'))).to.equal(true);
      expect(commands.some((c) => c.includes('apply') && c.includes('-auto-approve'))).to.equal(true);
    });
  }

  it('every bkp command of both examples runs on the quickstart with the exit code the pipeline expects', async () => {
    // The two examples share most commands: each distinct one runs once, in pipeline order.
    const all = (await Promise.all(EXAMPLES.map(async (e) => bkpCommands(await readFile(join(CI, e), 'utf8'))))).flat();
    const commands = [...new Map(all.map((c) => [c.join(' '), c])).values()];
    const { dir, cleanup } = await tempDir();
    try {
      await cp(QUICKSTART, join(dir, 'backup'), { recursive: true, filter: (src) => basename(src) !== '.bkp' && !/\.state\.json/.test(basename(src)) });
      const run = async (args: string[], expected: number) => {
        const r = await runBkp(args, { cwd: dir });
        expect(r.code, `bkp ${args.join(' ')}\n${r.stdout}\n${r.stderr}`).to.equal(expected);
      };
      // A pull request against an account that does not have the configuration yet.
      // (These only read the account, so they run side by side, as separate CI jobs would.)
      await Promise.all(commands.filter((c) => phaseOf(c) === 'review').map((args) => run(args, 0)));
      // The nightly job before the first apply: changes pending, so exit 2.
      for (const args of commands.filter((c) => c.includes('-detailed-exitcode'))) await run(args, 2);
      for (const args of commands.filter((c) => phaseOf(c) === 'apply')) await run(args, 0);
      // After the apply, the nightly job finds no drift and the policy met.
      await Promise.all(commands.filter((c) => phaseOf(c) === 'drift').map((args) => run(args, 0)));
      // -out paths are relative to -chdir=DIR, as Terraform's: the pipelines write them back to the repository root.
      for (const command of commands) {
        const chdir = command.find((a) => a.startsWith('-chdir='))?.slice('-chdir='.length) ?? '.';
        for (const file of command.filter((a) => a.startsWith('-out=')).map((a) => a.slice('-out='.length))) {
          expect((await stat(join(dir, chdir, file))).size, file).to.be.greaterThan(0);
        }
      }
      const sarif = JSON.parse(await readFile(join(dir, 'bkp.sarif'), 'utf8'));
      expect(sarif.version).to.equal('2.1.0');
      expect(sarif.runs[0].results).to.deep.equal([]);
    } finally {
      await cleanup();
    }
  });

  it('nightly-restore-tests.yml: its bkp command lists the restore tests of examples/restore after three days, and restore-summary.jq tabulates them', async () => {
    const commands = bkpCommands(await readFile(join(CI, 'nightly-restore-tests.yml'), 'utf8'));
    expect(commands).to.deep.equal([['-chdir=backup', 'jobs', '--type=restore', '-json']]);
    const { dir, cleanup } = await tempDir();
    try {
      await cp(RESTORE_EXAMPLE, join(dir, 'backup'), { recursive: true, filter: (src) => basename(src) !== '.bkp' && !/\.state\.json/.test(basename(src)) });
      for (const args of [['-chdir=backup', 'apply', '-auto-approve'], ['-chdir=backup', 'sandbox', 'advance', '3d2h']]) {
        const r = await runBkp(args, { cwd: dir });
        expect(r.code, r.stderr).to.equal(0);
      }
      const listed = await runBkp(commands[0]!, { cwd: dir });
      expect(listed.code, listed.stderr).to.equal(0);
      const tests = (JSON.parse(listed.stdout) as { jobs: { restore_testing_plan_arn: string | null }[] }).jobs;
      expect(tests.length).to.be.at.least(4);
      if (spawnSync('jq', ['--version'], { stdio: 'ignore' }).status !== 0) {
        process.stdout.write('skipped: jq is not installed, restore-summary.jq was not run\n');
        return;
      }
      const summary = spawnSync('jq', ['-r', '-f', join(CI, 'restore-summary.jq')], { input: listed.stdout, encoding: 'utf8' });
      expect(summary.status, summary.stderr).to.equal(0);
      const lines = summary.stdout.trim().split('\n');
      expect(lines[0]).to.match(new RegExp(`^### Restore tests: ${tests.length} in the last 30 days, 0 failed, \\d+ without a validation result$`));
      expect(lines.slice(4)).to.have.length(tests.length);
      // Half the tests are the volume's, deleted once restored (the last may still be running, by the time of day the test runs at).
      expect(lines.slice(4).filter((l) => l.includes('| EBS | COMPLETED | - | deleted |')).length).to.be.within(tests.length / 2 - 1, tests.length / 2);
    } finally {
      await cleanup();
    }
  });
});
