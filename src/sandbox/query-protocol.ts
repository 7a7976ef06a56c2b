// The AWS query protocol as STS, IAM and RDS speak it: form-encoded parameters (posted as the
// body, or in the query string), an XML `<ActionResponse><ActionResult>` reply, and the
// `<ErrorResponse>` document for errors.
import { randomUUID } from 'node:crypto';
import type { SandboxRequest, SandboxResponse } from './protocol.js';
import { ServiceError } from './service-error.js';
import { xmlEscape } from './xml.js';

/** The parameters of a query request: the query string's, then the form body's. */
export function queryParameters(req: SandboxRequest): Map<string, string> {
  const values = new Map<string, string>();
  for (const [key, value] of Object.entries(req.query)) values.set(key, Array.isArray(value) ? (value[0] ?? '') : value);
  for (const [key, value] of new URLSearchParams(new TextDecoder().decode(req.body))) values.set(key, value);
  return values;
}

/** A successful reply: `result` is the inner XML of `<ActionResult>`. */
export function queryResponse(action: string, namespace: string, result: string): SandboxResponse {
  const xml =
    `<?xml version="1.0" encoding="UTF-8"?>\n<${action}Response xmlns="${namespace}">` +
    `<${action}Result>${result}</${action}Result>` +
    `<ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></${action}Response>`;
  return { status: 200, headers: { 'content-type': 'text/xml' }, body: new TextEncoder().encode(xml) };
}

/** The error document: `<ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/>`. */
export function queryErrorResponse(namespace: string, error: ServiceError): SandboxResponse {
  const type = error.status >= 500 ? 'Receiver' : 'Sender';
  const xml =
    `<?xml version="1.0" encoding="UTF-8"?>\n<ErrorResponse xmlns="${namespace}"><Error><Type>${type}</Type>` +
    `<Code>${xmlEscape(error.code)}</Code><Message>${xmlEscape(error.message)}</Message></Error>` +
    `<RequestId>${randomUUID()}</RequestId></ErrorResponse>`;
  return { status: error.status, headers: { 'content-type': 'text/xml' }, body: new TextEncoder().encode(xml) };
}

/** The request's Action when `known` has it; MissingAction or InvalidAction (AWS's errors) otherwise. */
export function queryAction<T>(params: Map<string, string>, known: Record<string, T>): { action: string; handler: T } {
  const action = params.get('Action') ?? '';
  const handler = Object.hasOwn(known, action) ? known[action] : undefined;
  if (handler === undefined) {
    throw action === ''
      ? new ServiceError('MissingAction', 'The request must contain the parameter Action.')
      : new ServiceError('InvalidAction', `The action ${action} is not valid for this web service.`);
  }
  return { action, handler };
}
