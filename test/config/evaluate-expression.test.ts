import { expect } from 'chai';
import type { SourceRange } from '../../src/core/diagnostics.js';
import type { Expr } from '../../src/config/ast.js';
import { Reporter } from '../../src/config/evaluate-diagnostics.js';
import { evaluateExpr, type Scope } from '../../src/config/evaluate-expression.js';
import { NO_REFERENCES } from '../../src/config/evaluate-references.js';
import { UNKNOWN } from '../../src/core/values.js';
import { covered, evaluate, singleError, value } from './evaluate-helpers.js';

const R: SourceRange = { file: 'x.hcl', start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 2, offset: 1 } };
const lit = (v: string | number | boolean | null): Expr => ({ kind: 'literal', value: v, range: R });

function scope(): Scope {
  return { reporter: new Reporter(), dir: '.', resolver: NO_REFERENCES, taint: { sensitive: false } };
}

describe('config/evaluate-expression', () => {

  describe('over hand-built AST nodes', () => {
    it('evaluates literals, tuples and objects', () => {
      const s = scope();
      const expr: Expr = {
        kind: 'object',
        range: R,
        items: [{ key: lit('a'), value: { kind: 'tuple', items: [lit(1), lit(true), lit(null)], range: R }, range: R }],
      };
      expect(evaluateExpr(expr, s)).to.deep.equal({ a: [1, true, null] });
      expect(s.reporter.items).to.deep.equal([]);
    });

    it('binds for-expression names and reports an unknown collection as unknown', () => {
      const s = scope();
      const forExpr: Expr = {
        kind: 'for',
        result: 'tuple',
        valueVar: 'v',
        collection: { kind: 'tuple', items: [lit(1), lit(2)], range: R },
        value: { kind: 'binary', op: '*', left: { kind: 'variable', name: 'v', range: R }, right: lit(10), range: R },
        grouping: false,
        range: R,
      };
      expect(evaluateExpr(forExpr, s)).to.deep.equal([10, 20]);
      const overUnknown: Expr = { ...forExpr, collection: { kind: 'getattr', object: { kind: 'variable', name: 'var', range: R }, name: 'x', range: R } };
      expect(evaluateExpr(overUnknown, s)).to.equal(UNKNOWN);
    });
  });

  describe('templates', () => {
    it('converts numbers and bools to strings', () => {
      expect(value('"n=${1 + 2} b=${true} s=${"x"}"')).to.equal('n=3 b=true s=x');
    });

    it('keeps the $${ escape literal', () => {
      expect(value('"cost: $${x}"')).to.equal('cost: ${x}');
    });

    it('yields the value itself for a single interpolation', () => {
      expect(value('"${[1, 2]}"')).to.deep.equal([1, 2]);
    });

    it('is unknown when a part is unknown', () => {
      const { value: v, diagnostics } = evaluate('"arn-${backup_vault.main.arn}"', `${'backup_vault "main" { name = "m" }'}\nprovider "sandbox" {}`);
      expect(diagnostics).to.deep.equal([]);
      expect(v).to.equal(UNKNOWN);
    });

    it('evaluates if and for directives as Terraform does, strip markers included', () => {
      expect(value('"%{ if 1 < 2 }yes%{ else }no%{ endif }-%{ if false }never%{ endif }!"')).to.equal('yes-!');
      expect(value('"%{ for i, s in ["a", "b"] }${i}${s},%{ endfor }"')).to.equal('0a,1b,');
      expect(value('"%{ for k, v in { x = 1, y = 2 } }${k}=${v} %{ endfor }"')).to.equal('x=1 y=2 ');
      // As Terraform 1.11: a marker trims one line only, and the "  " it leaves out of the count keeps the indentation.
      expect(value('<<-EOT\n  %{~ for n in [1, 2] ~}\n  n${n}\n  %{~ endfor ~}\n  end\nEOT\n')).to.equal('  n1\n  n2\n  end\n');
      expect(value('<<-EOT\n    %{ for s in ["a", "b"] ~}\n    ${s}\n    %{ endfor ~}\n  EOT\n')).to.equal('    a\n    b\n');
      expect(value('<<-EOT\n    %{ if true ~}\n      yes\n    %{ endif ~}\n  EOT\n')).to.equal('      yes\n');
      expect(value('"%{ for s in [] }x%{ endfor }"')).to.equal('');
    });

    it('reports a directive\'s bad condition or collection at the expression, and is unknown when it is', () => {
      const d = singleError('"%{ if "maybe" }a%{ endif }"');
      expect(d.summary).to.match(/condition/i);
      expect(d.range!.start.column).to.equal(14);
      const { value: v, diagnostics } = evaluate('"%{ for a in [backup_vault.main.arn] }${a}%{ endfor }"', `${'backup_vault "main" { name = "m" }'}\nprovider "sandbox" {}`);
      expect(diagnostics).to.deep.equal([]);
      expect(v).to.equal(UNKNOWN);
    });

    it('refuses null and collections, pointing at the interpolation', () => {
      const d = singleError('"a-${null}"');
      expect(d.summary).to.equal('Invalid template interpolation value');
      expect(d.detail).to.contain('null');
      const list = singleError('"a-${[1]}"');
      expect(list.detail).to.contain('jsonencode');
      expect(list.range!.start.column).to.be.greaterThan(1);
    });

    it('evaluates heredocs with interpolation', () => {
      expect(value('<<EOT\nhello ${upper("x")}\nEOT')).to.equal('hello X\n');
    });
  });

  describe('objects', () => {
    it('accepts quoted and computed keys', () => {
      expect(value('{ "aws:ResourceTag/env" = "prod", (local.k) = 1 }', 'locals { k = "key" }')).to.deep.equal({ 'aws:ResourceTag/env': 'prod', key: 1 });
    });

    it('reports a duplicate key at the second one', () => {
      const d = singleError('{ team = "a", team = "b" }');
      expect(d.summary).to.equal('Duplicate object key');
      expect(d.detail).to.match(/already set at main\.bkp\.hcl:3,/);
    });

    it('keeps a key named __proto__ as an ordinary key', () => {
      const v = value('{ "__proto__" = "x" }') as Record<string, unknown>;
      expect(Object.keys(v)).to.deep.equal(['__proto__']);
      expect(Object.getPrototypeOf(v)).to.equal(Object.prototype);
    });
  });

  describe('arithmetic and logic', () => {
    it('computes + - * / % and unary minus', () => {
      expect(value('[1 + 2, 5 - 7, 3 * 4, 7 / 2, 7 % 3, -(2)]')).to.deep.equal([3, -2, 12, 3.5, 1, -2]);
    });

    it('converts numeric strings as HCL does', () => {
      expect(value('"5" + 1')).to.equal(6);
    });

    it('reports an invalid operand with a hint for strings', () => {
      const text = '"a" + 1';
      const d = singleError(text);
      expect(d.summary).to.equal('Invalid operand');
      expect(d.detail).to.contain('a number is required');
      expect(d.detail).to.contain('template');
    });

    it('reports both invalid operands', () => {
      const { diagnostics } = evaluate('true * "x"');
      expect(diagnostics.map((d) => d.summary)).to.deep.equal(['Invalid operand', 'Invalid operand']);
    });

    it('reports division by zero', () => {
      expect(singleError('1 / 0').detail).to.contain('Division by zero');
      expect(singleError('1 % 0').detail).to.contain('Division by zero');
    });

    it('reports a result beyond a double, from an operator, a function or a JSON document, instead of Infinity', () => {
      for (const expression of ['1e300 * 1e300', '-1e308 - 1e308', '1e300 / 1e-300', 'sum([1e308, 1e308])']) {
        const error = singleError(expression);
        expect(error.summary, expression).to.equal('Number out of range');
        expect(error.detail, expression).to.contain('1.8e308');
      }
      expect(singleError('jsondecode("[1, 1e400]")').detail).to.contain('it holds a number out of range');
      expect(value('1e300 * 10')).to.equal(1e301);
    });

    it('compares values', () => {
      expect(value('[1 < 2, 2 <= 2, 3 > 4, 3 >= 4, "a" == "a", 1 == "1", [1] != [1], { a = 1 } == { a = 1 }]')).to.deep.equal([
        true,
        true,
        false,
        false,
        true,
        false,
        false,
        true,
      ]);
    });

    it('combines bools and refuses other operands', () => {
      expect(value('[true && false, true || false, !false]')).to.deep.equal([false, true, true]);
      expect(singleError('1 && true').summary).to.equal('Invalid operand');
      expect(singleError('!"x"').summary).to.equal('Invalid operand');
    });

    it('is unknown when an operand is unknown', () => {
      const prelude = 'provider "sandbox" {}\nbackup_plan "p" {\n  name = "p"\n  rule "r" { target_vault = "v" }\n}';
      expect(value('backup_plan.p.id == "x"', prelude)).to.equal(UNKNOWN);
    });
  });

  describe('conditionals', () => {
    it('picks a branch and evaluates only that one', () => {
      expect(value('true ? "a" : 1 / 0')).to.equal('a');
    });

    it('requires a bool condition', () => {
      const d = singleError('"yes" ? 1 : 2');
      expect(d.summary).to.equal('Incorrect condition type');
      expect(singleError('null ? 1 : 2').summary).to.equal('Null condition');
    });

    it('reads the strings "true" and "false" as bools, as Terraform converts an untyped -var', () => {
      expect(value('"true" ? 1 : 2')).to.equal(1);
      expect(value('var.enabled ? 1 : 0', 'variable "enabled" {\n  default = "false"\n}')).to.equal(0);
    });

    it('is unknown when the condition is unknown', () => {
      const prelude = 'provider "sandbox" {}\nbackup_vault "v" { name = "v" }';
      expect(value('backup_vault.v.locked ? 1 : 2', prelude)).to.equal(UNKNOWN);
    });
  });

  describe('for expressions', () => {
    it('builds lists and maps, with a condition', () => {
      expect(value('[for s in ["a", "b", "c"] : upper(s) if s != "b"]')).to.deep.equal(['A', 'C']);
      expect(value('{ for k, v in { b = 2, a = 1 } : v => k }')).to.deep.equal({ 1: 'a', 2: 'b' });
      expect(value('[for i, s in ["x", "y"] : "${i}${s}"]')).to.deep.equal(['0x', '1y']);
    });

    it('iterates maps in key order', () => {
      expect(value('[for k, v in { b = 1, a = 2 } : k]')).to.deep.equal(['a', 'b']);
    });

    it('groups values with ...', () => {
      expect(value('{ for s in ["a1", "a2", "b1"] : split("", s)[0] => s... }')).to.deep.equal({ a: ['a1', 'a2'], b: ['b1'] });
    });

    it('reports duplicate keys without grouping', () => {
      const d = singleError('{ for s in ["a", "a"] : s => 1 }');
      expect(d.summary).to.equal('Duplicate object key');
      expect(d.detail).to.contain('...');
    });

    it('refuses a non-iterable collection', () => {
      expect(singleError('[for s in "abc" : s]').summary).to.equal('Iteration over non-iterable value');
    });
  });

  describe('splat expressions', () => {
    const prelude = 'locals {\n  vaults = [{ name = "a", days = 1 }, { name = "b", days = 2 }]\n  one = { name = "c" }\n  none = null\n}\n';

    it('apply the traversal after [*] to every element, indexes included', () => {
      expect(value('local.vaults[*].name', prelude)).to.deep.equal(['a', 'b']);
      expect(value('[for v in local.vaults : v.days] == local.vaults[*].days', prelude)).to.equal(true);
      expect(value('[[1, 2], [3, 4]][*][0]')).to.deep.equal([1, 3]);
    });

    it('apply only the attributes after .*, and an index after them to the list', () => {
      expect(value('local.vaults.*.name[1]', prelude)).to.equal('b');
    });

    it('take a value that is not a list as a list of one, and null as an empty list, as HCL does', () => {
      expect(value('local.one[*].name', prelude)).to.deep.equal(['c']);
      expect(value('local.none[*].name', prelude)).to.deep.equal([]);
    });

    it('report a missing attribute of an element where it is written', () => {
      expect(singleError('local.vaults[*].size', prelude).summary).to.equal('Unsupported attribute');
    });
  });

  describe('indexing and attributes', () => {
    it('indexes lists and maps, including the legacy .0 form', () => {
      expect(value('[[10, 20][1], { a = 1 }["a"], { a = { b = 2 } }.a.b, ["x"].0]')).to.deep.equal([20, 1, 2, 'x']);
    });

    it('reports an out-of-range index at the key', () => {
      const text = '[1, 2][5]';
      const d = singleError(text);
      expect(d.summary).to.equal('Invalid index');
      expect(d.detail).to.contain('0 to 1');
      expect(d.range!.start.column).to.equal(text.indexOf('5') + 7);
    });

    it('reports a missing map key with a suggestion', () => {
      const d = singleError('{ team = 1 }["taem"]');
      expect(d.summary).to.equal('Invalid index');
      expect(d.detail).to.contain('Did you mean "team"?');
    });

    it('reports a missing attribute with a suggestion', () => {
      const d = singleError('{ team = 1 }.taem');
      expect(d.summary).to.equal('Unsupported attribute');
      expect(d.detail).to.contain('Did you mean "team"?');
    });

    it('refuses attributes of lists and primitives, and indexes of null', () => {
      expect(singleError('[1].x').detail).to.contain('list');
      expect(singleError('"s".x').summary).to.equal('Unsupported attribute');
      expect(singleError('null[0]').summary).to.equal('Attempt to index null value');
      expect(singleError('[1]["a"]').detail).to.contain('number');
    });
  });

  it('reports several errors of one expression', () => {
    const text = '[1 / 0, {}["x"], nosuch(1)]';
    const { diagnostics } = evaluate(text);
    expect(diagnostics.map((d) => d.summary)).to.deep.equal(['Invalid operand', 'Invalid index', 'Call to unknown function']);
  });

  it('points diagnostics at the exact source', () => {
    // The helper evaluates the expression as local.v in this text.
    const source = `\nlocals {\n  v = 1 + "abc"\n}\n`;
    const d = singleError('1 + "abc"');
    expect(covered(source, d)).to.equal('"abc"');
    expect(d.context).to.equal('locals');
  });
});
