// The `endpoint` of a provider "aws" or a backend "s3" (and `bkp generate -endpoint`): a URL the
// SDK can send requests to. The schema asks only for an http(s) scheme; a URL the SDK cannot parse
// ("http://my host", a port over 65535) would otherwise fail at the first call, as a TypeError.
import { error, knownString, type Problem } from './problem.js';
import type { ObjectValue } from '../../core/values.js';

const HTTP_SCHEME = /^https?:\/\//;
const HOW = 'write it as http://HOST[:PORT] or https://HOST[:PORT], with no spaces and a port from 1 to 65535 (for example http://127.0.0.1:5000)';

/** What is wrong with an endpoint, or undefined when the SDK can call it. */
export function endpointMistake(endpoint: string): string | undefined {
  if (!HTTP_SCHEME.test(endpoint)) return `"${endpoint}" does not start with http:// or https://: ${HOW}.`;
  if (!URL.canParse(endpoint)) return `"${endpoint}" is not a URL the AWS SDK can call: ${HOW}.`;
  return undefined;
}

export function endpointProblems(attributes: ObjectValue): Problem[] {
  const endpoint = knownString(attributes.endpoint);
  // Without an http(s) scheme, the schema's own complaint says what is wrong.
  if (endpoint === undefined || !HTTP_SCHEME.test(endpoint)) return [];
  const mistake = endpointMistake(endpoint);
  return mistake === undefined ? [] : [error('/endpoint', 'Invalid endpoint', mistake)];
}
