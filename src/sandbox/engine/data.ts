// Backup data as reference-counted chunks. A recovery point lists the chunks of the full image at
// its point in time; an incremental backup stores only the chunks that changed since its parent
// and references the rest. Deleting a point releases its references, and a chunk is freed only
// when no point needs it, so every remaining point stays fully restorable, as AWS promises.
import { createHash } from 'node:crypto';
import { newShortId } from '../ids.js';
import type { AccountState, BackupRegionState, RecoveryPointRecord } from '../state.js';

/** Every image is cut into this many chunks, whatever its size, to keep the account file small. */
export const CHUNKS_PER_IMAGE = 32;
/** Share of a resource's data that changes per day: daily incrementals are ~1/16 of a full. */
const DAILY_CHANGE_RATE = 1 / 16;
const DAY_MS = 86_400_000;
export const GIB = 1024 ** 3;

export interface BackupImage {
  chunkIds: string[];
  /** Bytes newly stored by this backup (the whole image for a full one). */
  storedBytes: number;
  /** The point this one is incremental to; undefined for a full backup. */
  parent?: RecoveryPointRecord;
}

function chunkSizes(imageBytes: number): number[] {
  const base = Math.floor(imageBytes / CHUNKS_PER_IMAGE);
  const sizes = new Array<number>(CHUNKS_PER_IMAGE).fill(base);
  sizes[CHUNKS_PER_IMAGE - 1] = imageBytes - base * (CHUNKS_PER_IMAGE - 1);
  return sizes;
}

/** The most recent restorable point of the resource in the vault: the parent of the next incremental. */
export function latestPointOf(region: BackupRegionState, vaultName: string, resourceArn: string): RecoveryPointRecord | undefined {
  let latest: RecoveryPointRecord | undefined;
  const points = region.recoveryPoints;
  for (const arn in points) {
    const point = points[arn]!;
    if (point.vaultName !== vaultName || point.resourceArn !== resourceArn) continue;
    if (point.status !== 'COMPLETED' && point.status !== 'AVAILABLE') continue;
    if (latest === undefined || point.creationDate > latest.creationDate) latest = point;
  }
  return latest;
}

/** How many chunks changed since the parent, from the time between the two backups. */
export function changedChunkCount(parentCreated: number, now: number): number {
  const days = Math.max(0, now - parentCreated) / DAY_MS;
  return Math.min(CHUNKS_PER_IMAGE, Math.max(1, Math.ceil(CHUNKS_PER_IMAGE * DAILY_CHANGE_RATE * days)));
}

/** Bytes a backup will store, known when the job starts (drives its duration and progress). */
export function plannedBackupBytes(imageBytes: number, parent: RecoveryPointRecord | undefined, now: number): number {
  if (parent === undefined) return imageBytes;
  const sizes = chunkSizes(imageBytes);
  return sizes.slice(0, changedChunkCount(parent.creationDate, now)).reduce((a, b) => a + b, 0);
}

/** Which chunk positions changed: deterministic per backup, spread over the image. */
function changedPositions(count: number, salt: string): Set<number> {
  const positions = new Set<number>();
  let round = 0;
  while (positions.size < count) {
    const digest = createHash('sha256').update(`${salt}:${round}`).digest();
    for (let i = 0; i < digest.length && positions.size < count; i++) positions.add(digest[i]! % CHUNKS_PER_IMAGE);
    round += 1;
  }
  return positions;
}

/** Store the data of a new backup: new chunks for what changed, references for the rest. */
export function storeBackupImage(
  account: AccountState,
  region: BackupRegionState,
  imageBytes: number,
  parent: RecoveryPointRecord | undefined,
  now: number,
  salt: string,
): BackupImage {
  const sizes = chunkSizes(imageBytes);
  const usableParent = parent !== undefined && parent.chunkIds.length === CHUNKS_PER_IMAGE ? parent : undefined;
  const changed = usableParent === undefined ? undefined : changedPositions(changedChunkCount(usableParent.creationDate, now), salt);
  const chunkIds: string[] = [];
  let storedBytes = 0;
  for (let i = 0; i < CHUNKS_PER_IMAGE; i++) {
    const inherited = usableParent?.chunkIds[i];
    if (inherited !== undefined && changed !== undefined && !changed.has(i) && region.chunks[inherited] !== undefined) {
      region.chunks[inherited]!.refs += 1;
      chunkIds.push(inherited);
      continue;
    }
    const id = newShortId(account, 'chunk');
    region.chunks[id] = { size: sizes[i]!, refs: 1 };
    storedBytes += sizes[i]!;
    chunkIds.push(id);
  }
  return { chunkIds, storedBytes, parent: usableParent };
}

/** Drop a point's references; chunks nobody references any more are freed. */
export function releaseImage(region: BackupRegionState, point: RecoveryPointRecord): void {
  for (const id of point.chunkIds) {
    const chunk = region.chunks[id];
    if (chunk === undefined) continue;
    chunk.refs -= 1;
    if (chunk.refs <= 0) delete region.chunks[id];
  }
}

export interface RestoreCheck {
  restorable: boolean;
  reason?: string;
  /** Size of the full image a restore would produce. */
  restoreSizeInBytes?: number;
}

/** Whether a recovery point could be restored right now: it exists and every chunk of its image is stored. */
export function restoreCheck(account: AccountState, recoveryPointArn: string): RestoreCheck {
  for (const region of Object.values(account.backup)) {
    const point = region.recoveryPoints[recoveryPointArn];
    if (point === undefined) continue;
    if (point.status !== 'COMPLETED' && point.status !== 'AVAILABLE' && point.status !== 'PARTIAL') {
      return { restorable: false, reason: `Recovery point ${recoveryPointArn} is ${point.status}.` };
    }
    const missing = point.chunkIds.filter((id) => region.chunks[id] === undefined || region.chunks[id]!.refs <= 0);
    if (point.chunkIds.length === 0 || missing.length > 0) {
      return {
        restorable: false,
        reason: `${missing.length} of ${point.chunkIds.length} data chunks of ${recoveryPointArn} are no longer stored.`,
      };
    }
    const size = point.chunkIds.reduce((sum, id) => sum + region.chunks[id]!.size, 0);
    return { restorable: true, restoreSizeInBytes: size };
  }
  return { restorable: false, reason: `Recovery point ${recoveryPointArn} does not exist (it was deleted or never created).` };
}
