// `bkp check -refresh` for a configuration with organization backup policies: the organization's
// accounts (the shared tree reader), each account's effective backup policy (DescribeEffectivePolicy,
// all accounts at once under one limiter) and the plans AWS Backup creates from it there. What
// cannot be read is reported as not evaluated with the reason, never as passing.
import type { Config } from '../config/model.js';
import { awsErrorName } from '../aws/errors.js';
import { readEffectiveBackupPolicies } from '../aws/effective-policies.js';
import { readOrganizationTree } from '../aws/organization-tree.js';
import { effectiveBackupPlans } from '../domain/org-policy/effective-backup-plans.js';
import type { EffectiveObject } from '../domain/org-policy/inheritance.js';
import { Limiter } from '../engine/limiter.js';
import type { MemberAccountPlans, OrganizationPlans } from '../policy/model.js';
import { parseDocument } from '../resources/org-backup-policy/organization.js';
import { kindModel } from '../resources/registry.js';
import { ProviderClients } from './providers.js';

/** Organizations calls in flight at once: plan's default -parallelism (check has no such flag). */
const ORGANIZATION_CALLS = 10;

/** Undefined when the configuration declares no organization backup policy (its accounts are then not read). */
export async function readOrganizationAccounts(config: Config): Promise<OrganizationPlans | undefined> {
  const declared = config.resources.find((r) => kindModel(r.kind)?.organizationWide);
  if (declared === undefined) return undefined;
  const limiter = new Limiter(ORGANIZATION_CALLS);
  const run = <T>(call: () => Promise<T>) => limiter.run(call);
  const clients = new ProviderClients(config);
  const notEvaluated = (why: string): OrganizationPlans => ({ source: 'organization', accounts: [], notEvaluated: why });
  try {
    await clients.prepare();
    const client = await (await clients.clients(declared.provider)).organizations();
    let tree;
    try {
      tree = await readOrganizationTree(client, run);
    } catch (e) {
      return notEvaluated(
        `the organization could not be read (${awsErrorName(e) ?? (e as Error).name}: ${(e as Error).message}); provider "${declared.provider}" needs the organization's management account or a delegated administrator for backup policies`,
      );
    }
    if (tree.root === undefined) return notEvaluated(`provider "${declared.provider}"'s account sees no organization root`);
    const accounts = tree.nodes.filter((n) => n.kind === 'account');
    const reads = await readEffectiveBackupPolicies(client, accounts.map((a) => a.id), run);
    return {
      source: 'organization',
      accounts: accounts.map((a): MemberAccountPlans => {
        const read = reads.get(a.id)!;
        if ('unreadable' in read) return { id: a.id, name: a.name, notEvaluated: read.unreadable };
        const policy = 'none' in read ? {} : (parseDocument(read.content) as EffectiveObject | undefined);
        if (policy === undefined) return { id: a.id, name: a.name, notEvaluated: 'its effective backup policy is not a JSON object' };
        return { id: a.id, name: a.name, policy, plans: effectiveBackupPlans(policy, a.id) };
      }),
    };
  } finally {
    clients.destroy();
  }
}
