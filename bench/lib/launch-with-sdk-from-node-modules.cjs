// bin/bkp.js with the AWS SDK taken from node_modules instead of its bundles (dist/aws-sdk/):
// every package the CLI asks the launcher for is required from node_modules, as before the SDK had
// bundles of its own; the rest is bin/bkp.js itself. The config benchmark runs it in turns with
// bin/bkp.js to measure what the SDK bundles and their code caches save.
'use strict';
const { createRequire } = require('node:module');
const { join } = require('node:path');

const root = process.env.BKP_BENCH_TARGET ?? join(__dirname, '..', '..');
const fromNodeModules = createRequire(join(__dirname, '..', '..', 'package.json'));
require(join(root, 'bin', 'load-bundle.cjs')).awsSdkModule = (name) => fromNodeModules(name);
require(join(root, 'bin', 'bkp.js'));
