// Input variables: their declarations (type constraint, default, sensitivity) and their values from
// defaults, BKP_VAR_<name>, -var-file and -var, in that order of precedence (lowest first).
import type { Block, Expr } from './ast.js';
import { blockSchema, bodySpec, type BodySpec } from './block-schema.js';
import { blockContext, headerRange } from './decode.js';
import { isJsonFile, staticString } from './evaluate-addresses.js';
import { evaluateBody } from './evaluate-body.js';
import { Reporter } from './evaluate-diagnostics.js';
import { evaluateGuarded, type Scope } from './evaluate-expression.js';
import { ConfigResolver, NO_REFERENCES } from './evaluate-references.js';
import { formatPosition, SENSITIVE_VALUE } from './evaluate-values.js';
import { autoLoadedVariableFiles, readVariableFiles, type AssignedValue } from './evaluate-var-files.js';
import { parseHcl } from './syntax/hcl-parser.js';
import type { VariableDecl } from './model.js';
import { literalRules, NO_CATALOG, ReferenceChecker, type ReferenceRules } from './references.js';
import { didYouMean } from '../core/suggest.js';
import { ANY_TYPE, convertValue, type DefaultEvaluator, isPrimitiveType, typeFromExpr, typeFromString, typeToString, type TypeConstraint } from './type-constraint.js';
import { isUnknown, UNKNOWN, type Value } from '../core/values.js';

export interface VariableDefinition {
  name: string;
  block: Block;
  context: string;
  type: TypeConstraint;
  /** Values from -var and BKP_VAR_ are parsed as expressions for collection types, taken as text otherwise (as Terraform does). */
  parseAsExpression: boolean;
  default?: Value;
  description?: string;
  sensitive: boolean;
  /** `validation { condition, error_message }` blocks whose references were checked. */
  validations: Block[];
}

export interface VariableInputs {
  /**
   * Values a saved plan was made with (`bkp apply PLANFILE`), as Terraform keeps them in its plan
   * file: below every value given now, above defaults. Sensitive ones are not saved.
   */
  saved?: Readonly<Record<string, Value>>;
  vars?: string[];
  varFiles?: string[];
  env?: NodeJS.ProcessEnv;
  /**
   * A required variable with no value is unknown instead of an error: for commands that read only
   * settings such as the backend (`bkp state list`), which must not ask for every variable.
   */
  missingAsUnknown?: boolean;
  /** Filled with the text of each variable file read, by the path its diagnostics name (for excerpts). */
  variableFileTexts?: Map<string, string>;
  /**
   * A value that fails its variable's validation is unknown instead of an error: for the state
   * commands, which read only the backend block and must not be stopped by a variable they do not
   * use (a default such as "CHANGE-ME" meant to be overridden). A backend that uses it is refused.
   */
  invalidAsUnknown?: boolean;
  /** In a module, variables take the arguments of the module block instead of every source above (config/modules/inputs.ts). */
  module?: ModuleVariableSource;
}

/** Where a module's variables get their values: the arguments of the module block that calls it. */
export interface ModuleVariableSource {
  /** Sets `values` from the call's arguments, reporting arguments no variable takes and values of the wrong type. */
  assign(definitions: ReadonlyMap<string, VariableDefinition>, values: Map<string, Value>, reporter: Reporter): void;
  /** Reports a required variable the call gives no value. */
  missing(definition: VariableDefinition, reporter: Reporter): void;
}

const DEFAULT_RULES = literalRules('A default must be a literal value: it cannot refer to variables, locals or resources.');
const GIVEN_VALUE_RULES = literalRules('Values given with -var, -var-file or BKP_VAR_ must be literal values.');

/** As Terraform: the meta-arguments of a module block cannot be the names of its variables. */
const RESERVED_VARIABLE_NAMES: ReadonlySet<string> = new Set(['source', 'version', 'providers', 'count', 'for_each', 'lifecycle', 'depends_on', 'locals']);

