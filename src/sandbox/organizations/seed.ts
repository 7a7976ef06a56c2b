// provider "sandbox" `organization` block: the OUs and member accounts a configuration names,
// created in the sandbox's organization the first time a client opens the account (as `source`
// blocks create source resources), with the ids the configuration gives them.
import { ServiceError } from '../service-error.js';
import type { AccountState } from '../state.js';
import { newUnitId, organizationOf, type OrganizationState } from './state.js';

export interface SandboxOrganizationSpec {
  rootId?: string;
  units: ReadonlyArray<{ name: string; id?: string; parent?: string }>;
  accounts: ReadonlyArray<{ name: string; id: string; email?: string; unit?: string }>;
}

/** True when the organization lacks a declared unit or account (a lock-free read can tell). */
export function organizationNeedsSeeding(account: AccountState, spec: SandboxOrganizationSpec): boolean {
  const org = account.extensions.organizations as OrganizationState | undefined;
  if (!org) return spec.units.length > 0 || spec.accounts.length > 0 || spec.rootId !== undefined;
  return spec.units.some((u) => !unitNamed(org, u.name)) || spec.accounts.some((a) => !org.accounts[a.id]);
}

const unitNamed = (org: OrganizationState, name: string) => Object.values(org.units).find((u) => u.name === name);

/** Adds what the organization lacks; returns whether it changed anything. */
export function seedOrganization(account: AccountState, spec: SandboxOrganizationSpec, now: number): boolean {
  let changed = false;
  const markChanged = () => {
    changed = true;
  };
  const fresh = account.extensions.organizations === undefined;
  const org = organizationOf(account, now, markChanged);
  if (fresh && spec.rootId !== undefined) {
    org.rootId = spec.rootId;
    org.accounts[account.accountId]!.parentId = spec.rootId;
  }
  // Parents before children: a unit may name a unit declared after it.
  const pending = [...spec.units];
  while (pending.length > 0) {
    const index = pending.findIndex((u) => u.parent === undefined || unitNamed(org, u.parent) !== undefined);
    if (index < 0) throw new ServiceError('InvalidInputException', `provider "sandbox" organization: unit "${pending[0]!.name}" names a parent unit "${pending[0]!.parent}" that is not declared.`);
    const [unit] = pending.splice(index, 1);
    if (unitNamed(org, unit!.name)) continue;
    const parentId = unit!.parent === undefined ? org.rootId : unitNamed(org, unit!.parent)!.id;
    const id = unit!.id ?? newUnitId(org, account.ids.seed);
    org.units[id] = { id, name: unit!.name, parentId, serial: ++org.serial, tags: {} };
    markChanged();
  }
  for (const member of spec.accounts) {
    if (org.accounts[member.id]) continue;
    const parent = member.unit === undefined ? org.rootId : unitNamed(org, member.unit)?.id;
    if (parent === undefined) throw new ServiceError('InvalidInputException', `provider "sandbox" organization: account "${member.name}" is in unit "${member.unit}", which is not declared.`);
    org.accounts[member.id] = {
      id: member.id,
      name: member.name,
      email: member.email ?? `${member.name}@example.com`,
      parentId: parent,
      joinedAt: now,
      joinedMethod: 'CREATED',
      serial: ++org.serial,
      tags: {},
    };
    markChanged();
  }
  return changed;
}
