// Validation of an evaluated configuration: each block's JSON Schema, then the semantic rules of
// its kind. Runs before any network call and reports every problem at once, each positioned.
import type { Diagnostic, SourceRange } from '../core/diagnostics.js';
import { sortDiagnostics } from '../core/diagnostics.js';
import type { Config, PathRanges, ResourceConfig } from '../config/model.js';
import { isObjectValue, type ObjectValue, type Value } from '../core/values.js';
import { resourceKind } from './registry.js';
import { validationContext, type ValidationContext } from './rules/context.js';
import type { Problem } from './rules/problem.js';
import { endpointProblems } from './rules/endpoint.js';
import { hasSchema, schemaProblems, VALUE_KEYWORDS, valueAt, type SchemaProblem } from './rules/schema-errors.js';

export interface ValidateOptions {
  /** The clock schedules are measured from (tests pin it). */
  now?: Date;
}

/** Every problem of the providers, the backend and the resources, sorted by position. */
export function validateConfig(config: Config, options: ValidateOptions = {}): Diagnostic[] {
  const context = validationContext(config, options.now);
  const diagnostics: Diagnostic[] = [];
  for (const provider of config.providers) {
    // An instance of a provider's for_each is named, so a problem in one instance's values says which.
    const name = provider.instanceKey !== undefined ? provider.key : provider.type;
    const where = { attributes: provider.attributes, ranges: provider.ranges, range: provider.range, context: `provider "${name}"` };
    if (!hasSchema(`provider_${provider.type}`)) {
      diagnostics.push(unsupported(where, 'provider', provider.type, ['aws', 'sandbox']));
    } else {
      diagnostics.push(...toDiagnostics(combine(schemaProblems(`provider_${provider.type}`, provider.attributes), endpointProblems(provider.attributes)), where));
    }
  }
  if (config.backend) {
    const backend = config.backend;
    const where = { attributes: backend.attributes, ranges: backend.ranges, range: backend.range, context: `backend "${backend.type}"` };
    if (!hasSchema(`backend_${backend.type}`)) diagnostics.push(unsupported(where, 'backend', backend.type, ['local', 's3']));
    else diagnostics.push(...toDiagnostics(combine(schemaProblems(`backend_${backend.type}`, backend.attributes), endpointProblems(backend.attributes)), where));
  }
  for (const resource of config.resources) diagnostics.push(...validateResource(resource, context));
  diagnostics.push(...duplicateNames(config.resources));
  return sortDiagnostics(diagnostics);
}

/**
 * Two blocks that would create objects of the same physical name where AWS keeps names unique
 * (its kind's uniqueNames, under one provider): AWS would refuse the second create halfway through
 * an apply. Names unknown until apply cannot be compared and are skipped.
 */
export function duplicateNames(resources: readonly ResourceConfig[]): Diagnostic[] {
  const first = new Map<string, ResourceConfig>();
  const diagnostics: Diagnostic[] = [];
  for (const resource of resources) {
    const space = resourceKind(resource.kind)?.uniqueNames;
    const name = space?.nameOf(resource.attributes);
    if (space === undefined || name === undefined) continue;
    const key = [[...space.kinds].sort().join(','), resource.provider, name].join('\u0000');
    const other = first.get(key);
    if (other === undefined) {
      first.set(key, resource);
      continue;
    }
    const otherRange = rangeFor(other.ranges, '/name') ?? other.range;
    const where = space.scope === 'region' ? 'in an account and Region' : 'in an organization';
    diagnostics.push({
      severity: 'error',
      summary: `Duplicate ${space.noun} name`,
      detail:
        `${resource.address} and ${other.address} (${otherRange.file}:${otherRange.start.line}:${otherRange.start.column}) would both create ` +
        `the ${space.noun} "${name}" with provider ${resource.provider}, and AWS keeps those names unique ${where}: it would refuse the second ` +
        `create (${space.refusal}) halfway through the apply. Give one of them another name, or remove one of the blocks.`,
      range: rangeFor(resource.ranges, '/name') ?? resource.range,
      context: resource.context,
      address: resource.address,
    });
  }
  return diagnostics;
}

/** The problems of one resource: its kind's schema, then its kind's semantic rules. */
export function validateResource(resource: ResourceConfig, context: ValidationContext): Diagnostic[] {
  const semantic = resourceKind(resource.kind)?.validate(resource, context) ?? [];
  const problems = combine(schemaProblems(resource.kind, resource.attributes), semantic);
  return toDiagnostics(redactSensitive(problems, resource), resource);
}

/**
 * Details quote the offending value; a value that came from a sensitive variable is replaced by
 * "(sensitive value)" so that validation never prints it.
 */
export function redactSensitive(problems: Problem[], resource: Pick<ResourceConfig, 'attributes' | 'sensitivePaths'>): Problem[] {
  if (resource.sensitivePaths.length === 0) return problems;
  return problems.map((p) => {
    const sensitive = resource.sensitivePaths.find((s) => p.path === s || p.path.startsWith(`${s}/`));
    if (sensitive === undefined) return p;
    const value = valueAt(resource.attributes, sensitive);
    const secrets = collectScalars(value).sort((a, b) => b.length - a.length);
    let detail = p.detail;
    for (const secret of secrets) {
      const pattern = new RegExp(`(?<![\\w.])${secret.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w.])`, 'g');
      detail = detail.replace(pattern, '(sensitive value)');
    }
    return { ...p, detail };
  });
}

function collectScalars(value: Value | undefined): string[] {
  if (typeof value === 'string') return value === '' ? [] : [value];
  if (typeof value === 'number' || typeof value === 'boolean') return [String(value)];
  if (Array.isArray(value)) return value.flatMap(collectScalars);
  if (isObjectValue(value)) return Object.values(value).flatMap(collectScalars);
  return [];
}

/**
 * Where a semantic rule explains a value (a name pattern, a window's minimum), its message is the
 * better one: the schema's complaint about the same value is dropped so one mistake gives one
 * diagnostic.
 */
function combine(schema: SchemaProblem[], semantic: Problem[]): Problem[] {
  const explained = new Set(semantic.filter((p) => p.severity === 'error').map((p) => p.path));
  return [...schema.filter((p) => !(VALUE_KEYWORDS.has(p.keyword) && explained.has(p.path))), ...semantic];
}

interface Located {
  attributes: ObjectValue;
  ranges: PathRanges;
  range: SourceRange;
  context: string;
}

export function toDiagnostics(problems: readonly Problem[], where: Located): Diagnostic[] {
  return problems.map((p) => ({
    severity: p.severity,
    summary: p.summary,
    detail: p.detail,
    range: rangeFor(where.ranges, p.path) ?? where.range,
    context: where.context,
  }));
}

/** The range of a path, or of its nearest ancestor that has one. */
export function rangeFor(ranges: PathRanges, path: string): SourceRange | undefined {
  // An escaped segment holds no "/", so each ancestor is the path cut at one of its slashes.
  let end = path.length;
  for (;;) {
    const range = ranges.get(path.slice(0, end));
    if (range) return range;
    if (end === 0) return undefined;
    end = Math.max(0, path.lastIndexOf('/', end - 1));
  }
}

function unsupported(where: Located, block: string, type: string, supported: string[]): Diagnostic {
  return {
    severity: 'error',
    summary: `Unsupported ${block} type`,
    detail: `bkp has no ${block} "${type}". Supported ${block} types: ${supported.map((s) => `"${s}"`).join(', ')}.`,
    range: where.range,
    context: where.context,
  };
}
