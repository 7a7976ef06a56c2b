// Per-account results through the built CLI: two sandbox accounts in two regions, applied with
// `bkp apply -json` (per-account counts of what was done), then planned with -json (the accounts
// array) and in Markdown. Needs `npm run build`.
import { expect } from 'chai';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runBkp, tempDir } from '../support/cli.js';

const config = (vaultName: string) => `
provider "sandbox" {
  alias      = "prod"
  path       = ".bkp/prod.json"
  account_id = "111111111111"
  region     = "eu-west-1"
}

provider "sandbox" {
  alias      = "dev"
  path       = ".bkp/dev.json"
  account_id = "222222222222"
  region     = "us-east-1"
}

backup_vault "prod" {
  provider = sandbox.prod
  name     = "${vaultName}"
}

backup_vault "dev" {
  provider = sandbox.dev
  name     = "dev-vault"
}
`;

describe('per-account results through the CLI', function () {
  this.timeout(120_000);
  let dir: string;
  let cleanup: () => Promise<void>;
  const bkp = (...args: string[]) => runBkp([...args, '-no-color'], { cwd: dir });

  before(async () => {
    ({ dir, cleanup } = await tempDir());
    await writeFile(join(dir, 'main.bkp.hcl'), config('prod-vault'));
  });
  after(async () => cleanup());

  it('refuses apply -json without a way to approve', async () => {
    const apply = await bkp('apply', '-json');
    expect(apply.code).to.equal(1);
    expect(apply.stderr).to.include('bkp apply -json cannot ask for approval');
    expect(apply.stdout).to.equal('');
  });

  it('applies with -json: one document with the totals and each account', async () => {
    const apply = await bkp('apply', '-json', '-auto-approve');
    expect(apply.code, apply.stderr).to.equal(0);
    const json = JSON.parse(apply.stdout) as { outcome: string; summary: Record<string, number>; accounts: Array<Record<string, unknown>> };
    expect(json.outcome).to.equal('complete');
    expect(json.summary).to.deep.equal({ added: 2, changed: 0, destroyed: 0, jobs_started: 0, failed: 0, not_started: 0 });
    expect(json.accounts.map((a) => [a.provider, a.account_id, a.region, a.added])).to.deep.equal([
      ['sandbox.dev', '222222222222', 'us-east-1', 1],
      ['sandbox.prod', '111111111111', 'eu-west-1', 1],
    ]);
  });

  it('plans per account in JSON and Markdown', async () => {
    await writeFile(join(dir, 'main.bkp.hcl'), config('prod-vault-2'));
    const plan = await bkp('plan', '-json');
    expect(plan.code, plan.stderr).to.equal(0);
    const json = JSON.parse(plan.stdout) as { accounts: Array<Record<string, unknown>> };
    expect(json.accounts.map((a) => [a.provider, a.replace, a.add])).to.deep.equal([
      ['sandbox.dev', 0, 0],
      ['sandbox.prod', 1, 0],
    ]);
    const markdown = await bkp('plan', '-format=markdown');
    expect(markdown.stdout).to.include('| `sandbox.prod` | 111111111111 | eu-west-1 | 0 | 0 | 0 | 1 | 0 | 0 | 0 | 0 | 0 |');
    expect(markdown.stdout).to.include('1 other provider location: no changes.');
  });
});
