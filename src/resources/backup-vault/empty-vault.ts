// force_destroy: deleting every recovery point of a vault so that the vault itself can be deleted.
// AWS deletes recovery points asynchronously (DELETING, then gone), so the vault is deleted only
// once its listing is empty.
import { setTimeout as sleep } from 'node:timers/promises';
import { isNotFound } from '../../aws/errors.js';
import { backupApi } from '../../aws/backup-api.js';
import { ErrorCode, UserError } from '../../core/errors.js';
import type { HandlerContext } from '../handler.js';

export interface EmptyVaultTiming {
  /** Pause between two listings while deletions are in progress. */
  pollMs: number;
  /** How long to wait for the recovery points to be gone before giving up. */
  maxWaitMs: number;
}

const DEFAULT_TIMING: EmptyVaultTiming = { pollMs: 5_000, maxWaitMs: 30 * 60_000 };

interface ListedPoint {
  arn: string;
  status?: string;
}

async function listPoints(ctx: HandlerContext, vault: string): Promise<ListedPoint[]> {
  const { ListRecoveryPointsByBackupVaultCommand } = await backupApi();
  const points: ListedPoint[] = [];
  let token: string | undefined;
  do {
    const out = await ctx.limit(() =>
      ctx.backup.send(new ListRecoveryPointsByBackupVaultCommand({ BackupVaultName: vault, NextToken: token, MaxResults: 1000 })),
    );
    for (const p of out.RecoveryPoints ?? []) if (p.RecoveryPointArn) points.push({ arn: p.RecoveryPointArn, status: p.Status });
    token = out.NextToken;
  } while (token);
  return points;
}

/**
 * Deletes every recovery point of `vault` and returns once none is listed. A point already being
 * deleted is only waited for; one that AWS refuses to delete (a vault lock) ends the destroy with
 * AWS's reason.
 */
export async function emptyVault(ctx: HandlerContext, vault: string, timing: EmptyVaultTiming = DEFAULT_TIMING): Promise<void> {
  const { DeleteRecoveryPointCommand } = await backupApi();
  const deadline = Date.now() + timing.maxWaitMs;
  const asked = new Set<string>();
  for (;;) {
    let points: ListedPoint[];
    try {
      points = await listPoints(ctx, vault);
    } catch (e) {
      if (isNotFound(e)) return;
      throw e;
    }
    if (points.length === 0) return;
    const toDelete = points.filter((p) => p.status !== 'DELETING' && !asked.has(p.arn));
    await Promise.all(
      toDelete.map(async (p) => {
        asked.add(p.arn);
        try {
          await ctx.limit(() => ctx.backup.send(new DeleteRecoveryPointCommand({ BackupVaultName: vault, RecoveryPointArn: p.arn })));
        } catch (e) {
          if (!isNotFound(e)) throw e;
        }
      }),
    );
    if (toDelete.length > 0) continue;
    if (Date.now() >= deadline) {
      throw new UserError(
        ErrorCode.AwsCall,
        `force_destroy: ${points.length} recovery point${points.length === 1 ? '' : 's'} of backup vault "${vault}" ` +
          `were still being deleted after ${Math.round(timing.maxWaitMs / 60_000)} minutes.`,
        { hint: 'Run bkp apply again later: the deletions go on in AWS, and the vault is deleted once it is empty.' },
      );
    }
    await sleep(timing.pollMs);
  }
}