const FALLBACK_SPEC: BodySpec = { attributes: ['type', 'default', 'description', 'sensitive'], blocks: {} };
const VALIDATION_SPEC: BodySpec = { attributes: ['condition', 'error_message'], blocks: {} };

export function decodeVariables(blocks: ReadonlyMap<string, Block>, reporter: Reporter, dir: string): VariableDefinition[] {
  const checker = new ReferenceChecker(NO_CATALOG, reporter);
  const schema = blockSchema('variable');
  // validation blocks are evaluated once the value is known (checkValidations), not with the declaration.
  const spec: BodySpec = { attributes: (schema ? bodySpec(schema) : FALLBACK_SPEC).attributes, blocks: {} };
  const definitions: VariableDefinition[] = [];
  const declared = new Set(blocks.keys());
  for (const [name, block] of blocks) {
    const context = blockContext(block);
    if (RESERVED_VARIABLE_NAMES.has(name)) {
      reporter.error(
        'Invalid variable name',
        `The variable name "${name}" is reserved: it is a meta-argument of the module block, so a module call could never set it. Choose another name.`,
        block.labels[0]?.range ?? block.typeRange,
        context,
      );
    }
    const scope: Scope = { reporter, context, dir, resolver: NO_REFERENCES, taint: { sensitive: false } };
    for (const attr of block.body.attributes) if (attr.name !== 'type') checker.check(attr.expr, DEFAULT_RULES, context);
    const validations = block.body.blocks.filter((b) => b.type === 'validation');
    const declaration = { ...block.body, blocks: block.body.blocks.filter((b) => b.type !== 'validation') };
    const attrs = evaluateBody(declaration, spec, scope, '', { ranges: new Map(), sensitivePaths: [] }, { where: 'a variable block', skip: new Set(['type', 'default']) });
    const typeAttr = block.body.attributes.find((a) => a.name === 'type');
    const type = typeAttr ? decodeType(typeAttr.expr, reporter, context, (expr) => evaluateGuarded(expr, scope)) : ANY_TYPE;
    const definition: VariableDefinition = {
      name,
      block,
      context,
      type,
      parseAsExpression: typeAttr !== undefined && !isPrimitiveType(type),
      sensitive: false,
      validations: validations.filter((v) => checkValidationBlock(v, name, declared, reporter, context)),
    };
    if (attrs.description !== undefined) {
      if (typeof attrs.description === 'string') definition.description = attrs.description;
      else reportAttr(block, 'description', 'Invalid value', 'The description must be a string.', reporter);
    }
    if (attrs.sensitive !== undefined) {
      if (typeof attrs.sensitive === 'boolean') definition.sensitive = attrs.sensitive;
      else reportAttr(block, 'sensitive', 'Invalid value', 'sensitive must be true or false.', reporter);
    }
    const defaultAttr = block.body.attributes.find((a) => a.name === 'default');
    if (defaultAttr) {
      const raw = evaluateGuarded(defaultAttr.expr, scope);
      const converted = convertValue(raw, type, definition.sensitive);
      if (converted.ok) definition.default = converted.value;
      else {
        reporter.error(
          'Invalid default value for variable',
          `The default value does not match the variable's type ${typeToString(type)}: ${converted.message}.`,
          defaultAttr.expr.range,
          context,
        );
        definition.default = UNKNOWN;
      }
    }
    definitions.push(definition);
  }
  return definitions;
}

