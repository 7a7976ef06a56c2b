// The text of a state document: exactly `JSON.stringify(doc, null, 2)` plus a newline, built
// without re-serialising resources that did not change. Documents are frozen and share unchanged
// resources (model.ts, draft.ts), so each resource's UTF-8 bytes are cached by identity: an apply
// that writes the state after every operation encodes each resource once, and a write of a large
// state hands those bytes to the file instead of building, then encoding, one string of the whole
// document.
import type { StateDocument, StateResource } from './model.js';

const resourceBytes = new WeakMap<StateResource, Buffer>();
const RESOURCES_SLOT = '\u0000bkp:resources\u0000';
/** Array items sit two levels deep: in `resources`, in the document. */
const ITEM_INDENT = '    ';
const ITEM_SEPARATOR = Buffer.from(',\n');

/** The state file's bytes (UTF-8). */
export function serializeStateBytes(doc: StateDocument): Buffer {
  return Buffer.concat(serializeStateChunks(doc));
}

/**
 * The same bytes in pieces, most of them the cached bytes of a resource: a file is written from
 * them (DurableFileAdapter) without a copy of the whole document.
 */
export function serializeStateChunks(doc: StateDocument): Buffer[] {
  const text = JSON.stringify(doc, (key, value: unknown) => (key === 'resources' && value === doc.resources ? RESOURCES_SLOT : value), 2);
  const slot = text.indexOf(JSON.stringify(RESOURCES_SLOT));
  const before = text.slice(0, slot);
  const after = text.slice(slot + JSON.stringify(RESOURCES_SLOT).length);
  if (doc.resources.length === 0) return [Buffer.from(`${before}[]${after}\n`)];
  const chunks: Buffer[] = [Buffer.from(`${before}[\n`)];
  doc.resources.forEach((resource, i) => {
    if (i > 0) chunks.push(ITEM_SEPARATOR);
    chunks.push(bytesOf(resource));
  });
  chunks.push(Buffer.from(`\n  ]${after}\n`));
  return chunks;
}

/** The state file's text. */
export function serializeState(doc: StateDocument): string {
  return serializeStateBytes(doc).toString('utf8');
}

function bytesOf(resource: StateResource): Buffer {
  let bytes = Object.isFrozen(resource) ? resourceBytes.get(resource) : undefined;
  if (bytes === undefined) {
    // JSON strings never hold a raw newline, so every newline is a line break to indent.
    bytes = Buffer.from(ITEM_INDENT + JSON.stringify(resource, null, 2).replaceAll('\n', `\n${ITEM_INDENT}`));
    if (Object.isFrozen(resource)) resourceBytes.set(resource, bytes);
  }
  return bytes;
}
