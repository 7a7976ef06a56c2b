// Seeds the organization of an account file (see seed.ts) under the account lock, after a
// lock-free read showed something is missing.
import { readAccount, updateAccount, type AccountDefaults } from '../account.js';
import { organizationNeedsSeeding, seedOrganization, type SandboxOrganizationSpec } from './seed.js';

export async function seedOrganizationOf(path: string, defaults: AccountDefaults, spec: SandboxOrganizationSpec): Promise<void> {
  if (!organizationNeedsSeeding(await readAccount(path, defaults), spec)) return;
  await updateAccount(path, defaults, (account) => ({ value: undefined, changed: seedOrganization(account, spec, account.clock.now) }));
}
