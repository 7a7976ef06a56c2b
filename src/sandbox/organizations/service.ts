// The sandbox's AWS Organizations service (JSON 1.1, `X-Amz-Target: AWSOrganizationsV20161128.<Operation>`):
// the organization's structure (root, OUs, accounts), management policies with their attachments,
// and DescribeEffectivePolicy, which merges backup policies with Organizations' inheritance rules
// (src/domain/org-policy). A backup policy is checked as AWS checks it when created or updated.
import { checkBackupPolicyDocument } from '../../domain/org-policy/backup-policy-checks.js';
import { BACKUP_POLICY_MAX_CHARACTERS } from '../../domain/org-policy/backup-policy-grammar.js';
import type { PolicyObject } from '../../domain/org-policy/inheritance.js';
import { effectiveFor } from './effective-policy.js';
import { pageAfterSerial } from '../pages.js';
import { jsonBody, memberError, objectItem, optionalListMember, optionalStringList, optionalStringMember } from '../json-protocol.js';
import type { SandboxRequest, SandboxResponse } from '../protocol.js';
import type { SandboxServiceContext } from '../service-context.js';
import { jsonResponse, ServiceError } from '../service-error.js';
import {
  existingOrganization,
  newAccountId,
  newPolicyId,
  newUnitId,
  organizationOf,
  pathFromRoot,
  targetKind,
  type OrganizationState,
  type OrgAccountRecord,
  type OrgPolicyRecord,
  type OrgUnitRecord,
} from './state.js';

const TARGET_PREFIX = 'AWSOrganizationsV20161128.';
const POLICY_TYPES = ['SERVICE_CONTROL_POLICY', 'RESOURCE_CONTROL_POLICY', 'TAG_POLICY', 'BACKUP_POLICY', 'AISERVICES_OPT_OUT_POLICY', 'CHATBOT_POLICY', 'DECLARATIVE_POLICY_EC2'];
/** Policy types whose effective policy DescribeEffectivePolicy computes. */
const EFFECTIVE_TYPES = ['BACKUP_POLICY', 'TAG_POLICY', 'AISERVICES_OPT_OUT_POLICY', 'CHATBOT_POLICY', 'DECLARATIVE_POLICY_EC2'];
const DEFAULT_PAGE = 20;

type Params = Record<string, unknown>;
type Operation = (params: Params, ctx: SandboxServiceContext, org: OrganizationState) => SandboxResponse;

export function organizationsErrorResponse(error: ServiceError): SandboxResponse {
  const body: Record<string, string> = { __type: error.code, Message: error.message };
  if (error instanceof ReasonedError) body.Reason = error.reason;
  return jsonResponse(error.status, body, 'application/x-amz-json-1.1', error.code);
}

class ReasonedError extends ServiceError {
  constructor(
    code: string,
    readonly reason: string,
    message: string,
  ) {
    super(code, message);
  }
}

const ok = (body: unknown = {}) => jsonResponse(200, body, 'application/x-amz-json-1.1');
const seconds = (ms: number) => ms / 1000;

function required(params: Params, name: string): string {
  const value = params[name];
  if (typeof value !== 'string' || value === '') throw new ReasonedError('InvalidInputException', 'INVALID_INPUT', `${name} is required.`);
  return value;
}

