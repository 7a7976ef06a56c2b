// Runs a block's JSON Schema (schemas/config/*.schema.json) and turns ajv's errors into
// Terraform-style problems: one problem per mistake, at the JSON Pointer of the offending value.
import { createRequire } from 'node:module';
import type { Ajv as AjvInstance, ErrorObject, ValidateFunction } from 'ajv';
import { precompiledValidator } from '../../core/precompiled-validators.js';
import { blockSchema, type JsonSchema } from '../../config/block-schema.js';
import { didYouMean } from '../../core/suggest.js';
import { containsUnknown, isUnknown, typeName, type ObjectValue, type Value } from '../../core/values.js';
import { childPointer, pointerSegments } from '../../core/json-pointer.js';
import { error, type Problem } from './problem.js';

export interface SchemaProblem extends Problem {
  /** The ajv keyword behind it: semantic rules may explain the same value better. */
  keyword: string;
}

/** Keywords about a value's content: a semantic problem at the same path supersedes them. */
export const VALUE_KEYWORDS: ReadonlySet<string> = new Set([
  'pattern',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'enum',
  'const',
  'minLength',
  'maxLength',
  'format',
]);

/** Keywords about keys and counts, which stay checkable when some values are unknown. */
const STRUCTURE_KEYWORDS: ReadonlySet<string> = new Set(['required', 'additionalProperties', 'propertyNames', 'minItems', 'maxItems', 'minProperties', 'maxProperties']);

// ajv's compiler is needed only when no build-time validator exists (running from sources):
// loading it costs start-up time every `bkp validate` would otherwise pay.
let ajv: AjvInstance | undefined;
function compile(schema: JsonSchema): ValidateFunction {
  if (!ajv) {
    const { Ajv } = createRequire(import.meta.url)('ajv') as typeof import('ajv');
    ajv = new Ajv({ strict: false, allErrors: true, verbose: true });
  }
  return ajv.compile(schema);
}
const validators = new Map<string, ValidateFunction>();

function validatorFor(schemaName: string): ValidateFunction | undefined {
  let validate = validators.get(schemaName);
  if (!validate) {
    const schema = blockSchema(schemaName);
    if (!schema) return undefined;
    validate = precompiledValidator(`config_${schemaName}`) ?? compile(schema);
    validators.set(schemaName, validate);
  }
  return validate;
}

export function hasSchema(schemaName: string): boolean {
  return blockSchema(schemaName) !== undefined;
}

/**
 * Problems of `attributes` against the named schema. Null values count as unset (as in
 * Terraform); errors about a value that is unknown until apply are dropped, since it cannot be
 * checked yet.
 */
