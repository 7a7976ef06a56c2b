// Builds evaluated configuration objects by hand, with a distinct fake source range for every
// JSON Pointer, so that tests can tell which path a diagnostic points at; and a handler context
// that counts the calls a handler sends.
import type { BackupClient } from '@aws-sdk/client-backup';
import type { Diagnostic, SourceRange } from '../../src/core/diagnostics.js';
import type { Config, PathRanges, ProviderConfig, ResourceConfig } from '../../src/config/model.js';
import { isUnknown, type ObjectValue, type Value } from '../../src/core/values.js';
import type { HandlerContext } from '../../src/resources/handler.js';

let nextLine = 1;

function fakeRange(): SourceRange {
  const line = nextLine++;
  return { file: 'main.bkp.hcl', start: { line, column: 1, offset: line * 100 }, end: { line, column: 10, offset: line * 100 + 9 } };
}

/** A range for "" and for every nested value, keyed like ajv's instancePath. */
export function rangesFor(attributes: ObjectValue): PathRanges {
  const ranges: PathRanges = new Map();
  const visit = (value: Value, path: string): void => {
    ranges.set(path, fakeRange());
    if (Array.isArray(value)) value.forEach((v, i) => visit(v, `${path}/${i}`));
    else if (typeof value === 'object' && value !== null && !isUnknown(value)) {
      for (const [k, v] of Object.entries(value)) visit(v, `${path}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`);
    }
  };
  visit(attributes, '');
  return ranges;
}

export function resource(kind: string, attributes: ObjectValue, options: { name?: string; provider?: string } = {}): ResourceConfig {
  const name = options.name ?? 'test';
  const ranges = rangesFor(attributes);
  return {
    address: `${kind}.${name}`,
    kind,
    name,
    provider: options.provider ?? 'aws',
    attributes,
    dependencies: [],
    lifecycle: { prevent_destroy: false },
    ranges,
    sensitivePaths: [],
    range: ranges.get('')!,
    context: `${kind} "${name}"`,
  };
}

export function provider(type: string, attributes: ObjectValue, alias?: string): ProviderConfig {
  const ranges = rangesFor(attributes);
  return { type, alias, key: alias ? `${type}.${alias}` : type, attributes, ranges, range: ranges.get('')! };
}

export function config(resources: ResourceConfig[], providers: ProviderConfig[] = [provider('aws', { region: 'eu-west-1' })]): Config {
  return { dir: 'config-dir', files: [], providers, variables: [], locals: {}, resources, imports: [], policies: [], outputs: [] };
}

/** The JSON Pointer whose range a diagnostic points at. */
export function pathOf(diagnostic: Diagnostic, ranges: PathRanges): string | undefined {
  for (const [path, range] of ranges) if (range === diagnostic.range) return path;
  return undefined;
}

/** A fixed clock, so schedule intervals do not depend on the day the tests run. */
export const NOW = new Date('2025-01-15T12:00:00Z');

/** A handler context that records the name of every call it sends (list-first refresh tests). */
export function countingContext(backup: BackupClient): HandlerContext & { calls: string[] } {
  const calls: string[] = [];
  const counting = { send: (command: { constructor: { name: string } }) => (calls.push(command.constructor.name.replace(/Command$/, '')), backup.send(command as never)) };
  return { backup: counting as unknown as BackupClient, lineage: 'l', settings: {} as HandlerContext['settings'], tagging: async () => ({}) as never, organizations: async () => ({}) as never, limit: (call) => call(), calls };
}
