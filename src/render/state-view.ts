// Views of the state: `bkp show`, `bkp state list`, `bkp state show`.
import type { StateDocument, StateResource } from '../state/model.js';
import { isSensitiveMarker } from '../engine/sensitive-values.js';
import { style } from './style.js';
import { SENSITIVE_TEXT } from './value-format.js';

function formatValue(value: unknown, indent: string): string {
  if (isSensitiveMarker(value)) return SENSITIVE_TEXT;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((v) => `${indent}  ${formatValue(v, `${indent}  `)},`).join('\n')}\n${indent}]`;
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 0) return '{}';
    const width = Math.max(...entries.map(([k]) => quoteKey(k).length));
    return `{\n${entries.map(([k, v]) => `${indent}  ${quoteKey(k).padEnd(width)} = ${formatValue(v, `${indent}  `)}`).join('\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}

function quoteKey(key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) ? key : JSON.stringify(key);
}

/** Values of sensitive variables are markers in the state (engine/sensitive-values.ts), printed as `(sensitive value)`. */
export function renderStateResource(r: StateResource, color: boolean): string {
  const s = style(color);
  const attributes: Record<string, unknown> = { id: r.id, ...r.attributes };
  const width = Math.max(...Object.keys(attributes).map((k) => k.length));
  const lines = [`${s.bold(`# ${r.address}:`)}`, `resource "${r.kind}" "${r.name}" {`];
  for (const [k, v] of Object.entries(attributes)) lines.push(`    ${k.padEnd(width)} = ${formatValue(v, '    ')}`);
  lines.push('}');
  return lines.join('\n');
}

export function renderStateHuman(doc: StateDocument, color: boolean): string {
  if (doc.resources.length === 0 && doc.jobs.length === 0) return 'The state is empty: no resources are managed yet.';
  return doc.resources.map((r) => renderStateResource(r, color)).join('\n\n');
}

export function renderStateList(doc: StateDocument, filter: readonly string[]): string {
  const matches = (address: string) =>
    filter.length === 0 || filter.some((f) => address === f || address.startsWith(`${f}[`) || address.startsWith(`${f}.`));
  return doc.resources
    .filter((r) => matches(r.address))
    .map((r) => r.address)
    .join('\n');
}

/** `bkp show -json` of the state, shaped like `terraform show -json`'s values. */
export function stateToJson(doc: StateDocument) {
  return {
    format_version: '1.0',
    bkp_version: doc.bkp_version,
    serial: doc.serial,
    lineage: doc.lineage,
    values: {
      root_module: {
        resources: doc.resources.map((r) => ({
          address: r.address,
          mode: 'managed',
          type: r.kind,
          name: r.name,
          ...(r.key !== undefined ? { index: r.key } : {}),
          provider_name: r.provider,
          values: { id: r.id, ...r.attributes },
          depends_on: r.dependencies,
        })),
      },
    },
    jobs: doc.jobs,
  };
}
