// ANSI styling that collapses to plain text when colour is off.

export interface Style {
  bold(s: string): string;
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
  cyan(s: string): string;
  dim(s: string): string;
  underline(s: string): string;
}

const wrap = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;

const ansi: Style = {
  bold: wrap(1, 22),
  red: wrap(31, 39),
  green: wrap(32, 39),
  yellow: wrap(33, 39),
  cyan: wrap(36, 39),
  dim: wrap(2, 22),
  underline: wrap(4, 24),
};

const identity = (s: string) => s;
const plain: Style = {
  bold: identity,
  red: identity,
  green: identity,
  yellow: identity,
  cyan: identity,
  dim: identity,
  underline: identity,
};

export function style(color: boolean): Style {
  return color ? ansi : plain;
}
