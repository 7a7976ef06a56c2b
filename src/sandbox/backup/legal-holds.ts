// Legal holds: create (the hold covers the recovery points its selection matches at creation),
// get, list, cancel, and the recovery points a hold covers. While a hold is ACTIVE, AWS refuses to
// delete its recovery points (and hence their vault) and delays their lifecycle.
import { newUuid } from '../ids.js';
import type { LegalHoldRecord, RecoveryPointRecord } from '../state.js';
import { issueTimestamp } from '../timestamps.js';
import { BackupApiError, invalid, missing, notFound } from './errors.js';
import { setTags, validateTags } from './tags.js';
import { compact, epochSeconds, optionalObject, optionalString, optionalStringList, optionalStringMap, paginate, queryString, requiredString, VAULT_NAME_PATTERN, type BackupCall, type Json } from './wire.js';

const DAY_MS = 86_400_000;
/** ⚠ AWS's quota of active legal holds per account is not in the model; 50 is the documented default. */
const MAX_ACTIVE_HOLDS = 50;

/** A timestamp member of the body: the SDK sends epoch seconds; ISO text is accepted too. */
function requiredTimestamp(body: Json, field: string, where: string): number {
  const value = body[field];
  if (value === undefined || value === null) throw missing(`${where}.${field}`);
  const ms = typeof value === 'number' ? value * 1000 : typeof value === 'string' ? Date.parse(value) : NaN;
  if (!Number.isFinite(ms)) throw invalid(`${where}.${field} is not a valid timestamp.`);
  return ms;
}

function readSelection(call: BackupCall): LegalHoldRecord['selection'] {
  const raw = optionalObject(call.body, 'RecoveryPointSelection');
  if (raw === undefined) return undefined;
  const vaultNames = optionalStringList(raw, 'VaultNames');
  for (const name of vaultNames ?? []) {
    if (!VAULT_NAME_PATTERN.test(name)) throw invalid(`Invalid vault name '${name}' in RecoveryPointSelection.VaultNames.`);
  }
  const resourceIdentifiers = optionalStringList(raw, 'ResourceIdentifiers');
  const range = optionalObject(raw, 'DateRange');
  let dateRange: { FromDate: number; ToDate: number } | undefined;
  if (range !== undefined) {
    dateRange = { FromDate: requiredTimestamp(range, 'FromDate', 'DateRange'), ToDate: requiredTimestamp(range, 'ToDate', 'DateRange') };
    if (dateRange.FromDate > dateRange.ToDate) throw invalid('DateRange.FromDate must not be after DateRange.ToDate.');
  }
  return compact({ VaultNames: vaultNames, ResourceIdentifiers: resourceIdentifiers, DateRange: dateRange });
}

/** Whether a recovery point falls under the selection (an absent criterion does not narrow it). */
function selects(selection: LegalHoldRecord['selection'], point: RecoveryPointRecord): boolean {
  if (selection?.VaultNames !== undefined && !selection.VaultNames.includes(point.vaultName)) return false;
  if (selection?.ResourceIdentifiers !== undefined && !selection.ResourceIdentifiers.includes(point.resourceArn)) return false;
  const range = selection?.DateRange;
  if (range !== undefined && (point.creationDate < range.FromDate || point.creationDate > range.ToDate)) return false;
  return true;
}

function selectionView(selection: LegalHoldRecord['selection']): Json | undefined {
  if (selection === undefined) return undefined;
  return compact({
    VaultNames: selection.VaultNames,
    ResourceIdentifiers: selection.ResourceIdentifiers,
    DateRange: selection.DateRange && { FromDate: epochSeconds(selection.DateRange.FromDate), ToDate: epochSeconds(selection.DateRange.ToDate) },
  });
}

function holdOf(call: BackupCall): LegalHoldRecord {
  const id = call.params['LegalHoldId'] ?? '';
  const hold = call.scope.region.legalHolds?.[id];
  if (hold === undefined) throw notFound(`Legal hold ${id} was not found.`);
  return hold;
}

function createdView(hold: LegalHoldRecord): Json {
  return compact({
    Title: hold.title,
    Status: hold.status,
    Description: hold.description,
    LegalHoldId: hold.id,
    LegalHoldArn: hold.arn,
    CreationDate: epochSeconds(hold.creationDate),
    RecoveryPointSelection: selectionView(hold.selection),
  });
}