/** The structure of a validation block, and references of its condition to nothing but this variable. */
function checkValidationBlock(block: Block, name: string, declared: ReadonlySet<string>, reporter: Reporter, context: string): boolean {
  const errorsBefore = reporter.errorCount;
  if (block.labels.length > 0) reporter.error('Extraneous label for validation', `A validation block takes no labels; remove "${block.labels[0]!.value}".`, block.labels[0]!.range, context);
  for (const nested of block.body.blocks) reporter.error('Unsupported block type', `A validation block contains only condition and error_message; "${nested.type}" blocks are not expected here.`, nested.typeRange, context);
  for (const attr of block.body.attributes) {
    if (!VALIDATION_SPEC.attributes.includes(attr.name)) {
      reporter.error('Unsupported argument', `An argument named "${attr.name}" is not expected in a validation block.${didYouMean(attr.name, VALIDATION_SPEC.attributes)}`, attr.nameRange, context);
    }
  }
  for (const required of VALIDATION_SPEC.attributes) {
    if (!block.body.attributes.some((a) => a.name === required)) {
      reporter.error('Missing required argument', `A validation block needs ${required === 'condition' ? 'a condition, like condition = var.' + name + ' > 0' : 'an error_message that says what is wrong and how to fix it'}.`, block.typeRange, context);
    }
  }
  // Every declared variable is known to the checker, so that a reference to another one is told
  // as such, not as "not declared".
  const checker = new ReferenceChecker({ ...NO_CATALOG, variables: declared }, reporter);
  const only = `A validation condition can refer only to the variable it validates (var.${name})`;
  const rules: ReferenceRules = { ...literalRules(`${only}.`), variables: true };
  for (const attr of block.body.attributes) {
    for (const found of checker.check(attr.expr, rules, context)) {
      if (found.target !== 'variable' || found.address === `var.${name}`) continue;
      reporter.error(
        'Invalid reference in variable validation',
        `${only}: ${found.address} is another input variable. Terraform allows that from 1.9 on; bkp does not yet, so validate each variable on its own.`,
        found.range,
        context,
      );
    }
  }
  return reporter.errorCount === errorsBefore;
}

/**
 * Evaluates the validation blocks of a variable with its value: a false condition is an error at
 * the declaration with the block's error_message, as in Terraform. An unknown value is not checked.
 */
function checkValidations(d: VariableDefinition, value: Value, reporter: Reporter, dir: string): void {
  if (isUnknown(value)) return;
  const state = { variables: new Map([[d.name, { value, sensitive: d.sensitive }]]), locals: new Map(), resources: new Map() };
  for (const validation of d.validations) {
    const scope: Scope = { reporter, context: d.context, dir, resolver: new ConfigResolver(state), taint: { sensitive: false } };
    const conditionAttr = validation.body.attributes.find((a) => a.name === 'condition')!;
    const messageAttr = validation.body.attributes.find((a) => a.name === 'error_message')!;
    const condition = evaluateGuarded(conditionAttr.expr, scope);
    if (isUnknown(condition)) continue;
    if (typeof condition !== 'boolean') {
      reporter.error('Invalid validation result', `The condition must be true or false, but it is a ${condition === null ? 'null' : typeof condition}.`, conditionAttr.expr.range, d.context);
      continue;
    }
    if (condition) continue;
    reporter.error(
      'Invalid value for variable',
      `${validationMessage(messageAttr.expr, { ...scope, taint: { sensitive: false } }, d.name)}\n\nThis was checked by the validation rule at ${formatPosition(validation.typeRange)}.`,
      headerRange(d.block),
      d.context,
    );
  }
}

/**
 * The error_message of a failed validation. Error messages never print a sensitive value (README):
 * a message built from one is evaluated again with "(sensitive value)" standing for the variable,
 * so exactly the places that quote it are redacted, and no other text is touched.
 */
function validationMessage(expr: Expr, scope: Scope, name: string): string {
  const message = evaluateGuarded(expr, scope);
  if (typeof message !== 'string') return 'The value does not satisfy the validation rule.';
  if (!scope.taint.sensitive) return message;
  const stand = { variables: new Map([[name, { value: SENSITIVE_VALUE, sensitive: false }]]), locals: new Map(), resources: new Map() };
  // Problems of this second evaluation (a function of the value given the placeholder) are not the user's.
  const redacted = evaluateGuarded(expr, { ...scope, reporter: new Reporter(), resolver: new ConfigResolver(stand), taint: { sensitive: false } });
  return typeof redacted === 'string' && !isUnknown(redacted)
    ? redacted
    : 'The value does not satisfy the validation rule. Its error_message is not shown, as it would reveal a sensitive value.';
}

