// No diagnostic prints a sensitive value: every built-in function, operator, index, conversion and
// variable check is made to fail on a sensitive argument, and each diagnostic (summary and detail)
// is searched for the secret.
import { expect } from 'chai';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic } from '../../src/core/diagnostics.js';
import { FUNCTIONS } from '../../src/config/functions.js';
import { evaluate, load, tempDir } from './evaluate-helpers.js';

const SECRET = 'S3cr3t';
/** Sensitive variables of every shape; their defaults are as secret as given values. */
const PRELUDE = `
variable "secret" {
  sensitive = true
  default   = "${SECRET}"
}
variable "secret_list" {
  sensitive = true
  default   = ["${SECRET}"]
}
variable "secret_map" {
  sensitive = true
  default   = { ${SECRET} = "${SECRET}" }
}
variable "secret_regex" {
  sensitive = true
  default   = "/(${SECRET}/"
}
variable "secret_format" {
  sensitive = true
  default   = "${SECRET} %z"
}
variable "secret_json" {
  sensitive = true
  default   = "{${SECRET}"
}
variable "secret_number" {
  sensitive = true
  default   = 987654321
}
variable "secret_long" {
  sensitive = true
  default   = "${SECRET.repeat(10)}"
}
`;

/** One failing call per built-in function, each with a sensitive argument. */
const FUNCTION_CASES: Record<string, string[]> = {
  abs: ['abs(var.secret)'],
  can: ['can(var.secret, var.secret)'],
  ceil: ['ceil(var.secret)'],
  coalescelist: ['coalescelist(var.secret)'],
  index: ['index(var.secret_list, "absent")'],
  range: ['range(var.secret)', 'range(0, var.secret_number, 0)'],
  compact: ['compact(var.secret)'],
  distinct: ['distinct(var.secret)'],
  element: ['element(var.secret, 0)', 'element([], var.secret_number)'],
  endswith: ['endswith(var.secret_list, "x")'],
  flatten: ['flatten(var.secret)'],
  floor: ['floor(var.secret)'],
  reverse: ['reverse(var.secret)'],
  slice: ['slice(var.secret_list, 0, var.secret_number)'],
  sort: ['sort(var.secret)'],
  startswith: ['startswith(var.secret_map, "x")'],
  substr: ['substr(var.secret, var.secret_number + 0.5, 1)', 'substr(var.secret, 0, var.secret_number + 0.5)'],
  sum: ['sum(var.secret)', 'sum([var.secret])'],
  title: ['title(var.secret_list)'],
  tobool: ['tobool(var.secret)'],
  try: ['try(tonumber(var.secret), var.secret_list[9])'],
  trimprefix: ['trimprefix(var.secret_list, "x")'],
  trimsuffix: ['trimsuffix(var.secret, var.secret_map)'],
  zipmap: ['zipmap(var.secret_list, [1, 2])'],
  coalesce: ['coalesce(null, "", var.secret == "" ? var.secret : "")'],
  concat: ['concat(var.secret)', 'concat([1], var.secret_map)'],
  contains: ['contains(var.secret, 1)'],
  file: ['file(var.secret)', 'file("${var.secret}/x")'],
  format: ['format("%d", var.secret)', 'format("%t", var.secret)', 'format(var.secret_format, 1)', 'format("%s %d", "a", var.secret_long)'],
  join: ['join(",", var.secret)', 'join(var.secret_list, ["a"])'],
  jsondecode: ['jsondecode(var.secret)', 'jsondecode(var.secret_json)', 'jsondecode(var.secret_long)'],
  jsonencode: ['jsonencode(var.secret, var.secret)'],
  keys: ['keys(var.secret)'],
  length: ['length(var.secret_number)'],
  one: ['one(var.secret_list == [] ? [1, 2] : [1, 2])', 'one(var.secret)'],
  lookup: ['lookup({ b = "c" }, var.secret)', 'lookup(var.secret_map, "nope")', 'lookup(var.secret, "k")'],
  lower: ['lower(var.secret_list)'],
  max: ['max(var.secret)', 'max(var.secret_list...)'],
  merge: ['merge(var.secret)', 'merge({}, var.secret_list)'],
  min: ['min(var.secret)', 'min(1, var.secret_map)'],
  replace: ['replace("x", var.secret_regex, "")', 'replace(var.secret_list, "a", "b")', 'replace("x", "/(a/", var.secret_list)'],
  split: ['split(var.secret_list, "a")'],
  tolist: ['tolist(var.secret)'],
  tomap: ['tomap(var.secret)', 'tomap(var.secret_list)'],
  tonumber: ['tonumber(var.secret)', 'tonumber(var.secret_long)'],
  toset: ['toset(var.secret)', 'toset(var.secret_map)'],
  tostring: ['tostring(var.secret_list)', 'tostring(var.secret_map)'],
  trimspace: ['trimspace(var.secret_map)'],
  upper: ['upper(var.secret_list)'],
  values: ['values(var.secret)'],
};

