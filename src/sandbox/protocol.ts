// The sandbox's view of one HTTP exchange, independent of how it arrived (in-process SDK
// request handler, or `bkp sandbox serve` over a socket).

export interface SandboxRequest {
  method: string;
  /** Path without the query string, still percent-encoded as sent (ARNs in paths arrive encoded). */
  path: string;
  /** Decoded query parameters; repeated keys keep every value. */
  query: Record<string, string | string[]>;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  body: Uint8Array;
}

export interface SandboxResponse {
  status: number;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  body: Uint8Array;
}

/** Which AWS service a signed request is for, from its SigV4 credential scope (…/REGION/SERVICE/aws4_request). */
export function signingService(req: SandboxRequest): string | undefined {
  const auth = req.headers['authorization'] ?? '';
  const match = /Credential=[^/]+\/\d{8}\/[^/]+\/([^/]+)\/aws4_request/.exec(auth);
  return match?.[1];
}

/** The region from the SigV4 credential scope. */
export function signingRegion(req: SandboxRequest): string | undefined {
  const auth = req.headers['authorization'] ?? '';
  const match = /Credential=[^/]+\/\d{8}\/([^/]+)\/[^/]+\/aws4_request/.exec(auth);
  return match?.[1];
}