function reportAttr(block: Block, name: string, summary: string, detail: string, reporter: Reporter): void {
  const attr = block.body.attributes.find((a) => a.name === name)!;
  reporter.error(summary, detail, attr.expr.range, blockContext(block));
}

function decodeType(expr: Expr, reporter: Reporter, context: string, evaluateDefault: DefaultEvaluator): TypeConstraint {
  const quoted = staticString(expr);
  if (quoted !== undefined) {
    // JSON configurations can only write the type as a string; in HCL the quotes are a mistake.
    const parsed = typeFromString(quoted);
    if (!parsed.ok) {
      reporter.error('Invalid type specification', parsed.message, expr.range, context);
      return ANY_TYPE;
    }
    if (!isJsonFile(expr.range)) {
      reporter.error('Invalid quoted type constraint', `A type is written without quotes: type = ${quoted}.`, expr.range, context);
    }
    return parsed.type;
  }
  const parsed = typeFromExpr(expr, evaluateDefault);
  if (parsed.ok) return parsed.type;
  reporter.error('Invalid type specification', parsed.message, parsed.range, context);
  return ANY_TYPE;
}

/** Applies every source of values, reports problems, and returns the declarations with their values. */
export function assignVariables(definitions: readonly VariableDefinition[], inputs: VariableInputs, reporter: Reporter, dir: string): VariableDecl[] {
  const byName = new Map(definitions.map((d) => [d.name, d]));
  const values = new Map<string, Value>();
  for (const d of definitions) if (d.default !== undefined) values.set(d.name, d.default);
  for (const [name, value] of Object.entries(inputs.saved ?? {})) if (byName.has(name)) values.set(name, value);

  if (inputs.module) inputs.module.assign(byName, values, reporter);
  else assignGivenValues(definitions, byName, inputs, values, reporter, dir);

  return definitions.map((d) => {
    let value = values.get(d.name);
    if (value === undefined && inputs.missingAsUnknown) {
      value = UNKNOWN;
    } else if (value === undefined && inputs.module) {
      inputs.module.missing(d, reporter);
      value = UNKNOWN;
    } else if (value === undefined) {
      reporter.error(
        'No value for required variable',
        `The variable "${d.name}" has no default and no value was given. Set it with -var "${d.name}=…", in a -var-file, or with the environment variable BKP_VAR_${d.name}; or give it a default.`,
        headerRange(d.block),
        d.context,
      );
      value = UNKNOWN;
    }
    if (inputs.invalidAsUnknown) {
      const scratch = new Reporter();
      checkValidations(d, value, scratch, dir);
      if (scratch.errorCount > 0) value = UNKNOWN;
    } else {
      checkValidations(d, value, reporter, dir);
    }
    const decl: VariableDecl = { name: d.name, type: typeToString(d.type), sensitive: d.sensitive, value, range: d.block.range };
    if (d.default !== undefined) decl.default = d.default;
    if (d.description !== undefined) decl.description = d.description;
    return decl;
  });
}

/** Values from BKP_VAR_<name>, variable files and -var, in that order of precedence (lowest first). */
function assignGivenValues(
  definitions: readonly VariableDefinition[],
  byName: ReadonlyMap<string, VariableDefinition>,
  inputs: VariableInputs,
  values: Map<string, Value>,
  reporter: Reporter,
  dir: string,
): void {
  const env = inputs.env ?? {};
  for (const d of definitions) {
    const raw = env[`BKP_VAR_${d.name}`];
    if (raw !== undefined) assignText(d, raw, `the environment variable BKP_VAR_${d.name}`, values, reporter, dir);
  }

  // Files bkp reads on its own come before -var-file, so that the files given (and -var) win.
  const fromFiles = readVariableFiles([...autoLoadedVariableFiles(dir), ...(inputs.varFiles ?? [])], byName, GIVEN_VALUE_RULES, reporter, dir, inputs.variableFileTexts);
  for (const assigned of fromFiles) assignFileValue(byName.get(assigned.name)!, assigned, values, reporter);

  for (const option of inputs.vars ?? []) {
    const eq = option.indexOf('=');
    const name = eq > 0 ? option.slice(0, eq).trim() : '';
    if (name === '') {
      reporter.error('Invalid -var option', `The -var option "${option}" must be a variable name and a value separated by an equals sign, like -var "env=prod".`);
      continue;
    }
    const definition = byName.get(name);
    if (!definition) {
      reporter.error(
        'Value for undeclared variable',
        `A variable named "${name}" was assigned on the command line (-var), but the configuration does not declare it. Declare it with variable "${name}" {} or remove the option.${didYouMean(name, [...byName.keys()])}`,
      );
      continue;
    }
    assignText(definition, option.slice(eq + 1), `-var "${name}=…"`, values, reporter, dir);
  }
}

