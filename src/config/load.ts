// Loads a configuration directory: parse every *.bkp.hcl / *.bkp.json file, evaluate, validate.
// Everything is reported at once; nothing here touches the network.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Diagnostic, SourceRange } from '../core/diagnostics.js';
import { ConfigError, ErrorCode, UserError } from '../core/errors.js';
import { validatePolicies } from '../policy/validate.js';
import { validateConfig } from '../resources/validate.js';
import type { ConfigFile } from './ast.js';
import { evaluateConfig, type EvaluateOptions } from './evaluate.js';
import { parseHcl } from './syntax/hcl-parser.js';
import { parseJsonConfig } from './syntax/json-parser.js';
import type { Config } from './model.js';

export interface LoadOptions {
  dir: string;
  /** `-var name=value`, in command-line order. */
  vars?: string[];
  /** `-var-file=FILE`, in command-line order. */
  varFiles?: string[];
  /** Environment for BKP_VAR_* (none unless given). */
  env?: NodeJS.ProcessEnv;
  /** Required variables with no value evaluate to unknown instead of failing the load. */
  missingAsUnknown?: boolean;
  /** Computed attributes already known (from state); otherwise they evaluate to unknown. */
  knownAttributes?: EvaluateOptions['knownAttributes'];
}

export interface LoadResult {
  /** Present when no error-level diagnostic was found. */
  config?: Config;
  diagnostics: Diagnostic[];
  /** File texts by diagnostic path, for excerpts. */
  sources: Map<string, string>;
}

const CONFIG_FILE = /\.bkp\.(hcl|json)$/;

export async function loadConfig(options: LoadOptions): Promise<LoadResult> {
  const files = await readConfigFiles(options.dir);
  const sources = new Map(files.map((f) => [f.path, f.text]));
  const diagnostics: Diagnostic[] = [];
  const parsed: ConfigFile[] = [];
  for (const file of files) {
    const result = file.path.endsWith('.json') ? parseJsonConfig(file.text, file.path) : parseHcl(file.text, file.path);
    diagnostics.push(...result.diagnostics);
    parsed.push({ path: file.path, text: file.text, body: result.body });
  }
  // Evaluating a file that did not parse only adds noise about half-read blocks.
  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics, sources };

  const evaluated = evaluateConfig(parsed, {
    dir: options.dir,
    vars: options.vars,
    varFiles: options.varFiles,
    env: options.env,
    missingAsUnknown: options.missingAsUnknown,
    knownAttributes: options.knownAttributes,
  });
  diagnostics.push(...evaluated.diagnostics);
  const config = evaluated.config;
  // A value that failed to evaluate is unknown, and validation skips unknown values, so the other
  // problems of the same block are still found. A misspelt or broken argument, though, is also a
  // missing one: in a block that already has an error, "missing required argument" is noise.
  const broken = evaluated.diagnostics.filter((d) => d.severity === 'error' && d.range).map((d) => d.range!);
  const hasError = (range: SourceRange) => broken.some((b) => within(b, range));
  const resourceAt = (d: Diagnostic) => config.resources.find((r) => d.range && within(d.range, r.range));
  diagnostics.push(
    ...validateConfig(config).filter((d) => {
      if (d.summary !== 'Missing required argument') return true;
      const resource = resourceAt(d);
      return !resource || !hasError(resource.range);
    }),
    ...validatePolicies(config),
  );
  const merged = mergeInstanceDuplicates(diagnostics);
  const ok = !merged.some((d) => d.severity === 'error');
  return { config: ok ? config : undefined, diagnostics: merged, sources };
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

/** Loads and throws a ConfigError (all diagnostics) unless the configuration is valid. */
export async function loadValidConfig(options: LoadOptions): Promise<{ config: Config; warnings: Diagnostic[]; sources: Map<string, string> }> {
  const result = await loadConfig(options);
  if (!result.config) throw new ConfigError(result.diagnostics, result.sources);
  return { config: result.config, warnings: result.diagnostics, sources: result.sources };
}

function within(inner: SourceRange, outer: SourceRange): boolean {
  return inner.file === outer.file && inner.start.offset >= outer.start.offset && inner.end.offset <= outer.end.offset;
}

async function readConfigFiles(dir: string): Promise<Array<{ path: string; text: string }>> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => CONFIG_FILE.test(n)).sort();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new UserError(ErrorCode.ConfigNotFound, `The configuration directory ${dir} does not exist.`, {
        hint: 'Check -chdir, or run `bkp init` to start a configuration.',
      });
    }
    throw e;
  }
  if (names.length === 0) {
    throw new UserError(ErrorCode.ConfigNotFound, `No configuration files (*.bkp.hcl or *.bkp.json) in ${dir}.`, {
      hint: 'Run `bkp init` to write a starter configuration, or use -chdir=DIR to point at one.',
    });
  }
  return Promise.all(
    names.map(async (name) => ({ path: name, text: decodeUtf8(await readFile(join(dir, name))) })),
  );
}

/** Invalid UTF-8 becomes U+FFFD; the parser then reports the odd characters with positions. */
function decodeUtf8(bytes: Buffer): string {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