const OPERATOR_CASES = [
  'var.secret + 1',
  '1 - var.secret',
  '-var.secret',
  '!var.secret',
  'var.secret && true',
  'false || var.secret',
  'var.secret < 1',
  'var.secret * var.secret_long',
  'var.secret_number / 0 + var.secret',
  '{ b = "c" }[var.secret]',
  '[1, 2][var.secret]',
  '[1, 2][var.secret_number]',
  'var.secret_list[var.secret]',
  'var.secret_map["S3cr3u"]',
  'var.secret_map.S3cr3u',
  'var.secret_list[5]',
  '"x${var.secret_map}y"',
  '"x${var.secret_list}"',
  'var.secret ? 1 : 2',
  '{ (var.secret_list) = 1 }',
  '{ (var.secret) = 1, S3cr3t = 2 }',
  '[for x in [1] : x if var.secret]',
  '{ for x in [1, 2] : var.secret => x }',
  '{ for x in [1] : var.secret_list => x }',
  '[for x in var.secret_list : { b = 1 }[x]]',
  '[for k, v in var.secret_map : v + 1]',
  '[for k, v in var.secret_map : { a = 1 }[k]]',
  '{ for v in concat(var.secret_list, var.secret_list) : v => 1 }',
  'var.secret_list.name',
];

function expectNoSecret(expression: string, diagnostics: readonly Diagnostic[]): void {
  expect(diagnostics.filter((d) => d.severity === 'error'), `${expression} must fail`).not.to.have.length(0);
  for (const d of diagnostics) {
    const text = `${d.summary}\n${d.detail ?? ''}`;
    expect(text, `${expression}: ${text}`).not.to.contain(SECRET);
    expect(text, `${expression}: ${text}`).not.to.contain('987654321');
  }
}

