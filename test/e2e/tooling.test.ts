// bkp fmt, graph, completion and BKP_LOG through the built CLI (`node bin/bkp.js`), as CI and a
// shell use them: exit codes, what goes to stdout and stderr.
import { expect } from 'chai';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runBkp, tempDir } from '../support/cli.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

describe('tooling commands (built CLI)', function () {
  this.timeout(60_000);

  it('bkp fmt -check passes on examples/ and test/fixtures/valid/', async () => {
    const result = await runBkp(['fmt', '-check', '-recursive', 'examples', 'test/fixtures/valid'], { cwd: ROOT });
    expect(result.stdout + result.stderr).to.equal('');
    expect(result.code).to.equal(0);
  });

  it('bkp fmt -check exits 3 and writes nothing; bkp fmt writes and lists; a broken file exits 1 with its position', async () => {
    const { dir, cleanup } = await tempDir('bkp-fmt-e2e-');
    try {
      writeFileSync(join(dir, 'main.bkp.hcl'), 'provider "sandbox" {}\nbackup_vault "v" {\nname="vault"\n}\n');
      const check = await runBkp(['fmt', '-check', '-diff'], { cwd: dir });
      expect(check.code).to.equal(3);
      expect(check.stdout).to.contain('main.bkp.hcl').and.to.contain('+  name = "vault"');
      expect(readFileSync(join(dir, 'main.bkp.hcl'), 'utf8')).to.contain('\nname="vault"\n');
      const write = await runBkp(['fmt'], { cwd: dir });
      expect(write).to.deep.include({ code: 0, stdout: 'main.bkp.hcl\n' });
      expect(readFileSync(join(dir, 'main.bkp.hcl'), 'utf8')).to.equal('provider "sandbox" {}\nbackup_vault "v" {\n  name = "vault"\n}\n');

      const graph = await runBkp(['graph'], { cwd: dir });
      expect(graph.code).to.equal(0);
      expect(graph.stdout).to.contain('"backup_vault.v" [label = "backup_vault.v", shape = "box"]');

      writeFileSync(join(dir, 'broken.bkp.hcl'), 'x = {\n');
      const broken = await runBkp(['fmt'], { cwd: dir });
      expect(broken.code).to.equal(1);
      expect(broken.stderr).to.contain('on broken.bkp.hcl line 1').and.not.to.contain('    at ');
      expect(readFileSync(join(dir, 'broken.bkp.hcl'), 'utf8')).to.equal('x = {\n');
    } finally {
      await cleanup();
    }
  });

  it('bkp completion prints the script', async () => {
    const result = await runBkp(['completion'], { cwd: ROOT });
    expect(result.code).to.equal(0);
    expect(result.stdout).to.contain('bkp --get-yargs-completions');
  });

  it('BKP_LOG=debug logs the sandbox calls of an apply on stderr', async () => {
    const { dir, cleanup } = await tempDir('bkp-log-e2e-');
    try {
      writeFileSync(join(dir, 'main.bkp.hcl'), 'provider "sandbox" {}\nbackup_vault "v" { name = "vault" }\n');
      const result = await runBkp(['apply', '-auto-approve', '-no-color'], { cwd: dir, env: { BKP_LOG: 'debug' } });
      expect(result.code, result.stderr).to.equal(0);
      expect(result.stderr).to.match(/^bkp aws: Backup\.\w+ region=\S+ status=200 duration=\d+ms attempts=1 retries=0$/m);
      expect(result.stdout).to.not.contain('bkp aws:');
    } finally {
      await cleanup();
    }
  });

  it('says once that an unknown BKP_LOG logs nothing, and runs the command', async () => {
    const { dir, cleanup } = await tempDir('bkp-log-e2e-');
    try {
      writeFileSync(join(dir, 'main.bkp.hcl'), 'provider "sandbox" {}\nbackup_vault "v" { name = "vault" }\n');
      const result = await runBkp(['apply', '-auto-approve', '-no-color'], { cwd: dir, env: { BKP_LOG: 'info' } });
      expect(result.code, result.stderr).to.equal(0);
      expect(result.stderr.match(/Warning: BKP_LOG="info" is not a log level of bkp, so this run logs nothing\./g)).to.have.length(1);
      expect(result.stderr).to.not.contain('bkp aws:');
      expect(result.stdout).to.contain('Apply complete!');
    } finally {
      await cleanup();
    }
  });
});
