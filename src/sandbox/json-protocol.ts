// The AWS JSON protocol (1.0/1.1) as FSx, KMS, Organizations and the Tagging API speak it: the
// operation named by the `X-Amz-Target` header (`Prefix.Operation`), its input as a JSON body, and
// typed readers of its members that refuse a member of the wrong shape instead of letting a
// handler stumble on it (a null item, a string where a list belongs).
import type { SandboxRequest } from './protocol.js';
import { ServiceError } from './service-error.js';

export type JsonParams = Record<string, unknown>;

/** The operation a request targets among `operations`, and its parsed input; a ServiceError when either is wrong. */
export function jsonOperation<T>(req: SandboxRequest, targetPrefix: string, operations: Record<string, T>, service: string): { operation: T; params: JsonParams } {
  const target = req.headers['x-amz-target'] ?? '';
  const name = target.startsWith(targetPrefix) ? target.slice(targetPrefix.length) : undefined;
  // Own members only: `Prefix.constructor` must not reach Object.prototype.
  const operation = name !== undefined && Object.hasOwn(operations, name) ? operations[name] : undefined;
  if (operation === undefined) {
    throw new ServiceError('UnknownOperationException', `The sandbox does not emulate "${target}" (only ${Object.keys(operations).join(', ')} of ${service}).`);
  }
  return { operation, params: jsonBody(req.body) };
}

/** The request body as a JSON object (empty body: no members). AWS answers SerializationException for anything else. */
export function jsonBody(body: Uint8Array): JsonParams {
  let parsed: unknown;
  try {
    const text = new TextDecoder().decode(body);
    parsed = text.trim() === '' ? {} : JSON.parse(text);
  } catch {
    throw new ServiceError('SerializationException', 'The request body is not valid JSON.');
  }
  if (!isJsonObject(parsed)) throw new ServiceError('SerializationException', 'The request body must be a JSON object.');
  return parsed;
}

export function isJsonObject(value: unknown): value is JsonParams {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** AWS's member path in validation messages: lower camel case, list items as `name.N.member` (1-based). */
function memberPath(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

/**
 * A member of the wrong shape. ⚠ AWS's JSON services answer a type mismatch with either
 * SerializationException or ValidationException depending on the service; the sandbox uses
 * ValidationException in AWS's "1 validation error detected" wording.
 */
export function memberError(path: string, value: unknown, constraint: string): ServiceError {
  const shown = value === null ? 'null' : JSON.stringify(value);
  return new ServiceError('ValidationException', `1 validation error detected: Value ${shown} at '${path}' failed to satisfy constraint: ${constraint}`);
}

/** An optional string member (absent or null: undefined). */
export function optionalStringMember(params: JsonParams, name: string, path = memberPath(name)): string | undefined {
  const value = params[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw memberError(path, value, 'Member must be a string');
  return value;
}

/** An optional list member whose items `item` reads (it gets the item and its path, `name.N.member`). */
export function optionalListMember<T>(params: JsonParams, name: string, item: (value: unknown, path: string) => T, path = memberPath(name)): T[] | undefined {
  const value = params[name];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw memberError(path, value, 'Member must be a list');
  return value.map((v, i) => item(v, `${path}.${i + 1}.member`));
}

/** List item readers for optionalListMember. */
export function stringItem(value: unknown, path: string): string {
  if (value === null) throw memberError(path, value, 'Member must not be null');
  if (typeof value !== 'string') throw memberError(path, value, 'Member must be a string');
  return value;
}

export function objectItem(value: unknown, path: string): JsonParams {
  if (value === null) throw memberError(path, value, 'Member must not be null');
  if (!isJsonObject(value)) throw memberError(path, value, 'Member must be a structure');
  return value;
}

/** An optional list of strings. */
export function optionalStringList(params: JsonParams, name: string, path = memberPath(name)): string[] | undefined {
  return optionalListMember(params, name, stringItem, path);
}
