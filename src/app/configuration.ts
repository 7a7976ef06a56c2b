// Loading a configuration as every command does: read, parse and evaluate it (config/), then
// validate it with each kind's schema and rules (resources/) and the policy blocks (policy/).
import type { Diagnostic, SourceRange } from '../core/diagnostics.js';
import { OUTPUT_PREFIX, resourceEvaluator } from '../config/evaluate.js';
import { ConfigError } from '../core/errors.js';
import { readConfiguration, type LoadOptions, type LoadResult } from '../config/load.js';
import type { Config, OutputConfig } from '../config/model.js';
import type { Evaluator, KnownAttributes } from '../engine/workflow.js';
import { validateDataSources } from '../data-sources/validate.js';
import { validatePolicies } from '../policy/validate.js';
import { validateConfig } from '../resources/validate.js';

export type { LoadOptions, LoadResult };

/** Reads and validates the configuration; `config` is present when no error was found. */
export async function loadConfig(options: LoadOptions): Promise<LoadResult> {
  const read = await readConfiguration(options);
  if (!read.config) return read;
  const config = read.config;
  const diagnostics = [...read.diagnostics];
  // A value that failed to evaluate is unknown, and validation skips unknown values, so the other
  // problems of the same block are still found. A misspelt or broken argument, though, is also a
  // missing one: in a block that already has an error, "missing required argument" is noise.
  const broken = read.diagnostics.filter((d) => d.severity === 'error' && d.range).map((d) => d.range!);
  const hasError = (range: SourceRange) => broken.some((b) => within(b, range));
  const blocks = [...config.resources, ...(config.dataSources ?? [])];
  const resourceAt = (d: Diagnostic) => blocks.find((r) => d.range && within(d.range, r.range));
  diagnostics.push(
    ...[...validateConfig(config), ...validateDataSources(config)].filter((d) => {
      if (d.summary !== 'Missing required argument') return true;
      const resource = resourceAt(d);
      return !resource || !hasError(resource.range);
    }),
    ...validatePolicies(config),
  );
  const merged = mergeInstanceDuplicates(diagnostics);
  const ok = !merged.some((d) => d.severity === 'error');
  return { config: ok ? config : undefined, diagnostics: merged, sources: read.sources };
}

/** Loads and throws a ConfigError (all diagnostics) unless the configuration is valid. */
export async function loadValidConfig(options: LoadOptions): Promise<{ config: Config; warnings: Diagnostic[]; sources: Map<string, string> }> {
  const result = await loadConfig(options);
  if (!result.config) throw new ConfigError(result.diagnostics, result.sources);
  return { config: result.config, warnings: result.diagnostics, sources: result.sources };
}

/**
 * The configuration as far as its backend block needs it, for the state commands (`bkp state
 * list`, `output`, `force-unlock`…), which promise to need no variable values: variables without
 * a value, or whose value fails its validation, are unknown, and only the errors of the backend
 * block itself count. A configuration another command would refuse (an invalid resource, a
 * variable default meant to be overridden) must not keep anyone from reading or unlocking the
 * state. A file that does not parse still fails: there is no backend block to trust then.
 */
export async function loadBackendConfig(dir: string, env: NodeJS.ProcessEnv): Promise<{ config: Config; sources: Map<string, string> }> {
  const read = await readConfiguration({ dir, env, missingAsUnknown: true, invalidAsUnknown: true });
  if (!read.config) throw new ConfigError(read.diagnostics, read.sources);
  const backendBlocks = read.config.files.filter((f) => f.module === undefined).flatMap((f) => f.body.blocks.filter((b) => b.type === 'backend').map((b) => b.range));
  const errors = read.diagnostics.filter((d) => d.severity === 'error' && d.range && backendBlocks.some((b) => within(d.range!, b)));
  if (errors.length > 0) throw new ConfigError(errors, read.sources);
  return { config: read.config, sources: read.sources };
}

/**
 * Evaluates the loaded configuration's resources again with the attributes that exist by now (an
 * apply, once a dependency is created): all of them, or those `only` names and what they refer to.
 * Evaluating all of them (a plan) validates them again: the load saw a reference to a computed
 * attribute as unknown and skipped the rules that need its value, such as a copy whose
 * `destination_vault_arn` is `logically_air_gapped_vault.x.arn` checked against that vault's
 * retention range. The load passed, so every error found now is one that only the known values
 * reveal; its warnings were reported by the load already.
 */
export function reevaluator(config: Config, options: LoadOptions): Evaluator {
  let evaluate: ReturnType<typeof resourceEvaluator> | undefined;
  return (known, only) => {
    evaluate ??= resourceEvaluator(config.files, options);
    const result = evaluate(known, only);
    const revealed = only === undefined ? mergeInstanceDuplicates(validateConfig({ ...config, resources: result.resources })) : [];
    return { resources: result.resources, diagnostics: [...result.diagnostics, ...revealed].filter((d) => d.severity === 'error') };
  };
}

/**
 * Evaluates the configuration's outputs (and what they refer to) with the attributes that exist
 * by now: after apply. A problem only the new values reveal (an index out of range, say) leaves
 * that output unknown, so it is not recorded; the load reported everything else.
 */
export function outputEvaluator(config: Config, options: LoadOptions): (known: KnownAttributes) => OutputConfig[] {
  let evaluate: ReturnType<typeof resourceEvaluator> | undefined;
  const names = new Set(config.outputs.map((o) => `${OUTPUT_PREFIX}${o.name}`));
  return (known) => {
    if (names.size === 0) return [];
    evaluate ??= resourceEvaluator(config.files, options);
    return evaluate(known, names).outputs;
  };
}

const INSTANCE_SUFFIX = / \(instance "(?:[^"\\]|\\.)*"\)$/;

/**
 * A mistake written once in a for_each block (a literal, not each.value) is found once per
 * instance: report it once, for the block, instead of once per instance with the same text.
 */
function mergeInstanceDuplicates(diagnostics: Diagnostic[]): Diagnostic[] {
  const keyOf = (d: Diagnostic) =>
    d.context !== undefined && INSTANCE_SUFFIX.test(d.context) && d.range
      ? JSON.stringify([d.severity, d.summary, d.detail, d.range.file, d.range.start.offset, d.range.end.offset, d.context.replace(INSTANCE_SUFFIX, '')])
      : undefined;
  const counts = new Map<string, number>();
  for (const d of diagnostics) {
    const key = keyOf(d);
    if (key !== undefined) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const emitted = new Set<string>();
  const result: Diagnostic[] = [];
  for (const d of diagnostics) {
    const key = keyOf(d);
    if (key === undefined || counts.get(key) === 1) result.push(d);
    else if (!emitted.has(key)) {
      emitted.add(key);
      result.push({ ...d, context: d.context!.replace(INSTANCE_SUFFIX, '') });
    }
  }
  return result;
}

function within(inner: SourceRange, outer: SourceRange): boolean {
  return inner.file === outer.file && inner.start.offset >= outer.start.offset && inner.end.offset <= outer.end.offset;
}
