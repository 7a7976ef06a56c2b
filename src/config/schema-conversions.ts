// Terraform's automatic conversions at the point where a block's schema says what an attribute is:
// the string "42" where a number is expected is the number 42, "true"/"false" where a bool is
// expected is the bool, and a number or bool where a string is expected is its text. So an untyped
// variable set with `-var days=42` (always a string) works where the schema wants a number.
// A value that does not convert is left as it is: the schema check then reports it as today.
// A null element of a map (tags, condition keys) is dropped, as the Terraform AWS provider does.
import type { JsonSchema } from './block-schema.js';
import { setKey } from './evaluate-values.js';
import { numberFromText } from './type-constraint.js';
import { isObjectValue, isUnknown, type ObjectValue, type Value } from '../core/values.js';

/** `attributes` with every convertible value converted to what `schema` expects (a new object; the input is not changed). */
export function convertToSchema(attributes: ObjectValue, schema: JsonSchema | undefined): ObjectValue {
  return schema ? (convertValueToSchema(attributes, schema) as ObjectValue) : attributes;
}

function convertValueToSchema(value: Value, schema: JsonSchema): Value {
  if (value === null || isUnknown(value)) return value;
  const types = schemaTypes(schema);
  if (Array.isArray(value)) {
    const items = schema.items;
    return items && typeof items === 'object' ? value.map((item) => convertValueToSchema(item, items)) : value;
  }
  if (isObjectValue(value)) return convertObject(value, schema);
  // A schema that accepts the value's own type needs no conversion (["string", "integer"] keeps "5").
  if (types.length === 0 || types.includes(jsonTypeOf(value)) || (typeof value === 'number' && types.includes('number'))) return value;
  if (typeof value === 'string') {
    if (types.includes('number') || types.includes('integer')) {
      const number = numberFromText(value);
      if (number !== undefined) return number;
    }
    if (types.includes('boolean') && (value === 'true' || value === 'false')) return value === 'true';
    return value;
  }
  return types.includes('string') ? String(value) : value;
}

function convertObject(value: ObjectValue, schema: JsonSchema): ObjectValue {
  const out: ObjectValue = {};
  const extra = typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined;
  for (const key of Object.keys(value)) {
    const declared = schema.properties && Object.hasOwn(schema.properties, key);
    // A null element of a map argument (tags = { owner = var.owner } with owner unset) is left
    // out, as the Terraform AWS provider does: the key is neither planned nor sent.
    if (!declared && extra && value[key] === null) continue;
    const property = declared ? schema.properties![key] : extra;
    setKey(out, key, property ? convertValueToSchema(value[key]!, property) : value[key]!);
  }
  return out;
}

function schemaTypes(schema: JsonSchema): string[] {
  return typeof schema.type === 'string' ? [schema.type] : Array.isArray(schema.type) ? schema.type : [];
}

/** The JSON Schema type name of a primitive value; a whole number is also an "integer". */
function jsonTypeOf(value: string | number | boolean): string {
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'boolean';
  return Number.isInteger(value) ? 'integer' : 'number';
}
