// Output blocks end to end: shown after apply, stored in the state, read with `bkp output`;
// sensitive ones printed only by `bkp output NAME -raw` / `-json`.
import { expect } from 'chai';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runBkp, tempDir } from '../support/cli.js';

const CONFIG = `provider "sandbox" {}

variable "env" {}

variable "token" {
  default   = "hunter2"
  sensitive = true
}

backup_vault "main" {
  name = "\${var.env}-vault"
}

output "vault_arn" {
  value       = backup_vault.main.arn
  description = "The vault's ARN"
}

output "settings" {
  value = { env = var.env, days = 35 }
}

output "vault_name" {
  value     = backup_vault.main.name
  sensitive = true
}

output "token" {
  value     = var.token
  sensitive = true
}
`;

describe('output blocks on the sandbox', function () {
  this.timeout(120_000);
  let dir: string;
  let cleanup: () => Promise<void>;
  const bkp = (...args: string[]) => runBkp(['-chdir=' + dir, ...args], { cwd: dir });

  before(async () => {
    ({ dir, cleanup } = await tempDir());
    await writeFile(join(dir, 'main.bkp.hcl'), CONFIG);
  });
  after(async () => cleanup());

  it('apply prints the outputs with computed values, sensitive ones as <sensitive>, and stores them in the state', async () => {
    const apply = await bkp('apply', '-auto-approve', '-var', 'env=prod');
    expect(apply.code, apply.stdout + apply.stderr).to.equal(0);
    const outputs = apply.stdout.slice(apply.stdout.indexOf('Outputs:'));
    expect(outputs).to.match(/^Outputs:\n\nsettings = \{ "days" = 35, "env" = "prod" \}\ntoken = <sensitive>\nvault_arn = "arn:aws:backup:[a-z0-9-]+:\d{12}:backup-vault:prod-vault"\nvault_name = <sensitive>/);
    expect(apply.stdout + apply.stderr).to.not.include('hunter2');
    const state = JSON.parse(await readFile(join(dir, 'bkp.state.json'), 'utf8'));
    expect(state.outputs.settings).to.deep.equal({ value: { env: 'prod', days: 35 }, sensitive: false });
    expect(state.outputs.vault_name).to.deep.equal({ value: 'prod-vault', sensitive: true });
    // A sensitive variable's value never reaches the state file.
    expect(state.outputs.token).to.deep.equal({ sensitive: true, withheld: true });
    expect(JSON.stringify(state)).to.not.include('hunter2');
  });

  it('bkp output lists them, hiding sensitive values, also in -json', async () => {
    const all = await bkp('output');
    expect(all.code, all.stderr).to.equal(0);
    expect(all.stdout).to.include('vault_name = <sensitive>').and.include('settings = { "days" = 35, "env" = "prod" }');
    const json = await bkp('output', '-json');
    expect(JSON.parse(json.stdout)).to.deep.include({ vault_name: { sensitive: true }, settings: { sensitive: false, value: { env: 'prod', days: 35 } } });
  });

  it('bkp output NAME prints one value; -raw and -json print a sensitive one', async () => {
    expect((await bkp('output', 'vault_name')).stdout.trim()).to.equal('<sensitive>');
    // One line (Terraform writes no newline; $(bkp output -raw NAME) reads the same).
    expect((await bkp('output', 'vault_name', '-raw')).stdout).to.equal('prod-vault\n');
    expect(JSON.parse((await bkp('output', 'settings', '-json')).stdout)).to.deep.equal({ env: 'prod', days: 35 });
    expect((await bkp('output', 'vault_arn', '-raw')).stdout).to.match(/^arn:aws:backup:.*:backup-vault:prod-vault\n$/);
  });

  it('refuses what it cannot print, with the reason', async () => {
    const raw = await bkp('output', 'settings', '-raw');
    expect(raw.code).to.equal(1);
    expect(raw.stderr).to.include('Unsupported value for raw output').and.include('bkp output -json settings');
    const missing = await bkp('output', 'vault_nam');
    expect(missing.code).to.equal(1);
    expect(missing.stderr).to.include('Output "vault_nam" not found').and.include('Did you mean "vault_name"?');
    const withheld = await bkp('output', 'token', '-raw');
    expect(withheld.code).to.equal(1);
    expect(withheld.stderr).to.include('comes from a sensitive variable');
    expect(withheld.stdout + withheld.stderr).to.not.include('hunter2');
  });

  it('destroy removes the outputs from the state', async () => {
    const destroy = await bkp('destroy', '-auto-approve', '-var', 'env=prod');
    expect(destroy.code, destroy.stdout + destroy.stderr).to.equal(0);
    const state = JSON.parse(await readFile(join(dir, 'bkp.state.json'), 'utf8'));
    expect(state.outputs).to.equal(undefined);
    const empty = await bkp('output');
    expect(empty.code).to.equal(0);
    expect(empty.stderr).to.include('No outputs found');
  });
});
