// Resource addresses as the configuration, the plan and the state write them: `kind.name`, or
// `kind.name["key"]` for one instance of a resource with for_each, `kind.name[0]` with count.

/** The key of one instance: a for_each key (a string) or a count index (a number), as Terraform's index_key. */
export type InstanceKey = string | number;

/** `kind.name` with the instance key, if any: `kind.name["eu"]`, `kind.name[0]`. */
export function instanceAddress(address: string, key: InstanceKey | undefined): string {
  return key === undefined ? address : `${address}[${JSON.stringify(key)}]`;
}

/** The resource an address belongs to: `kind.name["key"]` → `kind.name`; `kind.name` unchanged. */
export function withoutInstanceKey(address: string): string {
  const bracket = address.indexOf('[');
  return bracket < 0 ? address : address.slice(0, bracket);
}

/**
 * Whether a dependency on `dependency` is one on `address`: depending on a resource means
 * depending on each of its instances; depending on one instance, on that instance only.
 */
export function dependencyCovers(dependency: string, address: string): boolean {
  return address === dependency || address.startsWith(`${dependency}[`);
}
