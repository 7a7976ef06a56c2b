// The organization as the configuration alone tells it, for `bkp check` without -refresh: the
// accounts and OUs of a sandbox provider's `organization` block (or, without one, the accounts that
// attachments name by literal id), the org_policy_attachments resolved to their targets (a literal
// id, or a data "organization_root" / "organizational_unit" / "organization_account" reference
// looked up in that block), and each account's policies merged by Organizations' inheritance rules
// (the domain's merge engine) into the plans AWS Backup will create there. When the configuration
// cannot tell, it says so once: per-account results then need -refresh.
import type { Config, ProviderConfig, ResourceConfig } from '../config/model.js';
import { isObjectValue, type ObjectValue } from '../core/values.js';
import { effectiveBackupPlans } from '../domain/org-policy/effective-backup-plans.js';
import { effectivePolicy, type AttachedPolicy, type PolicyLevel } from '../domain/org-policy/inheritance.js';
import { compileBackupPolicy } from '../resources/org-backup-policy/compile.js';
import { knownList, knownString } from '../resources/rules/problem.js';
import { providerLocation } from './config-facts.js';
import type { MemberAccountPlans, OrganizationPlans } from './model.js';
import { POLICY_KIND } from './organization-plans.js';
import { pathFromRoot as treePath } from '../domain/org-policy/tree-path.js';

const ATTACHMENT_KIND = 'org_policy_attachment';
const NEEDS_REFRESH = 'run bkp check -refresh to read each account\'s effective policy (DescribeEffectivePolicy)';

interface Node {
  id: string;
  /** The root or OU it is directly in (undefined for the root). */
  parentId?: string;
}

/** The organization's tree as a sandbox provider's organization block declares it. */
interface DeclaredTree {
  rootId: string;
  units: Map<string, Node & { name: string }>;
  accounts: Map<string, Node & { name: string }>;
}

/** The org_policy_attachments' targets: a node id, or why it is not known offline. */
type Target = { id: string } | { unknown: string };

export function configuredOrganization(config: Pick<Config, 'resources' | 'providers' | 'files' | 'dataSources'>): OrganizationPlans | undefined {
  const policies = config.resources.filter((r) => r.kind === POLICY_KIND);
  const attachments = config.resources.filter((r) => r.kind === ATTACHMENT_KIND);
  if (policies.length === 0 && attachments.length === 0) return undefined;
  const notEvaluated = (why: string): OrganizationPlans => ({ source: 'configuration', accounts: [], notEvaluated: `per-account results need -refresh: ${why}; ${NEEDS_REFRESH}` });
  if (attachments.length === 0) return notEvaluated('no org_policy_attachment in the configuration says where the policies apply');
  const tree = declaredTree(config.providers.find((p) => p.key === attachments[0]!.provider) ?? config.providers.find((p) => p.type === 'sandbox'));
  const texts = new Map(config.files.map((f) => [f.path, f.text]));
  const attached = new Map<string, ResourceConfig[]>();
  for (const attachment of attachments) {
    const target = targetOf(attachment, tree, config.dataSources ?? [], texts);
    if ('unknown' in target) return notEvaluated(`the target of ${attachment.address} ${target.unknown}`);
    const policy = policyOf(attachment, policies, texts);
    if (policy === undefined) return notEvaluated(`the policy of ${attachment.address} is not an org_backup_policy of this configuration`);
    attached.set(target.id, [...(attached.get(target.id) ?? []), policy]);
  }
  if (tree !== undefined) {
    const accounts = [...tree.accounts.values()].map((a) => memberAccount(a.id, a.name, pathOf(tree, a.id), attached));
    return { source: 'configuration', accounts };
  }
  // No declared tree: only the accounts the attachments name are known, below the root attachments.
  const targets = [...attached.keys()];
  const unit = targets.find((t) => t.startsWith('ou-'));
  if (unit !== undefined) return notEvaluated(`which accounts are in ${unit} is known only to the organization`);
  const roots = targets.filter((t) => t.startsWith('r-'));
  const accounts = targets.filter((t) => /^\d{12}$/.test(t));
  if (accounts.length === 0) return notEvaluated(`the accounts below ${roots.join(', ')} are known only to the organization`);
  return {
    source: 'configuration',
    accounts: accounts.map((id) => memberAccount(id, id, [...roots, id], attached)),
    scope: `the accounts the org_policy_attachments name${roots.length > 0 ? `, with the policies attached to ${roots.join(', ')}` : ''} (policies attached to their OUs, and the other accounts, need -refresh)`,
  };
}

