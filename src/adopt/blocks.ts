// A resource's attributes as the body of its block: which members are attributes and which are
// nested blocks (and their labels) comes from the kind's schema (config/block-schema), the same
// structure the configuration is read with.
import type { BodySpec } from '../config/block-schema.js';
import { Expression, type HclItem, type HclValue } from './hcl-document.js';

type HclObject = { [key: string]: HclValue };

function isHclObject(v: HclValue | undefined): v is HclObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Expression);
}

/** The items of a body: its attributes in schema order, then its nested blocks. */
export function bodyItems(values: HclObject, spec: BodySpec): HclItem[] {
  const items: HclItem[] = [];
  for (const name of spec.attributes) {
    const value = values[name];
    if (value !== undefined) items.push({ kind: 'attribute', name, value });
  }
  for (const [name, block] of Object.entries(spec.blocks)) {
    const value = values[name];
    const members = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
    for (const member of members) {
      if (!isHclObject(member)) continue;
      const labels = block.labels.map((label) => String(member[label] instanceof Expression ? '' : (member[label] ?? '')));
      items.push({ kind: 'block', type: name, labels, items: bodyItems(member, block.body) });
    }
  }
  return items;
}
