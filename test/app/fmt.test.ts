// bkp fmt's use case on real files: what it writes, lists and diffs, -check's exit 3 without
// writing, files that do not parse reported with positions and left untouched.
import { expect } from 'chai';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runFmt, NOT_FORMATTED_EXIT, type FmtOptions } from '../../src/app/fmt.js';
import { ConfigError, UserError } from '../../src/core/errors.js';
import { renderFormatDiff } from '../../src/render/format-diff.js';
import { recordingHost } from '../support/recording-host.js';

const DEFAULTS: FmtOptions = { paths: [], check: false, diff: false, recursive: false, write: true, list: true };

describe('bkp fmt (use case)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bkp-fmt-app-'));
    writeFileSync(join(dir, 'main.bkp.hcl'), 'a=1\n');
    writeFileSync(join(dir, 'done.bkp.hcl'), 'b = 2\n');
    writeFileSync(join(dir, 'prod.bkpvars.hcl'), 'env="prod"\n');
    writeFileSync(join(dir, 'notes.txt'), 'x=1\n');
    mkdirSync(join(dir, 'env'));
    writeFileSync(join(dir, 'env', 'child.bkp.hcl'), 'c=3\n');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const run = async (options: Partial<FmtOptions>) => {
    const host = recordingHost();
    const code = await runFmt({ host, dir }, { ...DEFAULTS, ...options });
    return { code, messages: host.messages };
  };
  const read = (name: string) => readFileSync(join(dir, name), 'utf8');
  const listed = (messages: Awaited<ReturnType<typeof run>>['messages']) =>
    messages.flatMap((m) => (m.code === 'BKP_R_FORMATTED' ? [m.data.path.split('/').slice(-2).join('/')] : []));

  it('rewrites the files of the directory that need it, lists them, and keeps their permissions', async () => {
    chmodSync(join(dir, 'main.bkp.hcl'), 0o640);
    const { code, messages } = await run({});
    expect(code).to.equal(0);
    expect(listed(messages).map((p) => p.split('/').pop())).to.deep.equal(['main.bkp.hcl', 'prod.bkpvars.hcl']);
    expect(read('main.bkp.hcl')).to.equal('a = 1\n');
    expect(read('prod.bkpvars.hcl')).to.equal('env = "prod"\n');
    expect(read('notes.txt')).to.equal('x=1\n');
    expect(read('env/child.bkp.hcl'), 'not without -recursive').to.equal('c=3\n');
    expect(statSync(join(dir, 'main.bkp.hcl')).mode & 0o777).to.equal(0o640);
  });

  it('-recursive formats subdirectories too', async () => {
    await run({ recursive: true });
    expect(read('env/child.bkp.hcl')).to.equal('c = 3\n');
  });

  it('-check writes nothing and exits 3 when a file is not formatted, 0 when all are', async () => {
    const { code, messages } = await run({ check: true });
    expect(code).to.equal(NOT_FORMATTED_EXIT).and.to.equal(3);
    expect(listed(messages)).to.have.length(2);
    expect(read('main.bkp.hcl')).to.equal('a=1\n');
    await run({});
    expect((await run({ check: true })).code).to.equal(0);
  });

  it('-diff sends the before and after of each change, rendered as a unified diff', async () => {
    const { messages } = await run({ diff: true, write: false, paths: ['main.bkp.hcl'] });
    const diff = messages.find((m) => m.code === 'BKP_R_FORMAT_DIFF');
    expect(diff?.data).to.deep.include({ before: 'a=1\n', after: 'a = 1\n' });
    expect(read('main.bkp.hcl'), '-write=false').to.equal('a=1\n');
    const text = renderFormatDiff('main.bkp.hcl', 'a=1\n', 'a = 1\n', false);
    expect(text).to.contain('--- old/main.bkp.hcl').and.to.contain('+++ new/main.bkp.hcl').and.to.contain('-a=1\n+a = 1');
  });

  it('reports a file that does not parse with its position, leaves it untouched, and formats the others', async () => {
    writeFileSync(join(dir, 'broken.bkp.hcl'), 'x = {\n');
    const error = await run({}).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(ConfigError);
    const diagnostic = (error as ConfigError).diagnostics[0]!;
    expect(diagnostic.range?.file).to.match(/broken\.bkp\.hcl$/);
    expect(diagnostic.range?.start.line).to.equal(1);
    expect(read('broken.bkp.hcl')).to.equal('x = {\n');
    expect(read('main.bkp.hcl')).to.equal('a = 1\n');
  });

  it('refuses a file that is not HCL configuration, and a path that does not exist', async () => {
    for (const paths of [['notes.txt'], ['missing.bkp.hcl']]) {
      const error = await run({ paths }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error, paths[0]).to.be.instanceOf(UserError);
    }
  });
});
