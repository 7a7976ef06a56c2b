// Pagination of inventory listings (EC2, RDS, EFS and FSx Describe calls). A page ends after the
// last returned resource's serial, so resources created or removed between pages neither repeat
// nor shift the rest. The token names the operation it belongs to and is opaque to callers.

export interface Page<T> {
  items: T[];
  /** Absent on the last page. */
  next?: string;
}

/**
 * One page of `all` (ordered by serial) after `token`, at most `max` items (all when undefined).
 * Returns undefined when the token is not one this operation issued: each protocol reports that
 * with its own error.
 */
export function pageAfterSerial<T extends { serial: number }>(
  all: readonly T[],
  token: string | undefined,
  max: number | undefined,
  operation: string,
): Page<T> | undefined {
  let start = 0;
  if (token !== undefined && token !== '') {
    const after = decodeToken(token, operation);
    if (after === undefined) return undefined;
    start = all.findIndex((r) => r.serial > after);
    if (start < 0) start = all.length;
  }
  if (max === undefined) return { items: all.slice(start) };
  const items = all.slice(start, start + max);
  const more = start + max < all.length;
  return more ? { items, next: encodeToken(items[items.length - 1]!.serial, operation) } : { items };
}

function encodeToken(afterSerial: number, operation: string): string {
  return Buffer.from(JSON.stringify({ a: operation, s: afterSerial })).toString('base64url');
}

function decodeToken(token: string, operation: string): number | undefined {
  try {
    const decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { a?: unknown; s?: unknown };
    if (decoded.a === operation && typeof decoded.s === 'number') return decoded.s;
  } catch {
    // not one of our tokens
  }
  return undefined;
}
