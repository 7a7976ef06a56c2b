#!/usr/bin/env node
// Thin launcher for the bundled CLI (dist/bkp.cjs, built by `npm run build`, which `npm install`
// runs through `prepare`). `--version` alone is answered here, without loading the CLI at all.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { setFlagsFromString } from 'node:v8';

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-version' || args[0] === '-v')) {
  process.stdout.write(`${JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version}\n`);
} else {
  // A plan holds the configuration, the state and the account's answers at once, then drops most
  // of it. By default V8 lets the heap grow to up to 4× what survived the last full collection
  // before collecting again; 1.5× keeps a 5,000-resource plan's peak RSS near 260 MB instead of
  // 310 MB, for about 5% more CPU time (bench/RESULTS.md). V8 reads this flag at every collection.
  setFlagsFromString('--heap-growing-percent=50');
  createRequire(import.meta.url)('../dist/bkp.cjs').main(args);
}
