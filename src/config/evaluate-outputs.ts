// `output "name" { value = …  description = "…"  sensitive = true }`: values the configuration
// reports after apply and stores in the state. The value may refer to variables, locals and
// resources; computed attributes of resources not created yet are unknown.
import type { Block, Expr } from './ast.js';
import { blockSchema, bodySpec, type BodySpec } from './block-schema.js';
import { blockContext, headerRange } from './decode.js';
import { bodyExpressions, evaluateBody, type BodyOutput } from './evaluate-body.js';
import type { Scope } from './evaluate-expression.js';
import type { OutputConfig } from './model.js';
import { isUnknown } from '../core/values.js';

const FALLBACK_SPEC: BodySpec = { attributes: ['value', 'description', 'sensitive'], blocks: {} };

function outputSpec(): BodySpec {
  const schema = blockSchema('output');
  return schema ? bodySpec(schema) : FALLBACK_SPEC;
}

/** `output "vault_arn"`: how diagnostics name the block. */
export function outputContext(block: Block): string {
  return blockContext(block);
}

/** The expressions of an output block that are evaluated (for reference checks). */
export function outputExpressions(block: Block): Expr[] {
  return bodyExpressions(block.body, outputSpec());
}

export function evaluateOutput(block: Block, scope: Scope): OutputConfig {
  const name = block.labels[0]!.value;
  const output: BodyOutput = { ranges: new Map(), sensitivePaths: [] };
  const attributes = evaluateBody(block.body, outputSpec(), scope, '', output, { where: 'an output block' });
  const error = (summary: string, detail: string, range = headerRange(block)): void => scope.reporter.error(summary, detail, range, scope.context);
  const config: OutputConfig = { name, value: attributes.value ?? null, sensitive: false, fromSensitiveVariable: output.sensitivePaths.includes('/value'), range: block.range };

  const valueAttr = block.body.attributes.find((a) => a.name === 'value');
  if (!valueAttr) error('Missing required argument', 'The argument "value" is required: what the output reports, like value = backup_vault.main.arn.');
  const { description, sensitive } = attributes;
  if (description !== undefined) {
    if (typeof description === 'string') config.description = description;
    else error('Invalid value', 'The description must be a string.', output.ranges.get('/description'));
  }
  if (sensitive !== undefined) {
    if (typeof sensitive === 'boolean') config.sensitive = sensitive;
    else if (isUnknown(sensitive)) error('Invalid value', 'sensitive must be known before apply: use a literal true or false.', output.ranges.get('/sensitive'));
    else error('Invalid value', 'sensitive must be true or false.', output.ranges.get('/sensitive'));
  }
  if (config.fromSensitiveVariable && !config.sensitive && valueAttr) {
    error(
      'Output refers to sensitive values',
      'The value comes from a sensitive variable. To keep secrets from being shown by accident, an output holding one must be marked sensitive: add sensitive = true to the output block. It is then shown as <sensitive>, and only `bkp output ' +
        name +
        ' -raw` or `-json` prints it.',
      valueAttr.expr.range,
    );
  }
  return config;
}