function optional(params: Params, name: string): string | undefined {
  const value = params[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new ReasonedError('InvalidInputException', 'INVALID_INPUT', `${name} must be a string.`);
  return value;
}

function tagsOf(params: Params): Record<string, string> {
  const tags = optionalListMember(params, 'Tags', objectItem) ?? [];
  return Object.fromEntries(
    tags.map((t, i) => {
      const key = optionalStringMember(t, 'Key', `tags.${i + 1}.member.key`);
      if (key === undefined) throw memberError(`tags.${i + 1}.member.key`, null, 'Member must not be null');
      return [key, optionalStringMember(t, 'Value', `tags.${i + 1}.member.value`) ?? ''];
    }),
  );
}

function page<T extends { serial: number }>(items: readonly T[], params: Params, operation: string) {
  const max = params['MaxResults'];
  if (max !== undefined && (typeof max !== 'number' || !Number.isInteger(max) || max < 1 || max > 20)) {
    throw new ReasonedError('InvalidInputException', 'INVALID_INPUT', 'MaxResults must be between 1 and 20.');
  }
  const token = optional(params, 'NextToken');
  const result = pageAfterSerial([...items].sort((a, b) => a.serial - b.serial), token, typeof max === 'number' ? max : DEFAULT_PAGE, operation);
  if (result === undefined) throw new ReasonedError('InvalidInputException', 'INVALID_NEXT_TOKEN', 'The NextToken is not valid.');
  return result;
}

function policyType(params: Params, name: string): string {
  const type = required(params, name);
  if (!POLICY_TYPES.includes(type)) throw new ReasonedError('InvalidInputException', 'INVALID_ENUM_POLICY_TYPE', `Unknown policy type ${type}.`);
  return type;
}

const orgArn = (ctx: SandboxServiceContext, org: OrganizationState) => `arn:aws:organizations::${ctx.accountId}:organization/${org.id}`;
const rootArn = (ctx: SandboxServiceContext, org: OrganizationState) => `arn:aws:organizations::${ctx.accountId}:root/${org.id}/${org.rootId}`;
const unitArn = (ctx: SandboxServiceContext, org: OrganizationState, id: string) => `arn:aws:organizations::${ctx.accountId}:ou/${org.id}/${id}`;
const accountArn = (ctx: SandboxServiceContext, org: OrganizationState, id: string) => `arn:aws:organizations::${ctx.accountId}:account/${org.id}/${id}`;
const policyArn = (ctx: SandboxServiceContext, org: OrganizationState, p: OrgPolicyRecord) =>
  `arn:aws:organizations::${ctx.accountId}:policy/${org.id}/${p.type.toLowerCase()}/${p.id}`;

function rootView(ctx: SandboxServiceContext, org: OrganizationState) {
  return {
    Id: org.rootId,
    Arn: rootArn(ctx, org),
    Name: 'Root',
    PolicyTypes: org.enabledPolicyTypes.map((Type) => ({ Type, Status: 'ENABLED' })),
  };
}

function pathOf(org: OrganizationState, id: string): string {
  return `${org.id}/${pathFromRoot(org, id).join('/')}/`;
}

const unitView = (ctx: SandboxServiceContext, org: OrganizationState, u: OrgUnitRecord) => ({ Id: u.id, Arn: unitArn(ctx, org, u.id), Name: u.name, Path: pathOf(org, u.id) });
const accountView = (ctx: SandboxServiceContext, org: OrganizationState, a: OrgAccountRecord) => ({
  Id: a.id,
  Arn: accountArn(ctx, org, a.id),
  Email: a.email,
  Name: a.name,
  Status: 'ACTIVE',
  State: 'ACTIVE',
  Paths: [pathOf(org, a.id)],
  JoinedMethod: a.joinedMethod,
  JoinedTimestamp: seconds(a.joinedAt),
});
const policySummary = (ctx: SandboxServiceContext, org: OrganizationState, p: OrgPolicyRecord) => ({
  Id: p.id,
  Arn: policyArn(ctx, org, p),
  Name: p.name,
  Description: p.description,
  Type: p.type,
  AwsManaged: false,
});

function parentOf(org: OrganizationState, params: Params, name: string, error = 'ParentNotFoundException'): string {
  const id = required(params, name);
  if (id !== org.rootId && !org.units[id]) throw new ServiceError(error, `We can't find a root or OU with the ParentId that you specified: ${id}.`);
  return id;
}

function policyNamed(org: OrganizationState, params: Params): OrgPolicyRecord {
  const id = required(params, 'PolicyId');
  const policy = org.policies[id];
  if (!policy) throw new ServiceError('PolicyNotFoundException', `We can't find a policy with the PolicyId that you specified: ${id}.`);
  return policy;
}

function targetNamed(org: OrganizationState, params: Params, name: string): string {
  const id = required(params, name);
  if (!targetKind(org, id)) throw new ServiceError('TargetNotFoundException', `We can't find a root, OU, account, or policy with the TargetId that you specified: ${id}.`);
  return id;
}

/** AWS's checks of a policy's content when it is created or updated. */
function checkContent(type: string, content: string): void {
  if (content.length > BACKUP_POLICY_MAX_CHARACTERS && type === 'BACKUP_POLICY') {
    throw new ReasonedError('ConstraintViolationException', 'POLICY_CONTENT_LIMIT_EXCEEDED', `The policy is ${content.length} characters; the maximum for ${type} is ${BACKUP_POLICY_MAX_CHARACTERS}.`);
  }
  let document: unknown;
  try {
    document = JSON.parse(content);
  } catch {
    throw new ServiceError('MalformedPolicyDocumentException', 'The provided policy document is not valid JSON.');
  }
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    throw new ServiceError('MalformedPolicyDocumentException', 'The provided policy document must be a JSON object.');
  }
  if (type !== 'BACKUP_POLICY') return;
  const problem = checkBackupPolicyDocument(document as PolicyObject).find((p) => p.severity === 'error');
  if (problem) {
    throw new ServiceError('MalformedPolicyDocumentException', `The provided policy document does not meet the requirements of the specified policy type: ${problem.path.join('.')}: ${problem.message}.`);
  }
}

