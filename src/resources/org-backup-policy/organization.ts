// The organization as the backup-policy effects need it: every account with its path from the
// root, the BACKUP_POLICY policies attached to each node, and their documents: the tree
// (aws/organization-tree.ts), then ListPoliciesForTarget per node and DescribePolicy per policy,
// under the run's limiter.
import { pathFromRoot, readOrganizationTree } from '../../aws/organization-tree.js';
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

export async function readOrganizationPolicies(ctx: HandlerContext): Promise<OrganizationPolicies> {
  const api = await organizationsApi();
  const client = await ctx.organizations();
  const tree = await readOrganizationTree(client, ctx.limit);
  const rootId = tree.root?.Id ?? '';
  const accounts = new Map<string, { name: string; path: string[] }>();
  for (const node of tree.nodes) if (node.kind === 'account') accounts.set(node.id, { name: node.name, path: pathFromRoot(tree, node.id) });
  const attachments = new Map<string, string[]>();
  await Promise.all(
    [rootId, ...tree.nodes.map((n) => n.id)].map(async (node) => {
      const attached: string[] = [];
      let token: string | undefined;
      do {
        const out = await ctx.limit(() => client.send(new api.ListPoliciesForTargetCommand({ TargetId: node, Filter: 'BACKUP_POLICY', NextToken: token })));
        for (const p of out.Policies ?? []) if (p.Id) attached.push(p.Id);
        token = out.NextToken;
      } while (token);
      attachments.set(node, attached);
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
