// AWS Backup's error wire format (rest-json): the name in `x-amzn-ErrorType`, and a JSON body
// {"Code","Message","Type"} (plus extra members such as AlreadyExistsException's Arn).
import type { SandboxResponse } from '../protocol.js';

export type BackupErrorName =
  | 'AccessDeniedException'
  | 'AlreadyExistsException'
  | 'ConflictException'
  | 'DependencyFailureException'
  | 'InvalidParameterValueException'
  | 'InvalidRequestException'
  | 'InvalidResourceStateException'
  | 'LimitExceededException'
  | 'MissingParameterValueException'
  | 'ResourceNotFoundException'
  | 'ServiceUnavailableException'
  | 'ThrottlingException'
  | 'UnknownOperationException'
  | 'SerializationException';

const STATUS: Record<BackupErrorName, number> = {
  AccessDeniedException: 403,
  AlreadyExistsException: 400,
  ConflictException: 409,
  DependencyFailureException: 500,
  InvalidParameterValueException: 400,
  InvalidRequestException: 400,
  InvalidResourceStateException: 400,
  LimitExceededException: 400,
  MissingParameterValueException: 400,
  ResourceNotFoundException: 400,
  ServiceUnavailableException: 500,
  ThrottlingException: 400,
  UnknownOperationException: 404,
  SerializationException: 400,
};

/** Thrown by Backup handlers; the router turns it into the wire response. */
export class BackupApiError extends Error {
  constructor(
    readonly errorName: BackupErrorName,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export function backupErrorResponse(name: BackupErrorName, message: string, extra: Record<string, unknown> = {}): SandboxResponse {
  const status = STATUS[name];
  const body = { Code: name, Message: message, Type: status >= 500 ? 'Server' : 'User', ...extra };
  return {
    status,
    headers: { 'content-type': 'application/json', 'x-amzn-errortype': name, 'x-amzn-requestid': requestId() },
    body: new TextEncoder().encode(JSON.stringify(body)),
  };
}

let requestCounter = 0;
/** Request ids only need to be unique per process; they carry no meaning. */
export function requestId(): string {
  requestCounter += 1;
  const hex = (requestCounter + 0x10000000).toString(16).padStart(12, '0');
  return `5a1db0c5-0000-4000-8000-${hex.slice(-12)}`;
}

// Helpers that keep handler code short and the messages uniform.
export const missing = (field: string) => new BackupApiError('MissingParameterValueException', `Missing required parameter ${field}.`);
export const invalid = (message: string) => new BackupApiError('InvalidParameterValueException', message);
export const invalidRequest = (message: string) => new BackupApiError('InvalidRequestException', message);
export const notFound = (message: string) => new BackupApiError('ResourceNotFoundException', message);
export const accessDenied = () => new BackupApiError('AccessDeniedException', 'Insufficient privileges to perform this action.');
