// Values of `sensitive` variables never reach the state file or a saved plan. Where the
// configuration marks a value sensitive, the files hold a marker instead: a salted scrypt hash of
// the value, enough to tell later whether the value changed, useless for reading it back.
//
// Markers replace scalars only, so maps keep their keys and lists their length: refresh, the
// planner and the handlers see the shapes they expect. Before planning, each marker is restored
// to the refreshed or the configured value whose hash it matches (the value has not changed); a
// marker nothing matches stands for a value that did change, and the plan updates it.
//
// The salt is the state lineage, the address and the path, so equal secrets give different markers
// in different places. A guessable secret can still be confirmed by someone holding the file: the
// hash is slow on purpose (scrypt), and the files stay private (0600, encrypted S3 objects).
import { scryptSync } from 'node:crypto';
import { childPointer } from '../core/json-pointer.js';
import { isObjectValue, isUnknown, type ObjectValue, type Value } from '../core/values.js';
import { sensitiveMatcher, type PathSegment } from '../config/sensitive-paths.js';

const MARKER_PREFIX = 'bkp-sensitive:scrypt:';
/** scrypt cost: about 8 ms per value on a laptop core; cached, so each value is hashed once a run. */
const SCRYPT_OPTIONS = { N: 4096, r: 8, p: 1 };

/** Where a value sits: its hash is salted with all three. */
export interface SensitiveLocation {
  lineage: string;
  address: string;
}

export function isSensitiveMarker(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith(MARKER_PREFIX);
}

const markers = new Map<string, string>();

function markerOf(value: Value, where: SensitiveLocation, path: readonly PathSegment[]): string {
  const salt = `${where.lineage}\n${where.address}\n${path.reduce<string>(childPointer, '')}`;
  const text = JSON.stringify(value);
  const key = `${salt}\0${text}`;
  let marker = markers.get(key);
  if (marker === undefined) {
    marker = MARKER_PREFIX + scryptSync(text, salt, 32, SCRYPT_OPTIONS).toString('base64url');
    markers.set(key, marker);
  }
  return marker;
}

/**
 * The attributes with every scalar the pointers cover replaced by its marker. Returns the same
 * object when nothing is sensitive, so unchanged state resources stay shared.
 */
export function redactSensitive(attributes: ObjectValue, pointers: readonly string[], where: SensitiveLocation): ObjectValue {
  if (pointers.length === 0) return attributes;
  const matcher = sensitiveMatcher(pointers);
  return mapScalars(attributes, [], (value, path) =>
    value === null || isUnknown(value) || isSensitiveMarker(value) || !matcher.covers(path) ? value : markerOf(value, where, path),
  ) as ObjectValue;
}

/** The value with `map` applied to each scalar (by path); unchanged parts keep their identity. */
function mapScalars(value: Value, path: PathSegment[], map: (scalar: Value, path: PathSegment[]) => Value): Value {
  if (Array.isArray(value)) {
    const items = value.map((item, i) => mapScalars(item, [...path, i], map));
    return items.every((v, i) => v === value[i]) ? value : items;
  }
  if (isObjectValue(value)) {
    const out: ObjectValue = {};
    let changed = false;
    for (const [key, item] of Object.entries(value)) {
      out[key] = mapScalars(item, [...path, key], map);
      if (out[key] !== item) changed = true;
    }
    return changed ? out : value;
  }
  return map(value, path);
}

/** True when the attributes hold at least one marker. */
export function holdsSensitiveMarkers(value: Value | undefined): boolean {
  if (isSensitiveMarker(value)) return true;
  if (Array.isArray(value)) return value.some(holdsSensitiveMarkers);
  if (isObjectValue(value)) return Object.values(value).some(holdsSensitiveMarkers);
  return false;
}

export interface RestoreResult {
  attributes: ObjectValue;
  /** Paths of markers no candidate matched: the value changed since it was recorded. */
  unmatched: PathSegment[][];
}

/**
 * Replaces each marker with the value at the same path of the first candidate whose hash it
 * matches. A marker nothing matches takes `fallback`'s value when it has one, else stays.
 */
export function restoreSensitive(
  attributes: ObjectValue,
  candidates: readonly (ObjectValue | null | undefined)[],
  where: SensitiveLocation,
  fallback?: ObjectValue | null,
): RestoreResult {
  const unmatched: PathSegment[][] = [];
  const restored = mapScalars(attributes, [], (value, path) => {
    if (!isSensitiveMarker(value)) return value;
    for (const candidate of candidates) {
      const v = valueAt(candidate, path);
      if (v !== undefined && v !== null && !isUnknown(v) && !Array.isArray(v) && !isObjectValue(v) && markerOf(v, where, path) === value) return v;
    }
    unmatched.push(path);
    const replacement = valueAt(fallback, path);
    return replacement !== undefined && !isSensitiveMarker(replacement) ? replacement : value;
  });
  return { attributes: restored as ObjectValue, unmatched };
}

function valueAt(root: ObjectValue | null | undefined, path: readonly PathSegment[]): Value | undefined {
  let current: Value | undefined = root ?? undefined;
  for (const segment of path) {
    if (Array.isArray(current) && typeof segment === 'number') current = current[segment];
    else if (isObjectValue(current) && typeof segment === 'string') current = current[segment];
    else return undefined;
  }
  return current;
}