const touch = (org: OrganizationState, ctx: SandboxServiceContext) => {
  ctx.markChanged();
  org.changedAt = ctx.now.getTime();
  return ++org.serial;
};

const OPERATIONS: Record<string, Operation> = {
  DescribeOrganization: (_p, ctx, org) =>
    ok({
      Organization: {
        Id: org.id,
        Arn: orgArn(ctx, org),
        FeatureSet: 'ALL',
        MasterAccountArn: accountArn(ctx, org, ctx.accountId),
        MasterAccountId: ctx.accountId,
        MasterAccountEmail: org.accounts[ctx.accountId]?.email,
        AvailablePolicyTypes: [{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }],
      },
    }),

  ListRoots: (_p, ctx, org) => ok({ Roots: [rootView(ctx, org)] }),

  EnablePolicyType(params, ctx, org) {
    if (required(params, 'RootId') !== org.rootId) throw new ServiceError('RootNotFoundException', `We can't find a root with the RootId that you specified.`);
    const type = policyType(params, 'PolicyType');
    if (org.enabledPolicyTypes.includes(type)) throw new ServiceError('PolicyTypeAlreadyEnabledException', `The policy type ${type} is already enabled.`);
    org.enabledPolicyTypes.push(type);
    touch(org, ctx);
    return ok({ Root: rootView(ctx, org) });
  },

  DisablePolicyType(params, ctx, org) {
    if (required(params, 'RootId') !== org.rootId) throw new ServiceError('RootNotFoundException', `We can't find a root with the RootId that you specified.`);
    const type = policyType(params, 'PolicyType');
    if (!org.enabledPolicyTypes.includes(type)) throw new ServiceError('PolicyTypeNotEnabledException', `The policy type ${type} is not enabled.`);
    org.enabledPolicyTypes = org.enabledPolicyTypes.filter((t) => t !== type);
    org.attachments = org.attachments.filter((a) => org.policies[a.policyId]?.type !== type);
    touch(org, ctx);
    return ok({ Root: rootView(ctx, org) });
  },

  CreateOrganizationalUnit(params, ctx, org) {
    const parentId = parentOf(org, params, 'ParentId');
    const name = required(params, 'Name');
    if (name.length > 128) throw new ReasonedError('InvalidInputException', 'INPUT_REQUIRED', 'Name must be at most 128 characters.');
    if (Object.values(org.units).some((u) => u.parentId === parentId && u.name === name)) {
      throw new ServiceError('DuplicateOrganizationalUnitException', `An OU with the same name already exists: ${name}.`);
    }
    if (pathFromRoot(org, parentId).length >= 6) throw new ReasonedError('ConstraintViolationException', 'OU_DEPTH_LIMIT_EXCEEDED', 'You have reached the maximum nesting depth of OUs (5).');
    const id = newUnitId(org, ctx.account.ids.seed);
    const unit: OrgUnitRecord = { id, name, parentId, serial: touch(org, ctx), tags: tagsOf(params) };
    org.units[id] = unit;
    return ok({ OrganizationalUnit: unitView(ctx, org, unit) });
  },

  DescribeOrganizationalUnit(params, ctx, org) {
    const id = required(params, 'OrganizationalUnitId');
    const unit = org.units[id];
    if (!unit) throw new ServiceError('OrganizationalUnitNotFoundException', `We can't find an OU with the OrganizationalUnitId that you specified: ${id}.`);
    return ok({ OrganizationalUnit: unitView(ctx, org, unit) });
  },

  ListOrganizationalUnitsForParent(params, ctx, org) {
    const parentId = parentOf(org, params, 'ParentId');
    const result = page(Object.values(org.units).filter((u) => u.parentId === parentId), params, 'ListOrganizationalUnitsForParent');
    return ok({ OrganizationalUnits: result.items.map((u) => unitView(ctx, org, u)), NextToken: result.next });
  },

  ListAccounts(params, ctx, org) {
    const result = page(Object.values(org.accounts), params, 'ListAccounts');
    return ok({ Accounts: result.items.map((a) => accountView(ctx, org, a)), NextToken: result.next });
  },

  ListAccountsForParent(params, ctx, org) {
    const parentId = parentOf(org, params, 'ParentId');
    const result = page(Object.values(org.accounts).filter((a) => a.parentId === parentId), params, 'ListAccountsForParent');
    return ok({ Accounts: result.items.map((a) => accountView(ctx, org, a)), NextToken: result.next });
  },

  DescribeAccount(params, ctx, org) {
    const id = required(params, 'AccountId');
    const account = org.accounts[id];
    if (!account) throw new ServiceError('AccountNotFoundException', `We can't find an account with the AccountId that you specified: ${id}.`);
    return ok({ Account: accountView(ctx, org, account) });
  },

  CreateAccount(params, ctx, org) {
    const email = required(params, 'Email');
    const name = required(params, 'AccountName');
    const id = newAccountId(org, ctx.account.ids.seed);
    const now = ctx.now.getTime();
    org.accounts[id] = { id, name, email, parentId: org.rootId, joinedAt: now, joinedMethod: 'CREATED', serial: touch(org, ctx), tags: tagsOf(params) };
    // The sandbox creates accounts at once: the request is SUCCEEDED when it is first described.
    return ok({ CreateAccountStatus: { Id: `car-${id}`, AccountName: name, State: 'SUCCEEDED', RequestedTimestamp: seconds(now), CompletedTimestamp: seconds(now), AccountId: id } });
  },

  DescribeCreateAccountStatus(params, _ctx, org) {
    const requestId = required(params, 'CreateAccountRequestId');
    const account = org.accounts[requestId.replace(/^car-/, '')];
    if (!account) throw new ServiceError('CreateAccountStatusNotFoundException', `We can't find a create account request with the ID that you specified: ${requestId}.`);
    return ok({
      CreateAccountStatus: { Id: requestId, AccountName: account.name, State: 'SUCCEEDED', RequestedTimestamp: seconds(account.joinedAt), CompletedTimestamp: seconds(account.joinedAt), AccountId: account.id },
    });
  },

  MoveAccount(params, ctx, org) {
    const id = required(params, 'AccountId');
    const account = org.accounts[id];
    if (!account) throw new ServiceError('AccountNotFoundException', `We can't find an account with the AccountId that you specified: ${id}.`);
    const source = parentOf(org, params, 'SourceParentId', 'SourceParentNotFoundException');
    const destination = parentOf(org, params, 'DestinationParentId', 'DestinationParentNotFoundException');
    if (account.parentId !== source) throw new ServiceError('SourceParentNotFoundException', `The account ${id} is not in ${source}.`);
    if (source === destination) throw new ServiceError('DuplicateAccountException', `The account ${id} is already in ${destination}.`);
    account.parentId = destination;
    touch(org, ctx);
    return ok();
  },

  ListParents(params, _ctx, org) {
    const id = required(params, 'ChildId');
    const parentId = org.units[id]?.parentId ?? org.accounts[id]?.parentId;
    if (parentId === undefined) throw new ServiceError('ChildNotFoundException', `We can't find an organizational unit (OU) or AWS account with the ChildId that you specified: ${id}.`);
    return ok({ Parents: [{ Id: parentId, Type: parentId === org.rootId ? 'ROOT' : 'ORGANIZATIONAL_UNIT' }] });
  },

  CreatePolicy(params, ctx, org) {
    const type = policyType(params, 'Type');
    const name = required(params, 'Name');
    const content = required(params, 'Content');
    const description = optional(params, 'Description') ?? '';
    if (Object.values(org.policies).some((p) => p.name === name && p.type === type)) throw new ServiceError('DuplicatePolicyException', `A policy with the same name already exists: ${name}.`);
    checkContent(type, content);
    const id = newPolicyId(org, ctx.account.ids.seed);
    const policy: OrgPolicyRecord = { id, name, description, type, content, updatedAt: ctx.now.getTime(), serial: touch(org, ctx), tags: tagsOf(params) };
    org.policies[id] = policy;
    return ok({ Policy: { PolicySummary: policySummary(ctx, org, policy), Content: content } });
  },

  UpdatePolicy(params, ctx, org) {
    const policy = policyNamed(org, params);
    const name = optional(params, 'Name');
    const content = optional(params, 'Content');
    const description = optional(params, 'Description');
    if (name !== undefined && name !== policy.name && Object.values(org.policies).some((p) => p.name === name && p.type === policy.type)) {
      throw new ServiceError('DuplicatePolicyException', `A policy with the same name already exists: ${name}.`);
    }
    if (content !== undefined) checkContent(policy.type, content);
    if (name !== undefined) policy.name = name;
    if (description !== undefined) policy.description = description;
    if (content !== undefined) {
      policy.content = content;
      policy.updatedAt = ctx.now.getTime();
    }
    touch(org, ctx);
    return ok({ Policy: { PolicySummary: policySummary(ctx, org, policy), Content: policy.content } });
  },

  DeletePolicy(params, ctx, org) {
    const policy = policyNamed(org, params);
    if (org.attachments.some((a) => a.policyId === policy.id)) throw new ServiceError('PolicyInUseException', `The policy ${policy.id} is attached to one or more entities; detach it first.`);
    delete org.policies[policy.id];
    touch(org, ctx);
    return ok();
  },

  DescribePolicy(params, ctx, org) {
    const policy = policyNamed(org, params);
    return ok({ Policy: { PolicySummary: policySummary(ctx, org, policy), Content: policy.content } });
  },

  ListPolicies(params, ctx, org) {
    const type = policyType(params, 'Filter');
    const result = page(Object.values(org.policies).filter((p) => p.type === type), params, 'ListPolicies');
    return ok({ Policies: result.items.map((p) => policySummary(ctx, org, p)), NextToken: result.next });
  },

  AttachPolicy(params, ctx, org) {
    const policy = policyNamed(org, params);
    const targetId = targetNamed(org, params, 'TargetId');
    if (!org.enabledPolicyTypes.includes(policy.type)) throw new ServiceError('PolicyTypeNotEnabledException', `The policy type ${policy.type} is not enabled in the root; call EnablePolicyType first.`);
    if (org.attachments.some((a) => a.policyId === policy.id && a.targetId === targetId)) {
      throw new ServiceError('DuplicatePolicyAttachmentException', `The policy ${policy.id} is already attached to ${targetId}.`);
    }
    if (org.attachments.filter((a) => a.targetId === targetId && org.policies[a.policyId]?.type === policy.type).length >= 10) {
      throw new ReasonedError('ConstraintViolationException', 'MAX_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED', `${targetId} already has 10 policies of type ${policy.type} attached.`);
    }
    org.attachments.push({ policyId: policy.id, targetId, at: ctx.now.getTime() });
    touch(org, ctx);
    return ok();
  },

  DetachPolicy(params, ctx, org) {
    const policy = policyNamed(org, params);
    const targetId = targetNamed(org, params, 'TargetId');
    const index = org.attachments.findIndex((a) => a.policyId === policy.id && a.targetId === targetId);
    if (index < 0) throw new ServiceError('PolicyNotAttachedException', `The policy ${policy.id} is not attached to ${targetId}.`);
    org.attachments.splice(index, 1);
    touch(org, ctx);
    return ok();
  },

  ListTargetsForPolicy(params, ctx, org) {
    const policy = policyNamed(org, params);
    const targets = org.attachments
      .filter((a) => a.policyId === policy.id)
      .map((a, serial) => ({ serial, id: a.targetId }));
    const result = page(targets, params, 'ListTargetsForPolicy');
    return ok({ Targets: result.items.map((t) => targetSummary(ctx, org, t.id)), NextToken: result.next });
  },

  ListPoliciesForTarget(params, ctx, org) {
    const targetId = targetNamed(org, params, 'TargetId');
    const type = policyType(params, 'Filter');
    const attached = org.attachments
      .filter((a) => a.targetId === targetId)
      .map((a) => org.policies[a.policyId])
      .filter((p): p is OrgPolicyRecord => p !== undefined && p.type === type);
    const result = page(attached, params, 'ListPoliciesForTarget');
    return ok({ Policies: result.items.map((p) => policySummary(ctx, org, p)), NextToken: result.next });
  },

  DescribeEffectivePolicy(params, ctx, org) {
    const type = required(params, 'PolicyType');
    if (!EFFECTIVE_TYPES.includes(type)) throw new ReasonedError('InvalidInputException', 'INVALID_ENUM_POLICY_TYPE', `${type} has no effective policy.`);
    const targetId = optional(params, 'TargetId') ?? memberCaller(ctx) ?? ctx.accountId;
    const kind = targetKind(org, targetId);
    if (kind === undefined) throw new ServiceError('TargetNotFoundException', `We can't find an account with the TargetId that you specified: ${targetId}.`);
    if (kind !== 'ACCOUNT') throw new ReasonedError('InvalidInputException', 'INVALID_INPUT', 'DescribeEffectivePolicy takes an account id: roots and OUs have no effective policy.');
    const effective = effectiveFor(org, targetId, type);
    if (effective === undefined) throw new ServiceError('EffectivePolicyNotFoundException', `No effective policy of type ${type} applies to account ${targetId}.`);
    return ok({
      EffectivePolicy: { PolicyContent: JSON.stringify(effective.content), LastUpdatedTimestamp: seconds(effective.updatedAt), TargetId: targetId, PolicyType: type },
    });
  },

  TagResource(params, ctx, org) {
    const tags = tagsOf(params);
    Object.assign(taggable(org, params), tags);
    touch(org, ctx);
    return ok();
  },

  UntagResource(params, ctx, org) {
    const tags = taggable(org, params);
    for (const key of optionalStringList(params, 'TagKeys') ?? []) delete tags[key];
    touch(org, ctx);
    return ok();
  },

  ListTagsForResource(params, _ctx, org) {
    return ok({ Tags: Object.entries(taggable(org, params)).map(([Key, Value]) => ({ Key, Value })) });
  },
};

