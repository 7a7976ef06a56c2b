import { expect } from 'chai';
import type { Expr, TemplateExpr } from '../../src/config/ast.js';
import { parseHcl } from '../../src/config/syntax/hcl-parser.js';
import { attr, bin, body, expression, lit, parse, problems, ref, withoutRanges } from './hcl-test-helpers.js';

describe('HCL parser: text to AST', () => {
  it('parses synchronously, with the file name in every range', () => {
    const result = parseHcl('a = 1\n', 'x.bkp.hcl');
    expect(withoutRanges(result.body.attributes)).to.deep.equal([{ name: 'a', expr: lit(1) }]);
    expect(result.body.attributes[0]!.expr.range.file).to.equal('x.bkp.hcl');
  });

  describe('bodies and blocks', () => {
    it('keeps attributes and blocks in source order, with quoted and bare labels', () => {
      const parsed = body('b = 2\nbackup_vault "main" {\n  name = "x"\n}\nlocals {\n}\nrule daily "two" {}\na = 1\n');
      expect(parsed.attributes.map((a) => a.name)).to.deep.equal(['b', 'a']);
      expect(parsed.blocks.map((b) => [b.type, b.labels.map((l) => l.value)])).to.deep.equal([
        ['backup_vault', ['main']],
        ['locals', []],
        ['rule', ['daily', 'two']],
      ]);
      expect(withoutRanges(parsed.blocks[0]!.body.attributes)).to.deep.equal([{ name: 'name', expr: lit('x') }]);
    });

    it('nests blocks and keeps a repeated attribute twice (the decoder reports it)', () => {
      const parsed = body('plan "p" {\n  rule "a" {\n    copy {\n      x = 1\n    }\n    copy {\n    }\n  }\n  n = 1\n  n = 2\n}\n');
      const plan = parsed.blocks[0]!;
      expect(plan.body.attributes.map((a) => a.name)).to.deep.equal(['n', 'n']);
      const rule = plan.body.blocks[0]!;
      expect(rule.body.blocks.map((b) => b.type)).to.deep.equal(['copy', 'copy']);
      expect(rule.body.blocks[0]!.body.attributes[0]!.name).to.equal('x');
    });

    it('reads one-line blocks, even with several attributes (as in DESIGN.md)', () => {
      const parsed = body('tag { key = "backup" value = "daily" }\nbackend "local" { path = "s.json" }\n');
      expect(parsed.blocks[0]!.body.attributes.map((a) => a.name)).to.deep.equal(['key', 'value']);
      expect(parsed.blocks[1]!.body.attributes.map((a) => a.name)).to.deep.equal(['path']);
    });

    it('unescapes quoted labels', () => {
      expect(body('a "x\\"y\\u00e9" {}\n').blocks[0]!.labels[0]!.value).to.equal('x"yé');
    });

    it('ignores #, // and /* */ comments everywhere', () => {
      const parsed = body('# top\n/* multi\nline */ a = /* inside */ 1 // end\nb { # brace\n  c = [1, # item\n  2]\n}\n# last');
      expect(withoutRanges(parsed.attributes)).to.deep.equal([{ name: 'a', expr: lit(1) }]);
      expect(withoutRanges(parsed.blocks[0]!.body.attributes[0]!.expr)).to.deep.equal({ kind: 'tuple', items: [lit(1), lit(2)] });
    });

    it('parses an empty file and a file of comments to an empty body', () => {
      for (const text of ['', '\n\n', '# only a comment\n', '/* x */']) {
        const parsed = body(text);
        expect([parsed.attributes.length, parsed.blocks.length]).to.deep.equal([0, 0]);
      }
    });
  });

  describe('literals', () => {
    it('reads numbers, including exponents without a fraction', () => {
      expect(expression('42')).to.deep.equal(lit(42));
      expect(expression('3.25')).to.deep.equal(lit(3.25));
      expect(expression('1e3')).to.deep.equal(lit(1000));
      expect(expression('1.5e-2')).to.deep.equal(lit(0.015));
      expect(expression('10E+2')).to.deep.equal(lit(1000));
      expect(expression('0')).to.deep.equal(lit(0));
    });

    it('reads true, false and null', () => {
      expect(expression('true')).to.deep.equal(lit(true));
      expect(expression('false')).to.deep.equal(lit(false));
      expect(expression('null')).to.deep.equal(lit(null));
    });

    it('reads a string without interpolation as a string literal', () => {
      expect(expression('"plain text"')).to.deep.equal(lit('plain text'));
      expect(expression('""')).to.deep.equal(lit(''));
    });

    it('reads plain strings in every operand position as strings, with their exact ranges', () => {
      const parsed = parse('x = ["a\\tb", f("c"), m["k"], p ? "t" : "f", [for s in l : "e"], {for k, v in m : k => "w"}, q == "z"]\n');
      expect(parsed.diagnostics).to.deep.equal([]);
      const tuple = parsed.body.attributes[0]!.expr;
      expect(withoutRanges(tuple)).to.deep.equal({
        kind: 'tuple',
        items: [
          lit('a\tb'),
          { kind: 'call', name: 'f', args: [lit('c')], expandFinal: false },
          { kind: 'index', object: ref('m'), index: lit('k') },
          { kind: 'conditional', condition: ref('p'), then: lit('t'), else: lit('f') },
          { kind: 'for', result: 'tuple', valueVar: 's', collection: ref('l'), value: lit('e'), grouping: false },
          { kind: 'for', result: 'object', keyVar: 'k', valueVar: 'v', collection: ref('m'), key: ref('k'), value: lit('w'), grouping: false },
          bin('==', ref('q'), lit('z')),
        ],
      });
      const items = tuple.kind === 'tuple' ? tuple.items : [];
      expect(items[0]!.range.start).to.deep.equal({ line: 1, column: 6, offset: 5 });
      expect(items[0]!.range.end).to.deep.equal({ line: 1, column: 12, offset: 11 });
      const call = items[1]!;
      expect(call.kind === 'call' && [call.args[0]!.range.start.column, call.args[0]!.range.end.column]).to.deep.equal([16, 19]);
      expect(problems('x = "\\uD800"\n')).to.deep.equal(["1:6 '\\uD800' is not a valid Unicode character"]);
    });

    it('never lets a string stand where only a name may', () => {
      expect(problems('x = a."b"\n')).to.not.deep.equal([]);
      expect(problems('x = "f"(1)\n')).to.deep.equal(["1:8 unexpected '('"]);
      expect(problems('x = [for "k" in l : 1]\n')).to.not.deep.equal([]);
      expect(problems('x = "a" "b"\n')).to.not.deep.equal([]);
      expect(problems('x = "a"b\n')).to.not.deep.equal([]);
    });
  });

  describe('quoted templates', () => {
    it('splits interpolations from literal parts, keeping all whitespace', () => {
      expect(expression('"a  b ${var.x}  c "')).to.deep.equal({ kind: 'template', parts: ['a  b ', attr(ref('var'), 'x'), '  c '] });
    });

    it('decodes every escape', () => {
      expect(expression('"t\\tn\\nr\\rq\\"b\\\\u\\u00e9U\\U0001F600"')).to.deep.equal(lit('t\tn\nr\rq"b\\uéU😀'));
    });

    it('turns $${ and %%{ into literal ${ and %{', () => {
      expect(expression('"cost $${x} %%{y} $5 %d"')).to.deep.equal(lit('cost ${x} %{y} $5 %d'));
    });

    it('gives the expression itself for a string that is one interpolation', () => {
      expect(expression('"${var.x}"')).to.deep.equal(attr(ref('var'), 'x'));
    });

    it('applies ~ strip markers to the neighbouring text', () => {
      expect(expression('"a  ${~ x ~}  b ${y ~} c"')).to.deep.equal({ kind: 'template', parts: ['a', ref('x'), 'b ', ref('y'), 'c'] });
    });

    it('parses nested templates and expressions inside interpolations', () => {
      expect(expression('"o-${upper("i-${v}")}-${1 + 2}"')).to.deep.equal({
        kind: 'template',
        parts: [
          'o-',
          { kind: 'call', name: 'upper', args: [{ kind: 'template', parts: ['i-', ref('v')] }], expandFinal: false },
          '-',
          bin('+', lit(1), lit(2)),
        ],
      });
    });

    it('keeps non-ASCII text', () => {
      expect(expression('"ärger 東京 🚀"')).to.deep.equal(lit('ärger 東京 🚀'));
    });
  });

  describe('heredocs', () => {
    it('reads <<EOT as is, with interpolation and without backslash escapes', () => {
      expect(expression('<<EOT\n  a \\n ${x}\n  b $${y}\nEOT')).to.deep.equal({ kind: 'template', parts: ['  a \\n ', ref('x'), '\n  b ${y}\n'] });
    });

    it('removes the common indentation of <<-EOT, ignoring blank lines', () => {
      expect(expression('<<-EOT\n    a\n      b\n\n    c\n  EOT')).to.deep.equal(lit('a\n  b\n\nc\n'));
      expect(expression('<<-EOT\n      a\n    b\n  EOT')).to.deep.equal(lit('  a\nb\n'));
    });

    it('counts the indentation before an interpolation that starts a line', () => {
      expect(expression('<<-EOT\n    a\n    ${x}\n  EOT')).to.deep.equal({ kind: 'template', parts: ['a\n', ref('x'), '\n'] });
      expect(expression('<<-EOT\n    a\n  ${x}\n  EOT')).to.deep.equal({ kind: 'template', parts: ['  a\n', ref('x'), '\n'] });
    });

    it('reads an empty heredoc and one with CRLF line ends', () => {
      expect(expression('<<EOT\nEOT')).to.deep.equal(lit(''));
      const parsed = body('x = <<EOT\r\nab\r\nEOT\r\ny = 1\r\n');
      expect(withoutRanges(parsed.attributes.map((a) => a.expr))).to.deep.equal([lit('ab\r\n'), lit(1)]);
    });

    it('reads a heredoc closed on the last line without a newline', () => {
      expect(withoutRanges(body('x = <<EOT\nhi\nEOT').attributes[0]!.expr)).to.deep.equal(lit('hi\n'));
    });
  });

  describe('collections', () => {
    it('reads tuples, with a trailing comma and over several lines', () => {
      expect(expression('[1, "a", [], [2,],\n  3,\n]')).to.deep.equal({
        kind: 'tuple',
        items: [lit(1), lit('a'), { kind: 'tuple', items: [] }, { kind: 'tuple', items: [lit(2)] }, lit(3)],
      });
    });

    it('reads object keys: identifiers and keywords as strings, quoted strings, parenthesised expressions', () => {
      const value = expression('{ team = 1, "a b" : 2, (var.k) = 3, null = 4\n  d = 5 }');
      expect(value).to.deep.equal({
        kind: 'object',
        items: [
          { key: lit('team'), value: lit(1) },
          { key: lit('a b'), value: lit(2) },
          { key: attr(ref('var'), 'k'), value: lit(3) },
          { key: lit('null'), value: lit(4) },
          { key: lit('d'), value: lit(5) },
        ],
      });
    });

    it('reads empty and nested objects', () => {
      expect(expression('{}')).to.deep.equal({ kind: 'object', items: [] });
      expect(expression('{ a = { b = [true] } }')).to.deep.equal({
        kind: 'object',
        items: [{ key: lit('a'), value: { kind: 'object', items: [{ key: lit('b'), value: { kind: 'tuple', items: [lit(true)] } }] } }],
      });
    });
  });

  describe('references and calls', () => {
    it('reads traversals: attributes, indexes and the legacy .0 index', () => {
      expect(expression('backup_vault.regional["eu-west-1"].name')).to.deep.equal(
        attr({ kind: 'index', object: attr(ref('backup_vault'), 'regional'), index: lit('eu-west-1') }, 'name'),
      );
      expect(expression('a.0.b[1]')).to.deep.equal({ kind: 'index', object: attr({ kind: 'index', object: ref('a'), index: lit(0) }, 'b'), index: lit(1) });
      expect(expression('each.value')).to.deep.equal(attr(ref('each'), 'value'));
    });

    it('reads function calls with no, several and expanded arguments', () => {
      expect(expression('timestamp()')).to.deep.equal({ kind: 'call', name: 'timestamp', args: [], expandFinal: false });
      expect(expression('merge(a, { b = 1 },)')).to.deep.equal({
        kind: 'call',
        name: 'merge',
        args: [ref('a'), { kind: 'object', items: [{ key: lit('b'), value: lit(1) }] }],
        expandFinal: false,
      });
      expect(expression('concat(lists...)')).to.deep.equal({ kind: 'call', name: 'concat', args: [ref('lists')], expandFinal: true });
    });

    it('reads traversals applied to calls and parenthesised expressions', () => {
      expect(expression('f(x).y')).to.deep.equal(attr({ kind: 'call', name: 'f', args: [ref('x')], expandFinal: false }, 'y'));
      expect(expression('(a)[0]')).to.deep.equal({ kind: 'index', object: ref('a'), index: lit(0) });
    });
  });

  describe('operators', () => {
    it('reads unary operators', () => {
      expect(expression('-x')).to.deep.equal({ kind: 'unary', op: '-', operand: ref('x') });
      expect(expression('!a.b')).to.deep.equal({ kind: 'unary', op: '!', operand: attr(ref('a'), 'b') });
      expect(expression('-1 + 2')).to.deep.equal(bin('+', { kind: 'unary', op: '-', operand: lit(1) }, lit(2)));
    });

    it('reads every binary operator', () => {
      for (const op of ['+', '-', '*', '/', '%', '==', '!=', '<', '>', '<=', '>=', '&&', '||']) {
        expect(expression(`a ${op} b`), op).to.deep.equal(bin(op, ref('a'), ref('b')));
      }
    });

    it('follows precedence: * / % over + -, over comparisons, over equality, over &&, over ||', () => {
      expect(expression('1 + 2 * 3')).to.deep.equal(bin('+', lit(1), bin('*', lit(2), lit(3))));
      expect(expression('a + 1 < b * 2')).to.deep.equal(bin('<', bin('+', ref('a'), lit(1)), bin('*', ref('b'), lit(2))));
      expect(expression('a < b == c > d')).to.deep.equal(bin('==', bin('<', ref('a'), ref('b')), bin('>', ref('c'), ref('d'))));
      expect(expression('a || b && c == d')).to.deep.equal(bin('||', ref('a'), bin('&&', ref('b'), bin('==', ref('c'), ref('d')))));
    });

    it('is left-associative and honours parentheses', () => {
      expect(expression('1 - 2 - 3')).to.deep.equal(bin('-', bin('-', lit(1), lit(2)), lit(3)));
      expect(expression('(1 + 2) * 3')).to.deep.equal(bin('*', bin('+', lit(1), lit(2)), lit(3)));
    });

    it('reads conditionals, nested to the right', () => {
      expect(expression('a == 1 ? "x" : b ? 2 : 3')).to.deep.equal({
        kind: 'conditional',
        condition: bin('==', ref('a'), lit(1)),
        then: lit('x'),
        else: { kind: 'conditional', condition: ref('b'), then: lit(2), else: lit(3) },
      });
    });
  });

  describe('for expressions', () => {
    it('reads tuple for expressions with an index variable and a condition', () => {
      expect(expression('[for i, v in list : v * i if i > 0]')).to.deep.equal({
        kind: 'for',
        result: 'tuple',
        keyVar: 'i',
        valueVar: 'v',
        collection: ref('list'),
        value: bin('*', ref('v'), ref('i')),
        condition: bin('>', ref('i'), lit(0)),
        grouping: false,
      });
    });

    it('reads object for expressions with and without grouping', () => {
      expect(expression('{for k, v in m : upper(k) => v}')).to.deep.equal({
        kind: 'for',
        result: 'object',
        keyVar: 'k',
        valueVar: 'v',
        collection: ref('m'),
        key: { kind: 'call', name: 'upper', args: [ref('k')], expandFinal: false },
        value: ref('v'),
        grouping: false,
      });
      const grouped = expression('{for s in list : s.k => s... if s.ok}');
      expect(grouped).to.include({ kind: 'for', result: 'object', valueVar: 's', grouping: true });
      expect(grouped).to.not.have.property('keyVar');
      expect(grouped.condition).to.deep.equal(attr(ref('s'), 'ok'));
    });
  });

  describe('positions', () => {
    it('gives 1-based lines and columns and 0-based offsets for attributes, blocks and labels', () => {
      const parsed = parse('a = 1\nbackup_vault "main" {\n  name = "x"\n}\n').body;
      const attribute = parsed.attributes[0]!;
      expect(attribute.nameRange).to.deep.include({ start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 2, offset: 1 } });
      expect(attribute.range.end).to.deep.equal({ line: 1, column: 6, offset: 5 });
      const block = parsed.blocks[0]!;
      expect(block.typeRange.start).to.deep.equal({ line: 2, column: 1, offset: 6 });
      expect(block.labels[0]!.range.start).to.deep.equal({ line: 2, column: 14, offset: 19 });
      expect(block.range.end).to.deep.equal({ line: 4, column: 2, offset: 42 });
      expect(block.body.range.start).to.deep.equal({ line: 2, column: 21, offset: 26 });
      const name = block.body.attributes[0]!;
      expect(name.expr.range.start).to.deep.equal({ line: 3, column: 10, offset: 37 });
      expect(name.expr.range.file).to.equal('main.bkp.hcl');
    });

    it('counts non-ASCII characters as characters, not bytes', () => {
      const x = parse('x = "ärger" + y\n').body.attributes[0]!.expr as Extract<Expr, { kind: 'binary' }>;
      expect(x.right.range.start).to.deep.equal({ line: 1, column: 15, offset: 14 });
      const line2 = parse('# Grüße\nb = ärger.x\n').body.attributes[0]!.expr;
      expect(line2.range.start).to.deep.equal({ line: 2, column: 5, offset: 12 });
      expect(line2.range.end.column).to.equal(12);
    });

    it('counts astral characters (emoji) as two UTF-16 code units, like JavaScript strings', () => {
      const x = parse('x = "🚀" + y\n').body.attributes[0]!.expr as Extract<Expr, { kind: 'binary' }>;
      expect(x.right.range.start).to.deep.equal({ line: 1, column: 12, offset: 11 });
    });

    it('points into templates and heredocs, and past repaired numbers', () => {
      const template = parse('x = "a long literal ${b.c} tail" + d\n').body.attributes[0]!.expr as Extract<Expr, { kind: 'binary' }>;
      const interpolation = (template.left as TemplateExpr).parts[1] as Expr;
      expect(interpolation.range.start).to.deep.equal({ line: 1, column: 23, offset: 22 });
      expect(template.right.range.start.column).to.equal(36);
      const heredoc = parse('x = <<EOT\nab ${c}\nEOT\ny = 1e3 + z\n').body.attributes;
      expect(((heredoc[0]!.expr as TemplateExpr).parts[1] as Expr).range.start).to.deep.equal({ line: 2, column: 6, offset: 15 });
      const sum = heredoc[1]!.expr as Extract<Expr, { kind: 'binary' }>;
      expect(sum.left.range).to.deep.include({ start: { line: 4, column: 5, offset: 26 }, end: { line: 4, column: 8, offset: 29 } });
      expect(sum.right.range.start.column).to.equal(11);
    });

    it('stays exact past indentation and alignment', () => {
      const text = 'rule "r" {\n\t\t  target     =   a.b   +\t\t\t c\n      lifecycle    {\n        days = [1,     2]\n      }\n}\n';
      const rule = parse(text).body.blocks[0]!;
      const target = rule.body.attributes[0]!;
      expect(target.nameRange.start).to.deep.equal({ line: 2, column: 5, offset: 15 });
      const sum = target.expr as Extract<Expr, { kind: 'binary' }>;
      expect(sum.left.range).to.deep.include({ start: { line: 2, column: 20, offset: 30 }, end: { line: 2, column: 23, offset: 33 } });
      expect(sum.right.range.start).to.deep.equal({ line: 2, column: 31, offset: 41 });
      const lifecycle = rule.body.blocks[0]!;
      expect(lifecycle.typeRange.start).to.deep.equal({ line: 3, column: 7, offset: 49 });
      expect(lifecycle.body.range.start.column).to.equal(20);
      const days = lifecycle.body.attributes[0]!.expr as Extract<Expr, { kind: 'tuple' }>;
      expect(days.items.map((item) => item.range.start.column)).to.deep.equal([17, 24]);
      expect(days.range.end.column).to.equal(26);
    });

    // A name's shortening also deletes the blanks before `=`, a bracket, `.` or `"`: `target   =` → `t=`.
    it('ends names before the blanks that follow them', () => {
      const text = 'backup_plan    "p"    {\n  target_vault      = call_me  (backup_vault.main   , local.xyz   )\n  other   = [backup_vault.main   ]\n}\n';
      const result = parse(text);
      expect(result.diagnostics).to.deep.equal([]);
      const block = result.body.blocks[0]!;
      expect(block.typeRange.end).to.deep.equal({ line: 1, column: 12, offset: 11 });
      expect(block.labels[0]!.range.start.column).to.equal(16);
      const target = block.body.attributes[0]!;
      expect(target.name).to.equal('target_vault');
      expect(target.nameRange.end).to.deep.equal({ line: 2, column: 15, offset: 38 });
      const call = target.expr as Extract<Expr, { kind: 'call' }>;
      expect([call.name, call.nameRange.end.column]).to.deep.equal(['call_me', 30]);
      expect(call.args.map((arg) => [arg.range.start.column, arg.range.end.column])).to.deep.equal([
        [33, 50],
        [55, 64],
      ]);
      const other = block.body.attributes[1]!.expr as Extract<Expr, { kind: 'tuple' }>;
      expect(other.items[0]!.range.end.column).to.equal(31);
      expect(problems('x = some_name   -1\n')).to.deep.equal([]);
    });

    it('reads the keywords as keywords, and names that start with one as names', () => {
      expect(expression('[for item in items : item if item != null]')).to.include({ kind: 'for', valueVar: 'item' });
      expect(expression('[forx, inner, iffy, nullable, true_x]')).to.deep.equal({ kind: 'tuple', items: ['forx', 'inner', 'iffy', 'nullable', 'true_x'].map(ref) });
      const parsed = body('abc = [for item in items : item if item != null]\nflag = true && !false\n');
      expect(parsed.attributes.map((a) => a.expr.kind)).to.deep.equal(['for', 'binary']);
      expect(withoutRanges((parsed.attributes[1]!.expr as Extract<Expr, { kind: 'binary' }>).left)).to.deep.equal(lit(true));
    });

    it('reports mistakes next to long runs of blanks at their place, and parses on', () => {
      expect(problems('a =          \nb     =      2\n')).to.deep.equal(["1:4 expected an expression after '='"]);
      expect(problems('x {\n    n       = [1,    2\n}\n')).to.deep.equal(["2:23 missing ']' to close the list opened at line 2"]);
      const after = parse('a =          \nb     =      2\n').body.attributes;
      expect(after.map((a) => a.name)).to.deep.equal(['b']);
      expect(after[0]!.expr.range.start).to.deep.equal({ line: 2, column: 14, offset: 27 });
    });

    it('handles CRLF line ends', () => {
      const parsed = parse('a = 1\r\nb = "x"\r\n').body.attributes[1]!;
      expect(parsed.nameRange.start).to.deep.equal({ line: 2, column: 1, offset: 7 });
      expect(parsed.expr.range.start.column).to.equal(5);
    });

    it('gives the whole file as the range of the top-level body', () => {
      const range = parse('a = 1\nb = 2').body.range;
      expect([range.start.offset, range.end.offset, range.end.line]).to.deep.equal([0, 11, 2]);
    });
  });

  describe('unsupported syntax', () => {
    it('reads template directives, and reports a broken one at its position', () => {
      const result = parse('x = "a%{if c}b%{endif}"\n');
      expect(result.diagnostics).to.have.length(0);
      expect(withoutRanges(result.body.attributes[0]!.expr)).to.deep.include({ kind: 'template' });
      const broken = parse('x = "a%{iff c}b%{endif}"\n');
      expect(broken.diagnostics[0]).to.deep.include({ severity: 'error', summary: 'unknown template directive "iff"' });
      expect(broken.diagnostics[0]!.range!.start).to.deep.equal({ line: 1, column: 9, offset: 8 });
      expect(parse('x = <<EOT\n%{for v in l}${v}\nEOT\n').diagnostics.map((d) => [d.summary, d.range!.start.line])).to.deep.equal([['missing %{endfor}', 2]]);
    });

    it('reads splats as for expressions over their element: [*] takes the indexes after it, .* only attributes', () => {
      const element = { kind: 'variable', name: '*' };
      const splat = (collection: object, value: object, form: string) => ({ kind: 'for', result: 'tuple', valueVar: '*', collection, value, grouping: false, splat: form });
      const a = { kind: 'variable', name: 'a' };
      expect(expression('a[*].b[0]')).to.deep.equal(
        splat(a, { kind: 'index', object: { kind: 'getattr', object: element, name: 'b' }, index: { kind: 'literal', value: 0 } }, 'full'),
      );
      expect(expression('a.*.b[0]')).to.deep.equal({
        kind: 'index',
        object: splat(a, { kind: 'getattr', object: element, name: 'b' }, 'attributes'),
        index: { kind: 'literal', value: 0 },
      });
      expect(expression('a[*]')).to.deep.equal(splat(a, element, 'full'));
    });

    it('reports hexadecimal numbers and invalid Unicode escapes', () => {
      expect(parse('x = 0x1F\n').diagnostics.map((d) => d.summary)).to.deep.equal(['hexadecimal numbers are not supported']);
      expect(parse('x = "\\uD800"\n').diagnostics.map((d) => d.summary)).to.deep.equal(["'\\uD800' is not a valid Unicode character"]);
    });

    it('reports a number beyond a double as too large, not as badly written', () => {
      const [tooLarge] = parse('x = 1e400\n').diagnostics;
      expect(tooLarge?.summary).to.equal("number '1e400' is too large");
      expect(tooLarge?.detail).to.contain('1.8e308');
      expect(parse('x = 1e300\n').diagnostics).to.deep.equal([]);
    });
  });
});
