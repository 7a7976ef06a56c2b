// The pure half of a resource kind: how its attributes are compared and what forces replacement.
// The planner uses only this (no SDK); the handler half (read/create/update/delete) is separate.
import type { ObjectValue, Value } from '../core/values.js';

export interface KindModel {
  kind: string;
  /** Top-level attributes whose change forces replacement. */
  forcesReplacement: ReadonlySet<string>;
  /** Attributes AWS sets (arn, id, …): carried in state, never compared with configuration. */
  computed: readonly string[];
  /**
   * Of the computed attributes, those only a refresh observes and a new object never has (a vault's
   * legal holds): a create leaves them out instead of showing them as (known after apply).
   */
  observedOnly?: readonly string[];
  /** Attributes compared only when configuration sets them (AWS chooses a value otherwise). */
  optionalComputed: readonly string[];
  /** Tag maps: keys that configuration never managed are the account's business and ignored. */
  tagAttributes: readonly string[];
  /**
   * With tagAttributes: a key the configuration stops naming is forgotten (no longer managed) rather
   * than removed from the account: account settings, where removing would switch a service off.
   */
  forgetsUnnamedKeys?: boolean;
  /**
   * Attributes bkp manages only once the configuration or the last-applied state sets them: until
   * then, a value set outside bkp is reported (a plan warning) but never compared nor removed.
   */
  managedWhenSet?: readonly string[];
  /**
   * Of those, the attributes not even read while unset (reading them costs a call per object):
   * an update of an object without them says in the plan that they are left as they are.
   */
  unreadUnlessSet?: readonly string[];
  /**
   * The same rule inside nested blocks (a plan rule's index_action): what the account holds, cut
   * down to what `managedSources` set, and a name for each part left out ("index_action of rule \"daily\"").
   */
  managedWithin?(attributes: ObjectValue, managedSources: readonly ObjectValue[]): { attributes: ObjectValue; unmanaged: UnmanagedPart[] };
  /** Nested lists matched by a key rather than by position (rule → name). */
  keyedLists: Readonly<Record<string, string>>;
  /** Attributes holding JSON documents (shown as a diff of the documents). */
  jsonAttributes: readonly string[];
  /**
   * The attribute holding the AWS settings this kind does not model: read from AWS and sent back
   * unchanged by every update, because bkp never erases what it does not manage. Never compared
   * with configuration nor drawn as an attribute; `describe` names the settings for the plan.
   */
  unmodelled?: {
    attribute: string;
    describe(value: Value | undefined): string[];
    /** The part an update to `after` sends back: a keyed block's settings go away with the block (a renamed rule). */
    carried?(value: Value | undefined, after: ObjectValue): Value | undefined;
  };
  /**
   * Canonical form of configured or read attributes: defaults applied, unset and zero unified,
   * sets sorted, keyed lists sorted by key, documents normalised. Computed attributes pass through.
   */
  canonical(attributes: ObjectValue): ObjectValue;
  /** Display reason when a replacement is forced by `paths` (top-level attribute names). */
  replaceReason(paths: readonly string[]): string;
  /** A reason to refuse updating `before` into `after` at plan time, if any. */
  refuseUpdate?(before: ObjectValue, after: ObjectValue, now: Date): string | undefined;
  /** A reason to refuse deleting `before` at plan time, if any. */
  refuseDelete?(before: ObjectValue): string | undefined;
  /**
   * What deleting `before` destroys besides the object itself, when the user opted in to it (a
   * vault's force_destroy deletes its recovery points): a plan warning and the change's reason.
   */
  deleteNotice?(before: ObjectValue): { summary: string; detail: string } | undefined;
  /**
   * Kinds whose creation starts work instead of making an object (on_demand_backup starts a backup
   * job): a create or replacement is a job start (replacements create first), destroy only forgets.
   */
  startsJob?: boolean;
  /**
   * With startsJob: changes that force no new job cannot reach a started job. The planner plans
   * them as no-op with this warning (given the changed attribute names).
   */
  unappliedChangeWarning?(changed: readonly string[]): string;
  /**
   * A replacement creates the new object before deleting the old one even when no name changed
   * (objects without a unique name, where the old one must keep protecting until the new one exists).
   */
  replaceCreatesFirst?: boolean;
  /**
   * With startsJob: when what the job made can take the changes in place (an on-demand backup's
   * recovery point takes a new lifecycle once the job completed), the update's display reason;
   * undefined leaves the changes to unappliedChangeWarning.
   */
  inPlaceChangeReason?(changed: readonly string[], before: ObjectValue): string | undefined;
  /** Display reason for a destroy (what destroying means for this kind). */
  deleteReason?: string;
  /**
   * Its objects are backup vaults, standard or logically air-gapped: the state id is the vault
   * name, and they hold recovery points (`bkp show`, `bkp restore`, `bkp jobs --all`).
   */
  isVault?: boolean;
  /** Its objects are backup plans: the state id is the BackupPlanId that the jobs a plan schedules carry. */
  schedulesJobs?: boolean;
  /**
   * Its objects belong to an AWS Organizations organization rather than to one account: a
   * configuration that has one makes `bkp check -refresh` read the organization's accounts.
   */
  organizationWide?: boolean;
}

/** An attribute the account holds that bkp leaves alone, and the keyed block holding it, if any (rule "daily"). */
export interface UnmanagedPart {
  attribute: string;
  /** The item of a keyed list (KindModel.keyedLists) it belongs to: it goes away with that item. */
  within?: { list: string; key: string };
}

/** How messages name a part: `index_action of rule "daily"`. */
export function unmanagedPartName(part: UnmanagedPart): string {
  return part.within ? `${part.attribute} of ${part.within.list} "${part.within.key}"` : part.attribute;
}