function targetSummary(ctx: SandboxServiceContext, org: OrganizationState, id: string) {
  const kind = targetKind(org, id)!;
  if (kind === 'ROOT') return { TargetId: id, Arn: rootArn(ctx, org), Name: 'Root', Type: 'ROOT' };
  if (kind === 'ORGANIZATIONAL_UNIT') return { TargetId: id, Arn: unitArn(ctx, org, id), Name: org.units[id]!.name, Type: kind };
  return { TargetId: id, Arn: accountArn(ctx, org, id), Name: org.accounts[id]!.name, Type: kind };
}

function taggable(org: OrganizationState, params: Params): Record<string, string> {
  const id = required(params, 'ResourceId');
  if (id === org.rootId) return org.rootTags;
  const record = org.units[id] ?? org.accounts[id] ?? org.policies[id];
  if (!record) throw new ServiceError('TargetNotFoundException', `We can't find a resource with the ResourceId that you specified: ${id}.`);
  return record.tags;
}

/** The member account calling (with AssumeRole's credentials), or undefined for the management account. */
function memberCaller(ctx: SandboxServiceContext): string | undefined {
  const id = ctx.caller?.accountId;
  return id !== undefined && id !== ctx.accountId ? id : undefined;
}

/** What a member account may call: it reads its organization and its own effective policy; the rest is the management account's. */
const MEMBER_OPERATIONS = new Set(['DescribeOrganization', 'DescribeEffectivePolicy']);

