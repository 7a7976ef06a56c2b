// bkp console: each line is evaluated against the configuration (variables, locals, resources,
// functions) and the state (computed attributes), shown as a value or as diagnostics positioned in
// the line as typed; a failing line does not stop the next one, but makes the exit status 1.
import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONSOLE_FILE, openConsole, runConsole } from '../../src/app/console.js';
import { UNKNOWN } from '../../src/core/values.js';
import { renderConsoleValue } from '../../src/render/console-value.js';
import { recordingHost } from '../support/recording-host.js';

const CONFIG = `
provider "sandbox" {}
variable "env" { default = "prod" }
variable "token" {
  default   = "hunter2"
  sensitive = true
}
locals {
  days = 35
  tags = { team = "infra", env = var.env }
}
backup_vault "main" {
  name = "main-\${var.env}"
  tags = local.tags
}
`;

async function* linesOf(...lines: string[]): AsyncGenerator<string> {
  yield* lines;
}

describe('bkp console', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'bkp-console-'));
    writeFileSync(join(dir, 'main.bkp.hcl'), CONFIG);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('evaluates variables, locals, functions and resource attributes, with -var as plan takes it', async () => {
    const session = await openConsole({ host: recordingHost(), dir }, { var: ['env=dev'] });
    expect(session.evaluate('var.env')).to.deep.equal({ ok: true, value: 'dev', sensitive: false });
    expect(session.evaluate('local.days * 2')).to.deep.include({ value: 70 });
    expect(session.evaluate('local.tags')).to.deep.include({ value: { team: 'infra', env: 'dev' } });
    expect(session.evaluate('upper(backup_vault.main.name)')).to.deep.include({ value: 'MAIN-DEV' });
    expect(session.evaluate('[for k, v in local.tags : "${k}=${v}"]')).to.deep.include({ value: ['env=dev', 'team=infra'] });
    // Not in the state: a computed attribute is unknown, as in a plan.
    expect(session.evaluate('backup_vault.main.arn')).to.deep.include({ ok: true, value: UNKNOWN });
  });

  it('marks values of sensitive variables, so the view hides them', async () => {
    const session = await openConsole({ host: recordingHost(), dir }, {});
    expect(session.evaluate('var.token')).to.deep.equal({ ok: true, value: 'hunter2', sensitive: true });
    expect(renderConsoleValue('hunter2', true)).to.equal('(sensitive value)');
  });

  it('reports a bad line at its own line and column, without the context of the output it is evaluated as', async () => {
    const session = await openConsole({ host: recordingHost(), dir }, {});
    const result = session.evaluate('local.days + var.nope');
    expect(result.ok).to.equal(false);
    if (result.ok) return;
    expect(result.diagnostics).to.have.length(1);
    const [d] = result.diagnostics;
    expect(d!.summary).to.equal('Reference to undeclared input variable');
    expect(d!.range).to.deep.include({ file: CONSOLE_FILE });
    expect(d!.range!.start).to.deep.include({ line: 1, column: 14 });
    expect(d!.context).to.equal(undefined);
    expect(result.sources.get(CONSOLE_FILE)).to.equal('local.days + var.nope');
    const syntax = session.evaluate('1 +');
    expect(syntax.ok).to.equal(false);
    const twoThings = session.evaluate('1 2');
    expect(twoThings.ok).to.equal(false);
  });

  it('shows each value or error in turn, skips blank lines and comments, stops at exit, and returns 1 when a line failed', async () => {
    const host = recordingHost();
    const code = await runConsole({ host, dir }, {}, linesOf('var.env', '', '# a comment', 'var.nope', 'local.days', 'exit', 'local.tags'), { interactive: false });
    expect(code).to.equal(1);
    expect(host.messages.map((m) => m.code)).to.deep.equal(['BKP_R_CONSOLE_VALUE', 'BKP_E_CONSOLE_DIAGNOSTICS', 'BKP_R_CONSOLE_VALUE']);
    const ok = recordingHost();
    expect(await runConsole({ host: ok, dir }, {}, linesOf('var.env'), { interactive: false })).to.equal(0);
    // At a terminal, each error was seen where it happened: the session itself succeeded.
    expect(await runConsole({ host: recordingHost(), dir }, {}, linesOf('var.nope'), { interactive: true })).to.equal(0);
  });
});

describe('console values', () => {
  it('prints values in HCL syntax as terraform console lays them out', () => {
    expect(renderConsoleValue('prod', false)).to.equal('"prod"');
    expect(renderConsoleValue(42, false)).to.equal('42');
    expect(renderConsoleValue(true, false)).to.equal('true');
    expect(renderConsoleValue(null, false)).to.equal('null');
    expect(renderConsoleValue(UNKNOWN, false)).to.equal('(known after apply)');
    expect(renderConsoleValue([], false)).to.equal('[]');
    expect(renderConsoleValue({}, false)).to.equal('{}');
    expect(renderConsoleValue(['a', 1], false)).to.equal('[\n  "a",\n  1,\n]');
    expect(renderConsoleValue({ team: 'infra', env: ['a'] }, false)).to.equal('{\n  "env"  = [\n    "a",\n  ]\n  "team" = "infra"\n}');
    expect(renderConsoleValue('a\nb', false)).to.equal('<<EOT\na\nb\nEOT');
    expect(renderConsoleValue("${a}\n%{b}", false)).to.equal("<<EOT\n$${a}\n%%{b}\nEOT");
    expect(renderConsoleValue('${x}', false)).to.equal('"$${x}"');
  });
});
