// What a sandbox service handler throws for a client-visible error: AWS's error code, its message
// and HTTP status. Each protocol writes it in its own format (RDS's XML ErrorResponse, EFS's
// {"ErrorCode"}, FSx's {"__type"}).
import type { SandboxResponse } from './protocol.js';

export class ServiceError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

/** A JSON reply; an error one names its error in `x-amzn-ErrorType`, where the SDKs look first. */
export function jsonResponse(status: number, body: unknown, contentType: string, errorType?: string): SandboxResponse {
  const headers: Record<string, string> = { 'content-type': contentType };
  if (errorType !== undefined) headers['x-amzn-errortype'] = errorType;
  return { status, headers, body: new TextEncoder().encode(JSON.stringify(body)) };
}
