import { expect } from 'chai';
import { join } from 'node:path';
import { FUNCTIONS } from '../../src/config/functions.js';
import { UNKNOWN } from '../../src/core/values.js';
import { covered, evaluate, singleError, tempDir, value } from './evaluate-helpers.js';

/** A prelude that makes `local.unknown` a value known only after apply. */
const UNKNOWN_PRELUDE = 'provider "sandbox" {}\nbackup_vault "v" { name = "v" }\nlocals { unknown = backup_vault.v.arn }';

function argumentError(expression: string): { summary: string; detail: string; text: string } {
  const d = singleError(expression);
  const source = `\nlocals {\n  v = ${expression}\n}\n`;
  return { summary: d.summary, detail: d.detail ?? '', text: covered(source, d) };
}

describe('config/functions', () => {
  describe('list, string and number functions as Terraform has them', () => {
    it('flatten, distinct, sort, compact, reverse, element, slice and zipmap', () => {
      expect(value('flatten([["a", ["b"]], [], "c"])')).to.deep.equal(['a', 'b', 'c']);
      expect(value('distinct(["a", "b", "a", "c", "b"])')).to.deep.equal(['a', 'b', 'c']);
      expect(value('sort(["b", "a", "C"])')).to.deep.equal(['C', 'a', 'b']);
      expect(value('compact(["a", "", null, "b"])')).to.deep.equal(['a', 'b']);
      expect(value('reverse([1, 2, 3])')).to.deep.equal([3, 2, 1]);
      expect(value('element(["a", "b", "c"], 4)')).to.equal('b');
      expect(value('slice(["a", "b", "c", "d"], 1, 3)')).to.deep.equal(['b', 'c']);
      expect(value('zipmap(["dev", "prod"], [7, 35])')).to.deep.equal({ dev: 7, prod: 35 });
      expect(singleError('element([], 0)').detail).to.contain('empty list');
      expect(singleError('slice([1, 2], 1, 3)').detail).to.contain('0 <= start_index <= end_index <= 2');
      expect(singleError('zipmap(["a"], [1, 2])').detail).to.contain('1 and 2 elements');
    });

    it('substr, startswith, endswith, trimprefix, trimsuffix and title', () => {
      expect(value('substr("backup-vault", 7, 5)')).to.equal('vault');
      expect(value('substr("backup-vault", -5, -1)')).to.equal('vault');
      expect(value('substr("été ✓", 2, 3)')).to.equal('é ✓');
      expect([value('startswith("prod-eu", "prod")'), value('endswith("prod-eu", "us")')]).to.deep.equal([true, false]);
      expect([value('trimprefix("prod-eu", "prod-")'), value('trimsuffix("prod-eu", "-eu")'), value('trimprefix("eu", "prod-")')]).to.deep.equal(['eu', 'prod', 'eu']);
      expect(value('title("daily backup-plan")')).to.equal('Daily Backup-Plan');
    });

    it('substr past the end is empty and a negative length reaches the end, as in Terraform', () => {
      expect([value('substr("hello", 10, 1)'), value('substr("hello", 5, 1)'), value('substr("hello", 2, -2)'), value('substr("hello", -10, 2)')]).to.deep.equal(['', '', 'llo', 'he']);
    });

    it('title separates words as Go\'s strings.Title: "_" joins, other ASCII punctuation separates', () => {
      expect(value('title("foo_bar")')).to.equal('Foo_bar');
      expect(value('title("it\'s a x.y 1st é-b fooBar")')).to.equal("It'S A X.Y 1st É-B FooBar");
      expect(value('title("a\\tb\\nc")')).to.equal('A\tB\nC');
    });

    it('range, index and coalescelist', () => {
      expect([value('range(3)'), value('range(1, 4)'), value('range(0, 10, 5)'), value('range(3, 0)'), value('range(0)')]).to.deep.equal([[0, 1, 2], [1, 2, 3], [0, 5], [3, 2, 1], []]);
      expect(singleError('range(0, 5, 0)').detail).to.contain('step cannot be 0');
      expect(singleError('range(0, 5, -1)').detail).to.contain('never goes from 0 to 5');
      expect(singleError('range(2000)').detail).to.contain('1024');
      expect(value('index(["dev", "prod"], "prod")')).to.equal(1);
      expect(singleError('index(["dev"], "qa")').detail).to.contain('not in the list');
      expect(value('coalescelist([], ["a"], ["b"])')).to.deep.equal(['a']);
    });

    it('sum, abs, ceil, floor and tobool', () => {
      expect([value('sum([1, 2.5, 3])'), value('abs(-4)'), value('ceil(1.2)'), value('floor(1.8)')]).to.deep.equal([6.5, 4, 2, 1]);
      expect([value('tobool("true")'), value('tobool(false)'), value('tobool(null)')]).to.deep.equal([true, false, null]);
      expect(singleError('sum([])').detail).to.contain('empty list');
      expect(singleError('tobool("yes")').summary).to.equal('Invalid function argument');
    });
  });

  describe('try and can', () => {
    it('try gives the first expression that evaluates without an error, and takes back what the others reported', () => {
      const prelude = 'variable "settings" {\n  default = { retention = 35 }\n}';
      expect(value('try(var.settings.missing, var.settings.retention, 7)', prelude)).to.equal(35);
      expect(value('try(tonumber("x"), 7)')).to.equal(7);
      expect(value('try(["a"][3], "none")')).to.equal('none');
      expect(value('[for s in ["1", "x"] : try(tonumber(s), -1)]')).to.deep.equal([1, -1]);
    });

    it('can says whether its expression evaluates without an error; both pass unknown values on', () => {
      expect([value('can(tonumber("12"))'), value('can(tonumber("x"))'), value('can(["a"][1])')]).to.deep.equal([true, false, false]);
      const prelude = 'provider "sandbox" {}\nbackup_vault "v" { name = "v" }';
      expect(value('try(backup_vault.v.arn, "x")', prelude)).to.equal(UNKNOWN);
      expect(value('can(backup_vault.v.arn)', prelude)).to.equal(UNKNOWN);
    });

    it('reports when every attempt fails, an undeclared reference even inside try, and a wrong number of expressions', () => {
      const none = singleError('try(tonumber("x"), ["a"][3])');
      expect(none.summary).to.equal('Invalid function argument');
      expect(none.detail).to.contain('No expression given to try() could be evaluated without an error');
      expect(singleError('try(var.undeclared, 1)').summary).to.equal('Reference to undeclared input variable');
      expect(singleError('can(1, 2)').detail).to.contain('exactly one expression');
      expect(singleError('try()').detail).to.contain('at least one');
    });
  });

  describe('one', () => {
    it('gives the element of a one-element list, null for an empty one, and refuses more', () => {
      expect(value('one(["a"])')).to.equal('a');
      expect(value('one([])')).to.equal(null);
      expect(value('one([for s in ["x"] : upper(s)])')).to.equal('X');
      const d = singleError('one([1, 2])');
      expect(d.summary).to.equal('Invalid function argument');
      expect(d.detail).to.contain('the list has 2 elements');
    });
  });


  describe('file', () => {
    const dir = tempDir({ 'policy.json': '{"a": 1}' });

    it('reads a file relative to the configuration directory', () => {
      expect(value('file("policy.json")', '', { dir })).to.equal('{"a": 1}');
      expect(value('file("./policy.json")', '', { dir })).to.equal('{"a": 1}');
    });

    it('reads an absolute path', () => {
      expect(value(`file(${JSON.stringify(join(dir, 'policy.json'))})`, '', { dir: tempDir() })).to.equal('{"a": 1}');
    });

    it('refuses a relative path that escapes the configuration directory', () => {
      const d = singleError('file("../outside.json")', '', { dir });
      expect(d.summary).to.equal('Invalid function argument');
      expect(d.detail).to.contain('file(): cannot read outside the configuration directory; give an absolute path if you mean it');
    });

    it('reports a missing file at the argument', () => {
      const { diagnostics } = evaluate('file("nope.json")', '', { dir });
      expect(diagnostics).to.have.length(1);
      expect(diagnostics[0]!.detail).to.contain('no file exists at "nope.json"');
      expect(diagnostics[0]!.range!.start.column).to.equal(12);
    });

    it('reports a directory', () => {
      expect(singleError('file(".")', '', { dir }).detail).to.contain('directory');
    });
  });

  describe('JSON', () => {
    it('encodes with sorted keys', () => {
      expect(value('jsonencode({ b = [1, true, null], a = "x" })')).to.equal('{"a":"x","b":[1,true,null]}');
    });

    it('escapes <, >, & and U+2028 as Terraform does, and writes numbers with every digit', () => {
      expect(value('jsonencode("<>&")')).to.equal('"\\u003c\\u003e\\u0026"');
      expect(value('jsonencode({"<a>" = "\\u2028\\u2029"})')).to.equal('{"\\u003ca\\u003e":"\\u2028\\u2029"}');
      expect(value('jsonencode([1e21, 1e-7, 1.5e-10, 0.1, 100, -2.5e22])')).to.equal('[1000000000000000000000,0.0000001,0.00000000015,0.1,100,-25000000000000000000000]');
      expect([value('tostring(1e21)'), value('"x${1e-7}"'), value('tostring(-0.0)')]).to.deep.equal(['1000000000000000000000', 'x0.0000001', '-0']);
    });

    it('decodes', () => {
      expect(value('jsondecode("{\\"a\\": [1, 2]}")')).to.deep.equal({ a: [1, 2] });
    });

    it('reports invalid JSON', () => {
      const e = argumentError('jsondecode("{oops")');
      expect(e.summary).to.equal('Invalid function argument');
      expect(e.detail).to.contain('not valid JSON');
      expect(e.text).to.equal('"{oops"');
    });

    it('jsondecode() says when the JSON is nested too deeply, instead of overflowing the stack', () => {
      const deep = `${'['.repeat(2500)}${']'.repeat(2500)}`;
      expect(argumentError(`jsondecode(${JSON.stringify(deep)})`).detail).to.equal('jsondecode(): the JSON is nested more than 200 levels deep, the most bkp reads.');
      const ok = `${'['.repeat(200)}${']'.repeat(200)}`;
      expect(value(`length(jsondecode(${JSON.stringify(ok)}))`)).to.equal(1);
    });
  });

  describe('collections', () => {
    it('merges maps, later keys winning, skipping null', () => {
      expect(value('merge({ a = 1, b = 1 }, null, { b = 2 })')).to.deep.equal({ a: 1, b: 2 });
    });

    it('refuses a list in merge at that argument', () => {
      const e = argumentError('merge({}, [1])');
      expect(e.detail).to.contain('argument 2 must be a map');
      expect(e.text).to.equal('[1]');
    });

    it('concatenates lists and refuses other values', () => {
      expect(value('concat([1], [], ["a"])')).to.deep.equal([1, 'a']);
      expect(argumentError('concat([1], "x")').text).to.equal('"x"');
    });

    it('converts with toset, tolist and tomap', () => {
      expect(value('toset(["b", "a", "b"])')).to.deep.equal(['a', 'b']);
      expect(value('toset([1, "a"])')).to.deep.equal(['1', 'a']);
      expect(value('tolist(["x"])')).to.deep.equal(['x']);
      expect(value('tomap({ a = 1, b = "x" })')).to.deep.equal({ a: '1', b: 'x' });
      expect(argumentError('tomap([1])').detail).to.contain('a map is required');
    });

    it('lists keys and values in key order', () => {
      expect(value('keys({ b = 1, a = 2 })')).to.deep.equal(['a', 'b']);
      expect(value('values({ b = 1, a = 2 })')).to.deep.equal([2, 1]);
    });

    it('looks up with and without a default', () => {
      expect(value('lookup({ a = 1 }, "a")')).to.equal(1);
      expect(value('lookup({ a = 1 }, "b", 7)')).to.equal(7);
      const e = argumentError('lookup({ a = 1 }, "b")');
      expect(e.detail).to.contain('no key "b"');
      expect(e.text).to.equal('"b"');
    });

    it('tests membership', () => {
      expect(value('[contains(["a", "b"], "b"), contains([1], "1")]')).to.deep.equal([true, false]);
    });

    it('measures strings, lists and maps', () => {
      expect(value('[length("héllo"), length([1, 2]), length({ a = 1 })]')).to.deep.equal([5, 2, 1]);
      expect(argumentError('length(5)').detail).to.contain('strings, lists and maps');
    });

    it('knows the length of a list with unknown elements', () => {
      expect(value('length([local.unknown, 1])', UNKNOWN_PRELUDE)).to.equal(2);
    });
  });

  describe('strings', () => {
    it('changes case and trims', () => {
      expect(value('[lower("AbC"), upper("AbC"), trimspace("  x \\n")]')).to.deep.equal(['abc', 'ABC', 'x']);
    });

    it('joins and splits', () => {
      expect(value('join("-", ["a", "b"], ["c"])')).to.equal('a-b-c');
      expect(value('join(",", [1, 2])')).to.equal('1,2');
      expect(value('split(",", "a,b,,c")')).to.deep.equal(['a', 'b', '', 'c']);
    });

    it('refuses a null element in join', () => {
      expect(argumentError('join(",", ["a", null])').detail).to.contain('element 1');
    });

    it('replaces substrings and regular expressions', () => {
      expect(value('replace("a.b.c", ".", "-")')).to.equal('a-b-c');
      expect(value('replace("daily-01", "/[0-9]+/", "N")')).to.equal('daily-N');
      expect(value('replace("ab", "/(a)(b)/", "$2$1")')).to.equal('ba');
      expect(argumentError('replace("x", "/(/", "y")').text).to.equal('"/(/"');
    });

    it('reads regular expressions as RE2 writes them: leading flags, (?P<name>…) and \\pL', () => {
      expect(value('replace("ABC", "/(?i)b/", "x")')).to.equal('AxC');
      expect(value('replace("a\\nb", "/(?s)a.b/", "X")')).to.equal('X');
      expect(value('replace("a\\nb", "/(?m)^b/", "X")')).to.equal('a\nX');
      expect(value('replace("A\\nB", "/(?i)(?s)a.b/", "X")')).to.equal('X');
      expect(value('replace("abc", "/(?P<n>b)/", "<$n>")')).to.equal('a<b>c');
      expect(value('replace("é1", "/\\\\pL/", "-")')).to.equal('-1');
    });

    it('says which RE2 syntax bkp cannot run, and never shows JavaScript\'s form of the pattern', () => {
      const inner = argumentError('replace("aXb", "/a(?i:x)b/", "Y")');
      expect(inner.detail).to.contain('only at the start of the pattern, not "(?i:" at character 2');
      expect(inner.text).to.equal('"/a(?i:x)b/"');
      const invalid = argumentError('replace("x", "/(/", "y")').detail;
      expect(invalid).to.contain('the regular expression /(/ is not valid: ');
      expect(invalid).not.to.match(/\/gu|Invalid regular expression:/);
    });

    it('expands a replacement as Go does: $1x names group "1x", ${1}, $$, and no $&', () => {
      expect(value('replace("abc", "/(b)/", "$10")')).to.equal('ac');
      expect(value('replace("abc", "/(b)/", "$1x|$${1}x|$$|$")')).to.equal('a|bx|$|$c');
      expect(value('replace("abc", "/b/", "[$&]")')).to.equal('a[$&]c');
    });

    it('ignores an empty match right after a match, as Go does', () => {
      expect([value('replace("ab", "/a|/", "-")'), value('replace("xa", "/(?i)A|/", "-")'), value('replace("abc", "//", "-")'), value('replace("aaa", "/a*?/", "-")')]).to.deep.equal([
        '-b-',
        '-x-',
        '-a-b-c-',
        '-a-a-a-',
      ]);
    });

    it('replaces an empty substring before each character and at the end, as Terraform', () => {
      expect([value('replace("hello", "", "x")'), value('replace("", "", "x")'), value('replace("é✓", "", "-")')]).to.deep.equal(['xhxexlxlxox', 'x', '-é-✓-']);
    });

    it('converts with tostring and tonumber', () => {
      expect(value('[tostring(5), tostring(true), tostring(null), tonumber("42"), tonumber(1.5), tonumber(null)]')).to.deep.equal([
        '5',
        'true',
        null,
        42,
        1.5,
        null,
      ]);
      expect(argumentError('tostring([1])').detail).to.contain('jsonencode');
      expect(argumentError('tonumber("abc")').detail).to.contain('not a number');
      // As cty converts: a sign, but no spaces around the number.
      expect([value('tonumber("+5")'), value('tonumber(".5")'), value('tonumber("5.")')]).to.deep.equal([5, 0.5, 5]);
      expect(argumentError('tonumber(" 5")').detail).to.contain('not a number');
      expect(argumentError('tonumber("5\\n")').detail).to.contain('not a number');
    });
  });

  describe('format', () => {
    it('formats %s %d %q %v %t %f and %%', () => {
      expect(value('format("%s-%d-%q-%v-%v-%t-%.2f-100%%", "a", 7, "q", [1], "v", true, 3.14159)')).to.equal('a-7-"q"-[1]-v-true-3.14-100%');
    });

    it('has Terraform\'s other verbs: %b %o %x %X %e %E %g %G, with "#" and precision', () => {
      expect(value('format("%x %o %b %e", 255, 8, 5, 1234.5)')).to.equal('ff 10 101 1.234500e+03');
      expect(value('format("%X %E %g %G", 255, 1234.5, 1234.5, 1e21)')).to.equal('FF 1.234500E+03 1234.5 1E+21');
      expect(value('format("%.3d|%#b|%#x|%#X|%x", 7, 5, -255, 255, 1e21)')).to.equal('007|0b101|-0xff|0XFF|3635c9adc5dea00000');
      expect(value('format("%g %g %g %.3g %.0g", 100000, 1000000, 0.000001, 1234.5678, 2.5)')).to.equal('100000 1e+06 1e-06 1.23e+03 2');
      expect(value('format("%v|%v|%s|%f", 1e21, 1e-7, 1e21, 1e21)')).to.equal('1e+21|1e-07|1000000000000000000000|1000000000000000000000.000000');
    });

    it('rounds halves to even on the exact value, as Go does', () => {
      expect(value('format("%.0f %.0f %.0f %.0f", 0.5, 1.5, 2.5, 3.5)')).to.equal('0 2 2 4');
      expect(value('format("%.1f %.1f %.2f %.0e", 0.25, 0.35, 1.005, 25)')).to.equal('0.2 0.3 1.00 2e+01');
    });

    it('takes explicit argument indexes, and converts text for %t and the number verbs', () => {
      expect(value('format("%[2]s %[1]s", "a", "b")')).to.equal('b a');
      expect(value('format("%[1]s %[1]s", "a")')).to.equal('a a');
      expect(argumentError('format("%[3]s", "a")').detail).to.contain('no value for %[3]s');
      expect(value('format("%t %d %e", "true", "12", "12")')).to.equal('true 12 1.200000e+01');
      expect(argumentError('format("%t", 1)').detail).to.contain('%t needs a bool');
    });

    it('pads to a width', () => {
      expect(value('format("[%5s][%-3s][%03d][%+d]", "ab", "x", 7, 5)')).to.equal('[   ab][x  ][007][+5]');
      // As Terraform's: "0" pads strings too, and %t takes no width.
      expect(value('format("[%05s][%5t][%08.3f]", "ab", true, -3.14159)')).to.equal('[000ab][true][-003.142]');
    });

    it('reports missing and extra arguments', () => {
      expect(argumentError('format("%s %s", "a")').detail).to.contain('not enough arguments');
      const extra = argumentError('format("%s", "a", "b")');
      expect(extra.detail).to.contain('too many arguments');
      expect(extra.text).to.equal('"b"');
    });

    it('refuses absurd widths instead of building huge strings', () => {
      expect(argumentError('format("%999999999d", 1)').detail).to.contain('too large');
    });

    it('reports a wrong value for a verb at that argument', () => {
      const e = argumentError('format("%d", "x")');
      expect(e.detail).to.contain('%d needs a number');
      expect(e.text).to.equal('"x"');
      expect(argumentError('format("%d", 1.5)').detail).to.contain('whole number');
      expect(argumentError('format("%y", 1)').detail).to.contain('unsupported verb');
    });
  });

  describe('coalesce, min and max', () => {
    it('returns the first non-null, non-empty value', () => {
      expect(value('coalesce(null, "", "x", "y")')).to.equal('x');
      expect(argumentError('coalesce(null, "")').detail).to.contain('null or empty');
    });

    it('is unknown when an unknown value comes first', () => {
      expect(value('coalesce(local.unknown, "x")', UNKNOWN_PRELUDE)).to.equal(UNKNOWN);
      expect(value('coalesce("x", local.unknown)', UNKNOWN_PRELUDE)).to.equal('x');
    });

    it('finds the minimum and maximum', () => {
      expect(value('[min(3, 1, 2), max(3, "7", 2)]')).to.deep.equal([1, 7]);
      expect(singleError('min()').detail).to.contain('at least one number');
      // Called directly: a list this long must not be spread into arguments (call stack limits).
      const long = Array.from({ length: 500_000 }, (_, i) => i);
      expect(FUNCTIONS.get('max')!.impl(long, { dir: '.' })).to.equal(499_999);
      expect(argumentError('max(1, "x")').text).to.equal('"x"');
    });
  });

  describe('calls', () => {
    it('reports an unknown function with a suggestion, at its name', () => {
      const d = singleError('jsonencod({})');
      expect(d.summary).to.equal('Call to unknown function');
      expect(d.detail).to.contain('Did you mean "jsonencode"?');
      expect(d.range!.end.column - d.range!.start.column).to.equal('jsonencod'.length);
    });

    it('reports wrong arity', () => {
      const few = singleError('lower()');
      expect(few.summary).to.equal('Invalid function argument');
      expect(few.detail).to.contain('lower(str) needs 1 argument');
      const many = argumentError('lower("a", "b")');
      expect(many.detail).to.contain('takes at most 1 argument');
      expect(many.text).to.equal('"b"');
    });

    it('reports an argument of the wrong type at that argument', () => {
      const e = argumentError('upper(["a"])');
      expect(e.summary).to.equal('Invalid function argument');
      expect(e.detail).to.contain('"str" argument of upper()');
      expect(e.text).to.equal('["a"]');
    });

    it('refuses null where a value is needed', () => {
      expect(argumentError('upper(null)').detail).to.contain('must not be null');
    });

    it('expands a final list argument with ...', () => {
      expect(value('max([1, 5, 3]...)')).to.equal(5);
      expect(argumentError('max(1...)').summary).to.equal('Invalid expanding argument value');
    });

    it('returns unknown for unknown arguments', () => {
      for (const call of ['upper(local.unknown)', 'jsonencode({ a = local.unknown })', 'format("%s", local.unknown)', 'merge(local.unknown, {})', 'join(",", [local.unknown])']) {
        expect(value(call, UNKNOWN_PRELUDE), call).to.equal(UNKNOWN);
      }
    });

    it('keeps known parts of structural functions with unknown elements', () => {
      expect(value('keys(merge({ a = local.unknown }, { b = 1 }))', UNKNOWN_PRELUDE)).to.deep.equal(['a', 'b']);
    });
  });
});
