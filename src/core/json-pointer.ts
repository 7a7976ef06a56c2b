// JSON Pointers (RFC 6901) as ajv writes them in `instancePath`: "/rule/0/copy", "/tags/a~1b".
// They name a value inside a block's attributes: the evaluator records each value's source range
// under its pointer, and validation and the planner name values by them.

/** One segment escaped for a pointer: `~` → `~0`, `/` → `~1`. */
export function escapePointerSegment(segment: string | number): string {
  const text = String(segment);
  return text.includes('~') || text.includes('/') ? text.replace(/~/g, '~0').replace(/\//g, '~1') : text;
}

/**
 * Each child pointer made once, by parent and segment. Every resource of a kind has the same
 * paths: one string each instead of one per resource was about 12 MiB of a 5,000-resource
 * apply's heap, and looking the child up under its parent saves building "parent/segment" only
 * to find it is already known. Bounded, as a long-running process loads configuration after
 * configuration.
 */
const children = new Map<string, Map<string | number, string>>();
let childCount = 0;
const MAX_CHILDREN = 100_000;

/** The pointer of `segment` under `parent` ("/tags" + "a/b" → "/tags/a~1b"). */
export function childPointer(parent: string, segment: string | number): string {
  let known = children.get(parent);
  const found = known?.get(segment);
  if (found !== undefined) return found;
  if (childCount >= MAX_CHILDREN) {
    children.clear();
    childCount = 0;
    known = undefined;
  }
  if (known === undefined) {
    known = new Map();
    children.set(parent, known);
  }
  const path = `${parent}/${escapePointerSegment(segment)}`;
  known.set(segment, path);
  childCount += 1;
  return path;
}

/** The unescaped segments of a pointer ("" → []). */
export function pointerSegments(path: string): string[] {
  return path === '' ? [] : path.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}
