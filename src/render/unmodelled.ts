// The AWS settings a kind does not model (a lifecycle's DeleteAfterEvent, which AWS sets): they are
// not attributes of the configuration, so the views draw them as one note rather than in the body.
import type { ObjectValue } from '../core/values.js';
import type { ResourceChange } from '../engine/plan-model.js';
import { kindModel } from '../resources/registry.js';

/** The attributes to draw: without the unmodelled settings. */
export function withoutUnmodelled(kind: string, attributes: ObjectValue | null): ObjectValue | null {
  const attribute = kindModel(kind)?.unmodelled?.attribute;
  if (!attributes || attribute === undefined || !(attribute in attributes)) return attributes;
  const { [attribute]: _unmodelled, ...rest } = attributes;
  return rest;
}

export interface UnmodelledNote {
  /** kept: the change sends them back unchanged; dropped: a replacement's new object will not have them. */
  fate: 'kept' | 'dropped';
  settings: string[];
  /** Of an update's: those that go away with a part the update removes (a renamed rule's). */
  removed?: string[];
}

/** What happens to the unmodelled settings of the object a change touches, when it has any. */
export function unmodelledNote(change: ResourceChange): UnmodelledNote | undefined {
  const model = kindModel(change.kind)?.unmodelled;
  if (!model || !change.before || (change.action !== 'update' && change.action !== 'replace')) return undefined;
  const settings = model.describe(change.before[model.attribute]);
  if (settings.length === 0) return undefined;
  if (change.action !== 'update' || !model.carried || !change.after) return { fate: change.action === 'update' ? 'kept' : 'dropped', settings };
  const kept = model.describe(model.carried(change.before[model.attribute], change.after));
  const removed = settings.filter((s) => !kept.includes(s));
  return { fate: 'kept', settings: kept, ...(removed.length > 0 ? { removed } : {}) };
}

/**
 * The attributes an update leaves as the account has them because the configuration sets none
 * and bkp does not read them (a vault's access_policy): named so the reader knows they are not checked.
 */
export function unreadAttributes(change: ResourceChange): string[] {
  const unread = kindModel(change.kind)?.unreadUnlessSet ?? [];
  if (change.action !== 'update' || !change.after) return [];
  return unread.filter((attribute) => change.after![attribute] === undefined || change.after![attribute] === null);
}

export function unreadAttributesText(attributes: readonly string[]): string {
  return `not managed, left as the account has them (the configuration sets none): ${attributes.join(', ')}`;
}

/** The note as one comment line of the human and Markdown plans. */
export function unmodelledNoteText(note: UnmodelledNote): string {
  if (note.fate === 'dropped') return `not carried to the new object (set outside bkp, not modelled): ${note.settings.join('; ')}`;
  const removed = note.removed ? `removed with what this update removes (set outside bkp, not modelled): ${note.removed.join('; ')}` : '';
  const kept = note.settings.length > 0 ? `kept as set outside bkp (not modelled, sent back unchanged): ${note.settings.join('; ')}` : '';
  return [kept, removed].filter((t) => t !== '').join('; ');
}
