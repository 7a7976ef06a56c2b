// Reading the parts of a resource address (`backup_vault.regional["eu-west-1"]`) for records that
// carry only the address, such as drift.
import type { InstanceKey } from '../core/addresses.js';

import { splitModulePath } from '../core/addresses.js';

export interface AddressParts {
  name: string;
  /** The for_each key or count index, when the address has one. */
  key?: InstanceKey;
}

export function splitAddress(address: string, kind: string): AddressParts {
  const { resource } = splitModulePath(address);
  const rest = resource.startsWith(`${kind}.`) ? resource.slice(kind.length + 1) : resource;
  const bracket = rest.indexOf('[');
  if (bracket < 0 || !rest.endsWith(']')) return { name: rest };
  const inside = rest.slice(bracket + 1, -1);
  return { name: rest.slice(0, bracket), key: parseKey(inside) };
}

function parseKey(text: string): InstanceKey {
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'string' || typeof parsed === 'number' ? parsed : text;
  } catch {
    return text;
  }
}
