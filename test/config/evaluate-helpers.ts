// Helpers for the evaluator tests: parse HCL snippets with the real parser and evaluate them.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Diagnostic } from '../../src/core/diagnostics.js';
import type { ConfigFile } from '../../src/config/ast.js';
import { evaluateConfig, type EvaluateOptions, type EvaluateResult } from '../../src/config/evaluate.js';
import { parseHcl } from '../../src/config/syntax/hcl-parser.js';
import type { ResourceConfig } from '../../src/config/model.js';
import type { Value } from '../../src/core/values.js';


export const SANDBOX = 'provider "sandbox" {}\n';

export function parseFile(path: string, text: string): ConfigFile {
  const parsed = parseHcl(text, path);
  if (parsed.diagnostics.length > 0) throw new Error(`test input does not parse: ${JSON.stringify(parsed.diagnostics)}`);
  return { path, text, body: parsed.body };
}

export interface Loaded extends EvaluateResult {
  errors: Diagnostic[];
  warnings: Diagnostic[];
  resource(address: string): ResourceConfig;
}

/** Evaluates one file (`main.bkp.hcl`) or several ({ path: text }). */
export function load(files: string | Record<string, string>, options: Partial<EvaluateOptions> = {}): Loaded {
  const texts = typeof files === 'string' ? { 'main.bkp.hcl': files } : files;
  const parsed = Object.entries(texts).map(([path, text]) => parseFile(path, text));
  const result = evaluateConfig(parsed, { dir: options.dir ?? tmpdir(), ...options });
  return {
    ...result,
    errors: result.diagnostics.filter((d) => d.severity === 'error'),
    warnings: result.diagnostics.filter((d) => d.severity === 'warning'),
    resource(address: string): ResourceConfig {
      const found = result.config.resources.find((r) => r.address === address);
      if (!found) throw new Error(`no resource ${address}; have ${result.config.resources.map((r) => r.address).join(', ')}`);
      return found;
    },
  };
}

/** Evaluates one expression as `local.v`, with optional declarations before it. */
export function evaluate(expression: string, prelude = '', options: Partial<EvaluateOptions> = {}): { value: Value | undefined; diagnostics: Diagnostic[] } {
  const loaded = load(`${prelude}\nlocals {\n  v = ${expression}\n}\n`, options);
  return { value: loaded.config.locals.v, diagnostics: loaded.diagnostics };
}

/** The value of an expression that must evaluate without any diagnostic. */
export function value(expression: string, prelude = '', options: Partial<EvaluateOptions> = {}): Value | undefined {
  const result = evaluate(expression, prelude, options);
  if (result.diagnostics.length > 0) throw new Error(`unexpected diagnostics for ${expression}: ${JSON.stringify(result.diagnostics, null, 1)}`);
  return result.value;
}

/** The single error of an expression. */
export function singleError(expression: string, prelude = '', options: Partial<EvaluateOptions> = {}): Diagnostic {
  const { diagnostics } = evaluate(expression, prelude, options);
  if (diagnostics.length !== 1) throw new Error(`expected one diagnostic for ${expression}, got ${JSON.stringify(diagnostics, null, 1)}`);
  return diagnostics[0]!;
}

/** A temporary directory with the given files. */
export function tempDir(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'bkp-eval-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** The text a diagnostic's range covers, in the given source. */
export function covered(text: string, d: Diagnostic): string {
  if (!d.range) throw new Error(`diagnostic without range: ${d.summary}`);
  return text.slice(d.range.start.offset, d.range.end.offset);
}
