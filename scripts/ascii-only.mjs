// esbuild writes strings in ASCII but keeps comments as written, and a few have "…" or "→": one
// such character makes V8 hold a whole bundle, which stays in memory as the script's source for
// every command, as a two-byte string (4 MB instead of 2 for the CLI's). A \u escape in a comment
// is only text, so the bundle becomes ASCII without changing what it does.
import { readFileSync, writeFileSync } from 'node:fs';

export function asciiOnly(bundlePath) {
  const bundled = readFileSync(bundlePath, 'utf8');
  writeFileSync(bundlePath, bundled.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}
