// ListProtectedResources: the resources AWS Backup has backed up, each with its latest backup (the
// newest recovery point that still exists, in whichever vault of the Region holds it).
import type { RecoveryPointRecord } from '../state.js';
import { compact, epochSeconds, paginate, type BackupCall, type Json } from './wire.js';

/** Recovery points that count as a successful backup. ⚠ AWS does not say whether PARTIAL ones count: they do here. */
const BACKED_UP = new Set<RecoveryPointRecord['status']>(['COMPLETED', 'PARTIAL', 'AVAILABLE']);

export function listProtectedResources(call: BackupCall): Json {
  const latest = new Map<string, RecoveryPointRecord>();
  for (const point of Object.values(call.scope.region.recoveryPoints)) {
    if (!BACKED_UP.has(point.status)) continue;
    const known = latest.get(point.resourceArn);
    if (known === undefined || point.creationDate > known.creationDate) latest.set(point.resourceArn, point);
  }
  const resources = [...latest.values()].sort((a, b) => a.resourceArn.localeCompare(b.resourceArn));
  const page = paginate(call, resources, 'ListProtectedResources');
  return compact({
    Results: page.items.map((p) =>
      compact({
        ResourceArn: p.resourceArn,
        ResourceType: p.resourceType,
        LastBackupTime: epochSeconds(p.creationDate),
        ResourceName: p.resourceName,
        LastBackupVaultArn: p.vaultArn,
        LastRecoveryPointArn: p.arn,
      }),
    ),
    NextToken: page.nextToken,
  });
}
