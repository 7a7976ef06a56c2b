// Reads a configuration directory: parse every *.bkp.hcl / *.bkp.json file and evaluate it.
// Everything is reported at once; nothing here touches the network.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Diagnostic } from '../core/diagnostics.js';
import type { Value } from '../core/values.js';
import { ErrorCode, UserError } from '../core/errors.js';
import { READ_LIMITS, readFileLimited } from '../core/read-file.js';
import type { ConfigFile } from './ast.js';
import { evaluateConfig, type EvaluateOptions } from './evaluate.js';
import { parseHcl } from './syntax/hcl-parser.js';
import { parseJsonConfig } from './syntax/json-parser.js';
import { decodeConfigText } from './syntax/utf8.js';
import { loadModuleFiles } from './modules/load-modules.js';
import type { Config } from './model.js';
import { fileErrorText } from '../core/file-errors.js';

export interface LoadOptions {
  dir: string;
  /** Values a saved plan was made with (see VariableInputs.saved). */
  savedVariables?: Readonly<Record<string, Value>>;
  /** `-var name=value`, in command-line order. */
  vars?: string[];
  /** `-var-file=FILE`, in command-line order. */
  varFiles?: string[];
  /** Environment for BKP_VAR_* (none unless given). */
  env?: NodeJS.ProcessEnv;
  /** Required variables with no value evaluate to unknown instead of failing the load. */
  missingAsUnknown?: boolean;
  /** Values that fail their variable's validation evaluate to unknown (see VariableInputs.invalidAsUnknown). */
  invalidAsUnknown?: boolean;
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
  const root = parseFiles(await readConfigFiles(options.dir));
  const modules = await loadModuleFiles(root.files, (dir) => readModuleDirectory(options.dir, dir));
  const parsed = [...root.files, ...modules.files];
  const sources = new Map(parsed.map((f) => [f.path, f.text]));
  const diagnostics = [...root.diagnostics, ...modules.diagnostics];
  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics, sources };

  const variableFileTexts = new Map<string, string>();
  const evaluated = evaluateConfig(parsed, {
    variableFileTexts,
    dir: options.dir,
    saved: options.savedVariables,
    vars: options.vars,
    varFiles: options.varFiles,
    env: options.env,
    missingAsUnknown: options.missingAsUnknown,
    invalidAsUnknown: options.invalidAsUnknown,
    knownAttributes: options.knownAttributes,
  });
  // Their diagnostics show excerpts as the configuration files' do; a configuration file keeps its own name.
  for (const [path, text] of variableFileTexts) if (!sources.has(path)) sources.set(path, text);
  return { config: evaluated.config, diagnostics: [...diagnostics, ...evaluated.diagnostics], sources };
}

type ReadFile = { path: string; text: string; diagnostics: Diagnostic[] };

function parseFiles(files: ReadFile[]): { files: ConfigFile[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = files.flatMap((f) => f.diagnostics);
  const parsed: ConfigFile[] = [];
  for (const file of files) {
    const result = file.path.endsWith('.json') ? parseJsonConfig(file.text, file.path) : parseHcl(file.text, file.path);
    diagnostics.push(...result.diagnostics);
    parsed.push({ path: file.path, text: file.text, body: result.body });
  }
  return { files: parsed, diagnostics };
}

/** The files of a local module's directory (relative to the configuration directory), shown as `modules/x/main.bkp.hcl`. */
async function readModuleDirectory(configDir: string, moduleDir: string): Promise<{ files: ConfigFile[]; diagnostics: Diagnostic[] }> {
  const names = await configFileNames(join(configDir, moduleDir));
  if (names === undefined) throw new UserError(ErrorCode.ConfigNotFound, `the directory ${moduleDir} does not exist.`);
  if (names.length === 0) throw new UserError(ErrorCode.ConfigNotFound, `${moduleDir} holds no *.bkp.hcl or *.bkp.json files.`);
  const read = await Promise.all(
    names.map(async (name) => {
      const path = `${moduleDir}/${name}`;
      return { path, ...decodeConfigText(await readConfigFile(join(configDir, moduleDir, name), path), path) };
    }),
  );
  return parseFiles(read);
}

/** The configuration file names of `dir`, sorted; undefined when there is no such directory. */
export async function configFileNames(dir: string): Promise<string[] | undefined> {
  try {
    return (await readdir(dir)).filter((n) => CONFIG_FILE.test(n)).sort();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw e;
  }
}

async function readConfigFiles(dir: string): Promise<ReadFile[]> {
  const names = await configFileNames(dir);
  if (names === undefined) {
    throw new UserError(ErrorCode.ConfigNotFound, `The configuration directory ${dir} does not exist.`, {
      hint: 'Check -chdir, or run `bkp init` to start a configuration.',
    });
  }
  if (names.length === 0) {
    throw new UserError(ErrorCode.ConfigNotFound, `No configuration files (*.bkp.hcl or *.bkp.json) in ${dir}.`, {
      hint: 'Run `bkp init` to write a starter configuration, or use -chdir=DIR to point at one.',
    });
  }
  return Promise.all(names.map(async (name) => ({ path: name, ...decodeConfigText(await readConfigFile(join(dir, name), name), name) })));
}

async function readConfigFile(full: string, name: string): Promise<Buffer> {
  try {
    return await readFileLimited(full, READ_LIMITS.configuration);
  } catch (e) {
    throw new UserError(ErrorCode.ConfigInvalid, `Cannot read the configuration file ${name}: ${fileErrorText(e, 'read')}.`, {
      hint: 'Every *.bkp.hcl and *.bkp.json file in the configuration directory is read: make it a regular file, or rename it.',
      cause: e,
    });
  }
}
