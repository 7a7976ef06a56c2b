// The sandbox's IAM (query protocol; global, so any signing region): GetRole for what bkp reads,
// CreateRole so that a test or a user (`aws iam create-role`) can add roles. The account has
// AWS Backup's default service role, and every role of the account that its file refers to (a
// selection's or a job's IAM role) exists too: a role bkp was able to use must be readable.
import { createHash } from 'node:crypto';
import type { SandboxRequest, SandboxResponse } from '../protocol.js';
import { queryAction, queryErrorResponse, queryParameters, queryResponse } from '../query-protocol.js';
import type { SandboxServiceContext } from '../service-context.js';
import { ServiceError } from '../service-error.js';
import type { AccountState } from '../state.js';
import { el, renderXml } from '../xml.js';

const NAMESPACE = 'https://iam.amazonaws.com/doc/2010-05-08/';
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
const ROLE_PATH = /^\/([\x21-\x7e]*\/)?$/;
const BACKUP_TRUST_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'backup.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});

export const DEFAULT_BACKUP_ROLE = { name: 'AWSBackupDefaultServiceRole', path: '/service-role/' } as const;

interface RoleRecord {
  name: string;
  path: string;
  description?: string;
  assumeRolePolicyDocument: string;
  tags: { Key: string; Value: string }[];
  creationDate: number;
}

/** The roles CreateRole made; created on first write. */
function storedRoles(account: AccountState): Record<string, RoleRecord> {
  const iam = (account.extensions['iam'] ??= {}) as { roles?: Record<string, RoleRecord> };
  return (iam.roles ??= {});
}

/** Roles of this account named by ARN anywhere in its file (selections, jobs, restore tests…). */
function referencedRoles(account: AccountState): RoleRecord[] {
  const pattern = new RegExp(`arn:aws:iam::${account.accountId}:role((?:/[\\w+=,.@-]+)*/)([\\w+=,.@-]{1,64})(?=")`, 'g');
  const found = new Map<string, RoleRecord>();
  for (const match of JSON.stringify(account).matchAll(pattern)) {
    found.set(match[2]!, { name: match[2]!, path: match[1] ?? '/', assumeRolePolicyDocument: BACKUP_TRUST_POLICY, tags: [], creationDate: 0 });
  }
  return [...found.values()];
}

function findRole(account: AccountState, name: string): RoleRecord | undefined {
  const stored = (account.extensions['iam'] as { roles?: Record<string, RoleRecord> } | undefined)?.roles?.[name];
  if (stored) return stored;
  if (name === DEFAULT_BACKUP_ROLE.name) return { ...DEFAULT_BACKUP_ROLE, assumeRolePolicyDocument: BACKUP_TRUST_POLICY, tags: [], creationDate: 0 };
  return referencedRoles(account).find((r) => r.name === name);
}

function roleElements(role: RoleRecord, ctx: SandboxServiceContext) {
  const roleId = `AROA${createHash('sha256').update(`${ctx.accountId}:role/${role.name}`).digest('hex').slice(0, 17).toUpperCase()}`;
  return [
    el('Path', role.path),
    el('RoleName', role.name),
    el('RoleId', roleId),
    el('Arn', `arn:aws:iam::${ctx.accountId}:role${role.path}${role.name}`),
    el('CreateDate', new Date(role.creationDate).toISOString()),
    el('AssumeRolePolicyDocument', encodeURIComponent(role.assumeRolePolicyDocument)),
    el('Description', role.description),
    el('MaxSessionDuration', 3600),
    el('Tags', role.tags.length === 0 ? undefined : role.tags.map((t) => el('member', [el('Key', t.Key), el('Value', t.Value)]))),
  ];
}

function roleName(params: Map<string, string>): string {
  const name = params.get('RoleName');
  if (name === undefined) throw new ServiceError('ValidationError', "1 validation error detected: Value null at 'roleName' failed to satisfy constraint: Member must not be null");
  if (!ROLE_NAME.test(name)) throw new ServiceError('ValidationError', `1 validation error detected: Value '${name}' at 'roleName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+`);
  return name;
}

function getRole(params: Map<string, string>, ctx: SandboxServiceContext): string {
  const name = roleName(params);
  const role = findRole(ctx.account, name);
  if (!role) throw new ServiceError('NoSuchEntity', `The role with name ${name} cannot be found.`, 404);
  return renderXml([el('Role', roleElements(role, ctx))]);
}

function createRole(params: Map<string, string>, ctx: SandboxServiceContext): string {
  const name = roleName(params);
  const path = params.get('Path') ?? '/';
  if (!ROLE_PATH.test(path)) throw new ServiceError('ValidationError', `The specified value for path is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters.`);
  const policy = params.get('AssumeRolePolicyDocument');
  if (policy === undefined) throw new ServiceError('ValidationError', "1 validation error detected: Value null at 'assumeRolePolicyDocument' failed to satisfy constraint: Member must not be null");
  if (findRole(ctx.account, name)) throw new ServiceError('EntityAlreadyExists', `Role with name ${name} already exists.`, 409);
  const tags: RoleRecord['tags'] = [];
  for (let n = 1; params.has(`Tags.member.${n}.Key`); n++) tags.push({ Key: params.get(`Tags.member.${n}.Key`)!, Value: params.get(`Tags.member.${n}.Value`) ?? '' });
  const role: RoleRecord = { name, path, assumeRolePolicyDocument: policy, tags, creationDate: ctx.now.getTime() };
  const description = params.get('Description');
  if (description !== undefined) role.description = description;
  storedRoles(ctx.account)[name] = role;
  ctx.markChanged();
  return renderXml([el('Role', roleElements(role, ctx))]);
}

const OPERATIONS: Record<string, (params: Map<string, string>, ctx: SandboxServiceContext) => string> = { GetRole: getRole, CreateRole: createRole };

export function handleIamRequest(req: SandboxRequest, ctx: SandboxServiceContext): SandboxResponse {
  try {
    const params = queryParameters(req);
    const { action, handler } = queryAction(params, OPERATIONS);
    return queryResponse(action, NAMESPACE, handler(params, ctx));
  } catch (error) {
    if (error instanceof ServiceError) return queryErrorResponse(NAMESPACE, error);
    throw error;
  }
}
