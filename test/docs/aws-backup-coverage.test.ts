// docs/aws-backup-coverage.md stays true: it lists every operation of AWS Backup's service model
// once (botocore's model, the one the AWS CLI reads; skipped with a message without botocore), and
// every operation it calls managed or read is one bkp sends, every other one is one it never sends.
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const STATUSES = ['managed', 'read', 'planned', 'out of scope', 'not applicable'];

interface CoverageRow {
  operation: string;
  status: string;
  by: string;
}

function coverageRows(): CoverageRow[] {
  const text = readFileSync(join(ROOT, 'docs/aws-backup-coverage.md'), 'utf8');
  return text
    .split('\n')
    .map((line) => /^\| ([A-Z][A-Za-z]+) \| ([a-z ]+) \| (.*) \|$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ operation: m[1]!, status: m[2]!, by: m[3]! }));
}

/** The operation names of botocore's AWS Backup model, or undefined when botocore is absent. */
function botocoreOperations(): string[] | undefined {
  const script = 'import botocore.session, json; print(json.dumps(botocore.session.get_session().get_service_model("backup").operation_names))';
  const run = spawnSync('python3', ['-c', script], { encoding: 'utf8', timeout: 60_000 });
  if (run.status !== 0) return undefined;
  return JSON.parse(run.stdout) as string[];
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** The AWS Backup commands bkp's own code (not the sandbox, which answers them) sends. */
function sentOperations(): Set<string> {
  const sent = new Set<string>();
  const sandbox = join(ROOT, 'src/sandbox');
  for (const file of sourceFiles(join(ROOT, 'src'))) {
    if (file.startsWith(sandbox)) continue;
    for (const m of readFileSync(file, 'utf8').matchAll(/new ([A-Z][A-Za-z]+)Command\(/g)) sent.add(m[1]!);
  }
  return sent;
}

describe('docs/aws-backup-coverage.md', () => {
  const rows = coverageRows();

  it('gives every operation one row with a known status and a reason', () => {
    expect(rows.length).to.be.greaterThan(100);
    const names = rows.map((r) => r.operation);
    expect(names).to.deep.equal([...new Set(names)].sort(), 'one row per operation, in alphabetical order');
    for (const row of rows) {
      expect(STATUSES, `${row.operation}`).to.include(row.status);
      expect(row.by.trim(), `${row.operation} says by what or why`).to.not.equal('');
    }
  });

  it('lists exactly the operations of the AWS Backup service model', function () {
    const operations = botocoreOperations();
    if (operations === undefined) {
      process.stdout.write('skipped: botocore is not installed (python3 -c "import botocore")\n');
      this.skip();
    }
    expect(rows.map((r) => r.operation)).to.have.members(operations);
    expect(rows).to.have.length(operations.length);
  });

  it('calls managed or read exactly the operations bkp sends', () => {
    const sent = sentOperations();
    const listed = rows.filter((r) => r.status === 'managed' || r.status === 'read').map((r) => r.operation);
    expect(listed.filter((op) => !sent.has(op)), 'marked managed or read but never sent').to.deep.equal([]);
    const others = rows.filter((r) => r.status !== 'managed' && r.status !== 'read').map((r) => r.operation);
    expect(others.filter((op) => sent.has(op)), 'sent but not marked managed or read').to.deep.equal([]);
  });
});
