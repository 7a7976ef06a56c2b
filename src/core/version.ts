// The bkp version, read once from package.json.
import { readFileSync } from 'node:fs';
import { PACKAGE_JSON } from './package-files.js';

let cached: string | undefined;

export function bkpVersion(): string {
  if (cached === undefined) {
    const pkg = JSON.parse(readFileSync(PACKAGE_JSON, 'utf8')) as { version: string };
    cached = pkg.version;
  }
  return cached;
}
