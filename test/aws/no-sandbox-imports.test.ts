// The sandbox is reached only through the AWS SDK, like AWS (DESIGN.md section 1): nothing in
// src/aws/ or src/policy/ may import src/sandbox/, statically or dynamically. A static scan of
// every import specifier, resolved against the importing file.
import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const SRC = resolve(import.meta.dirname, '../../src');
const SANDBOX = join(SRC, 'sandbox');

function typescriptFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return typescriptFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** `from '…'`, `import '…'`, `import('…')` and `export … from '…'` specifiers of a module. */
function importSpecifiers(source: string): string[] {
  const found: string[] = [];
  for (const match of source.matchAll(/\bfrom\s*['"]([^'"]+)['"]|\bimport\s*\(?\s*['"]([^'"]+)['"]/g)) found.push(match[1] ?? match[2]!);
  return found;
}

describe('layers: src/aws/ and src/policy/ reach the sandbox only through the SDK', () => {
  it('finds static, dynamic and re-export specifiers', () => {
    const source = "import a from './a.js';\nimport type { B } from \"../b.js\";\nexport { c } from './c.js';\nimport './d.js';\nconst e = await import('../sandbox/e.js');";
    expect(importSpecifiers(source)).to.deep.equal(['./a.js', '../b.js', './c.js', './d.js', '../sandbox/e.js']);
  });

  for (const folder of ['aws', 'policy']) {
    it(`src/${folder}/ imports nothing from src/sandbox/`, () => {
      const offending = typescriptFiles(join(SRC, folder)).flatMap((file) =>
        importSpecifiers(readFileSync(file, 'utf8'))
          .filter((specifier) => specifier.startsWith('.') && resolve(dirname(file), specifier).startsWith(SANDBOX + '/'))
          .map((specifier) => `${relative(SRC, file)} imports ${specifier}`),
      );
      expect(offending).to.deep.equal([]);
    });
  }
});
