// Invalid configurations: every directory of test/fixtures/invalid/ is loaded as a configuration and
// must produce exactly the diagnostics its expected.json lists (same count, same order by position,
// same summary, detail containing the fragment, same file/line/column).
//
// expected.json:
//   { "description": "...",
//     "vars"?: ["name=value"], "var_files"?: ["x.bkpvars.hcl" (in the fixture)], "env"?: { "BKP_VAR_x": "..." },
//     "diagnostics": [ { "severity": "error", "summary": "...", "detail_includes"?: "...",
//                        "detail_excludes"?: "...", "mentions"?: "...",
//                        "file": "main.bkp.hcl" | null, "line"?: N, "column"?: N } ] }
// `file: null` means the diagnostic has no source position (it comes from the command line);
// `mentions` must appear in the detail or the context (where the fix may put it is open).
//
// Fixtures that expose a bug in bkp live in test/fixtures/invalid-known-bugs/ with the correct
// expectation (none at present); they are not run here and move to invalid/ once fixed.
import { expect } from 'chai';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../src/app/configuration.js';
import { sortDiagnostics, type Diagnostic } from '../../src/core/diagnostics.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/invalid/', import.meta.url));
const MINIMUM_FIXTURES = 45;

interface ExpectedDiagnostic {
  severity: 'error' | 'warning';
  summary: string;
  detail_includes?: string;
  detail_excludes?: string;
  mentions?: string;
  file: string | null;
  line?: number;
  column?: number;
}

interface Expectation {
  description: string;
  vars?: string[];
  var_files?: string[];
  env?: Record<string, string>;
  diagnostics: ExpectedDiagnostic[];
}

function fixtureNames(): string[] {
  return readdirSync(FIXTURES, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

function readExpectation(name: string): Expectation {
  return JSON.parse(readFileSync(join(FIXTURES, name, 'expected.json'), 'utf8')) as Expectation;
}

/** One line per diagnostic, so a failing fixture shows what bkp actually said. */
function describeActual(list: readonly Diagnostic[]): string {
  return list
    .map((d) => {
      const at = d.range ? `${d.range.file}:${d.range.start.line}:${d.range.start.column}` : '(no position)';
      return `  ${d.severity} ${at} ${d.summary} — ${d.detail ?? ''}`;
    })
    .join('\n');
}

function positionKey(d: ExpectedDiagnostic): [string, number, number] {
  return [d.file ?? '', d.line ?? 0, d.column ?? 0];
}

describe('invalid configuration fixtures', function () {
  const names = fixtureNames();

  it(`has at least ${MINIMUM_FIXTURES} fixtures, each with configuration files and an expected.json listed by position`, () => {
    expect(names.length).to.be.at.least(MINIMUM_FIXTURES);
    for (const name of names) {
      const files = readdirSync(join(FIXTURES, name));
      expect(files.some((f) => /\.bkp\.(hcl|json)$/.test(f)), `${name} has no configuration file`).to.equal(true);
      expect(existsSync(join(FIXTURES, name, 'expected.json')), `${name} has no expected.json`).to.equal(true);
      const expected = readExpectation(name);
      expect(expected.description, `${name} has no description`).to.be.a('string').and.not.equal('');
      expect(expected.diagnostics.length, `${name} expects no diagnostic`).to.be.greaterThan(0);
      const keys = expected.diagnostics.map(positionKey);
      const sorted = [...keys].sort((a, b) => (a[0] !== b[0] ? (a[0] < b[0] ? -1 : 1) : a[1] - b[1] || a[2] - b[2]));
      expect(keys, `${name}: list the expected diagnostics by file and position`).to.deep.equal(sorted);
    }
  });

  for (const name of names) {
    const expected = readExpectation(name);
    it(`${name}: ${expected.description}`, async () => {
      const dir = join(FIXTURES, name);
      const result = await loadConfig({
        dir,
        vars: expected.vars,
        // var_files are relative to the fixture, as if bkp ran there.
        varFiles: expected.var_files?.map((f) => join(dir, f)),
        // Never the environment of the machine running the tests: BKP_VAR_* there would leak in.
        env: expected.env ?? {},
      });
      const actual = sortDiagnostics(result.diagnostics);
      const report = `\nactual diagnostics of ${name}:\n${describeActual(actual)}`;
      expect(actual.length, `number of diagnostics${report}`).to.equal(expected.diagnostics.length);
      expected.diagnostics.forEach((want, i) => {
        const got = actual[i]!;
        const label = `diagnostic ${i + 1} of ${name}${report}`;
        expect(got.severity, label).to.equal(want.severity);
        expect(got.summary, label).to.equal(want.summary);
        if (want.detail_includes !== undefined) expect(got.detail ?? '', label).to.include(want.detail_includes);
        if (want.detail_excludes !== undefined) expect(got.detail ?? '', label).to.not.include(want.detail_excludes);
        if (want.mentions !== undefined) expect(`${got.context ?? ''}\n${got.detail ?? ''}`, label).to.include(want.mentions);
        if (want.file === null) {
          expect(got.range, label).to.equal(undefined);
        } else {
          // -var-file paths are given absolute here (the test does not chdir): compare them relative.
          const file = got.range && isAbsolute(got.range.file) ? relative(dir, got.range.file) : got.range?.file;
          expect(file, label).to.equal(want.file);
          expect(got.range?.start.line, label).to.equal(want.line);
          expect(got.range?.start.column, label).to.equal(want.column);
        }
      });
      if (expected.diagnostics.some((d) => d.severity === 'error')) expect(result.config, 'no configuration when there are errors').to.equal(undefined);
    });
  }
});
