// Reading a state file's text into a StateDocument, refusing anything that is not a valid bkp
// state with a message that names the file, says what is wrong and how to recover.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { ErrorCode, InternalError, UserError } from '../core/errors.js';
import { jsonDepthExceeds } from '../core/json-depth.js';
import { pointerSegments } from '../core/json-pointer.js';
import { precompiledValidator } from '../core/precompiled-validators.js';
import { parseAddress, STATE_FORMAT_VERSION, type StateDocument } from './model.js';
import { backupPathFor, displayPath } from './paths.js';
import { SCHEMAS_DIR } from '../core/package-files.js';

export { jsonDepthExceeds };

const MAX_REPORTED_PROBLEMS = 5;

let validator: ValidateFunction | undefined;

function stateValidator(): ValidateFunction {
  validator ??= precompiledValidator('state');
  if (validator === undefined) {
    const schema = JSON.parse(readFileSync(new URL('state.schema.json', SCHEMAS_DIR), 'utf8')) as object;
    const { Ajv } = createRequire(import.meta.url)('ajv') as typeof import('ajv');
    validator = new Ajv({ allErrors: true, strict: true, verbose: true }).compile(schema);
  }
  return validator;
}

/** The problems ajv found, in words: "resources[0].id: must be string". Empty when valid. */
export function stateSchemaProblems(data: unknown): string[] {
  const validate = stateValidator();
  if (validate(data)) return [];
  return (validate.errors ?? []).map(describeSchemaError);
}

/** A check before writing: a document that fails the schema would make the state unreadable. */
export function assertValidState(doc: StateDocument): void {
  const problems = stateSchemaProblems(doc);
  if (problems.length > 0) {
    throw new InternalError(`bkp tried to write a state that does not match its schema: ${summarize(problems)}`);
  }
}

/** Where a state text came from, for messages: the local file by default, or an S3 object. */
export interface StateTextOrigin {
  /** How messages name it: a path or an s3:// URL. */
  display: string;
  /** How to recover a damaged state. */
  recoveryHint(): string;
  /** What to do about a document that is not a bkp state. */
  foreignHint(): string;
}

/**
 * Parses and validates the text of the state file at `statePath`. Throws a UserError
 * (StateCorrupt or StateForeign) that never suggests overwriting the file.
 */
