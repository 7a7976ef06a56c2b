// The organization as the backup-policy effects need it: every account with its path from the
// root, the BACKUP_POLICY policies attached to each node, and their documents. Read through AWS
// Organizations' list calls (one per OU and per node), under the run's limiter.
import type { OrganizationsClient } from '@aws-sdk/client-organizations';
import { organizationsApi } from '../../aws/organizations-api.js';
import type { PolicyObject } from '../../domain/org-policy/inheritance.js';
import type { HandlerContext } from '../handler.js';

export interface OrganizationPolicies {
  rootId: string;
  /** Account id → its name and the node ids from the root down to it (the account last). */
  accounts: Map<string, { name: string; path: string[] }>;
  /** Node id → the policies attached to it, in attachment order. */
  attachments: Map<string, string[]>;
  /** Policy id → its name and document (undefined while unknown: a policy whose content is known only after apply). */
  policies: Map<string, { name: string; content: PolicyObject | undefined }>;
}

async function pages<T>(ctx: HandlerContext, call: (token: string | undefined) => Promise<{ items: T[]; next?: string }>): Promise<T[]> {
  const all: T[] = [];
  let token: string | undefined;
  do {
    const page = await ctx.limit(() => call(token));
    all.push(...page.items);
    token = page.next;
  } while (token);
  return all;
}

export async function readOrganizationPolicies(ctx: HandlerContext): Promise<OrganizationPolicies> {
  const api = await organizationsApi();
  const client: OrganizationsClient = await ctx.organizations();
  const roots = await pages(ctx, async (NextToken) => {
    const out = await client.send(new api.ListRootsCommand({ NextToken }));
    return { items: out.Roots ?? [], next: out.NextToken };
  });
  const rootId = roots[0]?.Id ?? '';
  const accounts = new Map<string, { name: string; path: string[] }>();
  const nodes: string[] = [rootId];
  const queue: Array<{ id: string; path: string[] }> = [{ id: rootId, path: [rootId] }];
  while (queue.length > 0) {
    const parent = queue.shift()!;
    const [units, members] = await Promise.all([
      pages(ctx, async (NextToken) => {
        const out = await client.send(new api.ListOrganizationalUnitsForParentCommand({ ParentId: parent.id, NextToken }));
        return { items: out.OrganizationalUnits ?? [], next: out.NextToken };
      }),
      pages(ctx, async (NextToken) => {
        const out = await client.send(new api.ListAccountsForParentCommand({ ParentId: parent.id, NextToken }));
        return { items: out.Accounts ?? [], next: out.NextToken };
      }),
    ]);
    for (const unit of units) {
      if (!unit.Id) continue;
      nodes.push(unit.Id);
      queue.push({ id: unit.Id, path: [...parent.path, unit.Id] });
    }
    for (const member of members) {
      if (!member.Id) continue;
      nodes.push(member.Id);
      accounts.set(member.Id, { name: member.Name ?? member.Id, path: [...parent.path, member.Id] });
    }
  }
  const attachments = new Map<string, string[]>();
  await Promise.all(
    nodes.map(async (node) => {
      const attached = await pages(ctx, async (NextToken) => {
        const out = await client.send(new api.ListPoliciesForTargetCommand({ TargetId: node, Filter: 'BACKUP_POLICY', NextToken }));
        return { items: out.Policies ?? [], next: out.NextToken };
      });
      attachments.set(
        node,
        attached.map((p) => p.Id ?? '').filter((id) => id !== ''),
      );
    }),
  );
  const policies = new Map<string, { name: string; content: PolicyObject | undefined }>();
  for (const id of new Set([...attachments.values()].flat())) {
    const { Policy } = await ctx.limit(() => client.send(new api.DescribePolicyCommand({ PolicyId: id })));
    policies.set(id, { name: Policy?.PolicySummary?.Name ?? id, content: parseDocument(Policy?.Content) });
  }
  return { rootId, accounts, attachments, policies };
}

export function parseDocument(text: string | undefined): PolicyObject | undefined {
  if (text === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as PolicyObject) : undefined;
  } catch {
    return undefined;
  }
}