export function createLegalHold(call: BackupCall): Json {
  const region = call.scope.region;
  const holds = (region.legalHolds ??= {});
  const title = requiredString(call.body, 'Title');
  const description = requiredString(call.body, 'Description');
  const token = optionalString(call.body, 'IdempotencyToken');
  // A retried request with the same token answers with the hold it made, and makes no second one.
  const earlier = token === undefined ? undefined : Object.values(holds).find((h) => h.idempotencyToken === token);
  if (earlier !== undefined) return createdView(earlier);
  const selection = readSelection(call);
  const tags = optionalStringMap(call.body, 'Tags') ?? {};
  validateTags(tags);
  const active = Object.values(holds).filter((h) => h.status === 'ACTIVE' || h.status === 'CREATING').length;
  if (active >= MAX_ACTIVE_HOLDS) throw new BackupApiError('LimitExceededException', `An account can have at most ${MAX_ACTIVE_HOLDS} active legal holds.`);
  const id = newUuid(call.ctx.account, 'legal-hold');
  const hold: LegalHoldRecord = {
    id,
    arn: `arn:aws:backup:${call.ctx.region}:${call.ctx.accountId}:legal-hold:${id}`,
    title,
    description,
    // ⚠ AWS reports CREATING first and ACTIVE once the recovery points are marked; the sandbox marks them at once.
    status: 'ACTIVE',
    creationDate: issueTimestamp(call.ctx.account, call.now),
    recoveryPointArns: Object.values(region.recoveryPoints)
      .filter((p) => selects(selection, p))
      .map((p) => p.arn)
      .sort(),
  };
  if (token !== undefined) hold.idempotencyToken = token;
  if (selection !== undefined) hold.selection = selection;
  holds[id] = hold;
  if (Object.keys(tags).length > 0) setTags(call, hold.arn, tags);
  call.ctx.markChanged();
  return createdView(hold);
}

export function getLegalHold(call: BackupCall): Json {
  const hold = holdOf(call);
  return compact({
    ...createdView(hold),
    CancelDescription: hold.cancelDescription,
    CancellationDate: epochSeconds(hold.cancellationDate),
    RetainRecordUntil: epochSeconds(hold.retainRecordUntil),
  });
}

export function listLegalHolds(call: BackupCall): Json {
  const holds = Object.values(call.scope.region.legalHolds ?? {}).filter((h) => h.retainRecordUntil === undefined || h.retainRecordUntil > call.now);
  holds.sort((a, b) => a.creationDate - b.creationDate || a.id.localeCompare(b.id));
  const page = paginate(call, holds, 'ListLegalHolds');
  return compact({
    LegalHolds: page.items.map((h) =>
      compact({
        Title: h.title,
        Status: h.status,
        Description: h.description,
        LegalHoldId: h.id,
        LegalHoldArn: h.arn,
        CreationDate: epochSeconds(h.creationDate),
        CancellationDate: epochSeconds(h.cancellationDate),
      }),
    ),
    NextToken: page.nextToken,
  });
}

export function cancelLegalHold(call: BackupCall): Json {
  const hold = holdOf(call);
  const reason = queryString(call, 'cancelDescription');
  if (reason === undefined) throw missing('CancelDescription');
  const rawDays = queryString(call, 'retainRecordInDays');
  const days = rawDays === undefined ? undefined : Number(rawDays);
  if (days !== undefined && (!Number.isInteger(days) || days < 0)) throw invalid(`RetainRecordInDays must be a non-negative integer, got '${rawDays}'.`);
  if (hold.status === 'CANCELED' || hold.status === 'CANCELING') {
    throw new BackupApiError('InvalidResourceStateException', `Legal hold ${hold.id} is already ${hold.status.toLowerCase()}.`);
  }
  hold.status = 'CANCELED';
  hold.cancellationDate = call.now;
  hold.cancelDescription = reason;
  if (days !== undefined) hold.retainRecordUntil = call.now + days * DAY_MS;
  call.ctx.markChanged();
  return {};
}

export function listRecoveryPointsByLegalHold(call: BackupCall): Json {
  const id = call.params['LegalHoldId'] ?? '';
  const hold = call.scope.region.legalHolds?.[id];
  // ⚠ The model lists no ResourceNotFoundException for this operation: an unknown id is a bad parameter.
  if (hold === undefined) throw invalid(`Legal hold ${id} was not found.`);
  const points = hold.recoveryPointArns.map((arn) => call.scope.region.recoveryPoints[arn]).filter((p) => p !== undefined);
  const page = paginate(call, points, `ListRecoveryPointsByLegalHold:${id}`);
  return compact({
    RecoveryPoints: page.items.map((p) => ({ RecoveryPointArn: p.arn, ResourceArn: p.resourceArn, ResourceType: p.resourceType, BackupVaultName: p.vaultName })),
    NextToken: page.nextToken,
  });
}
