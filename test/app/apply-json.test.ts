// `bkp apply -json` prints one JSON document, whatever happens: with the outputs a complete apply
// recorded (a sensitive value left out), and with the errors when the plan is refused.
import { expect } from 'chai';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runInProcess } from '../reliability/support/in-process.js';
import { tempDir } from '../support/cli.js';

const CONFIG = `
provider "sandbox" { path = ".bkp/sandbox.json" }
variable "owner" {
  default   = "ops"
  sensitive = true
}
backup_vault "main" {
  name = "main"
  lifecycle { prevent_destroy = true }
}
output "vault" { value = backup_vault.main.name }
output "owner" {
  value     = var.owner
  sensitive = true
}
`;

interface ApplyDocument {
  outcome: string;
  summary: Record<string, number>;
  outputs?: Record<string, { sensitive: boolean; value?: unknown }>;
  diagnostics?: Array<{ severity: string; summary: string }>;
}

describe('bkp apply -json', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  before(async () => {
    ({ dir, cleanup } = await tempDir('bkp-apply-json-'));
    await writeFile(join(dir, 'main.bkp.hcl'), CONFIG);
  });
  after(() => cleanup());

  it('puts the recorded outputs in its one document, without the sensitive value', async () => {
    const result = await runInProcess(dir, ['apply', '-json', '-auto-approve']);
    expect(result.code, result.stderr).to.equal(0);
    const doc = JSON.parse(result.stdout) as ApplyDocument;
    expect(doc.outcome).to.equal('complete');
    expect(doc.summary.added).to.equal(1);
    expect(doc.outputs).to.deep.equal({ vault: { sensitive: false, value: 'main' }, owner: { sensitive: true } });
    expect(result.stdout).to.not.contain('Outputs:').and.not.contain('ops');
  });

  it('does so when there is nothing to change too', async () => {
    const result = await runInProcess(dir, ['apply', '-json', '-auto-approve']);
    expect(result.code, result.stderr).to.equal(0);
    const doc = JSON.parse(result.stdout) as ApplyDocument;
    expect(doc.summary.added).to.equal(0);
    expect(doc.outputs?.vault).to.deep.equal({ sensitive: false, value: 'main' });
  });

  it('reports a refused plan as a document with outcome "refused" and the errors, and exits 1', async () => {
    const result = await runInProcess(dir, ['apply', '-json', '-auto-approve', '-destroy']);
    expect(result.code).to.equal(1);
    const doc = JSON.parse(result.stdout) as ApplyDocument;
    expect(doc.outcome).to.equal('refused');
    expect(doc.summary).to.include({ added: 0, changed: 0, destroyed: 0 });
    expect(doc.diagnostics?.some((d) => d.severity === 'error' && /prevent_destroy|destroy/i.test(d.summary))).to.equal(true);
  });

  it('prints the outputs after the summary without -json, as before', async () => {
    const result = await runInProcess(dir, ['apply', '-auto-approve']);
    expect(result.code, result.stderr).to.equal(0);
    expect(result.stdout.indexOf('Outputs:')).to.be.greaterThan(result.stdout.indexOf('No changes'));
    expect(result.stdout).to.contain('vault = "main"').and.contain('owner = <sensitive>');
  });
});
