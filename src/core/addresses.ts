// Resource addresses as the configuration, the plan and the state write them: `kind.name`, or
// `kind.name["key"]` for one instance of a resource with for_each, each optionally inside module
// instances: `module.prod.backup_vault.main`, `module.env["prod"].backup_vault.main`.

/** The key of one instance: a for_each key (a string) or a count index (a number), as Terraform's index_key. */
export type InstanceKey = string | number;

/** `kind.name` with the instance key, if any: `kind.name["eu"]`, `kind.name[0]`. */
export function instanceAddress(address: string, key: InstanceKey | undefined): string {
  return key === undefined ? address : `${address}[${JSON.stringify(key)}]`;
}

/** One `module.NAME` or `module.NAME["key"]` step and the dot after it. */
const MODULE_STEP = /^module\.[A-Za-z_][A-Za-z0-9_-]*(?:\[(?:"(?:[^"\\]|\\.)*"|\d+)\])?\./;

/**
 * `module.env["prod"].backup_vault.main` → `{ module: 'module.env["prod"]', resource: 'backup_vault.main' }`;
 * an address outside modules has no `module`.
 */
export function splitModulePath(address: string): { module?: string; resource: string } {
  let rest = address;
  let consumed = 0;
  for (let m = MODULE_STEP.exec(rest); m; m = MODULE_STEP.exec(rest)) {
    consumed += m[0].length;
    rest = rest.slice(m[0].length);
  }
  return consumed === 0 ? { resource: address } : { module: address.slice(0, consumed - 1), resource: rest };
}

/** The steps of an address that can take an instance key: `module.env[0].backup_vault.main` → `module.env[0]`, `backup_vault.main`. */
export function addressSteps(address: string): string[] {
  const steps: string[] = [];
  let rest = address;
  for (let m = MODULE_STEP.exec(rest); m; m = MODULE_STEP.exec(rest)) {
    steps.push(m[0].slice(0, -1));
    rest = rest.slice(m[0].length);
  }
  return [...steps, rest];
}

/** The resource an address belongs to: `kind.name["key"]` → `kind.name`; `kind.name` unchanged; module instance keys stay. */
export function withoutInstanceKey(address: string): string {
  const { module, resource } = splitModulePath(address);
  const bracket = resource.indexOf('[');
  if (bracket < 0) return address;
  return module === undefined ? resource.slice(0, bracket) : `${module}.${resource.slice(0, bracket)}`;
}

/** `backup_plan.daily["eu"]` → `backup_plan.daily`: the block an instance comes from; `module.env["prod"].…` → `module.env`: the call. */
export function blockAddress(address: string): string {
  const call = /^module\.[A-Za-z_][A-Za-z0-9_-]*/.exec(address);
  return call ? call[0] : withoutInstanceKey(address);
}

/**
 * Whether a dependency on `dependency` is one on `address`: depending on a resource means
 * depending on each of its instances; depending on one instance, on that instance only.
 */
export function dependencyCovers(dependency: string, address: string): boolean {
  return address === dependency || address.startsWith(`${dependency}[`);
}
