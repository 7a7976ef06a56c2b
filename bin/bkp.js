#!/usr/bin/env node
// Thin launcher: the CLI is compiled to dist/ by `npm run build` (run by `npm install` through `prepare`).
import('../dist/cli/main.js').then((m) => m.main(process.argv.slice(2)));
