// Each account's effective backup policy: Organizations' DescribeEffectivePolicy with PolicyType
// BACKUP_POLICY and the account as TargetId, every account at once under the run's limiter. An
// account without one (EffectivePolicyNotFoundException: no backup policy reaches it) gets no plan;
// an account whose policy cannot be read (AccessDenied, an endpoint without the operation) says why,
// so that it is reported as not evaluated rather than as passing.
import type { OrganizationsClient } from '@aws-sdk/client-organizations';
import { awsErrorName } from './errors.js';
import type { CallRunner } from './organization-tree.js';
import { organizationsApi } from './organizations-api.js';

export type EffectivePolicyRead = { content: string } | { none: true } | { unreadable: string };

export async function readEffectiveBackupPolicies(client: OrganizationsClient, accountIds: readonly string[], run: CallRunner): Promise<Map<string, EffectivePolicyRead>> {
  const api = await organizationsApi();
  const reads = await Promise.all(
    accountIds.map(async (id): Promise<[string, EffectivePolicyRead]> => {
      try {
        const out = await run(() => client.send(new api.DescribeEffectivePolicyCommand({ PolicyType: 'BACKUP_POLICY', TargetId: id })));
        const content = out.EffectivePolicy?.PolicyContent;
        return [id, content === undefined ? { none: true } : { content }];
      } catch (error) {
        const name = awsErrorName(error) ?? (error as Error).name;
        if (name === 'EffectivePolicyNotFoundException') return [id, { none: true }];
        return [id, { unreadable: `DescribeEffectivePolicy failed: ${name}: ${(error as Error).message}` }];
      }
    }),
  );
  return new Map(reads);
}