export function parseStateText(text: string, statePath: string, origin: StateTextOrigin = localOrigin(statePath)): StateDocument {
  const file = origin.display;
  if (text.trim() === '') {
    throw corrupt(origin, `The state file ${file} is empty.`);
  }
  // bkp walks state documents recursively: a damaged or hostile file 10,000 levels deep would
  // overflow the stack, so it is refused before parsing.
  if (jsonDepthExceeds(text, MAX_STATE_DEPTH)) {
    throw foreign(origin, `${file} is not a bkp state file: its JSON is nested more than ${MAX_STATE_DEPTH} levels deep.`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw corrupt(origin, `The state file ${file} is not valid JSON: ${describeJsonError(e, text)}.`);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw foreign(origin, `${file} is not a bkp state file: it holds ${jsonKind(data)}, not an object.`);
  }
  const record = data as Record<string, unknown>;
  if (!('format_version' in record) && !('bkp_version' in record)) {
    const what = 'terraform_version' in record ? 'it is a Terraform state file' : 'it has neither format_version nor bkp_version';
    throw foreign(origin, `${file} is not a bkp state file: ${what}.`);
  }
  const version = record.format_version;
  if (typeof version === 'number' && version > STATE_FORMAT_VERSION) {
    const writer = typeof record.bkp_version === 'string' ? ` (bkp ${record.bkp_version})` : '';
    throw new UserError(
      ErrorCode.StateForeign,
      `The state file ${file} was written by a newer bkp${writer} in state format ${version}; this bkp reads format ${STATE_FORMAT_VERSION}.`,
      { hint: 'Upgrade bkp to the version that wrote this state. bkp left the file unchanged.' },
    );
  }
  const prototypeKey = findPrototypeKey(data);
  if (prototypeKey !== undefined) {
    throw corrupt(origin, `The state file ${file} is damaged: ${prototypeKey.path} uses the reserved key "${prototypeKey.key}" (bkp never writes the keys __proto__, constructor or prototype).`);
  }
  if (typeof record.serial === 'number' && record.serial > MAX_SERIAL) {
    throw new UserError(ErrorCode.StateCorrupt, `The state file ${file} is damaged: its serial ${record.serial} is larger than ${MAX_SERIAL}, where counting up by one stops working.`, {
      hint: `Edit ${file} and set "serial" to a whole number at most ${MAX_SERIAL} (1 more than the highest serial you trust); saved plans made before then count as stale.`,
    });
  }
  const problems = stateSchemaProblems(data);
  if (problems.length > 0) {
    throw corrupt(origin, `The state file ${file} is damaged: ${summarize(problems)}.`);
  }
  const doc = data as StateDocument;
  const seen = new Map<string, number>();
  for (const [index, resource] of doc.resources.entries()) {
    const first = seen.get(resource.address);
    if (first !== undefined) {
      throw new UserError(ErrorCode.StateCorrupt, `The state file ${file} is damaged: it lists ${resource.address} twice (resources[${first}] and resources[${index}]).`, {
        hint: `bkp left ${file} unchanged. Edit it and remove the entry whose "id" is not the object in the account (compare with \`bkp sandbox\` or the AWS console), or restore a backup of the state.`,
      });
    }
    seen.set(resource.address, index);
    const mismatch = addressMismatch(resource);
    if (mismatch !== undefined) throw corrupt(origin, `The state file ${file} is damaged: resources[${index}] ${mismatch}.`);
  }
  return doc;
}

/** Why a resource's address does not say its kind, name and key, if it does not: each part of bkp reads one or the other. */
function addressMismatch(resource: StateDocument['resources'][number]): string | undefined {
  let parsed;
  try {
    parsed = parseAddress(resource.address);
  } catch {
    return `has the address "${resource.address}", which is no resource address`;
  }
  const key = resource.key === undefined ? '' : JSON.stringify(resource.key);
  if (parsed.kind !== resource.kind || parsed.name !== resource.name || (parsed.key === undefined ? '' : JSON.stringify(parsed.key)) !== key) {
    return `has the address ${resource.address}, but its kind, name and key say ${resource.kind}.${resource.name}${key === '' ? '' : `[${key}]`}`;
  }
  return undefined;
}

/**
 * The largest serial bkp accepts: the next one (serial + 1) is still an exact integer. At 2^53
 * `serial + 1 === serial`, and a plan saved against the state would never turn stale.
 */
export const MAX_SERIAL = Number.MAX_SAFE_INTEGER - 1;

/** Keys that JavaScript objects give a meaning beyond data: refused in state and plan files. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * The first object key anywhere in `data` that is a prototype key, with where it is
 * ("resources[0].attributes.tags"): JSON.parse keeps such keys as data, but code that copies or
 * looks up keys treats them as the object's prototype or its constructor. Iterative, so depth
 * costs no stack (callers refuse deep documents first anyway).
 */
export function findPrototypeKey(data: unknown): { key: string; path: string } | undefined {
  const stack: Array<{ value: unknown; path: string }> = [{ value: data, path: '' }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (Array.isArray(value)) {
      value.forEach((item, i) => stack.push({ value: item, path: `${path}[${i}]` }));
      continue;
    }
    for (const key of Object.keys(value)) {
      if (PROTOTYPE_KEYS.has(key)) return { key, path: path === '' ? 'the document' : path };
      stack.push({ value: (value as Record<string, unknown>)[key], path: path === '' ? key : `${path}.${key}` });
    }
  }
  return undefined;
}

function corrupt(origin: StateTextOrigin, message: string): UserError {
  return new UserError(ErrorCode.StateCorrupt, message, { hint: origin.recoveryHint() });
}

function foreign(origin: StateTextOrigin, message: string): UserError {
  return new UserError(ErrorCode.StateForeign, message, { hint: origin.foreignHint() });
}

function localOrigin(statePath: string): StateTextOrigin {
  return {
    display: displayPath(statePath),
    recoveryHint: () => recoveryHint(statePath),
    foreignHint: () =>
      `bkp left ${displayPath(statePath)} unchanged. Point the backend "local" block's path at another file, ` +
      'or move this file aside if it does not belong here.',
  };
}

function recoveryHint(statePath: string): string {
  const state = displayPath(statePath);
  const backup = displayPath(backupPathFor(statePath));
  const untouched = `bkp left ${state} unchanged.`;
  if (existsSync(backupPathFor(statePath))) {
    return `${untouched} ${backup} holds the state as it was before the last run that wrote it: check it, then restore it with \`cp ${backup} ${state}\`, or repair ${state} by hand.`;
  }
  return `${untouched} There is no ${backup} to restore from: repair ${state} by hand, or move it aside and re-import the resources with \`bkp import\`.`;
}

function summarize(problems: string[]): string {
  const shown = problems.slice(0, MAX_REPORTED_PROBLEMS).join('; ');
  const more = problems.length - MAX_REPORTED_PROBLEMS;
  return more > 0 ? `${shown}; and ${more} more problem${more === 1 ? '' : 's'}` : shown;
}

function describeSchemaError(error: ErrorObject): string {
  const where = error.instancePath === '' ? 'the document' : instancePathInWords(error.instancePath);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return `${where} is missing "${String(params.missingProperty)}"`;
    case 'additionalProperties':
      return `${where} has an unexpected property "${String(params.additionalProperty)}"`;
    case 'enum':
      return `${where} must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'const':
      return `${where} must be ${JSON.stringify(params.allowedValue)}`;
    case 'pattern':
      return `${where} has an invalid format (${shortJson(error.data)})`;
    default:
      return `${where} ${error.message ?? 'is invalid'}`;
  }
}

/** `/resources/0/attributes/name` → `resources[0].attributes.name`. */
function instancePathInWords(pointer: string): string {
  return pointerSegments(pointer).reduce((acc, segment) => (/^\d+$/.test(segment) ? `${acc}[${segment}]` : acc === '' ? segment : `${acc}.${segment}`), '');
}

function describeJsonError(error: unknown, text: string): string {
  const truncated = 'it ends in the middle of the document (the file looks truncated)';
  const message = error instanceof Error ? error.message : String(error);
  if (/end of JSON input/i.test(message)) return truncated;
  const position = /at position (\d+)/.exec(message);
  if (position === null) return message;
  const offset = Number(position[1]);
  // V8 reports a cut-off document as a syntax error at its very end.
  if (offset >= text.trimEnd().length) return truncated;
  const before = text.slice(0, offset).split('\n');
  return `${message.replace(/\s*in JSON at position \d+.*$/, '')} at line ${before.length}, column ${before[before.length - 1]!.length + 1}`;
}

/** The offending value, cut short: enough to find it in the file. */
function shortJson(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

function jsonKind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a JSON array';
  return `a JSON ${typeof value}`;
}

/** Far deeper than any state bkp writes (resources → attributes → rule → copy → lifecycle is 7). */
const MAX_STATE_DEPTH = 100;

