// Evaluation under hostile expressions: each limit ends in one error at the expression that passed
// it (file:line:column), never in a hang, a RangeError or gigabytes of memory.
import { expect } from 'chai';
import type { Diagnostic } from '../../src/core/diagnostics.js';
import { EVALUATION_LIMITS } from '../../src/config/evaluation-limits.js';
import { unsafePatternReason } from '../../src/config/regex-safety.js';
import { evaluate, load, value } from './evaluate-helpers.js';

const LIMIT = 'Evaluation limit exceeded';
const HUNDRED = `[${Array.from({ length: 100 }, (_, i) => i).join(', ')}]`;

function errorsOf(diagnostics: readonly Diagnostic[]): Array<{ summary: string; detail: string; line: number; column: number }> {
  return diagnostics
    .filter((d) => d.severity === 'error')
    .map((d) => ({ summary: d.summary, detail: d.detail ?? '', line: d.range!.start.line, column: d.range!.start.column }));
}

describe('config: evaluation limits', () => {
  describe('regular expressions', () => {
    it('refuses patterns that backtrack catastrophically, at the pattern argument', () => {
      const errors = errorsOf(evaluate(`replace("${'a'.repeat(5000)}!", "/(a+)+$/", "")`).diagnostics);
      expect(errors).to.have.length(1);
      expect(errors[0]!.summary).to.equal('Invalid function argument');
      expect(errors[0]!.detail).to.contain('replace(): the regular expression /(a+)+$/ is refused: it has a repeated group that itself repeats ("(a+)+" at character 1)');
      const line = `  v = replace("${'a'.repeat(5000)}!", "/(a+)+$/", "")`;
      expect(errors[0]!.column).to.equal(line.indexOf('"/(a+)') + 1);
    });

    it('names each refused construct', () => {
      expect(unsafePatternReason('(a*)*')).to.contain('a repeated group that itself repeats');
      expect(unsafePatternReason('(?:a|aa)+$')).to.contain('a repeated group with alternatives');
      expect(unsafePatternReason('((ab)+c){2,}')).to.contain('"((ab)+c){2,}"');
      expect(unsafePatternReason('(a)\\1')).to.contain('backreference');
      expect(unsafePatternReason('(?<n>a)\\k<n>')).to.contain('backreference');
      expect(unsafePatternReason('a(?=b)')).to.contain('lookaround ("(?=" at character 2)');
      expect(unsafePatternReason('(?<!b)a')).to.contain('lookaround ("(?<!" at character 1)');
    });

    it('accepts what RE2 runs in linear time as JavaScript does', () => {
      for (const pattern of ['a+b*', '^(foo|bar)$', '(ab)+', '(a+)?', '(a+){1}', '[(+*)]+', '\\(a+\\)+', '(?:x[0-9]+)-y', '(?<year>\\d{4})-\\d{2}']) {
        expect(unsafePatternReason(pattern), pattern).to.equal(undefined);
      }
      expect(value('replace("2026-11-25", "/(\\\\d{4})-(\\\\d+)-(\\\\d+)/", "$3.$2.$1")')).to.equal('25.11.2026');
    });
  });

  describe('collections', () => {
    it('stops five nested for expressions over 100 items at the expression', () => {
      const nested = `[for a in ${HUNDRED} : [for b in ${HUNDRED} : [for c in ${HUNDRED} : [for d in ${HUNDRED} : [for e in ${HUNDRED} : e]]]]]`;
      const errors = errorsOf(evaluate(nested).diagnostics);
      expect(errors).to.have.length(1);
      expect(errors[0]!.summary).to.equal(LIMIT);
      expect(errors[0]!.detail).to.equal('This value would have more than 100,000 elements, the most a list, set or map may hold.');
      expect(errors[0]!.line).to.equal(3);
    });

    it('counts the work of nested for expressions that build nothing large', () => {
      const inner = (v: string, body: string) => `length([for ${v} in ${HUNDRED} : ${body}])`;
      const expression = inner('a', inner('b', inner('c', inner('d', inner('e', 'e')))));
      const errors = errorsOf(evaluate(expression).diagnostics);
      expect(errors).to.have.length(1);
      expect(errors[0]!.summary).to.equal(LIMIT);
      expect(errors[0]!.detail).to.contain(`more than ${EVALUATION_LIMITS.steps.toLocaleString('en-US')} steps`);
    });

    it('stops lists that double through locals, also when they share their items', () => {
      for (const double of ['concat(local.a$, local.a$)', '[local.a$, local.a$]', '{ x = local.a$, y = local.a$ }']) {
        const locals = ['a0 = ["x"]', ...Array.from({ length: 40 }, (_, i) => `a${i + 1} = ${double.replaceAll('$', String(i))}`), 'json = jsonencode(local.a40)'];
        const errors = errorsOf(load(`locals {\n${locals.join('\n')}\n}\n`).diagnostics);
        expect(errors.length, double).to.be.greaterThan(0);
        expect(errors.every((e) => e.summary === LIMIT), JSON.stringify(errors)).to.equal(true);
      }
    });

    it('refuses a split into more parts than the limit without making them', () => {
      const errors = errorsOf(evaluate(`split(",", join(",", [for a in ${HUNDRED} : join(",", [for b in ${HUNDRED} : join(",", [for c in [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] : "x"])])]))`).diagnostics);
      expect(errors).to.have.length(1);
      expect(errors[0]!.detail).to.equal('split(): the list of parts would have more than 100,000 elements, the most a list, set or map may hold.');
    });

    it('refuses for_each with more instances than the limit', () => {
      const keys = `[for i in ${HUNDRED} : [for j in concat(${HUNDRED}, [100]) : "\${i}-\${j}"]]`;
      const text = `provider "sandbox" {}\nlocals { keys = concat(${keys}...) }\nbackup_vault "v" {\n  for_each = toset(local.keys)\n  name     = each.key\n}\n`;
      const errors = errorsOf(load(text).diagnostics);
      expect(errors).to.have.length(1);
      expect(errors[0]!.summary).to.equal('Invalid for_each argument');
      expect(errors[0]!.detail).to.contain('The for_each value has 10,100 elements');
    });
  });

  describe('strings', () => {
    it('stops a string that doubles through 40 locals at the template', () => {
      const locals = ['a0 = "xx"', ...Array.from({ length: 40 }, (_, i) => `a${i + 1} = "\${local.a${i}}\${local.a${i}}"`)];
      const errors = errorsOf(load(`locals {\n${locals.join('\n')}\n}\n`).diagnostics);
      expect(errors).to.have.length(1);
      expect(errors[0]).to.deep.include({ summary: LIMIT, detail: 'This string would be longer than 16 Mi characters, the most a string may hold.', line: 26, column: 7 });
    });

    it('stops functions that would build a string past the limit', () => {
      const big = ['a0 = "xxxxxxxx"', ...Array.from({ length: 21 }, (_, i) => `a${i + 1} = "\${local.a${i}}\${local.a${i}}"`)];
      for (const call of ['join(local.a21, ["a", "b", "c"])', 'replace(local.a21, "x", "yy")', 'replace(local.a21, "/x/", "yy")', 'format("%s%s%s", local.a21, local.a21, local.a21)', 'jsonencode([local.a21, local.a21, local.a21])', 'upper("${local.a21}${local.a21}${local.a21}")']) {
        const errors = errorsOf(load(`locals {\n${big.join('\n')}\nv = ${call}\n}\n`).diagnostics);
        expect(errors.map((e) => e.summary), call).to.deep.equal([LIMIT]);
        expect(errors[0]!.line, call).to.equal(big.length + 2);
      }
    });
  });

  it('leaves normal configurations alone', () => {
    expect(value('length([for a in [1, 2, 3] : [for b in [1, 2] : a * b]])')).to.equal(3);
    expect(value('jsonencode({ b = [1, "x"], a = null })')).to.equal('{"a":null,"b":[1,"x"]}');
    expect(value('split(",", "a,b,c")')).to.deep.equal(['a', 'b', 'c']);
    // replace() with a pattern gives what Go's ReplaceAllString gives (as Terraform), empty matches
    // and groups included; "$&" means nothing in Go.
    expect(value('replace("abc", "/x*/", "-")')).to.equal('-a-b-c-');
    expect(value('replace("a1b22😀", "/(\\\\d+)|$/", "<$1$&$$>")')).to.equal('a<1$&$>b<22$&$>😀<$&$>');
  });
});
