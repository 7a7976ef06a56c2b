// The view of `bkp show ADDRESS` for a backup_vault or an on_demand_backup: its recovery points
// as the account holds them (status, storage class, lifecycle dates, full or incremental).
import type { RecoveryPointFacts } from '../resources/on-demand-backup/recovery-points.js';
import { formatBytes } from './sandbox.js';
import { style } from './style.js';
import { plural } from './value-format.js';

const day = (iso: string | undefined) => (iso ? iso.slice(0, 10) : '-');

export function renderRecoveryPoints(address: string, vault: string, points: readonly RecoveryPointFacts[], color: boolean): string {
  const s = style(color);
  const title = `${s.bold(address)}: ${plural(points.length, 'recovery point')} in vault "${vault}"`;
  if (points.length === 0) return `${title}.`;
  const lines = [title, ''];
  for (const p of points) {
    lines.push(`  ${s.bold(p.arn)}`);
    lines.push(`    status:        ${p.status}`);
    lines.push(`    storage class: ${p.storageClass}`);
    lines.push(`    created:       ${p.createdAt ?? '-'}`);
    lines.push(`    cold storage:  ${day(p.moveToColdAt)}`);
    lines.push(`    deleted on:    ${p.deleteAt ? day(p.deleteAt) : 'never (no lifecycle)'}`);
    lines.push(`    backup:        ${p.parentArn ? `incremental (parent ${p.parentArn})` : 'full'}`);
    if (p.sizeBytes !== undefined) lines.push(`    size:          ${formatBytes(p.sizeBytes)}`);
    lines.push(`    resource:      ${p.resourceArn}`);
  }
  return lines.join('\n');
}

export function recoveryPointsToJson(address: string, vault: string, points: readonly RecoveryPointFacts[]): string {
  return JSON.stringify({
    format_version: '1.0',
    address,
    vault,
    recovery_points: points.map((p) => ({
      recovery_point_arn: p.arn,
      status: p.status,
      storage_class: p.storageClass,
      resource_arn: p.resourceArn,
      resource_type: p.resourceType ?? null,
      creation_date: p.createdAt ?? null,
      move_to_cold_storage_at: p.moveToColdAt ?? null,
      delete_at: p.deleteAt ?? null,
      parent_recovery_point_arn: p.parentArn ?? null,
      incremental: p.parentArn !== undefined,
      size_bytes: p.sizeBytes ?? null,
    })),
  });
}
