// The bkp version, read once from package.json (two levels up from src/ and from dist/).
import { readFileSync } from 'node:fs';

let cached: string | undefined;

export function bkpVersion(): string {
  if (cached === undefined) {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    cached = pkg.version;
  }
  return cached;
}