/** An account's policies, root first, merged into its effective policy and read as the plans it gets. */
function memberAccount(id: string, name: string, path: readonly string[], attached: ReadonlyMap<string, ResourceConfig[]>): MemberAccountPlans {
  const levels: PolicyLevel[] = [];
  const reaching: string[] = [];
  for (const node of path) {
    const policies: AttachedPolicy[] = [];
    for (const policy of attached.get(node) ?? []) {
      const compiled = compileBackupPolicy(policy.attributes);
      if (compiled === undefined) return { id, name, notEvaluated: `${policy.address} has values known only after apply; ${NEEDS_REFRESH} once applied` };
      policies.push({ id: policy.address, name: knownString(policy.attributes.name) ?? policy.address, content: compiled.document });
      reaching.unshift(policy.address);
    }
    levels.push({ targetId: node, policies });
  }
  const { policy } = effectivePolicy(levels);
  return { id, name, policy, plans: effectiveBackupPlans(policy, id), policies: [...new Set(reaching)] };
}

function declaredTree(provider: ProviderConfig | undefined): DeclaredTree | undefined {
  const block = provider?.type === 'sandbox' ? provider.attributes.organization : undefined;
  if (!isObjectValue(block)) return undefined;
  const blocks = (v: ObjectValue[string] | undefined) => (knownList(v) ?? []).filter(isObjectValue);
  // An id the block leaves to the sandbox is generated on first use: a stand-in keeps the tree whole.
  const rootId = knownString(block.root_id) ?? '(root)';
  const unitIds = new Map(blocks(block.unit).map((u) => [String(u.name), knownString(u.id) ?? `(unit ${String(u.name)})`]));
  const units = new Map<string, Node & { name: string }>();
  for (const u of blocks(block.unit)) {
    const parent = knownString(u.parent);
    units.set(unitIds.get(String(u.name))!, { id: unitIds.get(String(u.name))!, name: String(u.name), parentId: parent === undefined ? rootId : unitIds.get(parent) });
  }
  const accounts = new Map<string, Node & { name: string }>();
  // The sandbox's own account is the management account, in the root.
  const management = providerLocation(provider).account!;
  accounts.set(management, { id: management, name: 'management', parentId: rootId });
  for (const a of blocks(block.account)) {
    const id = String(a.id);
    const unit = knownString(a.unit);
    accounts.set(id, { id, name: String(a.name), parentId: unit === undefined ? rootId : unitIds.get(unit) });
  }
  return { rootId, units, accounts };
}

/** The node ids from the root down to the account. */
function pathOf(tree: DeclaredTree, accountId: string): string[] {
  const below = treePath((node) => (node === accountId ? tree.accounts.get(node)?.parentId : tree.units.get(node)?.parentId), accountId).filter((node) => node !== tree.rootId);
  return [tree.rootId, ...below];
}

/** The source text of an attribute (a reference whose value is unknown until plan still reads there). */
function attributeText(resource: ResourceConfig, path: string, texts: ReadonlyMap<string, string>): string {
  const range = resource.ranges.get(path);
  return range === undefined ? '' : (texts.get(range.file)?.slice(range.start.offset, range.end.offset) ?? '');
}

const DATA_REFERENCE = /\bdata\.(organization_root|organizational_unit|organization_account)\.([A-Za-z0-9_-]+)\.id\b/;

function targetOf(attachment: ResourceConfig, tree: DeclaredTree | undefined, dataSources: readonly ResourceConfig[], texts: ReadonlyMap<string, string>): Target {
  const literal = knownString(attachment.attributes.target_id);
  if (literal !== undefined) return { id: literal };
  const match = DATA_REFERENCE.exec(attributeText(attachment, '/target_id', texts));
  if (match === null) return { unknown: 'is known only after apply' };
  if (tree === undefined) return { unknown: `comes from data.${match[1]}.${match[2]}, which only the organization can answer (no sandbox organization block declares it)` };
  if (match[1] === 'organization_root') return { id: tree.rootId };
  const data = dataSources.find((d) => d.address === `data.${match[1]}.${match[2]}`);
  const name = knownString(data?.attributes.name);
  const parentId = knownString(data?.attributes.parent_id);
  const nodes = match[1] === 'organizational_unit' ? tree.units : tree.accounts;
  const found = [...nodes.values()].filter((n) => n.name === name && (parentId === undefined || n.parentId === parentId));
  return found.length === 1 ? { id: found[0]!.id } : { unknown: `(data.${match[1]}.${match[2]}) names no single node of the sandbox organization block` };
}

/** The configured policy an attachment attaches: its `org_backup_policy.NAME.id` reference, or the one policy it depends on. */
function policyOf(attachment: ResourceConfig, policies: readonly ResourceConfig[], texts: ReadonlyMap<string, string>): ResourceConfig | undefined {
  const literal = knownString(attachment.attributes.policy_id);
  if (literal !== undefined) return undefined; // a policy id (p-…): not this configuration's document
  const match = /\borg_backup_policy\.([A-Za-z0-9_-]+)(?:\[\s*"([^"]*)"\s*\])?/.exec(attributeText(attachment, '/policy_id', texts));
  const named = match ? policies.filter((p) => p.name === match[1] && (match[2] === undefined || p.key === match[2])) : policies.filter((p) => attachment.dependencies.includes(p.address));
  if (named.length === 1) return named[0];
  return named.find((p) => p.key !== undefined && p.key === attachment.key);
}
