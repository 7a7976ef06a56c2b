// Paths as messages show them: relative to a base directory when below it, else as they are.
import { isAbsolute, relative, sep } from 'node:path';

/** `path` relative to `base` (with forward slashes) when it lies below it; otherwise `path` unchanged. */
export function pathBelow(path: string, base: string): string {
  const rel = relative(base, path);
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? path : rel.split(sep).join('/');
}
