// Which parts of a resource's attributes hold values of sensitive variables, from the JSON Pointers
// the configuration marks as sensitive: the views never print them, the state and saved plans
// never store them (engine/sensitive-values.ts).
//
// The pointers address the configuration as written, but plans hold canonical attributes, whose
// lists are reordered (rules sorted by name, sets sorted, condition blocks merged). A list index in
// a pointer therefore matches every element of that list: the views hide a little more than
// needed rather than risk printing a secret.

import { pointerSegments } from '../core/json-pointer.js';

export type PathSegment = string | number;

export class SensitiveMatcher {
  private readonly patterns: string[][];

  constructor(pointers: readonly string[]) {
    this.patterns = pointers.map(pointerSegments);
  }

  get isEmpty(): boolean {
    return this.patterns.length === 0;
  }

  /** True when the value at `path`, or a value containing it, is sensitive. */
  covers(path: readonly PathSegment[]): boolean {
    return this.patterns.some((pattern) => pattern.length <= path.length && pattern.every((seg, i) => segmentMatches(seg, path[i]!)));
  }
}

const NO_SECRETS = new SensitiveMatcher([]);

/** The pointers of all the lists, each once (a value sensitive by any source stays sensitive). */
export function unionOfPointers(...lists: ReadonlyArray<readonly string[] | undefined>): string[] {
  return [...new Set(lists.flatMap((list) => list ?? []))];
}

export function sensitiveMatcher(pointers: readonly string[] | undefined): SensitiveMatcher {
  return pointers && pointers.length > 0 ? new SensitiveMatcher(pointers) : NO_SECRETS;
}

function segmentMatches(patternSegment: string, actual: PathSegment): boolean {
  if (/^\d+$/.test(patternSegment)) return true;
  return patternSegment === String(actual);
}
