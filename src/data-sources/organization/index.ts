// data "organization_root", "organizational_unit" and "organization_account": the ids an
// org_policy_attachment targets, found by name in the organization the provider's account manages
// (AWS Organizations' List* calls, walked from the root), so a configuration never hard-codes them.
import type { OrganizationsClient } from '@aws-sdk/client-organizations';
import type { ObjectValue } from '../../core/values.js';
import { DataObjectMissing, type DataReadContext, type DataSourceKind } from '../kind.js';

type Api = typeof import('@aws-sdk/client-organizations');

async function all<T>(call: (token: string | undefined) => Promise<{ items: T[]; next?: string }>): Promise<T[]> {
  const items: T[] = [];
  let token: string | undefined;
  do {
    const page = await call(token);
    items.push(...page.items);
    token = page.next;
  } while (token);
  return items;
}

async function root(api: Api, client: OrganizationsClient) {
  const roots = await all(async (NextToken) => {
    const out = await client.send(new api.ListRootsCommand({ NextToken }));
    return { items: out.Roots ?? [], next: out.NextToken };
  });
  return roots[0];
}

interface Node {
  kind: 'unit' | 'account';
  id: string;
  name: string;
  arn: string;
  parentId: string;
  email?: string;
}

/** Every OU and account below the root, breadth first. */
async function walk(api: Api, client: OrganizationsClient, rootId: string): Promise<Node[]> {
  const nodes: Node[] = [];
  const parents = [rootId];
  while (parents.length > 0) {
    const parentId = parents.shift()!;
    const units = await all(async (NextToken) => {
      const out = await client.send(new api.ListOrganizationalUnitsForParentCommand({ ParentId: parentId, NextToken }));
      return { items: out.OrganizationalUnits ?? [], next: out.NextToken };
    });
    const accounts = await all(async (NextToken) => {
      const out = await client.send(new api.ListAccountsForParentCommand({ ParentId: parentId, NextToken }));
      return { items: out.Accounts ?? [], next: out.NextToken };
    });
    for (const u of units) {
      nodes.push({ kind: 'unit', id: u.Id ?? '', name: u.Name ?? '', arn: u.Arn ?? '', parentId });
      parents.push(u.Id ?? '');
    }
    for (const a of accounts) nodes.push({ kind: 'account', id: a.Id ?? '', name: a.Name ?? '', arn: a.Arn ?? '', parentId, email: a.Email });
  }
  return nodes;
}

async function organization(context: DataReadContext): Promise<{ api: Api; client: OrganizationsClient; rootId: string }> {
  const api = await import('@aws-sdk/client-organizations');
  const client = await context.organizations();
  const found = await root(api, client);
  if (!found?.Id) throw new DataObjectMissing('The provider\'s account sees no organization root.', '', 'Use the organization\'s management account (or a delegated administrator) as this data block\'s provider.');
  return { api, client, rootId: found.Id };
}

/** The one node of this kind and name (under parent_id, when given). */
async function named(args: ObjectValue, context: DataReadContext, kind: Node['kind']): Promise<Node> {
  const { api, client, rootId } = await organization(context);
  const name = args.name as string;
  const parentId = typeof args.parent_id === 'string' ? args.parent_id : undefined;
  const matches = (await walk(api, client, rootId)).filter((n) => n.kind === kind && n.name === name && (parentId === undefined || n.parentId === parentId));
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
    const api = await import('@aws-sdk/client-organizations');
    const found = await root(api, await context.organizations());
    if (!found?.Id) throw new DataObjectMissing('The provider\'s account sees no organization root.', '', 'Use the organization\'s management account as this data block\'s provider.');
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
