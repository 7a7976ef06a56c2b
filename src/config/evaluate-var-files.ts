// -var-file: `*.bkpvars.hcl` (name = value assignments) or JSON objects. Diagnostics name a file
// inside the configuration directory by its path there, as they name the configuration's files,
// and any other as given.
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathBelow } from '../core/display-path.js';
import type { SourcePos, SourceRange } from '../core/diagnostics.js';
import { READ_LIMITS, readFileLimitedSync } from '../core/read-file.js';
import type { Reporter } from './evaluate-diagnostics.js';
import { evaluateGuarded } from './evaluate-expression.js';
import { NO_REFERENCES } from './evaluate-references.js';
import { formatPosition } from './evaluate-values.js';
import { parseHcl } from './syntax/hcl-parser.js';
import { decodeConfigText } from './syntax/utf8.js';
import { NO_CATALOG, ReferenceChecker, type ReferenceRules } from './references.js';
import { didYouMean } from '../core/suggest.js';
import { parseJsonValue } from './type-constraint.js';
import { isObjectValue, UNKNOWN, type Value } from '../core/values.js';
import { fileErrorText } from '../core/file-errors.js';

export interface AssignedValue {
  name: string;
  value: Value;
  /** Where the value is written. */
  range: SourceRange;
}

/** Variable files read without -var-file, as Terraform reads terraform.tfvars and *.auto.tfvars. */
const DEFAULT_VARIABLE_FILES = ['bkp.bkpvars.hcl', 'bkp.bkpvars.json'];
const AUTO_VARIABLE_FILE = /\.auto\.bkpvars\.(hcl|json)$/;

/** bkp.bkpvars.hcl / .json, then every *.auto.bkpvars.hcl / .json in lexical order: paths in the configuration directory. */
export function autoLoadedVariableFiles(dir: string): string[] {
  let names: Set<string>;
  try {
    names = new Set(readdirSync(dir));
  } catch {
    return []; // The configuration's own files were read from it: a directory that went away has no variable files either.
  }
  const defaults = DEFAULT_VARIABLE_FILES.filter((name) => names.has(name));
  const auto = [...names].filter((name) => AUTO_VARIABLE_FILE.test(name)).sort();
  return [...defaults, ...auto].map((name) => join(dir, name));
}

/** Reads the files in order; values of undeclared variables are warned about and left out. */
export function readVariableFiles(
  paths: readonly string[],
  declared: ReadonlyMap<string, unknown>,
  rules: ReferenceRules,
  reporter: Reporter,
  dir: string,
  texts?: Map<string, string>,
): AssignedValue[] {
  const assigned: AssignedValue[] = [];
  for (const given of paths) {
    const path = displayPath(given, dir);
    let text: string;
    try {
      const decoded = decodeConfigText(readFileLimitedSync(resolve(given), READ_LIMITS.varFile), path);
      reporter.add(decoded.diagnostics);
      text = decoded.text;
    } catch (e) {
      reporter.error('Failed to read variable file', `Could not read the -var-file "${path}": ${fileErrorText(e, 'read')}.`);
      continue;
    }
    texts?.set(path, text);
    const values = path.toLowerCase().endsWith('.json') ? readJsonFile(path, text, reporter) : readHclFile(path, text, rules, reporter, dir);
    for (const value of values) {
      if (declared.has(value.name)) {
        assigned.push(value);
        continue;
      }
      reporter.warning(
        'Value for undeclared variable',
        `The file assigns a value to "${value.name}", but no variable "${value.name}" is declared; the value is ignored.${didYouMean(value.name, [...declared.keys()])}`,
        value.range,
      );
    }
  }
  return assigned;
}

/** `prod.bkpvars.hcl` for a file of the configuration directory (which config files are named relative to); others as given. */
function displayPath(path: string, dir: string): string {
  const shown = pathBelow(resolve(path), dir);
  return shown === resolve(path) ? path : shown;
}

function readHclFile(path: string, text: string, rules: ReferenceRules, reporter: Reporter, dir: string): AssignedValue[] {
  const parsed = parseHcl(text, path);
  reporter.add(parsed.diagnostics);
  for (const block of parsed.body.blocks) {
    reporter.error('Unexpected block in variable file', `A variable file contains only name = value assignments; "${block.type}" blocks are not allowed.`, block.typeRange);
  }
  const checker = new ReferenceChecker(NO_CATALOG, reporter);
  const seen = new Map<string, SourceRange>();
  const values: AssignedValue[] = [];
  for (const attr of parsed.body.attributes) {
    const previous = seen.get(attr.name);
    if (previous) {
      reporter.error('Duplicate argument', `"${attr.name}" was already assigned at ${formatPosition(previous)}. Assign each variable once per file.`, attr.nameRange);
      continue;
    }
    seen.set(attr.name, attr.nameRange);
    const errorsBefore = reporter.errorCount;
    checker.check(attr.expr, rules, undefined);
    const value = evaluateGuarded(attr.expr, { reporter, dir, resolver: NO_REFERENCES, taint: { sensitive: false } });
    // A value with errors still counts as given (as UNKNOWN), so the variable is not also reported as missing.
    values.push({ name: attr.name, value: reporter.errorCount === errorsBefore ? value : UNKNOWN, range: attr.expr.range });
  }
  return values;
}

function readJsonFile(path: string, text: string, reporter: Reporter): AssignedValue[] {
  const parsed = parseJsonValue(text);
  if (!parsed.ok) {
    const at = /position (\d+)/.exec(parsed.message);
    const offset = at ? Number(at[1]) : 0;
    reporter.error('Invalid JSON in variable file', `${parsed.message}. A JSON variable file is one object: { "name": value, … }.`, pointRange(path, text, offset));
    return [];
  }
  if (!isObjectValue(parsed.value)) {
    reporter.error('Invalid variable file', 'A JSON variable file must be one object: { "name": value, … }.', pointRange(path, text, 0));
    return [];
  }
  const object = parsed.value;
  return Object.keys(object).map((name) => ({ name, value: object[name]!, range: pointRange(path, text, keyOffset(text, name)) }));
}

/** Where a top-level key is written; JSON.parse keeps no positions, and finding the key is enough for a message. */
function keyOffset(text: string, key: string): number {
  const quoted = JSON.stringify(key).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`${quoted}\\s*:`).exec(text);
  return match?.index ?? 0;
}

function pointRange(file: string, text: string, offset: number): SourceRange {
  const start = positionAt(text, Math.min(offset, text.length));
  return { file, start, end: start };
}

function positionAt(text: string, offset: number): SourcePos {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1, offset };
}
