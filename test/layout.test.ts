// `npm run test:unit` is a selection of folders (scripts/run-tests.mjs): it stays fast only while
// tests that run the built CLI or moto live in the folders it leaves out.
import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const TEST_ROOT = import.meta.dirname;
const SLOW_FOLDERS = ['e2e', 'reliability', 'moto', 'processes'];
/** What only end-to-end (built CLI) and moto tests use. */
const SLOW_MARKERS = ['runBkp(', 'BKP_BIN', 'countedBkp(', 'requireMoto('];

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return SLOW_FOLDERS.includes(relative(TEST_ROOT, path)) ? [] : testFiles(path);
    return entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('test layout', () => {
  it('keeps tests that run the built CLI or moto out of the unit folders', () => {
    const misplaced = testFiles(TEST_ROOT)
      .filter((file) => file !== join(TEST_ROOT, 'layout.test.ts'))
      .flatMap((file) => {
        const text = readFileSync(file, 'utf8');
        return SLOW_MARKERS.filter((marker) => text.includes(marker)).map((marker) => `${relative(TEST_ROOT, file)} uses ${marker}`);
      });
    expect(misplaced).to.deep.equal([]);
  });
});
