// bkp check in a machine format on a configuration with errors: CI still gets a document of the
// format it asked for (stdout or -out), and the run fails with exit 1.
import { expect } from 'chai';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runInProcess } from '../reliability/support/in-process.js';
import { tempDir } from '../support/cli.js';

const INVALID = `
provider "sandbox" {}
policy "company" {
  control "resources_protected_by_nothing" {}
}
`;

describe('bkp check on an invalid configuration', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  before(async () => {
    ({ dir, cleanup } = await tempDir('bkp-check-invalid-'));
    await writeFile(join(dir, 'main.bkp.hcl'), INVALID);
  });
  after(() => cleanup());

  it('-json prints a document with valid: false and the errors at their places', async () => {
    const result = await runInProcess(dir, ['check', '-json']);
    expect(result.code).to.equal(1);
    const doc = JSON.parse(result.stdout) as { compliant: boolean; valid: boolean; diagnostics: Array<{ severity: string; range?: { filename: string; start: { line: number } } }> };
    expect(doc.compliant).to.equal(false);
    expect(doc.valid).to.equal(false);
    expect(doc.diagnostics[0]?.severity).to.equal('error');
    expect(doc.diagnostics[0]?.range).to.deep.include({ filename: 'main.bkp.hcl' });
    expect(doc.diagnostics[0]?.range?.start.line).to.equal(4);
    expect(result.stderr).to.contain('resources_protected_by_nothing');
  });

  it('-format=sarif -out=FILE writes a SARIF run that did not succeed, with the errors as notifications', async () => {
    const result = await runInProcess(dir, ['check', '-format=sarif', '-out=check.sarif']);
    expect(result.code).to.equal(1);
    const sarif = JSON.parse(await readFile(join(dir, 'check.sarif'), 'utf8')) as {
      version: string;
      runs: Array<{ results: unknown[]; invocations: Array<{ executionSuccessful: boolean; toolExecutionNotifications: Array<{ level: string; locations?: Array<{ physicalLocation: { region: { startLine: number } } }> }> }> }>;
    };
    expect(sarif.version).to.equal('2.1.0');
    const invocation = sarif.runs[0]!.invocations[0]!;
    expect(invocation.executionSuccessful).to.equal(false);
    expect(invocation.toolExecutionNotifications[0]?.level).to.equal('error');
    expect(invocation.toolExecutionNotifications[0]?.locations?.[0]?.physicalLocation.region.startLine).to.equal(4);
    expect(sarif.runs[0]!.results).to.deep.equal([]);
  });

  it('-format=markdown says the check did not run and lists the errors', async () => {
    const result = await runInProcess(dir, ['check', '-format=markdown']);
    expect(result.code).to.equal(1);
    expect(result.stdout).to.contain('### bkp check: not run').and.contain('`main.bkp.hcl:4:');
  });

  it('the human format prints the errors on stderr only, as before', async () => {
    const result = await runInProcess(dir, ['check']);
    expect(result.code).to.equal(1);
    expect(result.stdout).to.equal('');
    expect(result.stderr).to.contain('resources_protected_by_nothing');
  });

  it('refuses a -sarif-base that is not a directory', async () => {
    const result = await runInProcess(dir, ['check', '-format=sarif', '-sarif-base=no-such-dir']);
    expect(result.code).to.equal(1);
    expect(result.stderr).to.contain('-sarif-base=no-such-dir is not a directory');
  });
});
