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
  let cli;
  try {
    cli = require('./load-bundle.cjs').loadBundle(bundle, `${bundle}.cache`).exports;
  } catch (error) {
    // BKP_E002: a file of bkp's build is missing (a bundle, or package.json and schemas/ beside it).
    if (error?.code !== 'BKP_E002') throw error;
    process.stderr.write(`Error: ${error.message}\n\n${error.hint}\n`);
    process.exitCode = 1;
  }
  cli?.main(args).then(exitOnceWritten);
}

// When the command has finished (its work awaited, its exit code set), bkp exits as soon as its
// output is written, instead of letting Node free the heap page by page first: that took 35 ms
// after a plan of the quickstart and 70 ms after validating 2,000 blocks (strace: one munmap per
// page). A command that never finishes still ends the way main() handles it. The exit waits one
// turn of the event loop more, so that a failed write's 'error' event (src/cli/io.ts: exit code 1)
// has been handled.
function exitOnceWritten() {
  let pending = 2;
  const written = () => {
    pending -= 1;
    if (pending === 0) setImmediate(() => process.exit());
  };
  process.stdout.write('', written);
  process.stderr.write('', written);
}
