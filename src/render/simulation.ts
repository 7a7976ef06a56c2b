// Views of a simulation report (`bkp simulate`): a table per resource for people, Markdown for a
// pull-request comment, and one JSON document for scripts.
import type { CopyDestinationReport } from '../simulation/copies.js';
import type { RestoreTestReport } from '../simulation/restore-tests.js';
import type { Gap, OriginReport, ResourceReport, SimulationReport, TierCounts } from '../simulation/report.js';
import { style } from './style.js';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** `2026-01-01 05:05 UTC` */
export function formatInstant(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** `7d`, `1d 2h`, `18h 55m`, `40m`. */
export function formatSpan(ms: number): string {
  const days = Math.floor(ms / DAY_MS);
  const hours = Math.floor((ms % DAY_MS) / HOUR_MS);
  const minutes = Math.round((ms % HOUR_MS) / MINUTE_MS);
  if (days > 0) return hours > 0 ? `${days}d ${hours}h` : `${days}d`;
  if (hours > 0) return minutes > 0 ? `${hours}h ${minutes}m` : `${hours}h`;
  return `${minutes}m`;
}

function gapText(gap: Gap | undefined): string {
  if (gap === undefined) return 'no backup';
  return gap.open ? `${formatSpan(gap.ms)} (since the last backup)` : formatSpan(gap.ms);
}

function gapWhere(gap: Gap): string {
  return gap.open ? `from ${formatInstant(gap.from)} to the end` : `${formatInstant(gap.from)} → ${formatInstant(gap.to)}`;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

interface Row {
  cells: string[];
}

const HEADER = ['source', 'vault', 'existing', 'warm', 'cold', 'created', 'expired', 'failed jobs', 'worst gap'];

function rowOf(label: string, vault: string, existing: TierCounts, created: number, expired: number, failed: number, gap: Gap | undefined): Row {
  return { cells: [label, vault, String(existing.total), String(existing.warm), String(existing.cold), String(created), String(expired), String(failed), gapText(gap)] };
}

function originRow(origin: OriginReport): Row {
  return rowOf(origin.label, origin.vault, origin.existing, origin.created, origin.expired, origin.failedJobs, origin.worstGap);
}

/** Left-aligned text columns, right-aligned numbers. */
function table(rows: Row[]): string[] {
  const widths = HEADER.map((h, i) => Math.max(h.length, ...rows.map((r) => r.cells[i]!.length)));
  const numeric = (i: number) => i >= 2 && i <= 7;
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (numeric(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(HEADER), ...rows.map((r) => line(r.cells))];
}

function resourceTitle(r: ResourceReport): string {
  return `${r.name} (${r.type} ${r.id}, ${r.region})`;
}

function humanResource(r: ResourceReport, color: boolean): string[] {
  const s = style(color);
  const rows = r.origins.map(originRow);
  if (r.origins.length > 1) rows.push(rowOf('total', '', r.existing, r.created, r.expired, r.failedJobs, r.worstGap));
  const lines = [s.bold(resourceTitle(r)) + (r.status === 'on-demand only' ? s.yellow('  on-demand backups only: no plan protects it') : '')];
  lines.push(...table(rows).map((l, i) => `  ${i === 0 ? s.dim(l) : l}`));
  if (r.worstGap !== undefined) lines.push(`  worst gap: ${gapText(r.worstGap)}, ${gapWhere(r.worstGap)}`);
  lines.push(
    r.oldestRestorable === undefined
      ? `  ${s.red('no restorable recovery point at the end')}`
      : `  oldest restorable point: ${formatInstant(r.oldestRestorable.createdAt)} (${r.oldestRestorable.label}, ${r.oldestRestorable.storageClass.toLowerCase()})`,
  );
  if (r.lastFailure !== undefined) lines.push(`  ${s.yellow(`last failed job: ${r.lastFailure}`)}`);
  return lines;
}

function summary(report: SimulationReport): string {
  const t = report.totals;
  const copied = report.copies.reduce((n, d) => n + d.created, 0);
  const copies = report.copies.length === 0 ? '' : ` ${plural(copied, 'copy', 'copies')} to ${plural(report.copies.length, 'destination vault')}.`;
  const tested = report.restoreTests.reduce((n, r) => n + r.tests, 0);
  const tests = report.restoreTests.length === 0 ? '' : ` ${plural(tested, 'restore test')}.`;
  return (
    `${plural(t.protectedResources, 'resource')} protected, ${report.unprotected.filter((u) => u.backedUpWith === undefined).length} not protected; ` +
    `${plural(t.existing.total, 'recovery point')} at the end (${t.existing.warm} warm, ${t.existing.cold} cold), ` +
    `${t.created} created, ${t.expired} expired, ${plural(t.failedJobs, 'failed job')}.${copies}${tests}`
  );
}

const COPY_HEADER = ['destination', 'resources', 'existing', 'warm', 'cold', 'created', 'expired', 'failed copies', 'worst gap'];

function destinationLabel(d: CopyDestinationReport): string {
  return `${d.vault} (${d.region}${d.crossRegion ? ', cross-region' : ''})`;
}

function copyGapText(d: CopyDestinationReport): string {
  if (d.worstGap === undefined) return 'no copy';
  return `${d.worstGap.open ? `${formatSpan(d.worstGap.ms)} (since the last copy)` : formatSpan(d.worstGap.ms)}, ${d.worstGap.resourceName}`;
}

/** The copies per destination vault, and the worst gap of the cross-region (DR) copies. */
function humanCopies(report: SimulationReport, color: boolean): string[] {
  if (report.copies.length === 0) return [];
  const s = style(color);
  const rows = report.copies.map((d) => [destinationLabel(d), String(d.resources), String(d.existing.total), String(d.existing.warm), String(d.existing.cold), String(d.created), String(d.expired), String(d.failedJobs), copyGapText(d)]);
  const widths = COPY_HEADER.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i >= 1 && i <= 7 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  const lines = [s.bold('Copies, per destination vault:'), `  ${s.dim(line(COPY_HEADER))}`, ...rows.map((r) => `  ${line(r)}`)];
  const dr = worstDrGap(report);
  if (dr !== undefined) lines.push(`  worst gap of the DR copies: ${copyGapText(dr)} in ${destinationLabel(dr)}, ${gapWhere(dr.worstGap!)}`);
  for (const d of report.copies) if (d.lastFailure !== undefined) lines.push(`  ${s.yellow(`last failed copy to ${d.vault} (${d.region}): ${d.lastFailure}`)}`);
  return [...lines, ''];
}

const RESTORE_TEST_HEADER = ['restore testing plan / selection', 'type', 'tests', 'completed', 'failed', 'validation timed out'];

function restoreTestRow(t: RestoreTestReport): string[] {
  return [`${t.plan} / ${t.selection} (${t.region})`, t.resourceType, String(t.tests), String(t.completed), String(t.failed), String(t.validationTimedOut)];
}

/** The restore tests each restore testing plan's selections ran in the window. */
function humanRestoreTests(report: SimulationReport, color: boolean): string[] {
  if (report.restoreTests.length === 0) return [];
  const s = style(color);
  const rows = report.restoreTests.map(restoreTestRow);
  const widths = RESTORE_TEST_HEADER.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i >= 2 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  const lines = [s.bold('Restore tests, per restore testing plan and selection:'), `  ${s.dim(line(RESTORE_TEST_HEADER))}`, ...rows.map((r) => `  ${line(r)}`)];
  for (const t of report.restoreTests) {
    if (t.tests === 0) lines.push(`  ${s.yellow(`${t.plan} / ${t.selection} ran no restore test: no ${t.resourceType} recovery point matched its recovery point selection.`)}`);
    if (t.lastFailure !== undefined) lines.push(`  ${s.yellow(`last failed restore test of ${t.plan} / ${t.selection}: ${t.lastFailure}`)}`);
  }
  return [...lines, ''];
}

/** The cross-region destination whose worst gap is the longest. */
export function worstDrGap(report: SimulationReport): CopyDestinationReport | undefined {
  let worst: CopyDestinationReport | undefined;
  for (const d of report.copies) {
    if (!d.crossRegion || d.worstGap === undefined) continue;
    if (worst === undefined || d.worstGap.ms > worst.worstGap!.ms) worst = d;
  }
  return worst;
}

export function renderSimulationHuman(report: SimulationReport, options: { color: boolean }): string {
  const s = style(options.color);
  const lines = [
    s.bold(`Simulated ${plural(report.days, 'day')}: ${formatInstant(report.start)} → ${formatInstant(report.end)}`),
    s.dim('(on a scratch copy of the sandbox account, from an empty state: the account file and the state were not changed)'),
    '',
  ];
  for (const r of report.resources) lines.push(...humanResource(r, options.color), '');
  const exposed = report.unprotected.filter((u) => u.backedUpWith === undefined);
  const withInstance = report.unprotected.filter((u) => u.backedUpWith !== undefined);
  if (exposed.length > 0) {
    lines.push(s.bold(s.yellow('Not protected (no selection matches them):')));
    for (const u of exposed) lines.push(`  ${u.name} (${u.type} ${u.id}, ${u.region})`);
    lines.push('');
  }
  if (withInstance.length > 0) {
    lines.push(s.dim('Backed up with their instance:'));
    for (const u of withInstance) lines.push(s.dim(`  ${u.name} (${u.type} ${u.id}) with ${u.backedUpWith}`));
    lines.push('');
  }
  lines.push(...humanCopies(report, options.color));
  lines.push(...humanRestoreTests(report, options.color));
  if (report.resources.length === 0) lines.push('No resource is backed up by this configuration.', '');
  lines.push(summary(report));
  return lines.join('\n');
}

const md = (text: string) => text.replace(/\|/g, '\\|');

export function renderSimulationMarkdown(report: SimulationReport): string {
  const lines = [
    `### bkp simulate: ${plural(report.days, 'day')}`,
    '',
    `${formatInstant(report.start)} → ${formatInstant(report.end)}, on a scratch copy of the sandbox account from an empty state.`,
    '',
    '| resource | source | vault | existing | warm | cold | created | expired | failed jobs | worst gap | oldest restorable |',
    '| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |',
  ];
  for (const r of report.resources) {
    const oldest = r.oldestRestorable === undefined ? '**none**' : formatInstant(r.oldestRestorable.createdAt);
    r.origins.forEach((o, i) => {
      const first = i === 0;
      lines.push(
        `| ${first ? `\`${md(r.name)}\` (${r.type})` : ''} | \`${md(o.label)}\` | ${md(o.vault)} | ${o.existing.total} | ${o.existing.warm} | ${o.existing.cold} | ` +
          `${o.created} | ${o.expired} | ${o.failedJobs} | ${gapText(o.worstGap)} | ${first ? oldest : ''} |`,
      );
    });
    if (r.origins.length > 1) {
      lines.push(
        `| | **total** | | **${r.existing.total}** | ${r.existing.warm} | ${r.existing.cold} | ${r.created} | ${r.expired} | ${r.failedJobs} | ${gapText(r.worstGap)} | |`,
      );
    }
  }
  const exposed = report.unprotected.filter((u) => u.backedUpWith === undefined);
  if (exposed.length > 0) {
    lines.push('', `**Not protected:** ${exposed.map((u) => `\`${md(u.name)}\` (${u.type})`).join(', ')}`);
  }
  if (report.copies.length > 0) {
    lines.push('', '| copies to | resources | existing | warm | cold | created | expired | failed copies | worst gap |', '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
    for (const d of report.copies) {
      lines.push(`| ${md(destinationLabel(d))} | ${d.resources} | ${d.existing.total} | ${d.existing.warm} | ${d.existing.cold} | ${d.created} | ${d.expired} | ${d.failedJobs} | ${md(copyGapText(d))} |`);
    }
  }
  if (report.restoreTests.length > 0) {
    lines.push('', `| ${RESTORE_TEST_HEADER.join(' | ')} |`, '| --- | --- | ---: | ---: | ---: | ---: |');
    for (const t of report.restoreTests) lines.push(`| ${restoreTestRow(t).map(md).join(' | ')} |`);
  }
  lines.push('', summary(report));
  return lines.join('\n');
}

const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());

function gapJson(gap: Gap | undefined) {
  if (gap === undefined) return null;
  return { hours: Math.round((gap.ms / HOUR_MS) * 100) / 100, from: iso(gap.from), to: iso(gap.to), open: gap.open };
}

function originJson(o: OriginReport) {
  return {
    kind: o.kind,
    label: o.label,
    ...(o.plan !== undefined ? { plan: o.plan, rule: o.rule } : {}),
    vault: o.vault,
    existing: o.existing,
    created: o.created,
    expired: o.expired,
    failed_jobs: o.failedJobs,
    worst_gap: gapJson(o.worstGap),
  };
}

function drGapJson(d: CopyDestinationReport | undefined) {
  if (d === undefined || d.worstGap === undefined) return null;
  return { ...gapJson(d.worstGap), region: d.region, vault: d.vault, resource_arn: d.worstGap.resourceArn, resource: d.worstGap.resourceName };
}

/** One JSON document (`bkp simulate -json`). */
export function simulationToJson(report: SimulationReport) {
  return {
    format_version: '1.0',
    start: iso(report.start),
    end: iso(report.end),
    days: report.days,
    resources: report.resources.map((r) => ({
      arn: r.arn,
      name: r.name,
      type: r.type,
      id: r.id,
      region: r.region,
      status: r.status,
      existing: r.existing,
      created: r.created,
      expired: r.expired,
      failed_jobs: r.failedJobs,
      first_backup_at: iso(r.firstBackupAt),
      worst_gap: gapJson(r.worstGap),
      oldest_restorable: r.oldestRestorable === undefined ? null : { created_at: iso(r.oldestRestorable.createdAt), source: r.oldestRestorable.label, vault: r.oldestRestorable.vault, storage_class: r.oldestRestorable.storageClass },
      last_failure: r.lastFailure ?? null,
      sources: r.origins.map(originJson),
    })),
    copies: report.copies.map((d) => ({
      region: d.region,
      vault: d.vault,
      cross_region: d.crossRegion,
      resources: d.resources,
      existing: d.existing,
      created: d.created,
      expired: d.expired,
      failed_jobs: d.failedJobs,
      worst_gap: d.worstGap === undefined ? null : { ...gapJson(d.worstGap), resource_arn: d.worstGap.resourceArn, resource: d.worstGap.resourceName },
      last_failure: d.lastFailure ?? null,
    })),
    restore_tests: report.restoreTests.map((t) => ({
      restore_testing_plan: t.plan,
      selection: t.selection,
      region: t.region,
      resource_type: t.resourceType,
      tests: t.tests,
      completed: t.completed,
      failed: t.failed,
      validation_timed_out: t.validationTimedOut,
      last_failure: t.lastFailure ?? null,
    })),
    not_protected: report.unprotected.map((u) => ({ arn: u.arn, name: u.name, type: u.type, id: u.id, region: u.region, backed_up_with: u.backedUpWith ?? null })),
    totals: {
      protected_resources: report.totals.protectedResources,
      existing: report.totals.existing,
      created: report.totals.created,
      expired: report.totals.expired,
      failed_jobs: report.totals.failedJobs,
      copies: report.copies.reduce((n, d) => n + d.created, 0),
      restore_tests: report.restoreTests.reduce((n, t) => n + t.tests, 0),
      worst_dr_copy_gap: drGapJson(worstDrGap(report)),
    },
  };
}
