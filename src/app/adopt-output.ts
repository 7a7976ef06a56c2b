// Where `generate` and `convert` write: a directory that is empty (or new) unless -force, every file
// written atomically, and a report of what was written for the view.
import { mkdir, readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { writeFileAtomically } from '../core/atomic-write.js';
import { ErrorCode, UserError } from '../core/errors.js';
import type { AdoptionReport } from '../adopt/model.js';
import { pathInDir, type CommandContext } from './context.js';
import { notify } from './io-host.js';

/** The absolute output directory, refused when it holds files and -force is not given. */
export async function outputDirectory(ctx: CommandContext, out: string | undefined, force: boolean, command: string): Promise<string> {
  if (out === undefined) {
    throw new UserError(ErrorCode.Usage, `bkp ${command} needs -out=DIR: the directory to write the configuration into.`, {
      hint: `For example: bkp ${command} -out=adopted`,
    });
  }
  const dir = resolve(ctx.dir, out);
  const entries = await readdir(dir).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return [];
    if (e.code === 'ENOTDIR') throw new UserError(ErrorCode.Usage, `-out=${out} is a file, not a directory.`, { hint: 'Name a new or empty directory.' });
    throw e;
  });
  if (entries.length > 0 && !force) {
    throw new UserError(ErrorCode.FileExists, `${pathInDir(ctx, out)} is not empty (${entries.length} entr${entries.length === 1 ? 'y' : 'ies'}); bkp ${command} writes only into a new or empty directory.`, {
      hint: `Choose another -out directory, or add -force to write into this one (files of the same name are replaced).`,
    });
  }
  return dir;
}

/** Writes the files, then tells the user what was written. */
export async function writeAdoptedFiles(ctx: CommandContext, dir: string, files: ReadonlyMap<string, string>, report: Omit<AdoptionReport, 'files' | 'dir'>): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const [name, text] of files) await writeFileAtomically(join(dir, name), text, { syncDirectory: false });
  const full: AdoptionReport = { ...report, dir: pathInDir(ctx, dir), files: [...files.keys()] };
  await notify(ctx.host, 'BKP_R_ADOPTED', 'result', `Wrote ${full.files.length} files to ${full.dir}.`, { report: full });
}
