// An AWS Organization's structure: its root, and every OU and account below it with the node it is
// directly in, read from the root down (ListRoots, then ListOrganizationalUnitsForParent and
// ListAccountsForParent per parent, every page). The plan's per-account effects and the
// organization data sources both read it.
import type { OrganizationsClient, Root } from '@aws-sdk/client-organizations';
import { organizationsApi } from './organizations-api.js';
import { pathFromRoot as treePath } from '../domain/org-policy/tree-path.js';

export interface OrganizationNode {
  kind: 'unit' | 'account';
  id: string;
  name: string;
  arn: string;
  /** The root or OU it is directly in. */
  parentId: string;
  /** Accounts only. */
  email?: string;
}

export interface OrganizationTree {
  /** Undefined when the caller's account sees no organization root. */
  root?: Root;
  /** Every OU and account, parents before their children. */
  nodes: OrganizationNode[];
}

/** Runs each call (e.g. under a run's limiter). */
export type CallRunner = <T>(call: () => Promise<T>) => Promise<T>;

const direct: CallRunner = (call) => call();

async function allPages<T>(run: CallRunner, call: (token: string | undefined) => Promise<{ items: T[]; next?: string }>): Promise<T[]> {
  const items: T[] = [];
  let token: string | undefined;
  do {
    const page = await run(() => call(token));
    items.push(...page.items);
    token = page.next;
  } while (token);
  return items;
}

/** The organization's root (ListRoots), or undefined when the caller's account sees none. */
export async function readOrganizationRoot(client: OrganizationsClient, run: CallRunner = direct): Promise<Root | undefined> {
  const api = await organizationsApi();
  const roots = await allPages(run, async (NextToken) => {
    const out = await client.send(new api.ListRootsCommand({ NextToken }));
    return { items: out.Roots ?? [], next: out.NextToken };
  });
  return roots[0];
}

export async function readOrganizationTree(client: OrganizationsClient, run: CallRunner = direct): Promise<OrganizationTree> {
  const api = await organizationsApi();
  const root = await readOrganizationRoot(client, run);
  const nodes: OrganizationNode[] = [];
  const parents = root?.Id ? [root.Id] : [];
  while (parents.length > 0) {
    const parentId = parents.shift()!;
    const [units, accounts] = await Promise.all([
      allPages(run, async (NextToken) => {
        const out = await client.send(new api.ListOrganizationalUnitsForParentCommand({ ParentId: parentId, NextToken }));
        return { items: out.OrganizationalUnits ?? [], next: out.NextToken };
      }),
      allPages(run, async (NextToken) => {
        const out = await client.send(new api.ListAccountsForParentCommand({ ParentId: parentId, NextToken }));
        return { items: out.Accounts ?? [], next: out.NextToken };
      }),
    ]);
    for (const unit of units) {
      if (!unit.Id) continue;
      nodes.push({ kind: 'unit', id: unit.Id, name: unit.Name ?? '', arn: unit.Arn ?? '', parentId });
      parents.push(unit.Id);
    }
    for (const account of accounts) {
      if (!account.Id) continue;
      nodes.push({ kind: 'account', id: account.Id, name: account.Name ?? account.Id, arn: account.Arn ?? '', parentId, email: account.Email });
    }
  }
  return { root, nodes };
}

/** The ids from the root down to `id` (the root first, `id` last). */
export function pathFromRoot(tree: OrganizationTree, id: string): string[] {
  const parentOf = new Map(tree.nodes.map((n) => [n.id, n.parentId]));
  return treePath((node) => parentOf.get(node), id);
}
