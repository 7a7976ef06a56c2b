// bin/bkp.js without V8's code cache: the bundle loaded the same way, given a cache path that does
// not exist. The config benchmark runs it in turns with bin/bkp.js to measure what the cache saves.
'use strict';
const { join } = require('node:path');

const root = process.env.BKP_BENCH_TARGET ?? join(__dirname, '..', '..');
require(join(root, 'bin', 'load-bundle.cjs')).loadBundle(join(root, 'dist', 'bkp.cjs'), join(root, 'dist', 'no-such-code-cache')).exports.main(process.argv.slice(2));
