// Views for `bkp sandbox reports`: the report objects of the sandbox's object store, and one
// object's content.
import type { ReportObjectRow, ReportObjectView } from '../sandbox/reports.js';
import { formatBytes, formatInstant } from './sandbox.js';
import { style } from './style.js';

export function renderReportObjects(rows: readonly ReportObjectRow[], color: boolean, emptyText: string): string {
  if (rows.length === 0) return emptyText;
  const s = style(color);
  const lines = [s.bold('LAST MODIFIED            SIZE       OBJECT')];
  for (const row of rows) lines.push(`${formatInstant(row.lastModified).padEnd(24)} ${formatBytes(row.sizeBytes).padEnd(10)} s3://${row.bucket}/${row.key}`);
  return lines.join('\n');
}

export function reportObjectsToJson(rows: readonly ReportObjectRow[]): string {
  return JSON.stringify(
    rows.map((r) => ({ bucket: r.bucket, key: r.key, size_bytes: r.sizeBytes, last_modified: new Date(r.lastModified).toISOString(), content_type: r.contentType })),
    null,
    2,
  );
}

/** Human: the content as written (CSV or JSON), so it can be piped. JSON: the object with its content. */
export function renderReportObject(view: ReportObjectView, format: 'human' | 'json'): string {
  if (format === 'human') return view.body.replace(/\r?\n$/, '');
  return JSON.stringify(
    { bucket: view.bucket, key: view.key, size_bytes: view.sizeBytes, last_modified: new Date(view.lastModified).toISOString(), content_type: view.contentType, body: view.body },
    null,
    2,
  );
}
