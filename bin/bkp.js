#!/usr/bin/env node
// Thin launcher for the bundled CLI (dist/bkp.cjs, built by `npm run build`, which `npm install`
// runs through `prepare`). `--version` alone is answered here, without loading the CLI at all.
// CommonJS (see bin/package.json): Node starts a CommonJS entry ~20 ms sooner than an ES module.
'use strict';
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-version' || args[0] === '-v')) {
  process.stdout.write(`${JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')).version}\n`);
} else {
  const bundle = join(__dirname, '..', 'dist', 'bkp.cjs');
  require('./load-bundle.cjs').loadBundle(bundle, `${bundle}.cache`).exports.main(args);
}
