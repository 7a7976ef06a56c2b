// The AWS JSON protocol (1.0/1.1) as FSx and KMS speak it: the operation named by the
// `X-Amz-Target` header (`Prefix.Operation`), its input as a JSON body.
import type { SandboxRequest } from './protocol.js';
import { ServiceError } from './service-error.js';

export type JsonParams = Record<string, unknown>;

/** The operation a request targets among `operations`, and its parsed input; a ServiceError when either is wrong. */
export function jsonOperation<T>(req: SandboxRequest, targetPrefix: string, operations: Record<string, T>, service: string): { operation: T; params: JsonParams } {
  const target = req.headers['x-amz-target'] ?? '';
  const operation = target.startsWith(targetPrefix) ? operations[target.slice(targetPrefix.length)] : undefined;
  if (operation === undefined) {
    throw new ServiceError('UnknownOperationException', `The sandbox does not emulate "${target}" (only ${Object.keys(operations).join(', ')} of ${service}).`);
  }
  try {
    const text = new TextDecoder().decode(req.body);
    return { operation, params: text.trim() === '' ? {} : (JSON.parse(text) as JsonParams) };
  } catch {
    throw new ServiceError('SerializationException', 'The request body is not valid JSON.');
  }
}
