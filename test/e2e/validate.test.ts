// `bkp validate` through the built CLI (`node bin/bkp.js`, compiled to dist/ by `npm test`): every
// problem of a configuration in one run, Terraform-style locations and excerpts, the -json shape,
// exit codes, and never a stack trace for a user's mistake.
import { expect } from 'chai';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runBkp, type CliResult } from '../support/cli.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const INVALID = join(ROOT, 'test', 'fixtures', 'invalid');
const MULTI_ERROR = join(INVALID, 'multi-error-two-files');

interface ExpectedDiagnostic {
  severity: 'error' | 'warning';
  summary: string;
  detail_includes?: string;
  file: string | null;
  line?: number;
  column?: number;
}

interface JsonDiagnostic {
  severity: string;
  summary: string;
  detail: string;
  range?: { filename: string; start: { line: number; column: number; byte: number }; end: { line: number; column: number; byte: number } };
  context?: string;
}

interface ValidateJson {
  format_version: string;
  valid: boolean;
  error_count: number;
  warning_count: number;
  diagnostics: JsonDiagnostic[];
}

function expectedDiagnostics(fixture: string): ExpectedDiagnostic[] {
  return (JSON.parse(readFileSync(join(fixture, 'expected.json'), 'utf8')) as { diagnostics: ExpectedDiagnostic[] }).diagnostics;
}

/** The environment without BKP_VAR_*, so that the machine's variables cannot change the result. */
function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).map(([k, v]) => [k, k.startsWith('BKP_VAR_') ? undefined : v]));
}

function validate(dir: string, ...args: string[]): Promise<CliResult> {
  return runBkp([`-chdir=${dir}`, 'validate', ...args], { cwd: ROOT, env: cleanEnv() });
}

function sourceLine(fixture: string, file: string, line: number): string {
  return readFileSync(join(fixture, file), 'utf8').split('\n')[line - 1]!.replace(/\r$/, '');
}

