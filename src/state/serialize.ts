// The text of a state document: exactly `JSON.stringify(doc, null, 2)` plus a newline, built
// without re-serialising resources that did not change. Documents are frozen and share unchanged
// resources (model.ts), so each resource's text is cached by identity; an apply that writes the
// state after every operation then serialises each resource once instead of once per write.
import type { StateDocument, StateResource } from './model.js';

const resourceTexts = new WeakMap<StateResource, string>();
const RESOURCES_SLOT = '\u0000bkp:resources\u0000';
/** Array items sit two levels deep: in `resources`, in the document. */
const ITEM_INDENT = '    ';

export function serializeState(doc: StateDocument): string {
  const text = JSON.stringify(doc, (key, value: unknown) => (key === 'resources' && value === doc.resources ? RESOURCES_SLOT : value), 2);
  return `${text.replace(JSON.stringify(RESOURCES_SLOT), () => resourcesText(doc.resources))}\n`;
}

function resourcesText(resources: readonly StateResource[]): string {
  if (resources.length === 0) return '[]';
  return `[\n${resources.map(resourceText).join(',\n')}\n  ]`;
}

function resourceText(resource: StateResource): string {
  let text = Object.isFrozen(resource) ? resourceTexts.get(resource) : undefined;
  if (text === undefined) {
    // JSON strings never hold a raw newline, so every newline is a line break to indent.
    text = ITEM_INDENT + JSON.stringify(resource, null, 2).replaceAll('\n', `\n${ITEM_INDENT}`);
    if (Object.isFrozen(resource)) resourceTexts.set(resource, text);
  }
  return text;
}
