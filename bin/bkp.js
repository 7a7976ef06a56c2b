#!/usr/bin/env node
// Thin launcher for the bundled CLI (dist/bkp.cjs, built by `npm run build`, which `npm install`
// runs through `prepare`). `--version` alone is answered here, without loading the CLI at all.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-version' || args[0] === '-v')) {
  process.stdout.write(`${JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version}\n`);
} else {
  createRequire(import.meta.url)('../dist/bkp.cjs').main(args);
}
