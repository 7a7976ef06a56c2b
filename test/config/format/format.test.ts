// bkp fmt's layout: golden input/output pairs, idempotence (formatting twice changes nothing) over
// the fixtures, the examples and the fuzz corpus, meaning preserved (the configuration the real
// loader evaluates is the same before and after), and every shipped configuration file formatted.
import { expect } from 'chai';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatHcl } from '../../../src/config/format/format.js';
import { readConfiguration } from '../../../src/config/load.js';
import { mutate, prng } from '../config-mutants.js';

const root = (path: string) => fileURLToPath(new URL(`../../../${path}`, import.meta.url));
const GOLDEN = root('test/fixtures/format/');
const VALID = root('test/fixtures/valid/');
const EXAMPLE_DIRS = ['examples/quickstart/', 'examples/production/'].map(root);

const hclFiles = (dir: string) =>
  readdirSync(dir)
    .filter((name) => /\.bkp(vars)?\.hcl$/.test(name))
    .sort()
    .map((name) => join(dir, name));
const SHIPPED = [...hclFiles(VALID), ...EXAMPLE_DIRS.flatMap(hclFiles)];

function format(text: string, file = 'test.bkp.hcl'): string {
  const result = formatHcl(text, file);
  if (!result.ok) throw new Error(`${file} does not parse: ${result.diagnostics.map((d) => d.summary).join('; ')}`);
  return result.text;
}

describe('bkp fmt layout', () => {
  for (const input of readdirSync(GOLDEN).filter((name) => name.endsWith('.input.hcl'))) {
    it(`formats ${input} as its golden file says`, () => {
      const golden = readFileSync(join(GOLDEN, input.replace('.input.', '.golden.')), 'utf8');
      expect(format(readFileSync(join(GOLDEN, input), 'utf8'))).to.equal(golden);
      expect(format(golden), 'a golden file is formatted already').to.equal(golden);
    });
  }

  it('returns the syntax errors of a file that does not parse, with positions', () => {
    const result = formatHcl('backup_vault "v" {\n  name = \n}\n', 'broken.bkp.hcl');
    expect(result.ok).to.equal(false);
    if (result.ok) return;
    expect(result.diagnostics[0]!.range).to.include({ file: 'broken.bkp.hcl' });
    expect(result.diagnostics[0]!.range!.start.line).to.equal(2);
  });

  it('keeps an empty file empty and ends any other with exactly one newline', () => {
    expect(format('')).to.equal('');
    expect(format('\n\n\n')).to.equal('');
    expect(format('a = 1')).to.equal('a = 1\n');
    expect(format('a = 1\n\n\n')).to.equal('a = 1\n');
  });

  it('is idempotent on every fixture and example file', () => {
    for (const file of SHIPPED) {
      const once = format(readFileSync(file, 'utf8'), file);
      expect(format(once, file), file).to.equal(once);
    }
  });

  it('is idempotent, and changes no token, over the fuzz corpus (mutants of the examples that still parse)', function () {
    this.timeout(120_000);
    const seeds = EXAMPLE_DIRS.flatMap(hclFiles);
    let formatted = 0;
    seeds.forEach((seed, index) => {
      const random = prng(20261206 + index);
      const text = readFileSync(seed, 'utf8');
      for (let i = 0; i < 300; i++) {
        const mutant = mutate(text, random).text;
        // formatHcl itself refuses (throws) a result whose tokens differ from the input's.
        const once = formatHcl(mutant, seed);
        if (!once.ok) continue;
        formatted++;
        expect(format(once.text, seed), `${seed} mutant ${i}`).to.equal(once.text);
      }
    });
    expect(formatted, 'mutants that parse').to.be.greaterThan(100);
  });

  it('never changes meaning: the loader evaluates the same configuration before and after', async () => {
    // The examples' files, not directories: running an example (the README's quickstart) leaves a .bkp directory beside them.
    const exampleFiles = (dir: string) => readdirSync(dir, { withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(dir, e.name));
    const cases = [...hclFiles(VALID).map((file) => [file]), ...EXAMPLE_DIRS.map(exampleFiles)];
    for (const files of cases) {
      const before = await evaluated(files, false);
      const after = await evaluated(files, true);
      expect(after, files.join(', ')).to.equal(before);
    }
  });

  it('leaves every file of examples/ and test/fixtures/valid/ as it is (they pass bkp fmt -check)', () => {
    const unformatted = SHIPPED.filter((file) => format(readFileSync(file, 'utf8'), file) !== readFileSync(file, 'utf8'));
    expect(unformatted).to.deep.equal([]);
  });
});

/** The evaluated configuration of `files` (copied into a fresh directory, formatted or not), without source positions. */
async function evaluated(files: string[], formatted: boolean): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'bkp-fmt-'));
  try {
    for (const file of files) {
      const target = join(dir, file.split('/').pop()!);
      if (formatted && file.endsWith('.hcl')) writeFileSync(target, format(readFileSync(file, 'utf8'), file));
      else copyFileSync(file, target);
    }
    const result = await readConfiguration({ dir, missingAsUnknown: true });
    const { files: _texts, dir: _dir, ...config } = result.config ?? {};
    return JSON.stringify({ config, diagnostics: result.diagnostics.map((d) => d.summary) }, (key, value: unknown) =>
      key === 'range' || key === 'ranges' ? undefined : value,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