/**
 * A value given as text (-var, BKP_VAR_). Problems are reported at the variable's declaration:
 * the text itself has no file to point into.
 */
function assignText(
  definition: VariableDefinition,
  text: string,
  source: string,
  values: Map<string, Value>,
  reporter: Reporter,
  dir: string,
): void {
  const invalid = (problem: string): void => {
    reporter.error('Invalid value for input variable', `The value given by ${source} for var.${definition.name} ${problem}`, headerRange(definition.block), definition.context);
    // The variable was given a value, just not a usable one: no "No value for required variable" on top.
    values.set(definition.name, UNKNOWN);
  };
  let value: Value = text;
  if (definition.parseAsExpression) {
    const parsed = parseValueExpression(text, definition.name, dir);
    if (!parsed.ok) {
      // The parser quotes the text it stumbled on: not for a sensitive variable.
      const problem = definition.sensitive ? 'The details are not shown because the variable is sensitive.' : parsed.message;
      invalid(`is not a valid ${typeToString(definition.type)} expression: ${problem} Collection values are written in HCL syntax, like ["a", "b"] or { key = "value" }.`);
      return;
    }
    value = parsed.value;
  }
  const converted = convertValue(value, definition.type, definition.sensitive);
  if (!converted.ok) {
    invalid(`is not suitable for its type ${typeToString(definition.type)}: ${converted.message}.`);
    return;
  }
  values.set(definition.name, converted.value);
}

function parseValueExpression(text: string, name: string, dir: string): { ok: true; value: Value } | { ok: false; message: string } {
  const parsed = parseHcl(`value = ${text}\n`, `<value for var.${name}>`);
  const problems = new Reporter();
  problems.add(parsed.diagnostics);
  const attr = parsed.body.attributes[0];
  if (!attr || parsed.body.attributes.length !== 1 || parsed.body.blocks.length > 0) {
    if (problems.errorCount === 0) problems.error('Invalid expression', 'Expected exactly one value.');
  } else {
    new ReferenceChecker(NO_CATALOG, problems).check(attr.expr, GIVEN_VALUE_RULES, undefined);
  }
  if (problems.errorCount === 0 && attr) {
    const value = evaluateGuarded(attr.expr, { reporter: problems, dir, resolver: NO_REFERENCES, taint: { sensitive: false } });
    if (problems.errorCount === 0) return { ok: true, value };
  }
  const first = problems.items.find((d) => d.severity === 'error')!;
  return { ok: false, message: `${first.summary}${first.detail ? `: ${first.detail}` : '.'}` };
}

function assignFileValue(definition: VariableDefinition, assigned: AssignedValue, values: Map<string, Value>, reporter: Reporter): void {
  const converted = convertValue(assigned.value, definition.type, definition.sensitive);
  if (!converted.ok) {
    reporter.error(
      'Invalid value for input variable',
      `The value for var.${definition.name} is not suitable for its type ${typeToString(definition.type)}: ${converted.message}.`,
      assigned.range,
    );
    values.set(definition.name, UNKNOWN);
    return;
  }
  values.set(definition.name, converted.value);
}
