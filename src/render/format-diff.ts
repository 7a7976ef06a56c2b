// `bkp fmt -diff`: a file's layout change as a unified diff, as `terraform fmt -diff` shows it.
import { createTwoFilesPatch } from 'diff';
import { style } from './style.js';

export function renderFormatDiff(path: string, before: string, after: string, color: boolean): string {
  const s = style(color);
  const patch = createTwoFilesPatch(`old/${path}`, `new/${path}`, before, after, undefined, undefined, { context: 3 });
  return patch
    .split('\n')
    .filter((line) => !line.startsWith('====='))
    .map((line) => (line.startsWith('+') && !line.startsWith('+++') ? s.green(line) : line.startsWith('-') && !line.startsWith('---') ? s.red(line) : line))
    .join('\n')
    .trimEnd();
}
