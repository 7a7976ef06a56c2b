// The CI examples (examples/ci/*.yml) must never drift from the real flags: every `npx bkp …`
// command in them is extracted (a small line-based reading, no YAML library) and run with the built
// CLI against a copy of the quickstart laid out as the examples expect it (backup/ in the
// repository root), with the exit codes the workflows rely on.
import { expect } from 'chai';
import { cp, readFile, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { runBkp, tempDir } from '../support/cli.js';

const CI = resolve(import.meta.dirname, '../../examples/ci');
const QUICKSTART = resolve(import.meta.dirname, '../../examples/quickstart');
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
});