function expectNoStackTrace(output: string): void {
  expect(output).to.not.match(/\n\s+at .+[:(]\d+/);
  expect(output).to.not.contain('this is a bug');
}

describe('bkp validate (built CLI)', function () {
  this.timeout(60_000);

  before(function () {
    if (!existsSync(join(ROOT, 'dist', 'bkp.cjs'))) {
      throw new Error('dist/ is missing: build first with `npm run build` (npm test does).');
    }
  });

  it('reports every error of a two-file configuration in one run, each with its location and source line', async () => {
    const expected = expectedDiagnostics(MULTI_ERROR);
    expect(expected.length).to.be.at.least(6);
    expect(new Set(expected.map((d) => d.file)).size).to.equal(2);

    const result = await validate(MULTI_ERROR);
    expect(result.code).to.equal(1);
    expect(result.stdout).to.equal('');
    expectNoStackTrace(result.stderr);
    expect(result.stderr.match(/^Error: /gm) ?? []).to.have.length(expected.length);

    // Each error is one section: "Error: SUMMARY", "on FILE line N, in …:", the numbered source line.
    const sections = result.stderr.split(/^(?=Error: )/m).filter((s) => s.startsWith('Error: '));
    for (const want of expected) {
      const location = `on ${want.file} line ${want.line}`;
      const section = sections.find((s) => s.startsWith(`Error: ${want.summary}\n`) && s.includes(location));
      expect(section, `no section "${want.summary}" ${location} in:\n${result.stderr}`).to.not.equal(undefined);
      expect(section).to.contain(`${want.line}: ${sourceLine(MULTI_ERROR, want.file!, want.line!)}`);
      if (want.detail_includes) expect(section).to.contain(want.detail_includes);
    }
  });

  it('prints the same errors as JSON with -json: valid, error_count, and each range', async () => {
    const expected = expectedDiagnostics(MULTI_ERROR);
    const result = await validate(MULTI_ERROR, '-json');
    expect(result.code).to.equal(1);
    expectNoStackTrace(result.stderr);
    const output = JSON.parse(result.stdout) as ValidateJson;
    expect(output.valid).to.equal(false);
    expect(output.error_count).to.equal(expected.length);
    expect(output.warning_count).to.equal(0);
    expect(output.diagnostics).to.have.length(expected.length);
    const located = output.diagnostics.map((d) => ({ summary: d.summary, file: d.range?.filename, line: d.range?.start.line, column: d.range?.start.column }));
    expect(located).to.deep.equal(expected.map((d) => ({ summary: d.summary, file: d.file, line: d.line, column: d.column })));
    for (const d of output.diagnostics) {
      expect(d.severity).to.equal('error');
      expect(d.detail).to.be.a('string').and.not.equal('');
      expect(d.range!.end.line).to.be.at.least(d.range!.start.line);
      expect(d.context).to.match(/^(backup_vault|backup_plan|backup_selection|on_demand_backup) "/);
    }
  });

  it('reports syntax errors of several files with positions and a caret under the mistake', async () => {
    const fixture = join(INVALID, 'multi-error-syntax-stops-evaluation');
    const result = await validate(fixture);
    expect(result.code).to.equal(1);
    expectNoStackTrace(result.stderr);
    expect(result.stderr).to.contain('Error: unclosed string\n\n  on a.bkp.hcl line 4:\n  4:   name = "main\n');
    expect(result.stderr).to.contain('on a.bkp.hcl line 8');
    expect(result.stderr).to.contain('on b.bkp.hcl line 11');
    // The caret line points at the invalid character (column 19 of line 8).
    const caret = /  8:   name = "second" \^\n( *)\^\n/.exec(result.stderr);
    expect(caret, result.stderr).to.not.equal(null);
    expect(caret![1]!.length).to.equal('  8: '.length + 18);
  });

  it('reports a -var for an undeclared variable without a source location', async () => {
    const result = await validate(join(INVALID, 'undeclared-cli-variable'), '-var', 'enviroment=staging');
    expect(result.code).to.equal(1);
    expectNoStackTrace(result.stderr);
    expect(result.stderr).to.contain('Error: Value for undeclared variable');
    expect(result.stderr).to.contain('A variable named "enviroment" was assigned on the command line');
    expect(result.stderr).to.not.match(/ on \S+ line \d+/);
  });

  it('reads BKP_VAR_* from its environment, as -var does', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bkp-env-var-'));
    try {
      writeFileSync(
        join(dir, 'main.bkp.hcl'),
        'provider "sandbox" {}\n\nvariable "days" {\n  type = number\n}\n\nbackup_vault "v" {\n  name = "v${var.days}"\n}\n',
      );
      // validate checks a configuration without values for required variables; plan needs them.
      const missing = await runBkp([`-chdir=${dir}`, 'plan'], { cwd: ROOT, env: cleanEnv() });
      expect(missing.code).to.equal(1);
      expect(missing.stderr).to.contain('BKP_VAR_days');
      const given = await runBkp([`-chdir=${dir}`, 'validate'], { cwd: ROOT, env: { ...cleanEnv(), BKP_VAR_days: '35' } });
      expect(given.stderr).to.equal('');
      expect(given.code).to.equal(0);
      const wrongType = await runBkp([`-chdir=${dir}`, 'validate'], { cwd: ROOT, env: { ...cleanEnv(), BKP_VAR_days: 'many' } });
      expect(wrongType.code).to.equal(1);
      expect(wrongType.stderr).to.contain('BKP_VAR_days');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a directory without configuration files as a user error, without a stack', async () => {
    const result = await validate(join(ROOT, 'test', 'fixtures'));
    expect(result.code).to.equal(1);
    expect(result.stderr).to.contain('No configuration files (*.bkp.hcl or *.bkp.json)');
    expectNoStackTrace(result.stderr);
  });

  for (const example of ['quickstart', 'production']) {
    it(`validates examples/${example}`, async () => {
      const dir = join(ROOT, 'examples', example);
      const human = await validate(dir);
      expect(human.stderr).to.equal('');
      expect(human.code).to.equal(0);
      expect(human.stdout).to.match(/^Success! The configuration is valid \(\d+ resources?\)\.\n$/);

      const json = await validate(dir, '-json');
      expect(json.code).to.equal(0);
      const output = JSON.parse(json.stdout) as ValidateJson;
      expect(output).to.deep.equal({ format_version: '1.0', valid: true, error_count: 0, warning_count: 0, diagnostics: [] });
    });
  }
});
