import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DurableFileAdapter } from '../../src/state/durable-file-adapter.js';
import { tempDir } from './helpers.js';

describe('durable file adapter', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = tempDir()));
  afterEach(() => cleanup());

  it('writes a document serialised as pieces, as text or as bytes the same way', async () => {
    const path = join(dir, 'doc.json');
    const as = (serialize: (data: string[]) => string | Buffer | Buffer[]) =>
      new DurableFileAdapter<string[]>(path, { format: { parse: (text) => JSON.parse(text) as string[], serialize } });
    const data = ['a', 'é', '✓'];
    for (const adapter of [as((d) => JSON.stringify(d)), as((d) => Buffer.from(JSON.stringify(d))), as((d) => d.map((s) => Buffer.from(s)))]) {
      await adapter.write(data);
    }
    expect(readFileSync(path, 'utf8')).to.equal('aé✓');
    await as((d) => JSON.stringify(d)).write(data);
    expect(await as((d) => JSON.stringify(d)).read()).to.deep.equal(data);
  });
});
