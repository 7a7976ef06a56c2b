// JSON.stringify(value) in pieces: the members of plain objects down to `depth` levels are
// stringified one by one, so a multi-megabyte document (a sandbox account holding thousands of
// resources) is written without ever being one string. Joined, the pieces are exactly
// JSON.stringify(value): members whose value JSON leaves out (undefined, functions, symbols) are
// left out here too, and anything that is not a plain object (arrays, objects with toJSON) is
// stringified whole.

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

export function* jsonChunks(value: unknown, depth: number): Generator<string> {
  if (depth <= 0 || !isPlainObject(value)) {
    const text = JSON.stringify(value);
    if (text !== undefined) yield text;
    return;
  }
  yield '{';
  let first = true;
  for (const key of Object.keys(value)) {
    const member = value[key];
    if (member === undefined || typeof member === 'function' || typeof member === 'symbol') continue;
    yield `${first ? '' : ','}${JSON.stringify(key)}:`;
    first = false;
    yield* jsonChunks(member, depth - 1);
  }
  yield '}';
}