describe('config: sensitive values in diagnostics', () => {
  const dir = tempDir();

  it('has a failing case for every built-in function', () => {
    expect(Object.keys(FUNCTION_CASES).sort()).to.deep.equal([...FUNCTIONS.keys()].sort());
  });

  for (const [name, expressions] of Object.entries(FUNCTION_CASES)) {
    it(`${name}() never prints a sensitive argument`, () => {
      for (const expression of expressions) expectNoSecret(expression, evaluate(expression, PRELUDE, { dir }).diagnostics);
    });
  }

  it('operators, indexes, templates, conditions, object keys and for expressions never print a sensitive value', () => {
    for (const expression of OPERATOR_CASES) expectNoSecret(expression, evaluate(expression, PRELUDE, { dir }).diagnostics);
  });

  it('says what is wrong without the value', () => {
    const lookup = evaluate('lookup({ b = "c" }, var.secret)', PRELUDE, { dir }).diagnostics[0]!;
    expect(lookup.detail).to.equal(
      'lookup(): the "key" argument is (sensitive value) and cannot be used here. The reason is not shown, as it would reveal the value.',
    );
    expect(evaluate('var.secret + 1', PRELUDE, { dir }).diagnostics[0]!.detail).to.equal(
      'Unsuitable value for the left operand of "+": a number is required, but this is a string (sensitive value). To join strings, use a template: "${a}${b}".',
    );
    expect(evaluate('{ b = "c" }[var.secret]', PRELUDE, { dir }).diagnostics[0]!.detail).to.equal('The map has no element with the key (sensitive value).');
  });

  it('still prints values that are not sensitive', () => {
    expect(evaluate('lookup({ b = "c" }, "nope")', PRELUDE, { dir }).diagnostics[0]!.detail).to.contain('"nope"');
    expect(evaluate('{ bb = "c" }["b"]', PRELUDE, { dir }).diagnostics[0]!.detail).to.contain('Did you mean "bb"?');
  });

  it('redacts only sensitive values, as whole words: never a map key, never letters inside a word', () => {
    const prelude = `${PRELUDE}
variable "s" {
  sensitive = true
  default   = "a"
}
`;
    expect(evaluate('lookup({ key = var.secret, region = "eu-west-1" }, "timeout")', prelude, { dir }).diagnostics[0]!.detail).to.equal(
      'lookup(): the map has no key "timeout" and no default was given.',
    );
    expect(evaluate('lookup({ a = var.s }, "b")', prelude, { dir }).diagnostics[0]!.detail).to.equal('lookup(): the map has no key "b" and no default was given.');
    expect(evaluate('lookup({ b = var.s }, "a")', prelude, { dir }).diagnostics[0]!.detail).to.equal(
      'lookup(): the map has no key "(sensitive value)" and no default was given.',
    );
  });

  it('redacts a sensitive value that a validation error_message quotes', () => {
    const text = `variable "token" {
  sensitive = true
  default   = "${SECRET}"
  validation {
    condition     = length(var.token) > 10
    error_message = "got \\"\${var.token}\\", not \${var.token}x"
  }
}
`;
    const { diagnostics } = load(text);
    expect(diagnostics).to.have.length(1);
    expect(diagnostics[0]!.detail).to.match(/^got "\(sensitive value\)", not \(sensitive value\)x\n/);
    // A message that cannot be built around the placeholder is not shown at all.
    const numeric = load(text.replace('default   = "S3cr3t"', 'type = number\n  default = 987654321').replace('length(var.token) > 10', 'var.token < 10').replace(/error_message = .*/, 'error_message = "got ${var.token + 1}"'));
    expect(numeric.diagnostics.map((d) => (d.detail ?? '').split('\n')[0])).to.deep.equal([
      'The value does not satisfy the validation rule. Its error_message is not shown, as it would reveal a sensitive value.',
    ]);
  });

  it('variable values that do not fit the type are reported without the value', () => {
    const decl = (type: string) => `variable "v" {\n  type      = ${type}\n  sensitive = true\n}\n`;
    const cases: Array<[string, Parameters<typeof load>[1]]> = [
      [decl('number'), { vars: [`v=${SECRET}`] }],
      [decl('list(number)'), { vars: [`v=["${SECRET}"]`] }],
      [decl('list(string)'), { vars: [`v=[${SECRET}]`] }],
      [decl('map(number)'), { vars: [`v={ ${SECRET} = "x" }`] }],
      [decl('number'), { env: { BKP_VAR_v: SECRET } }],
      [`variable "v" {\n  type      = number\n  sensitive = true\n  default   = "${SECRET}"\n}\n`, {}],
    ];
    const varFile = join(dir, 'secret.bkpvars.hcl');
    writeFileSync(varFile, `v = "${SECRET}"\n`);
    cases.push([decl('number'), { varFiles: [varFile] }]);
    for (const [text, options] of cases) expectNoSecret(text, load(text, options).diagnostics);
  });
});

describe('config: sensitive values in names and ids', () => {
  const PRELUDE_VARS = 'provider "sandbox" {}\nvariable "secret" {\n  sensitive = true\n  default   = "S3cr3t"\n}\n';

  it('warns at the attribute when a sensitive value becomes a vault name (its id)', () => {
    const text = `${PRELUDE_VARS}backup_vault "v" {\n  name = "vault-\${var.secret}"\n}\n`;
    const loaded = load(text);
    expect(loaded.errors).to.deep.equal([]);
    expect(loaded.warnings).to.have.length(1);
    expect(loaded.warnings[0]!.summary).to.equal('Sensitive value in a name');
    expect(loaded.warnings[0]!.detail).to.contain("a resource's name and id cannot be secret");
    expect(loaded.warnings[0]!.range!.start).to.include({ line: 7, column: 10 });
    expect(loaded.warnings[0]!.detail).not.to.contain(SECRET);
  });

  it('warns for the name of other kinds, and not for other sensitive attributes', () => {
    const text = `${PRELUDE_VARS}backup_plan "p" {\n  name = var.secret\n  rule "r" {\n    target_vault = "v"\n    schedule = "cron(0 5 ? * * *)"\n  }\n}\nbackup_vault "v" {\n  name = "v"\n  tags = { owner = var.secret }\n}\n`;
    const warnings = load(text).warnings;
    expect(warnings.map((w) => [w.summary, w.context])).to.deep.equal([['Sensitive value in a name', 'backup_plan "p"']]);
  });
});
