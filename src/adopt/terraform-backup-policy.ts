// aws_organizations_policy's `content` (a BACKUP_POLICY document, written `jsonencode({ … })` or as a
// JSON string or heredoc) → the plan blocks of bkp's org_backup_policy. Only a constant document is
// converted: one built from variables or references is known to Terraform at plan time only.
import type { Expr } from '../config/ast.js';
import { blockSchema, bodySpec } from '../config/block-schema.js';
import type { Value } from '../core/values.js';
import { InternalError } from '../core/errors.js';
import type { PolicyJson } from '../domain/org-policy/inheritance.js';
import { bodyItems } from './blocks.js';
import { fromValue, type HclItem, type HclValue } from './hcl-document.js';
import { decompileBackupPolicy } from './org-backup-policy-document.js';

/** The plan blocks (and child_operators) for the content, or why it cannot be converted. */
export type PolicyContent = { items: HclItem[] } | { reason: string };

/** The value of an expression made of literals only (no reference, no interpolation, no call but jsonencode). */
function constantValue(expr: Expr): Value | undefined {
  switch (expr.kind) {
    case 'literal':
      return expr.value;
    case 'template':
      return expr.parts.every((p) => typeof p === 'string') ? expr.parts.join('') : undefined;
    case 'tuple': {
      const items = expr.items.map(constantValue);
      return items.every((i) => i !== undefined) ? (items as Value[]) : undefined;
    }
    case 'object': {
      const out: Record<string, Value> = {};
      for (const item of expr.items) {
        // A bare key (`Version = …`) is parsed as a variable of that name.
        const key = item.key.kind === 'variable' ? item.key.name : constantValue(item.key);
        const value = constantValue(item.value);
        if (typeof key !== 'string' || value === undefined) return undefined;
        out[key] = value;
      }
      return out;
    }
    case 'call':
      return expr.name === 'jsonencode' && expr.args.length === 1 && !expr.expandFinal ? jsonText(constantValue(expr.args[0]!)) : undefined;
    default:
      return undefined;
  }
}

const jsonText = (value: Value | undefined): string | undefined => (value === undefined ? undefined : JSON.stringify(value));

export function backupPolicyContent(content: Expr): PolicyContent {
  const text = constantValue(content);
  if (typeof text !== 'string') return { reason: 'the policy content is built from expressions; bkp convert reads only a constant document (jsonencode of literals, a JSON string or heredoc)' };
  let document: PolicyJson;
  try {
    document = JSON.parse(text) as PolicyJson;
  } catch (e) {
    return { reason: `the policy content is not JSON (${(e as Error).message})` };
  }
  const { attributes, problems } = decompileBackupPolicy(document);
  if (problems.length > 0) return { reason: `org_backup_policy cannot express this document: ${problems.join('; ')}` };
  const schema = blockSchema('org_backup_policy');
  if (!schema) throw new InternalError('no schema for org_backup_policy');
  return { items: bodyItems(fromValue(attributes) as { [key: string]: HclValue }, bodySpec(schema)) };
}