function checkMemberAccess(member: string, name: string, params: Params, org: OrganizationState | undefined): void {
  if (org?.accounts[member] === undefined) throw new ServiceError('AWSOrganizationsNotInUseException', 'Your account is not a member of an organization.');
  const target = name === 'DescribeEffectivePolicy' ? optional(params, 'TargetId') : undefined;
  if (!MEMBER_OPERATIONS.has(name) || (target !== undefined && target !== member)) {
    throw new ServiceError('AccessDeniedException', `You don't have permissions to access this resource: ${name} can be called only from the organization's management account.`);
  }
}

export function handleOrganizationsRequest(req: SandboxRequest, ctx: SandboxServiceContext): SandboxResponse {
  try {
    const target = req.headers['x-amz-target'] ?? '';
    const name = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : undefined;
    const operation = name !== undefined && Object.hasOwn(OPERATIONS, name) ? OPERATIONS[name] : undefined;
    if (operation === undefined) {
      throw new ServiceError('UnknownOperationException', `The sandbox does not emulate "${target}" of Organizations (only ${Object.keys(OPERATIONS).join(', ')}).`);
    }
    const params = jsonBody(req.body);
    const member = memberCaller(ctx);
    if (member !== undefined) checkMemberAccess(member, name!, params, existingOrganization(ctx.account));
    const org = organizationOf(ctx.account, ctx.now.getTime(), ctx.markChanged);
    return operation(params, ctx, org);
  } catch (error) {
    if (error instanceof ServiceError) return organizationsErrorResponse(error);
    throw error;
  }
}
