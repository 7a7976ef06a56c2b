// Seeded mutations for the hostile-input suite: bytes (truncation, flips, invalid UTF-8), JSON
// structure (a value replaced by another type, a huge value, deep nesting) and text (deep
// nesting, huge literals). Deterministic for a seed, so a failure names what to replay.
import { pick, randomInt } from './scale.js';

type Random = () => number;

export const DEEP = 10_000;

/** Byte sequences that are not UTF-8: a lone continuation byte, an overlong form, a surrogate, 0xFF. */
const INVALID_UTF8 = [Buffer.from([0x80]), Buffer.from([0xc0, 0xaf]), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from([0xff, 0xfe])];

export function mutateBytes(random: Random, input: Buffer): { name: string; bytes: Buffer } {
  const at = randomInt(random, input.length + 1);
  switch (randomInt(random, 4)) {
    case 0:
      return { name: `truncated at byte ${at}`, bytes: input.subarray(0, at) };
    case 1: {
      const out = Buffer.from(input);
      const flips = 1 + randomInt(random, 8);
      for (let i = 0; i < flips && out.length > 0; i++) out[randomInt(random, out.length)] ^= 1 << randomInt(random, 8);
      return { name: `${flips} bit flips`, bytes: out };
    }
    case 2:
      return { name: `invalid UTF-8 at byte ${at}`, bytes: Buffer.concat([input.subarray(0, at), pick(random, INVALID_UTF8), input.subarray(at)]) };
    default: {
      const end = Math.min(input.length, at + 1 + randomInt(random, 200));
      return { name: `bytes ${at}..${end} removed`, bytes: Buffer.concat([input.subarray(0, at), input.subarray(end)]) };
    }
  }
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Stands for DEEP nested lists until jsonText() writes them (JSON.stringify itself would overflow the stack). */
export const DEEP_MARKER = '\u0000deep-nesting\u0000';

/** The document as JSON text, deep-nesting markers expanded. */
export function jsonText(doc: Json): string {
  return JSON.stringify(doc).replaceAll(JSON.stringify(DEEP_MARKER), `${'['.repeat(DEEP)}1${']'.repeat(DEEP)}`);
}

const REPLACEMENTS: Array<[string, (random: Random) => Json]> = [
  ['null', () => null],
  ['a number', () => 42],
  ['a negative float', () => -1.5],
  ['a string', () => 'x'],
  ['an empty list', () => []],
  ['an empty object', () => ({})],
  ['true', () => true],
  ['a 1 MB string', () => 'A'.repeat(1 << 20)],
  ['1e308', () => 1e308],
  ['deeply nested lists', () => DEEP_MARKER],
  ['an object of the wrong shape', () => ({ unexpected: [1, { two: 2 }] })],
];

/** All paths to values in a JSON document (root excluded). */
function paths(value: Json, prefix: Array<string | number> = [], out: Array<Array<string | number>> = []): Array<Array<string | number>> {
  if (Array.isArray(value)) value.forEach((v, i) => (out.push([...prefix, i]), paths(v, [...prefix, i], out)));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push([...prefix, k]), paths(v, [...prefix, k], out);
  return out;
}

/** The document with one value (at a random path, or under `within` when given) replaced by a value of another type or size. */
export function mutateJson(random: Random, doc: Json, within?: string): { name: string; doc: Json } {
  const copy = structuredClone(doc);
  const candidates = paths(copy).filter((p) => within === undefined || p[0] === within);
  if (candidates.length === 0) return { name: 'unchanged', doc: copy };
  const path = pick(random, candidates);
  const [label, make] = pick(random, REPLACEMENTS);
  let parent = copy as Record<string | number, Json>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, Json>;
  parent[path[path.length - 1]!] = make(random);
  return { name: `${path.join('.')} replaced by ${label}`, doc: copy };
}

/** HCL texts that stress the parser and evaluator: deep nesting, huge literals. */
export function hostileHcl(): Array<{ name: string; text: string }> {
  const head = 'provider "sandbox" {\n  path = ".bkp/sandbox.json"\n}\n';
  return [
    { name: `${DEEP} nested lists`, text: `${head}locals {\n  x = ${'['.repeat(DEEP)}1${']'.repeat(DEEP)}\n}\n` },
    { name: `${DEEP} unclosed lists`, text: `${head}locals {\n  x = ${'['.repeat(DEEP)}\n}\n` },
    { name: `${DEEP} nested objects`, text: `${head}locals {\n  x = ${'{a = '.repeat(DEEP)}1${'}'.repeat(DEEP)}\n}\n` },
    { name: `${DEEP} nested parentheses`, text: `${head}locals {\n  x = ${'('.repeat(DEEP)}1${')'.repeat(DEEP)}\n}\n` },
    { name: `${DEEP} nested conditionals`, text: `${head}locals {\n  x = ${'true ? '.repeat(DEEP)}1${' : 0'.repeat(DEEP)}\n}\n` },
    { name: `${DEEP} chained additions`, text: `${head}locals {\n  x = 1${' + 1'.repeat(DEEP)}\n}\n` },
    { name: `${DEEP} nested blocks`, text: `${head}${'backup_vault "v" {\n'.repeat(DEEP)}${'}\n'.repeat(DEEP)}` },
    { name: `${DEEP} nested function calls`, text: `${head}locals {\n  x = ${'length(['.repeat(DEEP)}1${'])'.repeat(DEEP)}\n}\n` },
    { name: `${DEEP} nested template interpolations`, text: `${head}locals {\n  x = ${'"${'.repeat(DEEP)}1${'}"'.repeat(DEEP)}\n}\n` },
    { name: 'a 5 MB string tag', text: `${head}backup_vault "v" {\n  name = "v1"\n  tags = { big = "${'x'.repeat(5 << 20)}" }\n}\n` },
    { name: 'a huge number of days', text: `${head}backup_vault "v" {\n  name = "v1"\n  lock {\n    min_retention_days = 1${'0'.repeat(400)}\n  }\n}\n` },
    { name: 'a number beyond double precision', text: `${head}locals {\n  x = 123456789012345678901234567890 * 1e308\n}\n` },
    { name: 'a NUL byte', text: `${head}backup_vault "v" {\n  name = "v\u00001"\n}\n` },
  ];
}

/** JSON configuration texts that nest deeply. */
export function hostileJson(): Array<{ name: string; text: string }> {
  return [
    { name: `${DEEP} nested JSON arrays`, text: `{"locals": {"x": ${'['.repeat(DEEP)}1${']'.repeat(DEEP)}}}` },
    { name: `${DEEP} nested JSON objects`, text: `{"locals": {"x": ${'{"a":'.repeat(DEEP)}1${'}'.repeat(DEEP)}}}` },
    { name: `${DEEP} unclosed JSON arrays`, text: `{"locals": {"x": ${'['.repeat(DEEP)}` },
    { name: 'a JSON number beyond double precision', text: '{"locals": {"x": 1e999}}' },
  ];
}
