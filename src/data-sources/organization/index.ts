// data "organization_root", "organizational_unit" and "organization_account": the ids an
// org_policy_attachment targets, found by name in the organization the provider's account manages
// (AWS Organizations' List* calls, walked from the root), so a configuration never hard-codes them.
import { readOrganizationRoot, readOrganizationTree, type OrganizationNode } from '../../aws/organization-tree.js';
import type { ObjectValue } from '../../core/values.js';
import { DataObjectMissing, type DataReadContext, type DataSourceKind } from '../kind.js';

const NO_ROOT = () =>
  new DataObjectMissing("The provider's account sees no organization root.", '', "Use the organization's management account (or a delegated administrator) as this data block's provider.");

/** The one node of this kind and name (under parent_id, when given). */
async function named(args: ObjectValue, context: DataReadContext, kind: OrganizationNode['kind']): Promise<OrganizationNode> {
  const { root, nodes } = await readOrganizationTree(await context.organizations());
  if (!root?.Id) throw NO_ROOT();
  const name = args.name as string;
  const parentId = typeof args.parent_id === 'string' ? args.parent_id : undefined;
  const matches = nodes.filter((n) => n.kind === kind && n.name === name && (parentId === undefined || n.parentId === parentId));
  const what = kind === 'unit' ? 'organizational unit' : 'account';
  if (matches.length === 0) {
    throw new DataObjectMissing(`There is no ${what} named "${name}" in the organization${parentId ? ` under ${parentId}` : ''}.`, '/name', `Check the name (aws organizations list-${kind === 'unit' ? 'organizational-units-for-parent' : 'accounts'}).`);
  }
  if (matches.length > 1) {
    throw new DataObjectMissing(`${matches.length} ${what}s are named "${name}" (under ${matches.map((m) => m.parentId).join(', ')}).`, '/name', 'Set parent_id to the id of the one you mean.');
  }
  return matches[0]!;
}

export const organizationRootData: DataSourceKind = {
  name: 'organization_root',
  operations: ['organizations:ListRoots'],
  async read(_args, context): Promise<ObjectValue> {
    const found = await readOrganizationRoot(await context.organizations());
    if (!found?.Id) throw NO_ROOT();
    return { id: found.Id, arn: found.Arn ?? '', name: found.Name ?? 'Root', policy_types: (found.PolicyTypes ?? []).filter((p) => p.Status === 'ENABLED').map((p) => p.Type ?? '') };
  },
};

export const organizationalUnitData: DataSourceKind = {
  name: 'organizational_unit',
  operations: ['organizations:ListRoots', 'organizations:ListOrganizationalUnitsForParent', 'organizations:ListAccountsForParent'],
  async read(args, context): Promise<ObjectValue> {
    const unit = await named(args, context, 'unit');
    return { name: unit.name, id: unit.id, arn: unit.arn, parent_id: unit.parentId };
  },
};

export const organizationAccountData: DataSourceKind = {
  name: 'organization_account',
  operations: ['organizations:ListRoots', 'organizations:ListOrganizationalUnitsForParent', 'organizations:ListAccountsForParent'],
  async read(args, context): Promise<ObjectValue> {
    const account = await named(args, context, 'account');
    return { name: account.name, id: account.id, arn: account.arn, email: account.email ?? '', parent_id: account.parentId };
  },
};
