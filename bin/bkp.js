#!/usr/bin/env node
// Thin launcher for the bundled CLI (dist/bkp.cjs, built by `npm run build`, which `npm install`
// runs through `prepare`). `--version` alone is answered here, without loading the CLI at all.
// CommonJS (see bin/package.json): Node starts a CommonJS entry ~20 ms sooner than an ES module.
'use strict';
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { setFlagsFromString } = require('node:v8');

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-version' || args[0] === '-v')) {
  process.stdout.write(`${JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')).version}\n`);
} else {
  // A plan holds the configuration, the state and the account's answers at once, then drops most
  // of it. By default V8 lets the heap grow to up to 4× what survived the last full collection
  // before collecting again; 1.5× keeps the first apply of 5,000 resources near 300 MiB of peak
  // RSS instead of 440 MiB (bench/README.md, "Start-up and memory flags"). V8 reads this flag at
  // every collection; v8.setFlagsFromString is Node's documented way to set it from the program.
  setFlagsFromString('--heap-growing-percent=50');
  require(join(__dirname, '..', 'dist', 'bkp.cjs')).main(args);
}
