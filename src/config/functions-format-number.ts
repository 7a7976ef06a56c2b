// The number verbs of format() as Go's fmt writes them for Terraform. Decimal rounding is done on
// the exact value of the number, halves to even as Go rounds them: format("%.0f", 2.5) is "2",
// where JavaScript's toFixed gives "3".

/** Digits of a number and where its decimal point is: the value is 0.DIGITS × 10^point. */
interface Decimal {
  digits: string;
  point: number;
}

/** The exact decimal value of a finite number >= 0 (every double is a fraction m / 2^k). */
function exactDecimal(x: number): Decimal {
  if (x === 0) return { digits: '', point: 0 };
  let k = 0;
  let m = x;
  while (!Number.isInteger(m)) {
    m *= 2;
    k++;
  }
  const all = (BigInt(m) * 5n ** BigInt(k)).toString();
  return { digits: all.replace(/0+$/, ''), point: all.length - k };
}

/** The shortest digits that give back the number (as JavaScript prints it). */
function shortestDecimal(x: number): Decimal {
  if (x === 0) return { digits: '', point: 0 };
  const [mantissa = '', exponent = ''] = x.toExponential().split('e');
  return { digits: mantissa.replace('.', '').replace(/0+$/, ''), point: 1 + Number(exponent) };
}

/** The decimal rounded to `keep` significant digits, halves to even; trailing zeros dropped. */
function round(d: Decimal, keep: number): Decimal {
  if (keep >= d.digits.length) return d;
  if (keep < 0) return { digits: '', point: d.point };
  const kept = d.digits.slice(0, keep);
  const next = d.digits[keep]!;
  const rest = d.digits.slice(keep + 1);
  const up = next > '5' || (next === '5' && (rest !== '' || (keep > 0 && Number(kept[keep - 1]) % 2 === 1)));
  if (!up) return { digits: kept.replace(/0+$/, ''), point: d.point };
  const bumped = (BigInt(kept === '' ? '0' : kept) + 1n).toString();
  // 99 becomes 100: one digit more before the point.
  const point = d.point + (bumped.length > kept.length ? 1 : 0);
  return { digits: bumped.replace(/0+$/, ''), point };
}

/** DIGITS with `decimals` digits after the point (%f). */
function fixed(d: Decimal, decimals: number): string {
  const whole = d.point > 0 ? d.digits.slice(0, d.point).padEnd(d.point, '0') : '0';
  const fraction = (d.point >= 0 ? d.digits.slice(d.point) : '0'.repeat(-d.point) + d.digits).padEnd(decimals, '0').slice(0, decimals);
  return decimals > 0 ? `${whole}.${fraction}` : whole;
}

/** D.DDDDe±XX with `decimals` digits after the point (%e). */
function exponential(d: Decimal, decimals: number, e: string): string {
  const digits = d.digits === '' ? '0' : d.digits;
  const exponent = d.digits === '' ? 0 : d.point - 1;
  const fraction = digits.slice(1).padEnd(decimals, '0').slice(0, decimals);
  const sign = exponent < 0 ? '-' : '+';
  return `${digits[0]}${decimals > 0 ? `.${fraction}` : ''}${e}${sign}${String(Math.abs(exponent)).padStart(2, '0')}`;
}

/** %e %E %f %g %G of a finite number >= 0; no precision is 6 digits, or for %g the shortest. */
export function formatFloat(x: number, verb: string, precision: number | undefined): string {
  const e = verb === 'E' || verb === 'G' ? 'E' : 'e';
  if (verb === 'f') {
    const decimals = precision ?? 6;
    const d = exactDecimal(x);
    return fixed(round(d, d.point + decimals), decimals);
  }
  if (verb === 'e' || verb === 'E') {
    const decimals = precision ?? 6;
    return exponential(round(exactDecimal(x), decimals + 1), decimals, e);
  }
  // %g as Go's: %e for an exponent below -4 or from the precision up (6 for the shortest), else %f.
  const shortest = precision === undefined;
  let digits = shortest ? 0 : Math.max(precision, 1);
  const d = shortest ? shortestDecimal(x) : round(exactDecimal(x), digits);
  if (shortest) digits = d.digits.length;
  let eprec = digits;
  if (eprec > d.digits.length && d.digits.length >= d.point) eprec = d.digits.length;
  if (shortest) eprec = 6;
  const exponent = d.point - 1;
  if (d.digits !== '' && (exponent < -4 || exponent >= eprec)) return exponential(d, Math.max(Math.min(digits, d.digits.length) - 1, 0), e);
  if (digits > d.point) digits = d.digits.length;
  return fixed(d, Math.max(digits - d.point, 0));
}

/** %d %b %o %x %X of a whole number >= 0: at least `precision` digits, "#" adds Go's prefix. */
export function formatInteger(n: number, verb: string, precision: number | undefined, sharp: boolean): string {
  const radix = { d: 10, b: 2, o: 8, x: 16, X: 16 }[verb]!;
  let digits = BigInt(n).toString(radix).padStart(precision ?? 0, '0');
  if (verb === 'X') digits = digits.toUpperCase();
  const prefix = !sharp ? '' : { d: '', b: '0b', o: '0', x: '0x', X: '0X' }[verb]!;
  return prefix + digits;
}
