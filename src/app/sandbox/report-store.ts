// `bkp sandbox reports [list|show KEY]`: the objects report jobs wrote into the sandbox's object
// store (the same ones `aws s3 ls` / `aws s3 cp` see through `bkp sandbox serve`).
import { ErrorCode, UserError } from '../../core/errors.js';
import { listObjects, type ListedObject } from '../../sandbox/object-store.js';
import type { ReportObjectRow, ReportObjectView } from '../../sandbox/reports.js';
import type { CommandContext } from '../context.js';
import { notify } from '../io-host.js';
import { sandboxHandle, type SandboxFileFlags } from './common.js';

export interface ReportsListFlags extends SandboxFileFlags {
  bucket?: string;
  json?: boolean;
}

export interface ReportsShowFlags extends SandboxFileFlags {
  key: string;
  bucket?: string;
  json?: boolean;
}

function row({ bucket, key, object }: ListedObject): ReportObjectRow {
  return { bucket, key, sizeBytes: Buffer.byteLength(object.body), lastModified: object.lastModified, contentType: object.contentType };
}

export async function runReportsList(ctx: CommandContext, flags: ReportsListFlags): Promise<number> {
  const account = await (await sandboxHandle(ctx, flags)).read();
  const rows = listObjects(account, flags.bucket).map(row);
  const text = rows.length === 0 ? 'No reports: report plans write theirs daily at 02:00 UTC (bkp sandbox advance), or at once with StartReportJob.' : `${rows.length} report objects.`;
  await notify(ctx.host, 'BKP_R_SANDBOX_REPORTS', 'result', text, { rows, format: flags.json ? 'json' : 'human' });
  return 0;
}

/** KEY as `s3://BUCKET/KEY`, or a key of --bucket, or a key that only one bucket holds. */
function findObject(objects: ListedObject[], flags: ReportsShowFlags): ListedObject {
  const uri = /^s3:\/\/([^/]+)\/(.+)$/.exec(flags.key);
  const bucket = uri?.[1] ?? flags.bucket;
  const key = uri?.[2] ?? flags.key;
  const found = objects.filter((o) => o.key === key && (bucket === undefined || o.bucket === bucket));
  if (found.length === 1) return found[0]!;
  if (found.length > 1) {
    throw new UserError(ErrorCode.Usage, `Several buckets hold ${key}: ${found.map((o) => o.bucket).join(', ')}.`, { hint: `Name one: bkp sandbox reports show s3://${found[0]!.bucket}/${key}` });
  }
  throw new UserError(ErrorCode.Sandbox, `The sandbox holds no report object ${bucket === undefined ? key : `s3://${bucket}/${key}`}.`, {
    hint: 'List the objects with `bkp sandbox reports list`, and give a key as it shows it (or s3://BUCKET/KEY).',
  });
}

export async function runReportsShow(ctx: CommandContext, flags: ReportsShowFlags): Promise<number> {
  const account = await (await sandboxHandle(ctx, flags)).read();
  const found = findObject(listObjects(account), flags);
  const view: ReportObjectView = { ...row(found), body: found.object.body };
  await notify(ctx.host, 'BKP_R_SANDBOX_REPORT', 'result', `s3://${view.bucket}/${view.key}`, { view, format: flags.json ? 'json' : 'human' });
  return 0;
}
