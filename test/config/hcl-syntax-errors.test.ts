import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { MAX_SYNTAX_ERRORS } from '../../src/config/syntax/syntax-errors.js';
import { parse, problems } from './hcl-test-helpers.js';

/** Names of the top-level attributes and blocks that survived. */
function survivors(text: string): string[] {
  const { body } = parse(text);
  return [...body.attributes.map((a) => a.name), ...body.blocks.map((b) => `${b.type}{${b.body.attributes.map((a) => a.name).join(',')}}`)];
}

describe('HCL parser: syntax errors', () => {

  describe('messages and positions', () => {
    it('a missing value after =, and the next line is still read', () => {
      expect(problems('name = \nother = 1\n')).to.deep.equal(["1:7 expected an expression after '='"]);
      expect(survivors('name = \nother = 1\n')).to.deep.equal(['other']);
      expect(problems('a {\n  name =\n}\n')).to.deep.equal(["2:9 expected an expression after '='"]);
    });

    it('an unclosed block names the block and the line that opened it', () => {
      const result = parse('a = 1\n\nbackup_vault "main" {\n  name = "x"\n');
      expect(result.diagnostics.map((d) => d.summary)).to.deep.equal([`unclosed block: missing '}' for backup_vault "main" opened at line 3`]);
      expect(result.diagnostics[0]!.range!.start).to.deep.include({ line: 4, column: 13 });
      expect(result.body.blocks[0]!.body.attributes.map((a) => a.name)).to.deep.equal(['name']);
    });

    it('blames the inner block when a closing brace is indented like an outer one', () => {
      const text = 'a {\n  b {\n    x = 1\n\n}\nc {\n}\n';
      expect(problems(text)).to.deep.equal(["3:10 unclosed block: missing '}' for b opened at line 2"]);
      expect(parse(text).diagnostics[0]!.detail).to.contain("The '}' on line 5 is indented like an outer level");
      expect(survivors(text)).to.deep.equal(['a{}', 'c{}']);
    });

    it('an unclosed string, without swallowing the next lines', () => {
      expect(problems('a = "abc\nb = 1\n')).to.deep.equal(['1:5 unclosed string']);
      expect(survivors('a = "abc\nb = 1\n')).to.deep.equal(['a', 'b']);
      expect(problems('a = "abc\\\nb = "x"\n')).to.deep.equal(['1:5 unclosed string']);
      expect(problems('a = ["x", "y]\nb = 1\n')).to.deep.equal(['1:11 unclosed string']);
      expect(survivors('a = ["x", "y]\nb = 1\n')).to.deep.equal(['a', 'b']);
    });

    it("an unclosed interpolation: missing '}'", () => {
      expect(problems('a = "x-${var.y"\nb = 1\n')).to.deep.equal(["1:15 missing '}' after the interpolation"]);
      expect(problems('a = "x-${var.y\nb = 1\n')).to.deep.equal(["1:8 unclosed interpolation: missing '}'"]);
      expect(survivors('a = "x-${var.y\nb = 1\n')).to.deep.equal(['a', 'b']);
    });

    it("unexpected '}' and other stray closers", () => {
      expect(problems('}\na = 1\n')).to.deep.equal(["1:1 unexpected '}'"]);
      expect(problems('a = 1\nb = ]\n')).to.deep.equal(["2:5 expected an expression after '=', found ']'"]);
      expect(problems('x ) {\n}\n')).to.deep.equal(["1:3 invalid block header: unexpected ')'"]);
      expect(problems('x = 1 )\n')).to.deep.equal(["1:7 unexpected ')'"]);
    });

    it("missing '=' between attribute name and value, repaired", () => {
      expect(problems('a "x" {\n  name "y"\n}\n')).to.deep.equal(["2:7 missing '=' between attribute name and value"]);
      expect(parse('a "x" {\n  name "y"\n}\n').body.blocks[0]!.body.attributes.map((a) => a.name)).to.deep.equal(['name']);
      expect(problems('count 3\n')).to.deep.equal(["1:6 missing '=' between attribute name and value"]);
    });

    it('block labels must be quoted strings, without interpolation', () => {
      expect(problems('rule 5 {\n}\n')).to.deep.equal(['1:6 block labels must be quoted strings']);
      expect(parse('rule 5 {\n}\n').body.blocks[0]!.labels.map((l) => l.value)).to.deep.equal(['5']);
      expect(problems('rule "a-${x}" {\n}\n')).to.deep.equal(['1:6 block labels cannot contain interpolations']);
    });

    it('invalid characters: one error per line, with the code point for invisible ones', () => {
      expect(problems('a = 1 @ 2\nb = 3 @@ @\nc = 4\n')).to.deep.equal(["1:7 invalid character '@'", "2:7 invalid character '@'"]);
      expect(survivors('a = 1 @ 2\nb = 3 @@ @\nc = 4\n')).to.deep.equal(['c']);
      expect(problems('a = "x"\u0001\n')).to.deep.equal(['1:8 invalid character U+0001']);
      const garbled = parse('a = \uFFFD\uFFFD\n').diagnostics;
      expect(garbled.map((d) => d.summary)).to.deep.equal(['invalid character U+FFFD']);
      expect(garbled[0]!.detail).to.contain('not valid UTF-8');
      expect(parse('a = 1;\n').diagnostics[0]!.detail).to.contain('semicolons');
    });

    it('single quotes, with the double-quoted fix', () => {
      const result = parse("a = 'x'\n");
      expect(result.diagnostics.map((d) => `${d.range!.start.column} ${d.summary}: ${d.detail}`)).to.deep.equal(['5 strings use double quotes: Write "x" instead of \'x\'.']);
      expect(result.body.attributes[0]!.expr).to.deep.include({ kind: 'literal', value: 'x' });
    });

    it('invalid escape sequences', () => {
      expect(problems('a = "\\q"\nb = "ok"\n')).to.deep.equal(["1:6 invalid escape sequence '\\q'"]);
      expect(survivors('a = "\\q"\nb = "ok"\n')).to.deep.equal(['a', 'b']);
      expect(problems('a = "\\u12"\n')).to.deep.equal(["1:6 invalid escape sequence '\\u12'"]);
    });

    it('\\$ is no escape, before an interpolation too, with the $${ hint', () => {
      expect(problems('a = "C:\\${1}"\nb = "\\$"\nc = "\\%{if true}x%{endif}"\nd = "\\$${x}"\n')).to.deep.equal([
        "1:8 invalid escape sequence '\\$'",
        "2:6 invalid escape sequence '\\$'",
        "3:6 invalid escape sequence '\\%'",
        "4:6 invalid escape sequence '\\$'",
      ]);
      expect(parse('a = "C:\\${1}"\n').diagnostics[0]!.detail).to.equal('A backslash does not escape "$": write $${ for a literal ${, and \'\\\\\' for a backslash.');
      expect(problems('a = "C:\\\\${1}"\nb = <<EOT\nC:\\${1}\nEOT\n')).to.deep.equal([]);
    });

    it('an unclosed heredoc, and no extra error for the brackets it swallowed', () => {
      expect(problems('a = <<EOT\nabc\n')).to.deep.equal(["1:5 unclosed heredoc: no line 'EOT' ends it"]);
      expect(problems('b {\n  a = <<EOT\n  abc\n}\n')).to.deep.equal(["2:7 unclosed heredoc: no line 'EOT' ends it"]);
    });

    it('an unclosed comment', () => {
      expect(problems('a = 1\n/* never closed\nb = 2\n')).to.deep.equal(['2:1 unclosed comment']);
    });

    it('an unclosed list or call is closed where the next attribute starts', () => {
      expect(problems('a = [\n  1,\n  2\nb = 1\n')).to.deep.equal(["3:4 missing ']' to close the list opened at line 1"]);
      expect(problems('a = f(1,\nb = 2\n')).to.deep.equal(["1:9 missing ')' to close the '(' opened at line 1"]);
      expect(problems('a = { x = 1\nb {\n}\n')).to.deep.equal(["1:12 missing '}' to close the map opened at line 1"]);
      expect(survivors('a = [\n  1,\n  2\nb = 1\n')).to.deep.equal(['b']);
    });

    it('a mistyped closing bracket', () => {
      expect(problems('x {\n  a = [1, 2}\n  b = 2\n}\n')).to.deep.equal(["2:12 expected ']' to close the list, found '}'"]);
      expect(survivors('x {\n  a = [1, 2}\n  b = 2\n}\n')).to.deep.equal(['x{b}']);
    });

    it("missing '{' after a block header", () => {
      expect(problems('a "x"\n  name = 1\n}\n')).to.deep.equal([`1:6 missing '{' after the block header a "x"`]);
      expect(survivors('a "x"\n  name = 1\n}\n')).to.deep.equal(['a{name}']);
    });

    it('a brace on the line after the header is accepted', () => {
      expect(problems('a "x"\n{\n  name = 1\n}\n')).to.deep.equal([]);
    });

    it("':' instead of '=', and quoted attribute names", () => {
      expect(problems('a: 1\n')).to.deep.equal(["1:2 use '=' to set an attribute"]);
      expect(problems('"a" = 1\n')).to.deep.equal(['1:1 attribute names are not quoted']);
      expect(survivors('"a" = 1\nb: 2\n')).to.deep.equal(['a', 'b']);
    });

    it('an operator at the end of a line, or where an operand should be', () => {
      expect(problems('a = 1 +\nb = 2\n')).to.deep.equal(["1:7 expected an expression after '+'"]);
      expect(problems('a = x.\n')).to.deep.equal(["1:6 expected an expression after '.'"]);
      expect(problems('a = 1 + * 2\nb = 2\n')).to.deep.equal(["1:9 unexpected '*'"]);
      expect(problems('a = == 2\n')).to.deep.equal(["1:5 expected an expression after '=', found '=='"]);
      expect(problems('a = 1 = 2\n')).to.deep.equal(["1:7 unexpected '='"]);
    });

    it('missing commas and separators', () => {
      expect(problems('a = [1 2]\n')).to.deep.equal(["1:7 expected ',' between list items"]);
      expect(problems('a = f(x y)\n')).to.deep.equal(["1:8 expected ',' between function arguments"]);
      expect(problems('a = { b 2 }\n')).to.deep.equal(["1:8 missing '=' between key and value"]);
      expect(problems('a = { b = }\n')).to.deep.equal(["1:10 expected an expression after '='"]);
      expect(problems('a = { {} }\n')).to.deep.equal(["1:7 expected a key, found '{'"]);
      expect(problems('a = 1 2\n')).to.deep.equal(["1:7 unexpected '2'"]);
      expect(problems('a = "x" "y"\n')).to.deep.equal(['1:9 unexpected string']);
    });

    it('incomplete conditionals and for expressions', () => {
      expect(problems('a = x ? 1\nb = 1\n')).to.deep.equal(["1:10 expected ':' in the conditional"]);
      expect(problems('a = [x ? 1]\n')).to.deep.equal(["1:11 expected ':' in the conditional"]);
      expect(problems('a = [for x in : x]\nb = 1\n')).to.deep.equal(["1:14 expected an expression after 'in'"]);
      expect(problems('a = {for k, v in m : k}\nb = 1\n')).to.deep.equal(["1:23 expected '=>' in the for expression"]);
      expect(problems('a = f(,)\n')).to.deep.equal(["1:7 unexpected ','"]);
      expect(survivors('a = [for x in : x]\nb = 1\n')).to.deep.equal(['b']);
    });

    it('statements that are neither attributes nor blocks', () => {
      expect(problems('name\nx = 1\n')).to.deep.equal(["1:1 expected '=' or a block after 'name'"]);
      expect(survivors('name\nx = 1\n')).to.deep.equal(['x']);
      expect(problems('= 1\n')).to.deep.equal(["1:1 expected an attribute or a block, found '='"]);
      expect(problems('a.b = 1\n')).to.deep.equal(["1:2 expected '=' or '{' after 'a', found '.'"]);
      expect(problems('a "x" = 1\n')).to.deep.equal(['1:3 an attribute name cannot have labels']);
      expect(problems('"${x}"\n')).to.deep.equal(['1:1 expected an attribute or a block, found a string']);
    });

    it('a garbled block header keeps the block and its body', () => {
      const text = 'backup_vault. "main" {\n  name = "x"\n}\nb = 1\n';
      expect(problems(text)).to.deep.equal(["1:13 invalid block header: unexpected '.'"]);
      expect(survivors(text)).to.deep.equal(['b', 'backup_vault{name}']);
    });

    it('an empty interpolation', () => {
      expect(problems('a = "${}"\n')).to.deep.equal(['1:6 empty interpolation']);
    });

    it('gives every error a detail that says how to fix it', () => {
      for (const text of ['name = \n', 'a {\n', 'a = "x\n', '}\n', 'a "x" {\n  b "y"\n}\n', 'a = 1 @\n', 'rule 5 {}\n']) {
        for (const d of parse(text).diagnostics) {
          expect(d.severity).to.equal('error');
          expect(d.detail, d.summary).to.be.a('string').and.not.equal('');
          expect(d.range!.file).to.equal('main.bkp.hcl');
        }
      }
    });
  });

  describe('several errors in one file', () => {
    it('reports each independent error once, in order', () => {
      const text = [
        'backup_vault "a" {',
        '  name = ',
        '}',
        '',
        'backup_vault "b" {',
        '  name = "unclosed',
        '  tags = { team = "x" }',
        '}',
        '',
        'backup_plan "p" {',
        '  name "p"',
        '  rule 5 {',
        '  }',
        '}',
        '',
      ].join('\n');
      expect(problems(text)).to.deep.equal([
        "2:9 expected an expression after '='",
        '6:10 unclosed string',
        "11:7 missing '=' between attribute name and value",
        '12:8 block labels must be quoted strings',
      ]);
      expect(survivors(text)).to.deep.equal(['backup_vault{}', 'backup_vault{name,tags}', 'backup_plan{name}']);
    });

    it('reports one error, not a cascade, for one mistake on consecutive lines', () => {
      expect(problems('a = 1\nflush = <-EOT\n  Foo\n  Bar\nEOT\nb = 2\n')).to.deep.equal(["2:9 expected an expression after '=', found '<'"]);
    });

    it(`stops after ${MAX_SYNTAX_ERRORS} errors with a note`, () => {
      const text = Array.from({ length: 60 }, (_, k) => `a${k} = \n`).join('');
      const diagnostics = parse(text).diagnostics;
      expect(diagnostics).to.have.length(MAX_SYNTAX_ERRORS + 1);
      expect(diagnostics[MAX_SYNTAX_ERRORS]!.summary).to.equal('too many syntax errors');
    });
  });

  describe('robustness: never throws, whatever the input', () => {
    const fixtureDir = new URL('../fixtures/valid/', import.meta.url);
    const fixtures = readdirSync(fixtureDir).map((name) => readFileSync(new URL(name, fixtureDir), 'utf8'));

    function parsesSafely(text: string): void {
      const result = parse(text);
      for (const d of result.diagnostics) {
        expect(d.range, d.summary).to.not.equal(undefined);
        expect(d.range!.start.offset).to.be.within(0, text.length);
        expect(d.range!.end.offset).to.be.within(d.range!.start.offset, text.length);
      }
    }

    it('reads every prefix of every valid fixture', () => {
      for (const text of fixtures) {
        for (let cut = 0; cut < text.length; cut += 11) parsesSafely(text.slice(0, cut));
      }
    });

    it('reads random mutations of the fixtures', () => {
      let seed = 12345;
      const random = (): number => {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        return seed / 2147483648;
      };
      const alphabet = '{}[]()"\'$%<>=!&|+-*/.,:?#\\\n \t~@;`xyz09EOT\u00e9\uFFFD\u0000\r';
      for (const text of fixtures) {
        for (let k = 0; k < 25; k++) {
          const chars = text.split('');
          for (let edits = 1 + Math.floor(random() * 4); edits > 0; edits--) {
            const at = Math.floor(random() * chars.length);
            if (random() < 0.5) chars.splice(at, 1);
            else chars.splice(at, 0, alphabet[Math.floor(random() * alphabet.length)]!);
          }
          parsesSafely(chars.join(''));
        }
      }
    });

    it('reads binary garbage and invalid UTF-8 decoded as replacement characters', () => {
      let seed = 99;
      const random = (): number => {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        return seed / 2147483648;
      };
      for (let k = 0; k < 50; k++) {
        const bytes = Buffer.from(Array.from({ length: 200 + k * 20 }, () => Math.floor(random() * 256)));
        const text = bytes.toString('utf8');
        expect(text).to.contain('\uFFFD');
        parsesSafely(text);
      }
    });

    it('reports deep nesting instead of overflowing the stack', () => {
      for (const [open, close] of [['[', ']'], ['(', ')'], ['{a = ', '}'], ['f(', ')'], ['-', ''], ['!', '']] as const) {
        const text = `x = ${open.repeat(5000)}1${close.repeat(5000)}\n`;
        expect(parse(text).diagnostics.map((d) => d.summary), open).to.include('expression nested too deeply');
      }
      expect(problems(`x = ${'"${'.repeat(100)}1${'}"'.repeat(100)}\n`).map((p) => p.replace(/^\S+ /, ''))).to.deep.equal(['expression nested too deeply']);
      expect(problems(`${'a {\n'.repeat(300)}${'}\n'.repeat(300)}`).map((p) => p.replace(/^\S+ /, ''))).to.deep.equal(['expression nested too deeply']);
      parsesSafely('x = 1 + '.repeat(1) + '1 + '.repeat(5000) + '1\n');
      parsesSafely('['.repeat(20000));
      parsesSafely('a = "'.repeat(5000));
    });

    it('reads a very long line and a file of only separators', () => {
      parsesSafely(`x = "${'a'.repeat(200_000)}"\n`);
      parsesSafely('\n\n\r\n\t  \n');
      parsesSafely('\uFEFFa = 1\n');
      expect(problems('\uFEFFa = 1\n')).to.deep.equal([]);
    });
  });
});
