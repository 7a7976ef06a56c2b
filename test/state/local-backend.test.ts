import { expect } from 'chai';
import { chmodSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ErrorCode, InternalError, UserError } from '../../src/core/errors.js';
import { LocalStateBackend } from '../../src/state/local-backend.js';
import { newState, withJob, withResource, type StateDocument } from '../../src/state/model.js';
import { resolveStatePath } from '../../src/state/paths.js';
import { sampleJob, sampleResource, tempDir } from './helpers.js';

const OPEN = { operation: 'apply', lockTimeoutMs: 0, lock: true } as const;
const modeOf = (path: string) => statSync(path).mode & 0o777;
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as StateDocument;

describe('local state backend', () => {
  let dir: string;
  let cleanup: () => void;
  let statePath: string;
  let backend: LocalStateBackend;

  beforeEach(() => {
    ({ dir, cleanup } = tempDir());
    statePath = join(dir, 'bkp.state.json');
    backend = new LocalStateBackend({ statePath, bkpVersion: '1.0.0' });
  });
  afterEach(() => cleanup());

  it('starts from an empty state with a fresh lineage and writes nothing until a change is persisted', async () => {
    const session = await backend.open(OPEN);
    const doc = session.current();
    expect(doc).to.include({ format_version: 1, serial: 0 });
    expect(doc.resources).to.deep.equal([]);
    await session.persist(doc);
    await session.close();
    expect(existsSync(statePath)).to.equal(false);
  });

  it('round-trips a document through the file', async () => {
    const first = await backend.open(OPEN);
    const written = withJob(withResource(first.current(), sampleResource('main', { tags: { team: 'infra' } })), sampleJob('J1'));
    await first.persist(written);
    await first.close();

    const second = await backend.open(OPEN);
    expect(second.current()).to.deep.equal({ ...written, serial: 1, bkp_version: '1.0.0' });
    expect(readJson(statePath)).to.deep.equal(second.current());
    await second.close();
  });

  it('raises the serial by exactly 1 per content change and not at all otherwise', async () => {
    const session = await backend.open(OPEN);
    await session.persist(withResource(session.current(), sampleResource('a')));
    expect(session.current().serial).to.equal(1);
    const bytesAfterFirst = readFileSync(statePath, 'utf8');

    await session.persist(session.current());
    await session.persist({ ...session.current(), serial: 99, bkp_version: '0.0.1' });
    expect(session.current().serial).to.equal(1);
    expect(readFileSync(statePath, 'utf8')).to.equal(bytesAfterFirst);

    await session.persist(withResource(session.current(), sampleResource('b')));
    await session.persist(withResource(session.current(), sampleResource('b', { changed: true })));
    expect(session.current().serial).to.equal(3);
    expect(readJson(statePath).serial).to.equal(3);
    await session.close();
  });

  it('collapses persist calls queued behind a running write into one write of the latest document', async () => {
    const session = await backend.open(OPEN);
    const base = session.current();
    const first = session.persist(withResource(base, sampleResource('a')));
    await first;
    const running = session.persist(withResource(base, sampleResource('b')));
    const queued = [
      session.persist(withResource(base, sampleResource('c'))),
      session.persist(withResource(base, sampleResource('d'))),
    ];
    await Promise.all([running, ...queued]);
    const onDisk = readJson(statePath);
    // a, then b (or b joined by the queued ones), then at most one more write: never one per call.
    expect(onDisk.serial).to.be.within(2, 3);
    expect(onDisk.resources.map((r) => r.address)).to.deep.equal(['backup_vault.d']);
    expect(session.current().serial).to.equal(onDisk.serial);
    await session.close();
  });

  it('builds a document given as a function when its write starts, once for every persist merged into it', async () => {
    const session = await backend.open(OPEN);
    let doc = withResource(session.current(), sampleResource('a'));
    let builds = 0;
    const latest = () => {
      builds += 1;
      return doc;
    };
    const running = session.persist(latest);
    // Changes made after the calls, before the write starts, are in it: the write takes the newest.
    const merged = [session.persist(latest), session.persist(latest)];
    doc = withResource(doc, sampleResource('b'));
    await Promise.all([running, ...merged]);
    expect(builds).to.equal(1);
    expect(readJson(statePath).resources.map((r) => r.address)).to.deep.equal(['backup_vault.a', 'backup_vault.b']);
    // What was built is frozen before it is written, as a document passed directly is.
    expect(Object.isFrozen(session.current().resources[1])).to.equal(true);
    await session.close();
  });

  it('keeps the lineage fixed across runs and refuses to persist another lineage', async () => {
    const first = await backend.open(OPEN);
    const lineage = first.current().lineage;
    await first.persist(withResource(first.current(), sampleResource('a')));
    await first.close();

    const second = await backend.open(OPEN);
    expect(second.current().lineage).to.equal(lineage);
    const foreignLineage = { ...withResource(second.current(), sampleResource('b')), lineage: newState('x').lineage };
    let refused: unknown;
    await second.persist(foreignLineage).catch((e: unknown) => (refused = e));
    expect(refused).to.be.instanceOf(InternalError);
    expect(readJson(statePath).lineage).to.equal(lineage);
    await second.close();
  });

  it('hands out frozen documents: the current one cannot be changed in place, a derived one is persisted', async () => {
    const session = await backend.open(OPEN);
    const first = withResource(session.current(), sampleResource('a'));
    await session.persist(first);
    const doc = session.current();
    expect(() => {
      doc.resources[0]!.id = 'mutated';
    }).to.throw(TypeError);
    // What was persisted is frozen too: the caller cannot change it behind a pending write.
    expect(() => first.resources.push(sampleResource('z'))).to.throw(TypeError);
    expect(session.current().resources[0]!.id).to.equal('a');
    await session.persist(withResource(doc, { ...doc.resources[0]!, id: 'changed' }));
    expect(readJson(statePath).resources[0]!.id).to.equal('changed');
    expect(readJson(statePath).serial).to.equal(2);
    await session.close();
  });

  it('compares by content, not identity: an equal document built anew is not written', async () => {
    const session = await backend.open(OPEN);
    await session.persist(withResource(session.current(), sampleResource('a')));
    const rebuilt = JSON.parse(JSON.stringify(session.current())) as ReturnType<typeof session.current>;
    await session.persist(rebuilt);
    expect(readJson(statePath).serial).to.equal(1);
    await session.persist(withResource(rebuilt, sampleResource('a', { note: 'changed' })));
    expect(readJson(statePath).serial).to.equal(2);
    await session.close();
  });

  it('sets bkp_version to the writing bkp', async () => {
    await new LocalStateBackend({ statePath, bkpVersion: '1.0.0' }).open(OPEN).then(async (s) => {
      await s.persist(withResource(s.current(), sampleResource('a')));
      await s.close();
    });
    const newer = await new LocalStateBackend({ statePath, bkpVersion: '2.0.0' }).open(OPEN);
    await newer.persist(withResource(newer.current(), sampleResource('b')));
    await newer.close();
    expect(readJson(statePath)).to.include({ bkp_version: '2.0.0', serial: 2 });
  });

  it('keeps in .backup the state as it was before this run, copied once per run', async () => {
    const run1 = await backend.open(OPEN);
    await run1.persist(withResource(run1.current(), sampleResource('a')));
    await run1.persist(withResource(run1.current(), sampleResource('b')));
    await run1.close();
    expect(existsSync(`${statePath}.backup`)).to.equal(false);
    const before = readFileSync(statePath, 'utf8');

    const run2 = await backend.open(OPEN);
    await run2.persist(withResource(run2.current(), sampleResource('c')));
    await run2.persist(withResource(run2.current(), sampleResource('d')));
    await run2.close();
    expect(readFileSync(`${statePath}.backup`, 'utf8')).to.equal(before);
    expect(readJson(`${statePath}.backup`).serial).to.equal(2);
    expect(readJson(statePath).serial).to.equal(4);
  });

  it('writes the state and its backup with mode 0600, even over a file that was 0644', async () => {
    const run1 = await backend.open(OPEN);
    await run1.persist(withResource(run1.current(), sampleResource('a')));
    await run1.close();
    expect(modeOf(statePath)).to.equal(0o600);
    chmodSync(statePath, 0o644);

    const run2 = await backend.open(OPEN);
    await run2.persist(withResource(run2.current(), sampleResource('b')));
    await run2.close();
    expect(modeOf(statePath)).to.equal(0o600);
    expect(modeOf(`${statePath}.backup`)).to.equal(0o600);
  });

  it('creates each temp file in the state directory with mode 0600 before writing data, and leaves none behind', async () => {
    const earlier = await backend.open(OPEN);
    await earlier.persist(withResource(earlier.current(), sampleResource('first')));
    await earlier.close();
    const seen: Array<{ name: string; mode: number; size: number }> = [];
    const observed = new LocalStateBackend({
      statePath,
      bkpVersion: '1.0.0',
      onTempFileCreated: (temp) => {
        const stat = statSync(temp);
        seen.push({ name: temp.slice(dir.length + 1), mode: stat.mode & 0o777, size: stat.size });
      },
    });
    const session = await observed.open(OPEN);
    await session.persist(withResource(session.current(), sampleResource('a')));
    await session.persist(withResource(session.current(), sampleResource('b')));
    await session.close();

    expect(seen).to.have.length(3); // the backup before the first write, then two state writes
    expect(seen[0]!.name).to.contain('.backup.');
    for (const temp of seen) {
      expect(temp.name).to.match(new RegExp(`^\\.bkp\\.state\\.json(\\.backup)?\\.${process.pid}\\.[0-9a-f]+\\.tmp$`));
      expect(temp.mode).to.equal(0o600);
      expect(temp.size).to.equal(0);
    }
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).to.deep.equal([]);
  });

  describe('refusing unreadable state files', () => {
    const cases: Array<[string, string, string]> = [
      ['truncated JSON', '{"format_version": 1, "serial": 3, "lin', ErrorCode.StateCorrupt],
      ['wrong types', JSON.stringify({ ...newState('1.0.0'), serial: '3' }), ErrorCode.StateCorrupt],
      ['a missing lineage', JSON.stringify({ format_version: 1, serial: 1, bkp_version: '1', resources: [], jobs: [] }), ErrorCode.StateCorrupt],
      ['a future format_version', JSON.stringify({ ...newState('1.0.0'), format_version: 7 }), ErrorCode.StateForeign],
      ['a Terraform state', JSON.stringify({ version: 4, terraform_version: '1.9.0', serial: 1, lineage: 'x', resources: [] }), ErrorCode.StateForeign],
    ];
    for (const [what, content, code] of cases) {
      it(`refuses ${what}, names the file, and leaves it byte-identical and unlocked`, async () => {
        writeFileSync(statePath, content, { mode: 0o644 });
        let error: unknown;
        await backend.open(OPEN).catch((e: unknown) => (error = e));
        expect(error).to.be.instanceOf(UserError);
        expect((error as UserError).code).to.equal(code);
        expect((error as UserError).message).to.contain('bkp.state.json');
        expect(readFileSync(statePath, 'utf8')).to.equal(content);
        expect(modeOf(statePath)).to.equal(0o644);
        expect(existsSync(`${statePath}.backup`)).to.equal(false);
        expect(existsSync(join(dir, '.bkp.state.json.lock'))).to.equal(false);
      });
    }
  });

  it('refuses to persist after close, and close is idempotent', async () => {
    const session = await backend.open(OPEN);
    await session.close();
    await session.close();
    let error: unknown;
    await session.persist(withResource(session.current(), sampleResource('a'))).catch((e: unknown) => (error = e));
    expect(error).to.be.instanceOf(InternalError);
    expect(existsSync(statePath)).to.equal(false);
  });

  it('reads without locking when asked to', async () => {
    const holder = await backend.open(OPEN);
    const reader = await backend.open({ operation: 'show', lockTimeoutMs: 0, lock: false });
    expect(reader.lockInfo).to.equal(undefined);
    await reader.close();
    expect(existsSync(join(dir, '.bkp.state.json.lock'))).to.equal(true);
    await holder.close();
  });

  it('resolves the state path from the configuration directory and the backend path', () => {
    expect(resolveStatePath('/cfg')).to.equal('/cfg/bkp.state.json');
    expect(resolveStatePath('/cfg', 'state/prod.json')).to.equal('/cfg/state/prod.json');
    expect(resolveStatePath('/cfg', '/abs/s.json')).to.equal('/abs/s.json');
    const nested = LocalStateBackend.forConfigDir(dir, 'state/prod.json');
    expect(nested.statePath).to.equal(join(dir, 'state/prod.json'));
    expect(nested.lockPath).to.equal(join(dir, 'state/.prod.json.lock'));
  });

  it('creates the directory of a nested state path and keeps lock and backup beside the state', async () => {
    const nested = LocalStateBackend.forConfigDir(dir, 'state/prod.json');
    const session = await nested.open(OPEN);
    expect(existsSync(join(dir, 'state/.prod.json.lock'))).to.equal(true);
    await session.persist(withResource(session.current(), sampleResource('a')));
    await session.close();
    expect(readJson(join(dir, 'state/prod.json')).serial).to.equal(1);
    expect(existsSync(join(dir, 'state/.prod.json.lock'))).to.equal(false);
  });
});
