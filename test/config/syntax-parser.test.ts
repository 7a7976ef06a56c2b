// The recursive-descent HCL parser (src/config/syntax/): recovery after a broken statement,
// templates, heredocs, precedence, exact ranges and the nesting limit. hcl-parser.test.ts and
// hcl-syntax-errors.test.ts cover the AST and the messages one construct at a time.
import { expect } from 'chai';
import type { Expr } from '../../src/config/ast.js';
import { parseHcl, parseTemplate } from '../../src/config/syntax/hcl-parser.js';
import { MAX_NESTING } from '../../src/config/syntax/syntax-errors.js';
import { attr, bin, expression, lit, parse, problems, ref, withoutRanges, type Shape } from './hcl-test-helpers.js';

/** Names of the attributes of a body and of its blocks' bodies, as `name` and `type{names}`. */
function survivors(text: string): string[] {
  const { body } = parse(text);
  return [...body.attributes.map((a) => a.name), ...body.blocks.map((b) => `${b.type}{${b.body.attributes.map((a) => a.name).join(',')}}`)];
}

/** [start, end] offsets of a range. */
function offsets(expr: { range: { start: { offset: number }; end: { offset: number } } }): [number, number] {
  return [expr.range.start.offset, expr.range.end.offset];
}

/** The text a node's range covers. */
function covered(text: string, node: { range: { start: { offset: number }; end: { offset: number } } }): string {
  return text.slice(node.range.start.offset, node.range.end.offset);
}

const unary = (op: string, operand: Shape): Shape => ({ kind: 'unary', op, operand });