export function schemaProblems(schemaName: string, attributes: ObjectValue): SchemaProblem[] {
  const validate = validatorFor(schemaName);
  const root = blockSchema(schemaName);
  if (!validate || !root) return [];
  const data = withoutNulls(attributes) as ObjectValue;
  if (validate(data)) return [];
  const errors = relevantErrors(validate.errors ?? [], data);
  const seen = new Set<string>();
  const problems: SchemaProblem[] = [];
  for (const e of errors) {
    const problem = describe(e, root, data);
    const key = `${problem.path}\u0000${e.keyword === 'required' ? String(e.params.missingProperty) : ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(problem);
  }
  return problems;
}

/** The value with null attributes left out; the value itself when it holds none (most do). */
function withoutNulls(value: Value): Value {
  if (Array.isArray(value)) {
    let copy: Value[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item = value[i]!;
      const cleaned = withoutNulls(item);
      if (cleaned !== item) (copy ??= [...value])[i] = cleaned;
    }
    return copy ?? value;
  }
  if (typeof value === 'object' && value !== null && !isUnknown(value)) {
    let copy: ObjectValue | undefined;
    for (const k in value) {
      const v = value[k]!;
      const cleaned = v === null ? undefined : withoutNulls(v);
      if (cleaned === v) continue;
      copy ??= { ...value };
      if (cleaned === undefined) delete copy[k];
      else copy[k] = cleaned;
    }
    return copy ?? value;
  }
  return value;
}

/** Drops ajv's noise: branch errors under anyOf/oneOf, `if`, per-key inner errors, unknown values. */
function relevantErrors(errors: ErrorObject[], data: Value): ErrorObject[] {
  const combinators = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf').map((e) => `${e.schemaPath}/`);
  return errors.filter((e) => {
    if (e.keyword === 'if') return false;
    if (e.propertyName !== undefined && e.keyword !== 'propertyNames') return false;
    if (combinators.some((prefix) => e.schemaPath.startsWith(prefix))) return false;
    if (!STRUCTURE_KEYWORDS.has(e.keyword)) {
      const value = valueAt(data, e.instancePath);
      if (value !== undefined && containsUnknown(value)) return false;
    }
    return true;
  });
}

/** The value at a JSON Pointer, or undefined when the path leads nowhere. */
export function valueAt(data: Value | undefined, path: string): Value | undefined {
  let current: Value | undefined = data;
  for (const segment of pointerSegments(path)) {
    if (Array.isArray(current)) current = current[Number(segment)];
    else if (typeof current === 'object' && current !== null && !isUnknown(current)) current = current[segment];
    else return undefined;
  }
  return current;
}

interface Located {
  /** The name a user wrote: attribute or block name, with element keys after it. */
  label: string;
  /** Schema of the value at the path. */
  schema?: JsonSchema;
  /** The attribute or block name alone. */
  name?: string;
}

/** Walks the schema along a path to name the value the way the user wrote it. */
function locate(root: JsonSchema, path: string): Located {
  let schema: JsonSchema | undefined = root;
  let name: string | undefined;
  const elements: string[] = [];
  for (const segment of pointerSegments(path)) {
    if (!schema) break;
    if (schema.properties?.[segment]) {
      schema = schema.properties[segment];
      name = segment;
      elements.length = 0;
    } else if (schema.items && /^\d+$/.test(segment)) {
      // The index of a repeated block is not something the user wrote: leave it out of the label.
      const isBlock = schema['x-bkp']?.block !== undefined;
      schema = schema.items;
      if (!isBlock) elements.push(`element ${segment}`);
    } else {
      schema = typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined;
      elements.push(`element "${segment}"`);
    }
  }
  const label = name === undefined ? 'this block' : [`"${name}"`, ...elements].join(' ');
  return { label, schema, name };
}

const TYPE_WORDS: Record<string, string> = {
  integer: 'a whole number',
  number: 'a number',
  string: 'a string',
  boolean: 'a bool',
  array: 'a list',
  object: 'a map',
};

function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function describe(e: ErrorObject, root: JsonSchema, data: Value): SchemaProblem {
  const at = (path: string, summary: string, detail: string): SchemaProblem => ({ ...error(path, summary, detail), keyword: e.keyword });
  const { label, schema, name } = locate(root, e.instancePath);
  const value = e.data as Value;
  const description = typeof e.parentSchema?.description === 'string' ? ` ${e.parentSchema.description}` : '';
  switch (e.keyword) {
    case 'required': {
      const missing = String(e.params.missingProperty);
      const property = (e.parentSchema as JsonSchema | undefined)?.properties?.[missing];
      if (property?.['x-bkp']?.block) {
        return at(e.instancePath, `Insufficient ${missing} blocks`, `At least 1 "${missing}" block is required.${property.description ? ` ${property.description}` : ''}`);
      }
      return at(e.instancePath, 'Missing required argument', `The argument "${missing}" is required, but no definition was found.`);
    }
    case 'additionalProperties': {
      const extra = String(e.params.additionalProperty);
      const allowed = Object.keys((e.parentSchema as JsonSchema | undefined)?.properties ?? {});
      return at(childPointer(e.instancePath, extra), 'Unsupported argument', `An argument named "${extra}" is not expected here.${didYouMean(extra, allowed)}`);
    }
    case 'propertyNames': {
      const key = String(e.params.propertyName);
      const keySchema = (e.parentSchema as JsonSchema | undefined)?.propertyNames as JsonSchema | undefined;
      const bounds = keySchema ? ` Keys must be ${keySchema.minLength ?? 0} to ${keySchema.maxLength ?? 'any number of'} characters long.` : '';
      return at(childPointer(e.instancePath, key), 'Invalid map key', `The key ${shown(key)} of ${label} is not valid.${bounds}`);
    }
    case 'type': {
      const expected = ([] as string[]).concat(e.params.type as string | string[]);
      const block = schema?.['x-bkp']?.block;
      const words = block ? `a "${name}" block` : expected.map((t) => TYPE_WORDS[t] ?? t).join(' or ');
      const got = typeof value === 'object' || value === undefined ? `a ${typeName(value ?? null)}` : `${typeName(value)} ${shown(value)}`;
      return at(e.instancePath, 'Incorrect attribute value type', `Inappropriate value for ${label}: ${words} is required, but got ${got}.`);
    }
    case 'enum':
    case 'const': {
      const allowed = (e.keyword === 'enum' ? (e.params.allowedValues as unknown[]) : [e.params.allowedValue]).map(String);
      const hint = typeof value === 'string' ? didYouMean(value, allowed) : '';
      return at(e.instancePath, 'Invalid value', `${shown(value)} is not a valid value for ${label}.${hint} Accepted values: ${allowed.join(', ')}.`);
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      const bound = { minimum: 'at least', maximum: 'at most', exclusiveMinimum: 'more than', exclusiveMaximum: 'less than' }[e.keyword];
      return at(e.instancePath, 'Invalid value', `${label} is ${shown(value)}, but it must be ${bound} ${String(e.params.limit)}.${description}`);
    }
    case 'pattern':
      return at(e.instancePath, 'Invalid value', `${shown(value)} is not a valid value for ${label}.${description || ` It must match ${String(e.params.pattern)}.`}`);
    case 'minLength':
      return at(
        e.instancePath,
        'Invalid value',
        Number(e.params.limit) === 1 ? `${label} must not be empty.${description}` : `${label} must be at least ${String(e.params.limit)} characters long.${description}`,
      );
    case 'maxLength':
      return at(e.instancePath, 'Invalid value', `${label} is ${String(value).length} characters long; at most ${String(e.params.limit)} are allowed.${description}`);
    case 'minItems':
    case 'maxItems': {
      const limit = Number(e.params.limit);
      const least = e.keyword === 'minItems';
      if (schema?.['x-bkp']?.block) {
        return at(
          e.instancePath,
          least ? `Insufficient ${name} blocks` : `Too many ${name} blocks`,
          `${least ? 'At least' : 'At most'} ${limit} "${name}" ${limit === 1 ? 'block is' : 'blocks are'} ${least ? 'required' : 'allowed'}.`,
        );
      }
      return at(e.instancePath, 'Invalid value', `${label} must have ${least ? 'at least' : 'at most'} ${limit} ${limit === 1 ? 'element' : 'elements'}.`);
    }
    case 'uniqueItems': {
      const duplicate = Array.isArray(value) ? value[Number(e.params.j)] : undefined;
      return at(e.instancePath, 'Invalid value', `${label} lists ${shown(duplicate)} more than once; each value may appear only once.`);
    }
    case 'anyOf':
    case 'oneOf':
      return at(e.instancePath, 'Invalid value', `${label} has an unexpected value ${shown(valueAt(data, e.instancePath))}.${description}`);
    default:
      return at(e.instancePath, 'Invalid value', `${label} ${e.message ?? 'is not valid'}.`);
  }
}
