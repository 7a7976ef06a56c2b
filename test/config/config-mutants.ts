// The mutations of the configuration fuzzer (fuzz.test.ts), shared with the tests that run other
// code over the same corpus (bkp fmt's idempotence): a seeded PRNG and byte-level mutations of
// configuration text.

export type Random = () => number;

/** mulberry32: small, fast, and the same sequence on every machine. */
export function prng(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const below = (random: Random, n: number): number => Math.floor(random() * n);
export const pick = <T>(random: Random, items: readonly T[]): T => items[below(random, items.length)]!;

/** Characters that open, close or separate HCL constructs, plus tokens that start expressions. */
const TOKENS = [
  '{', '}', '=', '"', '$', '${', '(', ')', '[', ']', ',', '\n', '<<EOT\n', '<<-EOT\n', 'EOT\n', '%{', '#', '//', '/*', '*/',
  ':', '?', '.', '*', '-', '!', '&&', '==', '=>', '...', '\\', '\t', '\r\n', '\uFEFF', '\u0000', 'ü', '🚀',
  'backup_vault', 'backup_plan "x" {', 'rule "r" {', 'lock {', 'lifecycle {', 'for_each', 'each.key', 'each.value', 'var.env',
  'var.', 'local.', 'local.nope', 'backup_vault.main', 'backup_plan.standard.id', 'null', 'true', '-1', '1e999', '0x1F', '99999999999999999999',
  'for x in', 'if', 'file("x")', 'file("../../etc/passwd")', 'jsondecode("{")', 'format("%d", "x")', 'length(', 'merge({}, 1)',
  'cron(', 'rate(1 minute)', 'cron(* * * * ? *)', 'cron(0 5 ? * * *)', 'Etc/UTC', 'arn:aws:*', 'provider', 'sandbox.dr', 'aws.dr',
];

/** Invalid or awkward UTF-8: lone continuation, truncated sequences, surrogates, overlong forms. */
const BAD_UTF8 = [[0xff], [0x80], [0xc3], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xc0, 0xaf], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xef, 0xbb, 0xbf]];

type Mutation = (bytes: Buffer, random: Random) => Buffer;

const at = (bytes: Buffer, random: Random): number => below(random, bytes.length + 1);
const splice = (bytes: Buffer, start: number, end: number, insert: Buffer | string = Buffer.alloc(0)): Buffer =>
  Buffer.concat([bytes.subarray(0, start), typeof insert === 'string' ? Buffer.from(insert) : insert, bytes.subarray(end)]);

function lines(bytes: Buffer): string[] {
  return bytes.toString('utf8').split('\n');
}

/** The lines of a block that starts at line `first` (ends with `{`), up to its closing brace. */
function blockAt(all: string[], first: number): [number, number] | undefined {
  let depth = 0;
  for (let i = first; i < all.length; i++) {
    for (const c of all[i]!) depth += c === '{' ? 1 : c === '}' ? -1 : 0;
    if (depth <= 0) return i > first ? [first, i] : undefined;
  }
  return undefined;
}

const MUTATIONS: Record<string, Mutation> = {
  flipByte: (b, r) => {
    if (b.length === 0) return b;
    const copy = Buffer.from(b);
    copy[below(r, b.length)] = below(r, 256);
    return copy;
  },
  deleteSpan: (b, r) => {
    const start = at(b, r);
    return splice(b, start, Math.min(b.length, start + 1 + below(r, 24)));
  },
  insertToken: (b, r) => {
    const where = at(b, r);
    return splice(b, where, where, pick(r, TOKENS));
  },
  swapLines: (b, r) => {
    const all = lines(b);
    const i = below(r, all.length);
    const j = below(r, all.length);
    [all[i], all[j]] = [all[j]!, all[i]!];
    return Buffer.from(all.join('\n'));
  },
  truncate: (b, r) => b.subarray(0, at(b, r)),
  duplicateBlock: (b, r) => {
    const all = lines(b);
    const starts = all.map((l, i) => (l.trimEnd().endsWith('{') ? i : -1)).filter((i) => i >= 0);
    if (starts.length === 0) return b;
    const range = blockAt(all, pick(r, starts));
    if (!range) return b;
    const copy = all.slice(range[0], range[1] + 1);
    all.splice(below(r, all.length + 1), 0, ...copy);
    return Buffer.from(all.join('\n'));
  },
  invalidUtf8: (b, r) => {
    const where = at(b, r);
    return splice(b, where, where, Buffer.from(pick(r, BAD_UTF8)));
  },
  longString: (b, r) => {
    const where = at(b, r);
    const form = pick(r, ['closed', 'unclosed', 'bare'] as const);
    const plain = r() < 0.5;
    const unit = plain ? pick(r, ['a', 'é', ' ']) : pick(r, ['${', '$${', '%%{', '%{', '\\']);
    // Only a closed string of plain text is one token however long it is. Anything else makes the
    // parser recover from an error across the whole run, in time that grows quadratically with it
    // (20,000 spaces in a block header: about 5 s; 12,000 × "%%{": about 18 s), so it stays shorter.
    const body = unit.repeat(100 + below(r, plain && form === 'closed' ? 30_000 : 1_500));
    return splice(b, where, where, form === 'closed' ? `"${body}"` : form === 'unclosed' ? `"${body}` : body);
  },
  deepNesting: (b, r) => {
    const depth = 50 + below(r, 1000);
    const [open, close] = pick(r, [['[', ']'], ['(', ')'], ['{ a = ', ' }'], ['"${', '}"'], ['x { ', ' }']] as const);
    const closed = r() < 0.7;
    const where = at(b, r);
    return splice(b, where, where, `${open.repeat(depth)}1${closed ? close.repeat(depth) : ''}`);
  },
};

const MUTATION_NAMES = Object.keys(MUTATIONS);

/** One to three mutations of `text`, decoded as loadConfig decodes files (invalid UTF-8 → U+FFFD). */
export function mutate(text: string, random: Random): { text: string; steps: string[] } {
  let bytes: Buffer = Buffer.from(text);
  const steps: string[] = [];
  for (let n = 1 + below(random, 3); n > 0; n--) {
    const name = pick(random, MUTATION_NAMES);
    steps.push(name);
    bytes = MUTATIONS[name]!(bytes, random);
  }
  const decoded = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  return { text: decoded.charCodeAt(0) === 0xfeff ? decoded.slice(1) : decoded, steps };
}