describe('HCL parser: recovery, templates, precedence and ranges', () => {
  describe('recovery after a broken statement', () => {
    it('reports two independent errors of one file, and keeps the statements around them', () => {
      const text = 'a = 1 +\nb = 2\nc = [1 2]\nd = 3\n';
      expect(problems(text)).to.deep.equal(["1:7 expected an expression after '+'", "3:7 expected ',' between list items"]);
      expect(survivors(text)).to.deep.equal(['b', 'd']);
    });

    it('reports errors on consecutive lines when each line starts a statement', () => {
      expect(problems('a = 1 +\nb = * 2\nc = ]\n')).to.deep.equal([
        "1:7 expected an expression after '+'",
        "2:5 expected an expression after '=', found '*'",
        "3:5 expected an expression after '=', found ']'",
      ]);
    });

    it('reports errors in different blocks, and reads each block to its end', () => {
      const text = 'x "a" {\n  n = [1,, 2]\n  m = 1\n}\ny "b" {\n  n = f(1 2)\n  m = 2\n}\n';
      expect(problems(text)).to.deep.equal(["2:10 unexpected ','", "6:10 expected ',' between function arguments"]);
      expect(survivors(text)).to.deep.equal(['x{m}', 'y{m}']);
    });

    it('skips a broken value to the end of the brackets it opened, over several lines', () => {
      const text = 'a = [\n  1,\n  * 2,\n  { k = 3 },\n]\nb = 1\n';
      expect(problems(text)).to.deep.equal(["3:3 unexpected '*'"]);
      expect(survivors(text)).to.deep.equal(['b']);
    });

    it('never skips past the closing brace of the enclosing block', () => {
      const text = 'x {\n  a = 1 2 ( [\n}\ny = 1\n';
      expect(problems(text)).to.deep.equal(["2:9 unexpected '2'"]);
      expect(survivors(text)).to.deep.equal(['y', 'x{}']);
    });

    it('stops skipping at a line that starts the next statement while a bracket is left open', () => {
      const text = 'a = f([1, *\nb = 2\nc "l" {\n  d = 3\n}\n';
      expect(problems(text)).to.deep.equal(["1:11 unexpected '*'"]);
      expect(survivors(text)).to.deep.equal(['b', 'c{d}']);
    });

    it('reads the lines after an unclosed string or interpolation as usual', () => {
      expect(problems('a = "x\nb = [1 2]\n')).to.deep.equal(['1:5 unclosed string', "2:7 expected ',' between list items"]);
      expect(problems('a = "${x\nb = 1 +\n')).to.deep.equal(["1:6 unclosed interpolation: missing '}'", "2:7 expected an expression after '+'"]);
    });

    it('treats lines that do not start like a statement after a broken one as its debris', () => {
      expect(problems('a = <<\n  some text\n  more text\nb = 1\nc d\n')).to.deep.equal([
        "1:5 expected an expression after '=', found '<'",
        "5:2 missing '=' between attribute name and value",
      ]);
    });

    it('keeps a statement whose mistake it repairs', () => {
      const parsed = parse('a: 1\n"b" = 2\nc 3\nd = "\\q"\n');
      expect(parsed.diagnostics.map((d) => d.summary)).to.deep.equal([
        "use '=' to set an attribute",
        'attribute names are not quoted',
        "missing '=' between attribute name and value",
        "invalid escape sequence '\\q'",
      ]);
      expect(withoutRanges(parsed.body.attributes)).to.deep.equal([
        { name: 'a', expr: lit(1) },
        { name: 'b', expr: lit(2) },
        { name: 'c', expr: lit(3) },
        { name: 'd', expr: lit('\\q') },
      ]);
    });
  });

  describe('templates', () => {
    it('decodes $${ and %%{ exactly, in quoted strings and heredocs alike', () => {
      // As in HCL: the `$${` of `$$${c}` is the escape, the first `$` plain text.
      expect(expression('"$${a} %%{b} $$${c} $ { %"')).to.deep.equal(lit('${a} %{b} $${c} $ { %'));
      expect(expression('<<EOT\n$${a} %%{b}\nEOT')).to.deep.equal(lit('${a} %{b}\n'));
      expect(expression('"\\\\${a}"')).to.deep.equal({ kind: 'template', parts: ['\\', ref('a')] });
    });

    it('reads interpolations with nested strings, calls, conditionals and brackets', () => {
      expect(expression('"a-${f("}", {k = "${b}"}) ? [1] : []}-z"')).to.deep.equal({
        kind: 'template',
        parts: [
          'a-',
          {
            kind: 'conditional',
            condition: { kind: 'call', name: 'f', args: [lit('}'), { kind: 'object', items: [{ key: lit('k'), value: ref('b') }] }], expandFinal: false },
            then: { kind: 'tuple', items: [lit(1)] },
            else: { kind: 'tuple', items: [] },
          },
          '-z',
        ],
      });
    });

    it('allows line breaks inside an interpolation', () => {
      expect(expression('"${\n  a +\n  b\n}"')).to.deep.equal(bin('+', ref('a'), ref('b')));
    });

    it('reads an if directive as a conditional between the texts of its branches', () => {
      const cond = (condition: Shape, then: Shape, otherwise: Shape) => ({ kind: 'conditional', condition, then, else: otherwise });
      expect(expression('"a%{ if c }b${x}%{ else }d%{ endif }z"')).to.deep.equal({
        kind: 'template',
        parts: ['a', cond(ref('c'), { kind: 'template', parts: ['b', ref('x')] }, lit('d')), 'z'],
      });
      expect(expression('"%{if c}yes%{endif}"')).to.deep.equal({ kind: 'template', parts: [cond(ref('c'), lit('yes'), lit(''))] });
    });

    it('reads a for directive as the join of a for expression, key and value names included, nested in an if', () => {
      const joined = (forExpr: Shape) => ({ kind: 'call', name: 'join', args: [lit(''), forExpr], expandFinal: false });
      expect(expression('"%{ for k, v in m }${k}=${v};%{ endfor }"')).to.deep.equal({
        kind: 'template',
        parts: [joined({ kind: 'for', result: 'tuple', keyVar: 'k', valueVar: 'v', collection: ref('m'), value: { kind: 'template', parts: [ref('k'), '=', ref('v'), ';'] }, grouping: false })],
      });
      const nested = expression('"%{ if c }%{ for v in l }${v}%{ endfor }%{ endif }"') as unknown as { parts: Array<{ then: { parts: unknown[] } }> };
      // The body is text: a template even when it is one interpolation, as the result of HCL's is a string.
      expect(nested.parts[0]!.then.parts).to.deep.equal([joined({ kind: 'for', result: 'tuple', valueVar: 'v', collection: ref('l'), value: { kind: 'template', parts: [ref('v')] }, grouping: false })]);
    });

    it('applies strip markers of directives to the text beside them, and reads %%{ as text', () => {
      const template = '<<-EOT\n  %{~ for v in l ~}\n  ${v}\n  %{~ endfor ~}\n  done %%{x}\nEOT';
      const forPart = { kind: 'call', name: 'join', args: [lit(''), { kind: 'for', result: 'tuple', valueVar: 'v', collection: ref('l'), value: { kind: 'template', parts: ['  ', ref('v'), '\n'] }, grouping: false }], expandFinal: false };
      // As Terraform 1.11: each marker trims only the line beside it (a heredoc is read line by line).
      expect(expression(template)).to.deep.equal({ kind: 'template', parts: [forPart, '  done %{x}\n'] });
    });

    it('reports a directive out of place at the directive, and keeps the rest of the file', () => {
      const text = 'a = "%{ if c }x"\nb = "y%{ endfor }"\nc = "%{ while x }z"\nd = "%{ for x of l }"\ne = "%{ else }"\nf = 1\n';
      expect(problems(text)).to.deep.equal([
        '1:6 missing %{endif}',
        '2:7 %{endfor} without %{for}',
        "3:9 unknown template directive \"while\"",
        "4:15 expected 'in' in the %{for} directive, found 'of'",
        '5:6 %{else} without %{if}',
      ]);
      expect(survivors(text)).to.include('f');
      const result = parse('x = "%{ if c }b%{ endif"\n');
      expect(result.diagnostics).to.have.length(1);
      expect(covered('x = "%{ if c }b%{ endif"\n', { range: result.diagnostics[0]!.range! })).to.equal('');
    });

    it('applies strip markers only next to their interpolation, across lines', () => {
      // In a heredoc "across lines" is one line: Terraform gives "a \nX b Y c\n".
      expect(expression('<<EOT\na \n ${~x~} \n b ${y} c\nEOT')).to.deep.equal({ kind: 'template', parts: ['a \n', ref('x'), ' b ', ref('y'), ' c\n'] });
      expect(expression('"a ${~x~} b"')).to.deep.equal({ kind: 'template', parts: ['a', ref('x'), 'b'] });
    });
  });

  describe('heredocs', () => {
    it('ends at the marker line, with the next attribute read after it', () => {
      const parsed = parse('a = <<EOT\nx = 1\n  EOT still text\nEOT\nb = 2\n');
      expect(parsed.diagnostics).to.deep.equal([]);
      expect(withoutRanges(parsed.body.attributes)).to.deep.equal([
        { name: 'a', expr: lit('x = 1\n  EOT still text\n') },
        { name: 'b', expr: lit(2) },
      ]);
    });

    it('strips the smallest indentation of a <<- heredoc, a tab counted as one blank', () => {
      expect(expression('<<-EOT\n\t\tone\n\t  two\n\tEOT')).to.deep.equal(lit('one\n two\n'));
    });

    it('reads heredocs inside brackets and calls', () => {
      expect(expression('[<<EOT\nab\nEOT\n, upper(<<-X\n  cd\n  X\n)]')).to.deep.equal({
        kind: 'tuple',
        items: [lit('ab\n'), { kind: 'call', name: 'upper', args: [lit('cd\n')], expandFinal: false }],
      });
    });

    it('needs a name after << (a bare <<- is no heredoc)', () => {
      expect(problems('a = <<-\nb = 1\n')).to.deep.equal(["1:5 expected an expression after '=', found '<'"]);
    });
  });

  describe('precedence and associativity', () => {
    it('binds unary operators tighter than any binary one, and traversals tighter still', () => {
      expect(expression('!a == b')).to.deep.equal(bin('==', unary('!', ref('a')), ref('b')));
      expect(expression('-a.b * c')).to.deep.equal(bin('*', unary('-', attr(ref('a'), 'b')), ref('c')));
      expect(expression('- -1')).to.deep.equal(unary('-', unary('-', lit(1))));
    });

    it('orders the six binary levels', () => {
      expect(expression('a || b && c == d < e + f * g')).to.deep.equal(
        bin('||', ref('a'), bin('&&', ref('b'), bin('==', ref('c'), bin('<', ref('d'), bin('+', ref('e'), bin('*', ref('f'), ref('g'))))))),
      );
      expect(expression('a * b + c < d == e && f || g')).to.deep.equal(
        bin('||', bin('&&', bin('==', bin('<', bin('+', bin('*', ref('a'), ref('b')), ref('c')), ref('d')), ref('e')), ref('f')), ref('g')),
      );
      expect(expression('a % b / c')).to.deep.equal(bin('/', bin('%', ref('a'), ref('b')), ref('c')));
    });

    it('gives the conditional the lowest precedence and nests it to the right', () => {
      expect(expression('a || b ? c + 1 : d')).to.deep.equal({ kind: 'conditional', condition: bin('||', ref('a'), ref('b')), then: bin('+', ref('c'), lit(1)), else: ref('d') });
      expect(expression('a ? b ? 1 : 2 : 3')).to.deep.equal({ kind: 'conditional', condition: ref('a'), then: { kind: 'conditional', condition: ref('b'), then: lit(1), else: lit(2) }, else: lit(3) });
      expect(expression('(a ? 1 : 2) ? 3 : 4')).to.deep.include({ kind: 'conditional', then: lit(3) });
    });
  });

  describe('exact ranges', () => {
    it('covers exactly the text of every kind of node', () => {
      const text = 'x = [f(a, b...), a.b[0].c, a.0, -n, c ? 1 : 2, {k = "v", (e) = 2}, "t-${v}", [for i in l : i], (p)]\n';
      const tuple = parse(text).body.attributes[0]!.expr as Extract<Expr, { kind: 'tuple' }>;
      expect(tuple.items.map((item) => covered(text, item))).to.deep.equal([
        'f(a, b...)',
        'a.b[0].c',
        'a.0',
        '-n',
        'c ? 1 : 2',
        '{k = "v", (e) = 2}',
        '"t-${v}"',
        '[for i in l : i]',
        'p',
      ]);
      const call = tuple.items[0] as Extract<Expr, { kind: 'call' }>;
      expect(covered(text, { range: call.nameRange })).to.equal('f');
      const object = tuple.items[5] as Extract<Expr, { kind: 'object' }>;
      expect(object.items.map((item) => [covered(text, item.key), covered(text, item)])).to.deep.equal([
        ['k', 'k = "v"'],
        ['e', '(e) = 2'],
      ]);
      const legacy = tuple.items[2] as Extract<Expr, { kind: 'index' }>;
      expect(covered(text, legacy.index)).to.equal('0');
    });

    it('gives blocks, labels and bodies their exact spans', () => {
      const text = 'rule "r" other {\n  a = 1\n}\n';
      const block = parse(text).body.blocks[0]!;
      expect([covered(text, { range: block.typeRange }), ...block.labels.map((l) => covered(text, l)), covered(text, block.body), covered(text, block)]).to.deep.equal([
        'rule',
        '"r"',
        'other',
        '{\n  a = 1\n}',
        'rule "r" other {\n  a = 1\n}',
      ]);
    });

    it('gives a lone interpolation its own range and a heredoc the span to its marker', () => {
      const text = 'a = "${v}"\nb = <<EOT\nx\nEOT\n';
      const [a, b] = parse(text).body.attributes;
      expect(covered(text, a!.expr)).to.equal('v');
      expect(covered(text, a!)).to.equal('a = "${v}"');
      expect(covered(text, b!.expr)).to.equal('<<EOT\nx\nEOT');
    });

    it('maps template positions inside a JSON string into the JSON file', () => {
      // The JSON string "a\u00e9${x}" decodes to `aé${x}`: the é takes six characters of the file.
      const fileOffsets = [1, 2, 8, 9, 10, 11, 12, 13];
      const position = (index: number) => ({ line: 1, column: fileOffsets[index]! + 1, offset: fileOffsets[index]! });
      const whole = { file: 'x.bkp.json', start: position(0), end: position(6) };
      const { expr, diagnostics } = parseTemplate('aé${x}', 'x.bkp.json', position, whole);
      expect(diagnostics).to.deep.equal([]);
      const variable = (expr as Extract<Expr, { kind: 'template' }>).parts[1] as Expr;
      expect(offsets(variable)).to.deep.equal([10, 11]);
    });
  });

  describe('nesting', () => {
    // No timing here: the limit keeps the recursion shallow whatever the input, so the test is quick on any machine.
    it(`reads ${MAX_NESTING} levels of brackets and reports one more, once`, () => {
      const deepest = (levels: number) => `x = ${'['.repeat(levels - 1)}1${']'.repeat(levels - 1)}\n`;
      expect(problems(deepest(MAX_NESTING))).to.deep.equal([]);
      expect(problems(deepest(MAX_NESTING + 1)).map((p) => p.replace(/^\S+ /, ''))).to.deep.equal(['expression nested too deeply']);
    });

    it('counts a long chain of operators as nesting: the AST it makes is as deep', () => {
      expect(problems(`x = ${'1 + '.repeat(10_000)}1\n`).map((p) => p.replace(/^\S+ /, ''))).to.deep.equal(['expression nested too deeply']);
      expect(problems(`x = ${'a ? b : '.repeat(10_000)}c\n`).map((p) => p.replace(/^\S+ /, ''))).to.deep.equal(['expression nested too deeply']);
    });

    it('stops at absurd depth of any kind without a second error', () => {
      for (const text of ['x = ' + '{a = '.repeat(50_000), 'x = ' + '"${'.repeat(50_000), 'a {\n'.repeat(50_000), 'x = ' + '!'.repeat(50_000) + 'a\n']) {
        expect(parseHcl(text, 'deep.bkp.hcl').diagnostics.map((d) => d.summary)).to.deep.equal(['expression nested too deeply']);
      }
    });
  });

  describe('characters', () => {
    it('accepts a byte order mark at the start only, and names invisible characters by code point', () => {
      expect(problems('\uFEFFa = 1\n')).to.deep.equal([]);
      expect(problems('a = 1 \uFEFF\nb = 1\u00A0+ 2\n')).to.deep.equal(['1:7 invalid character U+FEFF', '2:6 invalid character U+00A0']);
    });
  });
});
