// Issue 6.4: fuzzed configuration, variable files, state files and plan files (truncated, wrong
// types, huge values, deep nesting, invalid UTF-8, symlinks, a plan from another configuration)
// always end in a user error, never a stack trace, and a refused run writes nothing. In-process
// (the same parser and top-level error handler as the CLI); bin/bkp.js runs a sample of them.
// In-process runs get absolute plan-file paths: bkp reads them relative to the working directory.
import { expect } from 'chai';
import { cp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runBkp, tempDir } from '../support/cli.js';
import { newFigures, reportFigures } from './support/figures.js';
import { runInProcess } from './support/in-process.js';
import { DEEP_MARKER, hostileHcl, hostileJson, jsonText, mutateBytes, mutateJson } from './support/mutate.js';
import { configText, looksLikeACrash, writeProject } from './support/project.js';
import { scaled, seededRandom } from './support/scale.js';

type Json = Parameters<typeof mutateJson>[1];

describe('reliability: hostile and broken input', function () {
  this.timeout(300_000);
  const figures = newFigures();
  let base: string;
  let cleanupBase: () => Promise<void>;
  let planFile: Buffer;

  /** The files of a directory and their bytes: a refused run must leave them all as they were. */
  async function snapshot(dir: string): Promise<Map<string, string>> {
    const files = new Map<string, string>();
    for (const name of await readdir(dir, { recursive: true })) {
      const bytes = await readFile(join(dir, name)).catch(() => undefined);
      if (bytes !== undefined) files.set(name, bytes.toString('base64'));
    }
    return files;
  }

  /** Runs bkp on a hostile input: a clear user error (or success), never a crash; refused runs write nothing. */
  async function expectHandled(dir: string, args: string[], input: string): Promise<number> {
    figures.fuzzInputs++;
    const before = await snapshot(dir);
    const r = await runInProcess(dir, args);
    const output = r.stdout + r.stderr;
    expect(looksLikeACrash(output), `${input}: ${output.slice(0, 3000)}`).to.equal(false);
    expect(r.code, `${input}: ${output.slice(0, 2000)}`).to.be.oneOf([0, 1, 2]);
    if (r.code === 1) {
      expect(r.stderr, `${input}: the error says what is wrong`).to.match(/Error|error/);
      expect(await snapshot(dir), `${input}: a refused run changed a file`).to.deep.equal(before);
    }
    return r.code;
  }

  before(async () => {
    ({ dir: base, cleanup: cleanupBase } = await tempDir('bkp-hostile-'));
    await writeProject(base);
    const applied = await runInProcess(base, ['apply', '-auto-approve']);
    expect(applied.code, applied.stderr).to.equal(0);
    const planned = await runInProcess(base, ['plan', `-out=${join(base, 'pending.plan')}`, '-var=variant=two']);
    expect(planned.code, planned.stderr).to.equal(0);
    planFile = await readFile(join(base, 'pending.plan'));
    await rm(join(base, 'pending.plan'));
  });
  after(async () => {
    reportFigures('hostile-input', figures);
    await cleanupBase();
  });

  /** A scratch copy of the applied project. */
  async function scratch(): Promise<{ dir: string; cleanup(): Promise<void> }> {
    const t = await tempDir('bkp-hostile-case-');
    await cp(base, t.dir, { recursive: true });
    return t;
  }

  it('configuration: deep nesting, huge values and NUL bytes give a user error', async () => {
    const t = await scratch();
    try {
      for (const { name, text } of hostileHcl()) {
        await writeFile(join(t.dir, 'main.bkp.hcl'), text);
        await expectHandled(t.dir, ['plan'], `HCL with ${name}`);
      }
      await writeFile(join(t.dir, 'main.bkp.hcl'), configText());
      for (const { name, text } of hostileJson()) {
        await writeFile(join(t.dir, 'extra.bkp.json'), text);
        const code = await expectHandled(t.dir, ['plan'], `JSON with ${name}`);
        if (name.includes('nested')) expect(code, name).to.equal(1);
      }
    } finally {
      await t.cleanup();
    }
  });

  it('configuration and variable files: byte-level mutations', async () => {
    const t = await scratch();
    const random = seededRandom(64);
    const config = Buffer.from(configText());
    const varsHcl = Buffer.from('variant = "two"\n');
    const varsJson = Buffer.from('{"variant": "two"}\n');
    try {
      for (let i = 0; i < scaled(40); i++) {
        const { name, bytes } = mutateBytes(random, config);
        await writeFile(join(t.dir, 'main.bkp.hcl'), bytes);
        await expectHandled(t.dir, ['validate'], `configuration ${name} (seed 64, input ${i})`);
      }
      await writeFile(join(t.dir, 'main.bkp.hcl'), config);
      for (let i = 0; i < scaled(20); i++) {
        const json = i % 2 === 1;
        const { name, bytes } = mutateBytes(random, json ? varsJson : varsHcl);
        const file = json ? 'vars.json' : 'vars.bkpvars.hcl';
        await writeFile(join(t.dir, file), bytes);
        await expectHandled(t.dir, ['plan', `-var-file=${file}`], `variable file ${file} ${name} (input ${i})`);
      }
      for (const [label, text] of [
        ['a list for a string', 'variant = [1, 2]\n'],
        ['deep nesting', `variant = ${'['.repeat(10_000)}"x"${']'.repeat(10_000)}\n`],
      ] as const) {
        await writeFile(join(t.dir, 'bad.bkpvars.hcl'), text);
        expect(await expectHandled(t.dir, ['plan', '-var-file=bad.bkpvars.hcl'], `variable file with ${label}`), label).to.equal(1);
      }
    } finally {
      await t.cleanup();
    }
  });

  it('state files: mutated bytes and values are refused or read, never a crash or a write', async () => {
    const t = await scratch();
    const random = seededRandom(65);
    const original = await readFile(join(base, 'bkp.state.json'));
    const doc = JSON.parse(original.toString('utf8')) as Json;
    try {
      for (let i = 0; i < scaled(30); i++) {
        const byBytes = i % 3 === 0;
        const mutant = byBytes ? mutateBytes(random, original) : (() => {
          const m = mutateJson(random, doc);
          return { name: m.name, bytes: Buffer.from(jsonText(m.doc)) };
        })();
        await writeFile(join(t.dir, 'bkp.state.json'), mutant.bytes, { mode: 0o600 });
        await expectHandled(t.dir, ['plan', '-var=variant=one'], `state ${mutant.name} (seed 65, input ${i})`);
        await expectHandled(t.dir, ['state', 'list'], `state list on state ${mutant.name}`);
      }
      // Nesting deeper than any state bkp writes is refused before anything walks it.
      const deep = structuredClone(doc) as { resources: Array<{ attributes: Record<string, Json> }> };
      deep.resources[0]!.attributes.tags = DEEP_MARKER;
      await writeFile(join(t.dir, 'bkp.state.json'), jsonText(deep as unknown as Json));
      expect(await expectHandled(t.dir, ['plan', '-var=variant=one'], 'state with a deeply nested attribute')).to.equal(1);
      expect((await runInProcess(t.dir, ['plan'])).stderr).to.include('nested more than');
      // A refused state is never overwritten by an apply either.
      await writeFile(join(t.dir, 'bkp.state.json'), original.subarray(0, original.length >> 1));
      expect(await expectHandled(t.dir, ['apply', '-auto-approve'], 'apply on a truncated state')).to.equal(1);
    } finally {
      await t.cleanup();
    }
  });

  it('a symlinked state file: read through, but a write replaces the link and never touches its target', async () => {
    const t = await scratch();
    const elsewhere = await tempDir('bkp-elsewhere-');
    try {
      const target = join(elsewhere.dir, 'other.state.json');
      await cp(join(t.dir, 'bkp.state.json'), target);
      const targetBefore = await readFile(target, 'utf8');
      await rm(join(t.dir, 'bkp.state.json'));
      await symlink(target, join(t.dir, 'bkp.state.json'));
      const r = await runInProcess(t.dir, ['apply', '-auto-approve', '-var=variant=two']);
      figures.fuzzInputs++;
      expect(looksLikeACrash(r.stderr), r.stderr).to.equal(false);
      expect(r.code, r.stdout + r.stderr).to.be.oneOf([0, 1]);
      expect(await readFile(target, 'utf8'), 'the link target is untouched').to.equal(targetBefore);
      // A link to a directory is a clear error.
      await rm(join(t.dir, 'bkp.state.json'));
      await symlink(elsewhere.dir, join(t.dir, 'bkp.state.json'));
      expect(await expectHandled(t.dir, ['plan'], 'state linked to a directory')).to.equal(1);
    } finally {
      await elsewhere.cleanup();
      await t.cleanup();
    }
  });

  it('plan files: mutated, retyped or foreign plans are refused without touching state or account', async () => {
    const random = seededRandom(66);
    const saved = JSON.parse(planFile.toString('utf8')) as Json;
    for (let i = 0; i < scaled(24); i++) {
      const t = await scratch();
      try {
        const mutant =
          i % 4 === 0
            ? mutateBytes(random, planFile)
            : (() => {
                // Mostly inside the plan itself: the header (lineage, serial, hash) still matches.
                const m = mutateJson(random, saved, i % 4 === 3 ? undefined : 'plan');
                return { name: m.name, bytes: Buffer.from(jsonText(m.doc)) };
              })();
        await writeFile(join(t.dir, 'mutant.plan'), mutant.bytes);
        await expectHandled(t.dir, ['apply', join(t.dir, 'mutant.plan')], `plan file ${mutant.name} (seed 66, input ${i})`);
      } finally {
        await t.cleanup();
      }
    }
  });

  it('a plan made for another configuration or another state is refused', async () => {
    const other = await tempDir('bkp-other-');
    const t = await scratch();
    try {
      await writeProject(other.dir);
      expect((await runInProcess(other.dir, ['apply', '-auto-approve'])).code).to.equal(0);
      expect((await runInProcess(other.dir, ['plan', `-out=${join(other.dir, 'other.plan')}`, '-var=variant=two'])).code).to.equal(0);
      await cp(join(other.dir, 'other.plan'), join(t.dir, 'other.plan'));
      await expectHandled(t.dir, ['apply', join(t.dir, 'other.plan')], 'a plan of another state lineage');
      const refused = await runInProcess(t.dir, ['apply', join(t.dir, 'other.plan')]);
      expect(refused.stderr).to.include('different state lineage');
      await writeFile(join(other.dir, 'main.bkp.hcl'), `${configText()}\n# edited\n`);
      await writeFile(join(t.dir, 'pending.plan'), planFile);
      await writeFile(join(t.dir, 'main.bkp.hcl'), `${configText()}\n# edited\n`);
      expect(await expectHandled(t.dir, ['apply', join(t.dir, 'pending.plan')], 'a plan of another configuration')).to.equal(1);
    } finally {
      await other.cleanup();
      await t.cleanup();
    }
  });

  it('file() does not read outside the configuration directory, not even through a symbolic link', async () => {
    const t = await scratch();
    const elsewhere = await tempDir('bkp-secret-');
    try {
      const secret = join(elsewhere.dir, 'secret.json');
      await writeFile(secret, '{"Version": "2012-10-17", "Statement": []}');
      await symlink(secret, join(t.dir, 'policy.json'));
      const useFile = (path: string) =>
        `${configText()}\nbackup_vault "extra" {\n  name          = "extra"\n  access_policy = file("${path}")\n}\n`;
      for (const path of ['policy.json', '../x/policy.json']) {
        await writeFile(join(t.dir, 'main.bkp.hcl'), useFile(path));
        const r = await runInProcess(t.dir, ['validate']);
        figures.fuzzInputs++;
        expect(r.code, r.stdout + r.stderr).to.equal(1);
        expect(r.stderr).to.include('cannot read outside the configuration directory');
      }
      // An absolute path the user wrote is read.
      await writeFile(join(t.dir, 'main.bkp.hcl'), useFile(secret));
      const absolute = await runInProcess(t.dir, ['validate']);
      expect(absolute.code, absolute.stderr).to.equal(0);
    } finally {
      await elsewhere.cleanup();
      await t.cleanup();
    }
  });

  it('through bin/bkp.js: exit 1, no stack trace, nothing written', async () => {
    const t = await scratch();
    try {
      const cases: Array<[string, () => Promise<void>, string[]]> = [
        ['deeply nested configuration', () => writeFile(join(t.dir, 'main.bkp.hcl'), hostileHcl()[0]!.text), ['plan']],
        ['truncated state', async () => {
          await writeFile(join(t.dir, 'main.bkp.hcl'), configText());
          const state = await readFile(join(base, 'bkp.state.json'));
          await writeFile(join(t.dir, 'bkp.state.json'), state.subarray(0, 100));
        }, ['apply', '-auto-approve']],
        ['plan file with invalid UTF-8', async () => {
          await cp(join(base, 'bkp.state.json'), join(t.dir, 'bkp.state.json'));
          await writeFile(join(t.dir, 'bad.plan'), Buffer.concat([planFile.subarray(0, 50), Buffer.from([0xff, 0xc0]), planFile.subarray(50)]));
        }, ['apply', 'bad.plan']],
      ];
      for (const [label, prepare, args] of cases) {
        await prepare();
        const before = await snapshot(t.dir);
        const r = await runBkp(args, { cwd: t.dir });
        figures.fuzzInputs++;
        expect(r.code, `${label}: ${r.stderr}`).to.equal(1);
        expect(looksLikeACrash(r.stdout + r.stderr), `${label}: ${r.stderr}`).to.equal(false);
        expect(await snapshot(t.dir), label).to.deep.equal(before);
      }
    } finally {
      await t.cleanup();
    }
  });
});
