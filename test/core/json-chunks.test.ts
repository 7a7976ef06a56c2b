import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomicallySync } from '../../src/core/atomic-write.js';
import { jsonChunks } from '../../src/core/json-chunks.js';

const account = {
  formatVersion: 1,
  skipped: undefined,
  clock: { mode: 'virtual', now: 1_700_000_000_000, at: new Date(0) },
  backup: {
    'eu-west-1': {
      vaults: { main: { name: 'main', tags: { 'a"b': 'c\nd' }, locked: false, missing: undefined, fn: () => 1 } },
      plans: {},
      jobs: [{ id: 'j1', state: 'COMPLETED', note: undefined }],
    },
    'us-east-1': Object.assign(Object.create(null) as Record<string, unknown>, { vaults: { dr: { name: 'dr' } } }),
  },
  inventory: [],
  nothing: null,
  text: 'ünïcode ✓',
};

describe('core/json-chunks', () => {
  for (const depth of [0, 1, 2, 3, 4, 5, 10]) {
    it(`joined, the chunks are exactly JSON.stringify (depth ${depth})`, () => {
      expect([...jsonChunks(account, depth)].join('')).to.equal(JSON.stringify(account));
    });
  }

  it('a deeper split yields more, smaller chunks', () => {
    const shallow = [...jsonChunks(account, 1)];
    const deep = [...jsonChunks(account, 4)];
    expect(deep.length).to.be.greaterThan(shallow.length);
    expect(Math.max(...deep.map((c) => c.length))).to.be.lessThan(Math.max(...shallow.map((c) => c.length)));
  });

  it('values JSON has no text for give no chunk, as JSON.stringify gives undefined', () => {
    expect([...jsonChunks(undefined, 3)]).to.deep.equal([]);
    expect([...jsonChunks(() => 1, 3)]).to.deep.equal([]);
  });

  it('writeFileAtomicallySync writes the chunks of a document larger than one write, in order', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bkp-json-chunks-'));
    try {
      const big = { records: Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`r${i}`, { id: i, name: `record-${i}`.repeat(5) }])) };
      writeFileAtomicallySync(join(dir, 'doc.json'), jsonChunks(big, 2), { syncDirectory: false });
      expect(readFileSync(join(dir, 'doc.json'), 'utf8')).to.equal(JSON.stringify(big));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
