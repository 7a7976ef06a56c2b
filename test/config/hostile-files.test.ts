// Configuration files, -var-file files and file() under hostile input: named pipes, devices,
// oversized files and invalid UTF-8 end in a user error naming the file, never in a hang.
import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readConfiguration } from '../../src/config/load.js';
import { decodeConfigText, firstInvalidByte } from '../../src/config/syntax/utf8.js';
import { UserError } from '../../src/core/errors.js';
import { READ_LIMITS } from '../../src/core/read-file.js';
import { evaluate, load } from './evaluate-helpers.js';

const SANDBOX = 'provider "sandbox" {}\n';

async function loadError(dir: string): Promise<UserError> {
  try {
    await readConfiguration({ dir });
  } catch (e) {
    expect(e).to.be.instanceOf(UserError);
    return e as UserError;
  }
  throw new Error('expected the configuration to be refused');
}

describe('config: hostile files', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bkp-hostile-files-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const mkfifo = (name: string): string => {
    const path = join(dir, name);
    execFileSync('mkfifo', [path]);
    return path;
  };

  describe('configuration files', () => {
    it('refuses a *.bkp.hcl that is a named pipe instead of waiting for a writer', async function () {
      if (process.platform === 'win32') this.skip();
      writeFileSync(join(dir, 'main.bkp.hcl'), SANDBOX);
      mkfifo('x.bkp.hcl');
      const e = await loadError(dir);
      expect(e.message).to.equal('Cannot read the configuration file x.bkp.hcl: it is a named pipe (FIFO), not a regular file.');
    });

    it('refuses a *.bkp.hcl linked to /dev/zero without reading it', async function () {
      if (!existsSync('/dev/zero')) this.skip();
      symlinkSync('/dev/zero', join(dir, 'z.bkp.hcl'));
      const e = await loadError(dir);
      expect(e.message).to.equal('Cannot read the configuration file z.bkp.hcl: it is a character device, not a regular file.');
    });

    it('refuses a configuration file over the limit', async () => {
      writeFileSync(join(dir, 'big.bkp.hcl'), `# ${'x'.repeat(READ_LIMITS.configuration)}\n`);
      const e = await loadError(dir);
      expect(e.message).to.equal('Cannot read the configuration file big.bkp.hcl: it is larger than 8 MiB, the most bkp reads from such a file.');
    });

    it('reports invalid UTF-8 at its line and column', async () => {
      writeFileSync(join(dir, 'main.bkp.hcl'), Buffer.concat([Buffer.from(`${SANDBOX}locals {\n  ärger = "a`), Buffer.from([0xc3, 0x28]), Buffer.from('b"\n}\n')]));
      const result = await readConfiguration({ dir });
      expect(result.config).to.equal(undefined);
      const errors = result.diagnostics.filter((d) => d.severity === 'error');
      expect(errors).to.have.length(1);
      expect(errors[0]!.summary).to.equal('Invalid UTF-8');
      expect(errors[0]!.detail).to.contain('0xC3');
      expect(errors[0]!.range!.file).to.equal('main.bkp.hcl');
      expect(errors[0]!.range!.start).to.include({ line: 3, column: 13 });
    });
  });

  describe('invalid UTF-8', () => {
    it('accepts valid UTF-8, a byte order mark and a literal U+FFFD', () => {
      const text = Buffer.from('\ufeffa = "\ufffd é 😀"\n');
      expect(decodeConfigText(text, 'f').diagnostics).to.deep.equal([]);
      expect(decodeConfigText(text, 'f').text).to.equal('a = "\ufffd é 😀"\n');
    });

    it('finds overlong forms, surrogates, stray continuation bytes and truncated sequences', () => {
      expect(firstInvalidByte(Buffer.from([0x61, 0xc0, 0xaf]))).to.equal(1);
      expect(firstInvalidByte(Buffer.from([0x61, 0xed, 0xa0, 0x80]))).to.equal(1);
      expect(firstInvalidByte(Buffer.from([0x80]))).to.equal(0);
      expect(firstInvalidByte(Buffer.from([0x61, 0x62, 0xe2, 0x82]))).to.equal(2);
      expect(firstInvalidByte(Buffer.from([0xf4, 0x90, 0x80, 0x80]))).to.equal(0);
    });

    it('gives the position after a byte order mark and multi-byte characters', () => {
      const bytes = Buffer.concat([Buffer.from('\ufeffé😀\nab'), Buffer.from([0xff])]);
      const d = decodeConfigText(bytes, 'f.bkp.hcl').diagnostics[0]!;
      expect(d.range!.start).to.deep.equal({ line: 2, column: 3, offset: 6 });
    });
  });

  describe('-var-file', () => {
    const DECL = 'variable "a" { default = "x" }\n';

    it('refuses a named pipe', function () {
      if (process.platform === 'win32') this.skip();
      const { errors } = load(DECL, { varFiles: [mkfifo('v.bkpvars.hcl')], dir });
      // Named as in the configuration directory, as the configuration's own files are.
      expect(errors.map((e) => e.detail)).to.deep.equal(['Could not read the -var-file "v.bkpvars.hcl": it is a named pipe (FIFO), not a regular file.']);
    });

    it('refuses /dev/zero', function () {
      if (!existsSync('/dev/zero')) this.skip();
      const { errors } = load(DECL, { varFiles: ['/dev/zero'] });
      expect(errors.map((e) => e.detail)).to.deep.equal(['Could not read the -var-file "/dev/zero": it is a character device, not a regular file.']);
    });

    it('refuses a file over the limit', () => {
      writeFileSync(join(dir, 'big.bkpvars.hcl'), `a = "${'x'.repeat(READ_LIMITS.varFile)}"\n`);
      const { errors } = load(DECL, { varFiles: [join(dir, 'big.bkpvars.hcl')] });
      expect(errors[0]!.detail).to.contain('it is larger than 8 MiB');
    });

    it('reports invalid UTF-8 at its position', () => {
      writeFileSync(join(dir, 'v.bkpvars.hcl'), Buffer.concat([Buffer.from('a = "'), Buffer.from([0xfe]), Buffer.from('"\n')]));
      const { errors } = load(DECL, { varFiles: [join(dir, 'v.bkpvars.hcl')] });
      expect(errors).to.have.length(1);
      expect(errors[0]!.summary).to.equal('Invalid UTF-8');
      expect(errors[0]!.range!.start).to.include({ line: 1, column: 6 });
    });
  });

  describe('file()', () => {
    it('refuses a named pipe', function () {
      if (process.platform === 'win32') this.skip();
      mkfifo('pipe');
      const { diagnostics } = evaluate('file("pipe")', '', { dir });
      expect(diagnostics.map((d) => d.detail)).to.deep.equal(['file(): cannot read "pipe": it is a named pipe (FIFO), not a regular file.']);
    });

    it('refuses /dev/zero', function () {
      if (!existsSync('/dev/zero')) this.skip();
      const { diagnostics } = evaluate('file("/dev/zero")', '', { dir });
      expect(diagnostics.map((d) => d.detail)).to.deep.equal(['file(): cannot read "/dev/zero": it is a character device, not a regular file.']);
    });

    it('refuses a file over 4 MiB', () => {
      writeFileSync(join(dir, 'big.json'), 'x'.repeat(READ_LIMITS.functionFile + 1));
      const { diagnostics } = evaluate('file("big.json")', '', { dir });
      expect(diagnostics.map((d) => d.detail)).to.deep.equal(['file(): cannot read "big.json": it is larger than 4 MiB, the most bkp reads from such a file.']);
    });
  });
});
