// Views for `bkp sandbox …`: the source inventory, clock advances, account status, restore checks.
import { parseArn } from '../domain/arn.js';
import type { Eligibility, SourceResource } from '../sandbox/inventory.js';
import type { AdvanceView, ResourceRow, SandboxEvent, StatusView } from '../sandbox/reports.js';
import { style, type Style } from './style.js';
import { plural } from './value-format.js';

/** 2026-01-05 10:00:00 UTC */
export function formatInstant(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${units[unit]}`;
}

function tagText(tags: Record<string, string>): string {
  return Object.entries(tags)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
}

function eligibilityWord(s: Style, eligibility: Eligibility): string {
  if (eligibility.kind === 'ok') return s.green('ok');
  return eligibility.kind === 'wait' ? s.yellow('waits') : s.red('fails');
}

function table(header: string[], rows: string[][], widthOf: (cell: string) => number): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => widthOf(r[i] ?? ''))));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell + ' '.repeat(widths[i]! - widthOf(cell))))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

const visibleLength = (text: string) => text.replace(/\u001b\[\d+m/g, '').length;

export function renderResourceList(rows: readonly ResourceRow[], color: boolean): string {
  if (rows.length === 0) {
    return 'The sandbox inventory is empty. Add a resource with `bkp sandbox resource add TYPE NAME`.';
  }
  const s = style(color);
  const regions = new Set(rows.map((r) => regionOf(r.resource)));
  const withRegion = regions.size > 1;
  const header = ['NAME', 'TYPE', ...(withRegion ? ['REGION'] : []), 'STATE', 'ID', 'BACKUP', 'TAGS'];
  const body = rows.map(({ resource, eligibility }) => [
    resource.name,
    resource.type,
    ...(withRegion ? [regionOf(resource)] : []),
    resource.state,
    resource.id,
    eligibilityWord(s, eligibility),
    tagText(resource.tags),
  ]);
  return table(header.map((h) => s.bold(h)), body, visibleLength);
}

export function resourcesToJson(rows: readonly ResourceRow[]): string {
  return JSON.stringify(
    rows.map(({ resource, eligibility }) => ({ ...resource, backup: eligibility })),
    null,
    2,
  );
}

/** After add/set: what the resource is now. */
export function renderResource(verb: string, row: ResourceRow, color: boolean, extra: string[] = []): string {
  const s = style(color);
  const { resource, eligibility } = row;
  const lines = [
    `${s.green(verb)} ${resource.type} ${s.bold(resource.name)}`,
    `  id:     ${resource.id}`,
    `  arn:    ${resource.arn}`,
    `  state:  ${resource.state}`,
    `  backup: ${eligibilityWord(s, eligibility)}${eligibility.kind === 'ok' ? '' : ` (${eligibility.message})`}`,
  ];
  if (Object.keys(resource.tags).length > 0) lines.push(`  tags:   ${tagText(resource.tags)}`);
  if (resource.ontapVolumeType !== undefined) lines.push(`  volume type: ${resource.ontapVolumeType}`);
  if (resource.full === true) lines.push('  full:   yes');
  if (resource.members !== undefined && resource.members.length > 0) {
    lines.push(`  members: ${resource.members.map((m) => (m.failed ? `${m.name} (fails)` : m.name)).join(', ')}`);
  }
  return [...lines, ...extra].join('\n');
}

function resourceLabel(arn: string, names: ReadonlyMap<string, string>): string {
  const id = arn.split(/[:/]/).pop() ?? arn;
  const name = names.get(arn);
  return name === undefined || name === id ? id : `${name} (${id})`;
}

function eventLine(s: Style, event: SandboxEvent, names: ReadonlyMap<string, string>): string {
  const when = s.dim(formatInstant(event.at));
  if (event.kind === 'report-job') {
    if (event.status !== 'COMPLETED') return `${when}  report job ${event.jobId} of ${event.reportPlanName} ${s.red(event.status)}: ${event.message ?? ''}`;
    return `${when}  report of ${event.reportPlanName} written: ${event.keys.map((k) => `s3://${event.bucket}/${k}`).join(', ')}`;
  }
  const resource = resourceLabel(event.resourceArn, names);
  switch (event.kind) {
    case 'job-created':
      return `${when}  job ${event.jobId} created for ${resource}${event.byPlan ? ' (scheduled)' : ''}`;
    case 'job-state': {
      const colour = event.to === 'COMPLETED' ? s.green : ['FAILED', 'EXPIRED', 'ABORTED', 'PARTIAL'].includes(event.to) ? s.red : (t: string) => t;
      const message = event.message !== undefined && event.to !== 'COMPLETED' ? `: ${event.message}` : '';
      return `${when}  job ${event.jobId} ${event.from} → ${colour(event.to)}${message}`;
    }
    case 'point-created':
      return `${when}  recovery point ${event.arn} created in ${event.vaultName} (${event.incremental ? 'incremental' : 'full'}, ${formatBytes(event.sizeBytes)}) for ${resource}`;
    case 'point-cold':
      return `${when}  recovery point ${event.arn} moved to cold storage`;
    case 'point-deleted':
      return `${when}  recovery point ${event.arn} deleted (lifecycle) from ${event.vaultName}`;
    case 'restore-test': {
      const outcome = event.state === 'COMPLETED' ? `${s.green('restored')} as ${event.createdResourceArn?.split(/[:/]/).pop() ?? '-'}` : `${s.red(event.state)}: ${event.message ?? ''}`;
      return `${when}  restore test ${event.test} of ${resource} (restore job ${event.jobId}) ${outcome}`;
    }
    case 'restore-test-deleted': {
      const validation = event.validationStatus === undefined ? '' : `, validation ${event.validationStatus}`;
      return `${when}  restored ${event.createdResourceArn.split(/[:/]/).pop()} deleted (restore job ${event.jobId}${validation})`;
    }
    case 'restore-job': {
      const outcome = event.state === 'COMPLETED' ? `${s.green('COMPLETED')}: created ${event.createdResourceArn?.split(/[:/]/).pop() ?? '-'}` : `${s.red(event.state)}: ${event.message ?? ''}`;
      return `${when}  restore job ${event.jobId} of ${resource} ${outcome}`;
    }
    case 'copy-job': {
      const outcome = event.state === 'COMPLETED' ? s.green('COMPLETED') : `${s.red(event.state)}: ${event.message ?? ''}`;
      return `${when}  copy job ${event.jobId} of ${resource} to ${event.destinationVaultArn} ${outcome}`;
    }
  }
}

export function renderAdvance(view: AdvanceView, color: boolean): string {
  const s = style(color);
  const lines = [`Advanced the sandbox clock by ${view.duration}: ${formatInstant(view.from)} → ${s.bold(formatInstant(view.to))}`];
  if (view.events.length === 0) {
    lines.push('Nothing happened.');
  } else {
    lines.push('', ...view.events.map((e) => eventLine(s, e, view.names)));
    const count = (kind: SandboxEvent['kind']) => view.events.filter((e) => e.kind === kind).length;
    lines.push(
      '',
      `${count('job-created')} jobs created, ${count('job-state')} job state changes, ` +
        `${count('point-created')} recovery points created, ${count('point-cold')} moved to cold storage, ${count('point-deleted')} deleted.` +
        (count('restore-test') > 0 ? ` ${plural(count('restore-test'), 'restore test')}, ${count('restore-test-deleted')} restored resources deleted.` : '') +
        (count('copy-job') > 0 ? ` ${plural(count('copy-job'), 'copy job')} ended.` : '') +
        (count('restore-job') > 0 ? ` ${plural(count('restore-job'), 'restore job')} ended.` : '') +
        (count('report-job') > 0 ? ` ${count('report-job')} report jobs ended.` : ''),
    );
  }
  return lines.join('\n');
}

function counts(record: Record<string, number>): string {
  const entries = Object.entries(record).filter(([, n]) => n > 0);
  return entries.length === 0 ? 'none' : entries.map(([k, n]) => `${n} ${k}`).join(', ');
}

export function renderStatus(view: StatusView, color: boolean): string {
  const s = style(color);
  const total = Object.values(view.inventory).reduce((a, b) => a + b, 0);
  const lines = [
    `${s.bold('Sandbox account')} ${view.accountId} (${view.path})`,
    `  clock:       ${formatInstant(view.now)} (${view.clockMode})`,
    `  next event:  ${view.nextEvent === undefined ? 'none scheduled' : formatInstant(view.nextEvent)}`,
    `  region:      ${view.defaultRegion} (default)`,
    `  inventory:   ${total} resource${total === 1 ? '' : 's'}${total > 0 ? ` (${counts(view.inventory)})` : ''}`,
  ];
  for (const region of view.regions) {
    lines.push(
      '',
      s.bold(region.name),
      `  vaults: ${region.vaults}, plans: ${region.plans}, selections: ${region.selections}`,
      `  jobs: ${counts(region.jobs)}`,
      `  recovery points: ${counts(region.recoveryPoints)}`,
    );
  }
  return lines.join('\n');
}

export function renderRestoreCheck(
  arn: string,
  result: { restorable: boolean; reason?: string; restoreSizeInBytes?: number },
  color: boolean,
): string {
  const s = style(color);
  if (result.restorable) {
    const size = result.restoreSizeInBytes === undefined ? '' : ` (full image: ${formatBytes(result.restoreSizeInBytes)})`;
    return `${s.green('Restorable:')} ${arn}${size}`;
  }
  return `${s.red('Not restorable:')} ${arn}\n  ${result.reason ?? 'no reason given'}`;
}

// Not the inventory's own regionOf: the CLI's message host loads these views into every command,
// which would then run the sandbox inventory's module and what it imports.
function regionOf(resource: SourceResource): string {
  return parseArn(resource.arn)?.region ?? '';
}
