// What adoption works with: the objects read from an account (or a Terraform configuration), and
// what it reports back.
import type { ObjectValue } from '../core/values.js';

/** One object to adopt, as its kind's handler read it. */
export interface AdoptedObject {
  kind: string;
  /** The id an `import` block takes for it (the kind's importId). */
  id: string;
  /** The name the label is derived from (vault name, plan name, legal hold title, …). */
  awsName: string;
  attributes: ObjectValue;
}

/** An object left out, and why (shown as a comment in the configuration and in the summary). */
export interface SkippedObject {
  kind: string;
  id: string;
  reason: string;
}

/** What a generate or convert run wrote. */
export interface AdoptionReport {
  /** The output directory, as the user named it. */
  dir: string;
  /** Files written, relative to dir. */
  files: string[];
  /** Blocks written per kind. */
  counts: Record<string, number>;
  imports: number;
  skipped: SkippedObject[];
  /** Things the user must look at (untranslatable Terraform expressions at file:line). */
  warnings: string[];
}
