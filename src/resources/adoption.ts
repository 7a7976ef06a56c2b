// What `bkp generate` and `bkp convert` (src/adopt/) need to know of a kind to write its blocks:
// the kind's own knowledge, kept in its folder, so that the writers name no kind.
import type { ObjectValue } from '../core/values.js';
import type { HandlerContext } from './handler.js';

export interface Adoption {
  /** The file of a written configuration that holds this kind's blocks: `vaults.bkp.hcl`. */
  file: string;
  /** How `bkp generate` reads this kind's objects from an account; absent: it does not. */
  generate?: Generation;
}

export interface Generation {
  /**
   * The prior that read() is given so that it reads every setting: some are read only where bkp
   * manages them (a vault's access policy and notifications).
   */
  readEverything?: ObjectValue;
  /**
   * A kind with no listing of its own (the selections of a backup plan): the kind whose objects
   * hold its objects, and their ids (`PARENT/CHILD`) below the given parents. Such objects are
   * read one by one, and left out when their parent is.
   */
  within?: { kind: string; ids(ctx: HandlerContext, parentIds: readonly string[]): Promise<string[]> };
  /**
   * A listing AWS refuses means there is nothing to adopt here rather than an error (global
   * settings exist only for an organization's management account).
   */
  unreadableIsAbsent?: boolean;
  /** The AWS name a block label is made from; by default the `name` attribute, else the id. */
  awsName?(id: string, attributes: ObjectValue): string;
  /** Settings that are bkp's own, not AWS's (no read returns them), but that a block must have. */
  ownSettings?: ObjectValue;
  /** Comment lines above the block, where what AWS reports does not say everything. */
  note?(attributes: ObjectValue): string[] | undefined;
  /** Why an object of this kind is AWS's (or another service's) to manage, not bkp's to adopt. */
  awsManaged?(id: string, awsName: string): string | undefined;
  /** How the objects' values turn into references to other objects (src/adopt/references.ts). */
  references?: AdoptedReferences;
}

export interface AdoptedReferences {
  /** Other objects write this kind's ARN as `KIND.LABEL.arn`. */
  byArn?: boolean;
  /** Other objects write this kind's id as `KIND.LABEL.id`. */
  byId?: boolean;
  /** Where a name stands for an object of `kinds` ('*' = every element or key): `KIND.LABEL.name`. */
  names?: ReadonlyArray<{ path: readonly string[]; kinds: readonly string[] }>;
  /** Where an IAM role ARN stands: a role several objects use becomes one `locals` entry. */
  roles?: ReadonlyArray<readonly string[]>;
}
