// bkp check end to end: every control's fixture (test/fixtures/policy/<control>/{compliant,
// non-compliant}) gives the expected findings, exit codes, and the report formats.
import { expect } from 'chai';
import { cp, readdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { runBkp, tempDir } from '../support/cli.js';

const FIXTURES = resolve(import.meta.dirname, '../fixtures/policy');
const QUICKSTART = resolve(import.meta.dirname, '../../examples/quickstart');

interface Expected {
  refresh?: boolean;
  findings: Array<{ control: string; resource: string; line: number }>;
}
interface JsonReport {
  format_version: string;
  compliant: boolean;
  findings: Array<{ control: string; resource: string; severity: string; message: string; range?: { filename: string; start: { line: number } } }>;
  controls: Array<{ control: string; status: string; reason?: string }>;
}

const controls = (await readdir(FIXTURES, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort();

describe('bkp check over the policy fixtures', function () {
  this.timeout(180_000);
  const cases = controls.flatMap((control) => ['compliant', 'non-compliant'].map((kind) => ({ control, kind })));
  const outcomes = new Map<string, { expected: Expected; code: number; stdout: string; stderr: string }>();

  // Every fixture runs in its own directory, a few at a time: the assertions below only read.
  before(async () => {
    const queue = [...cases];
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const fixture = join(FIXTURES, next.control, next.kind);
        const expected = JSON.parse(await readFile(join(fixture, 'expected.json'), 'utf8')) as Expected;
        const { dir, cleanup } = await tempDir();
        try {
          await cp(join(fixture, 'main.bkp.hcl'), join(dir, 'main.bkp.hcl'));
          if (expected.refresh) {
            await runBkp(['apply', '-auto-approve'], { cwd: dir });
            await runBkp(['sandbox', 'advance', '2d'], { cwd: dir });
          }
          const r = await runBkp(['check', '-json', ...(expected.refresh ? ['-refresh'] : [])], { cwd: dir });
          outcomes.set(`${next.control}/${next.kind}`, { expected, ...r });
        } finally {
          await cleanup();
        }
      }
    };
    await Promise.all([worker(), worker(), worker(), worker()]);
  });

  for (const { control, kind } of cases) {
    it(`${control}: ${kind}`, () => {
      const { expected, code, stdout, stderr } = outcomes.get(`${control}/${kind}`)!;
      expect(code, stderr).to.equal(kind === 'compliant' ? 0 : 3);
      const report = JSON.parse(stdout) as JsonReport;
      expect(report.compliant).to.equal(kind === 'compliant');
      expect(report.controls.map((c) => c.control)).to.deep.equal([control]);
      expect(report.controls[0]!.status).to.equal(kind === 'compliant' ? 'compliant' : 'non_compliant');
      const found = report.findings.map((f) => ({ control: f.control, resource: f.resource, line: f.range?.start.line }));
      expect(found).to.deep.equal(expected.findings);
      for (const f of report.findings) expect(f.range?.filename).to.equal('main.bkp.hcl');
    });
  }
});

describe('bkp check', function () {
  this.timeout(60_000);
  let dir: string;
  let cleanup: () => Promise<void>;

  before(async () => {
    ({ dir, cleanup } = await tempDir());
    await cp(join(FIXTURES, 'resources_protected_by_backup_plan/non-compliant/main.bkp.hcl'), join(dir, 'main.bkp.hcl'));
  });
  after(async () => cleanup());

  it('prints each finding with its file and line, and a summary, exiting 3', async () => {
    const r = await runBkp(['check'], { cwd: dir });
    expect(r.code, r.stderr).to.equal(3);
    expect(r.stdout).to.include('Error: company/resources_protected_by_backup_plan: arn:aws:rds:eu-west-1:123456789012:db:orders');
    expect(r.stdout).to.include('on main.bkp.hcl line 11');
    expect(r.stdout).to.match(/Non-compliant: 1 control, 2 resources evaluated: 0 compliant, 2 non-compliant\./);
  });

  it('writes SARIF with a rule per control and results located relative to -sarif-base', async () => {
    const r = await runBkp(['-chdir=' + dir, 'check', '-format=sarif', '-sarif-base=..', '-out=report.sarif'], { cwd: dir });
    expect(r.code, r.stderr).to.equal(3);
    const sarif = JSON.parse(await readFile(join(dir, 'report.sarif'), 'utf8'));
    expect(sarif.version).to.equal('2.1.0');
    const run = sarif.runs[0];
    expect(run.tool.driver.rules.map((x: { id: string }) => x.id)).to.deep.equal(['resources_protected_by_backup_plan']);
    const location = run.results[0].locations[0].physicalLocation;
    expect(location.artifactLocation.uri.endsWith('/main.bkp.hcl')).to.equal(true);
    expect(location.artifactLocation.uri.startsWith('..')).to.equal(false);
    expect(location.region.startLine).to.equal(7);
  });

  it('warnings do not fail the check', async () => {
    const text = await readFile(join(dir, 'main.bkp.hcl'), 'utf8');
    const { dir: other, cleanup: done } = await tempDir();
    try {
      await writeFile(join(other, 'main.bkp.hcl'), text.replace('resource_types = ["EC2", "RDS"]', 'resource_types = ["EC2", "RDS"]\n    severity = "warning"'));
      const r = await runBkp(['check', '-format=markdown'], { cwd: other });
      expect(r.code, r.stderr).to.equal(0);
      expect(r.stdout).to.include('### bkp check: compliant');
      expect(r.stdout).to.include('| warning | `resources_protected_by_backup_plan` |');
    } finally {
      await done();
    }
  });

  it('reports malformed policies in bkp validate, at file:line, with did-you-mean', async () => {
    const { dir: other, cleanup: done } = await tempDir();
    try {
      await writeFile(
        join(other, 'main.bkp.hcl'),
        'provider "sandbox" {}\n\npolicy "company" {\n  control "resources_protected_by_backup_plna" {}\n  control "recovery_point_minimum_retention" {\n    required_retention_dayz = 35\n  }\n  control "last_recovery_point_created" {\n    recovery_point_age_value = "soon"\n  }\n}\n',
      );
      const r = await runBkp(['validate', '-json'], { cwd: other });
      expect(r.code).to.equal(1);
      const out = JSON.parse(r.stdout) as { diagnostics: Array<{ summary: string; detail: string; range: { start: { line: number } } }> };
      const lines = out.diagnostics.map((d) => [d.summary, d.range.start.line]);
      expect(lines).to.deep.include(['Unknown control', 4]);
      expect(lines).to.deep.include(['Unsupported argument', 6]);
      expect(lines).to.deep.include(['Incorrect attribute value type', 9]);
      expect(out.diagnostics.find((d) => d.summary === 'Unknown control')!.detail).to.include('Did you mean "resources_protected_by_backup_plan"?');
      expect(out.diagnostics.find((d) => d.summary === 'Unsupported argument')!.detail).to.include('Did you mean "required_retention_days"?');
      const check = await runBkp(['check'], { cwd: other });
      expect(check.code).to.equal(1);
    } finally {
      await done();
    }
  });

  it('refuses a configuration without policy blocks (exit 1)', async () => {
    const { dir: other, cleanup: done } = await tempDir();
    try {
      await cp(join(QUICKSTART, 'main.bkp.hcl'), join(other, 'main.bkp.hcl'));
      const r = await runBkp(['check'], { cwd: other });
      expect(r.code).to.equal(1);
      expect(r.stderr).to.include('no policy block');
    } finally {
      await done();
    }
  });
});
