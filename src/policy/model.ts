// What `bkp check` produces: per policy control a status and its findings, each finding naming
// the control, the resource and the configuration range that explains it. Views in src/render/
// turn a CheckReport into text, JSON, SARIF or Markdown.
import type { SourceRange } from '../core/diagnostics.js';
import type { RestoreJobFacts } from '../domain/job-facts.js';
import type { EffectiveObject } from '../domain/org-policy/inheritance.js';
import type { PolicyBackupPlan } from '../domain/org-policy/effective-backup-plans.js';
import type { ControlName } from './catalogue.js';

export type FindingSeverity = 'error' | 'warning';

export interface Finding {
  policy: string;
  control: ControlName;
  /** A configuration address (`backup_plan.daily`) or, for an inventory resource, its ARN. */
  resource: string;
  /** AWS Backup resource type of an inventory resource (EC2, RDS…), or the block kind. */
  resourceType: string;
  severity: FindingSeverity;
  /** Why the resource does not comply, and how to fix it. */
  message: string;
  /** The configuration that explains it: the offending attribute, block, or the policy control. */
  range?: SourceRange;
  /** The member account whose effective backup policy makes the plan judged (organization backup policies). */
  account?: MemberAccount;
}

/** An account of an AWS Organization. */
export interface MemberAccount {
  id: string;
  name: string;
}

/** One account's effective backup policy and the plans AWS Backup creates from it there. */
export interface MemberAccountPlans extends MemberAccount {
  /** The effective policy (undefined when not evaluated). */
  policy?: EffectiveObject;
  /** The plans it makes, one per plan and Region (undefined when not evaluated). */
  plans?: PolicyBackupPlan[];
  /** Why the account's effective policy could not be known (AccessDenied, a value known only after apply…). */
  notEvaluated?: string;
  /**
   * The configured org_backup_policy addresses that may have written its settings, deepest
   * attachment first: where findings point. Undefined: every configured org_backup_policy.
   */
  policies?: string[];
}

/** The organization's accounts as bkp check judges them: from the configuration offline, from Organizations with -refresh. */
export interface OrganizationPlans {
  /** "configuration": merged offline from the configuration's policies and attachments; "organization": DescribeEffectivePolicy per account. */
  source: 'configuration' | 'organization';
  accounts: MemberAccountPlans[];
  /** Set when no account could be evaluated at all, with the reason (once, not per account). */
  notEvaluated?: string;
  /** What the accounts listed are, when they are not the whole organization. */
  scope?: string;
}

export type ControlStatus = 'compliant' | 'non_compliant' | 'not_evaluated';

export interface ControlResult {
  policy: string;
  control: ControlName;
  status: ControlStatus;
  /** Why the control was not evaluated (needs -refresh, no inventory). */
  reason?: string;
  /** Resources (configuration blocks, inventory resources or recovery points) judged. */
  evaluated: string[];
  findings: Finding[];
  /** The `control` block. */
  range: SourceRange;
}

export interface CheckReport {
  results: ControlResult[];
  /** Whether the account was read (-refresh). */
  refreshed: boolean;
  /** Where the inventory of protectable resources came from, for the report's footnote. */
  inventorySources: string[];
  /** With -refresh: what AWS Backup lists as protected (ListProtectedResources), the report's evidence. */
  protectedResources?: ProtectedResourceFact[];
  /** The organization's accounts whose effective backup plans were judged (a configuration with organization backup policies). */
  organization?: OrganizationPlans;
}

/** A resource AWS Backup has backed up, with its latest backup (ListProtectedResources). */
export interface ProtectedResourceFact {
  arn: string;
  type?: string;
  lastBackupTime?: Date;
  lastBackupVaultArn?: string;
  lastRecoveryPointArn?: string;
}

export interface CheckSummary {
  controls: number;
  /** Distinct resources judged by at least one control. */
  resources: number;
  compliant: number;
  nonCompliant: number;
  notEvaluated: number;
  errors: number;
  warnings: number;
}

/** A resource AWS Backup can protect, from a sandbox account, a source block, a policy or the account. */
export interface InventoryResource {
  arn: string;
  /** AWS Backup resource type: EC2, EBS, RDS, Aurora, DocumentDB, EFS, FSx, VirtualMachine, DynamoDB, S3… */
  type: string;
  /** The resource id (i-…, the DB identifier, fs-…): what resource_ids may name besides the ARN. */
  id: string;
  region?: string;
  account?: string;
  tags: Record<string, string>;
  /** The block that declares it (a sandbox `source` or a policy `resource` block), if any. */
  range?: SourceRange;
  /** A sandbox source's `TYPE/NAME`: how a source block and the account's resource are paired. */
  sourceKey?: string;
}

/** A recovery point read from the account (with -refresh). */
export interface RecoveryPointFact {
  arn: string;
  resourceArn: string;
  vaultName: string;
  /** COMPLETED, PARTIAL, EXPIRED… */
  status: string;
  createdAt: Date;
  /** When the lifecycle deletes it; undefined = kept forever. */
  deleteAt?: Date;
}

/** An account's AWS Backup settings as -refresh read them (DescribeRegionSettings, DescribeGlobalSettings). */
export interface AccountSettingsFact {
  region?: string;
  account?: string;
  /** Resource type → opted in. */
  optIn: Record<string, boolean>;
  /** Undefined when the account does not say (outside an organization). */
  crossAccountBackup?: boolean;
}

/** What the evaluation reads besides the configuration. */
export interface CheckInputs {
  inventory: InventoryResource[];
  inventorySources: string[];
  /** Present with -refresh. */
  recoveryPoints?: RecoveryPointFact[];
  /** Present with -refresh: each provider's account settings. */
  accountSettings?: AccountSettingsFact[];
  /** Present with -refresh. */
  protectedResources?: ProtectedResourceFact[];
  /** Present with -refresh when a control needs them: the restore jobs completed lately (ListRestoreJobs). */
  restoreJobs?: RestoreJobFacts[];
  /** The account's clock (the sandbox's virtual time), for recovery point ages and schedules. */
  now: Date;
  /** The effective backup plans of the organization's accounts (a configuration with organization backup policies). */
  organization?: OrganizationPlans;
}

export function summarize(report: CheckReport): CheckSummary {
  const judged = new Set<string>();
  const failing = new Set<string>();
  let errors = 0;
  let warnings = 0;
  for (const r of report.results) {
    for (const e of r.evaluated) judged.add(e);
    for (const f of r.findings) {
      if (f.severity === 'error') {
        errors++;
        failing.add(f.resource);
      } else warnings++;
    }
  }
  return {
    controls: report.results.length,
    resources: judged.size,
    compliant: [...judged].filter((r) => !failing.has(r)).length,
    nonCompliant: [...judged].filter((r) => failing.has(r)).length,
    notEvaluated: report.results.filter((r) => r.status === 'not_evaluated').length,
    errors,
    warnings,
  };
}

/** Non-compliant when any finding is an error (warnings are reported, not failed). */
export function isCompliant(report: CheckReport): boolean {
  return !report.results.some((r) => r.findings.some((f) => f.severity === 'error'));
}
