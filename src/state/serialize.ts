// The text of a state document: exactly `JSON.stringify(doc, null, 2)` plus a newline, built
// without re-serialising entries that did not change. Documents are frozen and share unchanged
// resources and intents (model.ts, draft.ts), so the UTF-8 bytes of each resource and each create
// intent are cached by identity: an apply that writes the state after every operation encodes each
// of them once, and a write of a large state hands those bytes to the file instead of building,
// then encoding, one string of the whole document. Intents are cached like resources because a
// first apply records one per create and clears them one write at a time: re-serialising the
// pending ones made every write of a 2,000-resource apply pay for 2,000 intents.
import type { StateDocument, StateIntent, StateResource } from './model.js';

type CachedEntry = StateResource | StateIntent;

const entryBytes = new WeakMap<CachedEntry, Buffer>();
/** The arrays whose entries are cached, in a marker that JSON never produces from real data. */
const SLOTTED = ['resources', 'intents'] as const;
const slotMarker = (key: string) => `\u0000bkp:${key}\u0000`;
/** Array items sit two levels deep: in `resources` (or `intents`), in the document. */
const ITEM_INDENT = '    ';
/**
 * Cached bytes start with the separator that precedes every entry but the first: a write hands
 * over one buffer per entry, not two (a list of 10,000 buffers per write of 5,000 resources was
 * large enough to be allocated straight into the old generation).
 */
const ITEM_SEPARATOR = ',\n';

/** The state file's bytes (UTF-8). */
export function serializeStateBytes(doc: StateDocument): Buffer {
  return Buffer.concat(serializeStateChunks(doc));
}

/**
 * The same bytes in pieces, most of them the cached bytes of a resource or an intent: a file is
 * written from them (DurableFileAdapter) without a copy of the whole document.
 */
export function serializeStateChunks(doc: StateDocument): Buffer[] {
  const slotted = new Map<unknown, readonly CachedEntry[]>(SLOTTED.flatMap((key) => (doc[key] !== undefined ? [[doc[key], doc[key]] as const] : [])));
  // Only the document's own arrays are replaced: the replacer sees their values by identity.
  const text = JSON.stringify(doc, (key, value: unknown) => (slotted.has(value) && doc[key as keyof StateDocument] === value ? slotMarker(key) : value), 2);
  // In the order the document holds them (a state read from disk keeps the file's key order).
  const slots = SLOTTED.flatMap((key) => {
    const entries = doc[key];
    const marker = JSON.stringify(slotMarker(key));
    return entries === undefined ? [] : [{ entries, marker, at: text.indexOf(marker) }];
  }).sort((a, b) => a.at - b.at);
  const chunks: Buffer[] = [];
  let done = 0;
  for (const { entries, marker, at } of slots) {
    chunks.push(Buffer.from(text.slice(done, at)));
    done = at + marker.length;
    if (entries.length === 0) {
      chunks.push(Buffer.from('[]'));
      continue;
    }
    chunks.push(Buffer.from('[\n'));
    entries.forEach((entry, i) => {
      const bytes = bytesOf(entry);
      chunks.push(i === 0 ? bytes.subarray(ITEM_SEPARATOR.length) : bytes);
    });
    chunks.push(Buffer.from('\n  ]'));
  }
  chunks.push(Buffer.from(`${text.slice(done)}\n`));
  return chunks;
}

/** The state file's text. */
export function serializeState(doc: StateDocument): string {
  return serializeStateBytes(doc).toString('utf8');
}

function bytesOf(entry: CachedEntry): Buffer {
  let bytes = Object.isFrozen(entry) ? entryBytes.get(entry) : undefined;
  if (bytes === undefined) {
    // JSON strings never hold a raw newline, so every newline is a line break to indent.
    const text = ITEM_SEPARATOR + ITEM_INDENT + JSON.stringify(entry, null, 2).replaceAll('\n', `\n${ITEM_INDENT}`);
    if (Object.isFrozen(entry)) {
      // Bytes kept for the rest of the run get a memory of their own: a small Buffer.from() is a
      // slice of a shared 8 KiB pool, and keeping one slice keeps the whole pool block (a first
      // apply of 5,000 resources held 10 MiB of such blocks for 5 MiB of state).
      bytes = Buffer.allocUnsafeSlow(Buffer.byteLength(text));
      bytes.write(text);
      entryBytes.set(entry, bytes);
    } else {
      bytes = Buffer.from(text);
    }
  }
  return bytes;
}
