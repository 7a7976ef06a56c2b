// Reads a configuration directory: parse every *.bkp.hcl / *.bkp.json file and evaluate it.
// Everything is reported at once; nothing here touches the network.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Diagnostic } from '../core/diagnostics.js';
import { ErrorCode, UserError } from '../core/errors.js';
import type { ConfigFile } from './ast.js';
import { evaluateConfig, type EvaluateOptions } from './evaluate.js';
import { initHclParser, parsePreparedHcl, prepareHcl, type ParseResult, type PreparedHcl } from './hcl-parser.js';
import { parseJsonConfig } from './json-parser.js';
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
  /** Present when every file parsed (evaluation errors may remain: see diagnostics). */
  config?: Config;
  diagnostics: Diagnostic[];
  /** File texts by diagnostic path, for excerpts. */
  sources: Map<string, string>;
}

const CONFIG_FILE = /\.bkp\.(hcl|json)$/;

/**
 * Reads, parses and evaluates every configuration file of `options.dir`. The kinds' own rules
 * are not checked here: the application layer validates what this returns (app/configuration.ts).
 * `config` is absent when a file did not parse (evaluating half-read blocks only adds noise).
 */
export async function readConfiguration(options: LoadOptions): Promise<LoadResult> {
  const files = await readConfigFiles(options.dir);
  const sources = new Map(files.map((f) => [f.path, f.text]));
  const diagnostics: Diagnostic[] = [];
  const parsed: ConfigFile[] = [];
  for (const [index, result] of (await parseFiles(files)).entries()) {
    diagnostics.push(...result.diagnostics);
    parsed.push({ path: files[index]!.path, text: files[index]!.text, body: result.body });
  }
  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics, sources };

  const evaluated = evaluateConfig(parsed, {
    dir: options.dir,
    vars: options.vars,
    varFiles: options.varFiles,
    env: options.env,
    missingAsUnknown: options.missingAsUnknown,
    knownAttributes: options.knownAttributes,
  });
  return { config: evaluated.config, diagnostics: [...diagnostics, ...evaluated.diagnostics], sources };
}

/**
 * Parse results in the order of `files`. The HCL grammar's WebAssembly compiles in the background
 * on first use (~35 ms, the main thread idle): HCL files are lexed and checked meanwhile, yielding
 * between files so that its loading can go on. Only that far ahead: a prepared file holds its
 * repaired text and edit map until it is parsed.
 */
async function parseFiles(files: ReadonlyArray<{ path: string; text: string }>): Promise<ParseResult[]> {
  let parserLoaded = false;
  const parserReady = initHclParser().then(() => {
    parserLoaded = true;
  });
  parserReady.catch(() => undefined); // awaited below; not an unhandled rejection while lexing
  const prepared = new Map<string, PreparedHcl>();
  for (const file of files) {
    if (parserLoaded) break;
    if (file.path.endsWith('.json')) continue;
    prepared.set(file.path, prepareHcl(file.text, file.path));
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  await parserReady;
  return files.map((file) => {
    if (file.path.endsWith('.json')) return parseJsonConfig(file.text, file.path);
    const hcl = prepared.get(file.path) ?? prepareHcl(file.text, file.path);
    prepared.delete(file.path);
    return parsePreparedHcl(hcl);
  });
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
