// The plan-time checks of the backup jobs a plan would start (DESIGN.md section 5): the source
// resource as AWS Backup will see it, and a target vault bkp does not manage. The aws layer does
// the reading (loaded only when there is a job to start).
import type { ObjectValue } from '../../core/values.js';
import type { HandlerContext } from '../handler.js';
import { handlerCallError, type PlanFinding, type PlannedChange } from '../kind.js';
import { VAULT_KINDS } from '../vault-listing.js';


export async function checkPlannedJobs(
  planned: readonly PlannedChange[],
  plan: readonly PlannedChange[],
  context: (provider: string) => Promise<HandlerContext>,
): Promise<PlanFinding[]> {
  const starts = planned.filter((c) => (c.action === 'create' || c.action === 'replace') && typeof c.after?.resource_arn === 'string');
  if (starts.length === 0) return [];
  const { checkJobSources, checkUnmanagedVault } = await import('../../aws/source-preflight.js');
  // A vault the same plan creates, of either type, is not there yet to be described; validation
  // already checked the job's retention against its lock or air-gapped range.
  const declaredVaults = new Set(
    plan.filter((c) => VAULT_KINDS.has(c.kind) && typeof c.after?.name === 'string').map((c) => c.after!.name as string),
  );
  const findings: PlanFinding[] = [];
  try {
    const requests = await Promise.all(
      starts.map(async (c) => ({ address: c.address, resourceArn: c.after!.resource_arn as string, provider: (await context(c.provider)).settings })),
    );
    findings.push(...(await checkJobSources(requests)));
  } catch (e) {
    throw handlerCallError(e, 'Checking the source resources of', starts.map((c) => c.address).join(', '));
  }
  for (const c of starts) {
    const vault = c.after!.vault;
    if (typeof vault !== 'string' || declaredVaults.has(vault)) continue;
    const lifecycle = c.after!.lifecycle as ObjectValue | undefined;
    const deleteAfterDays = typeof lifecycle?.delete_after_days === 'number' ? lifecycle.delete_after_days : undefined;
    try {
      const finding = await checkUnmanagedVault({ address: c.address, vault, deleteAfterDays, backup: (await context(c.provider)).backup });
      if (finding) findings.push(finding);
    } catch (e) {
      throw handlerCallError(e, 'Checking the target vault of', c.address);
    }
  }
  return findings;
}
