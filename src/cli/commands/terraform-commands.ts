// Terraform commands that bkp has under another name, or not at all. A Terraform user types them
// first; yargs alone said "Unknown argument: refresh", or suggested a command that merely looks
// alike ("Did you mean init?" for taint). They are commands of bkp's parser, hidden from --help,
// so that the parser tells them apart from a flag's value (`-chdir refresh plan`) as it does for
// every command.
import type { BkpCommand } from './index.js';
import type { Io } from '../io.js';
import { ErrorCode, UserError } from '../../core/errors.js';
import { bkpVersion } from '../../core/version.js';

const INSTEAD: Readonly<Record<string, { message: string; hint: string }>> = {
  refresh: {
    message: 'bkp has no refresh command: as in Terraform since 0.15.4, refreshing is a mode of plan and apply.',
    hint: 'Run `bkp plan -refresh-only` to see the drift, then `bkp apply -refresh-only` to bring the state up to date.',
  },
  taint: {
    message: 'bkp has no taint command: as in Terraform since 0.15.2, a replacement is asked for when planning.',
    hint: 'Run `bkp plan -replace=ADDRESS` to see the replacement, then `bkp apply -replace=ADDRESS`.',
  },
  untaint: {
    message: 'bkp has no untaint command: it never marks a resource for replacement, so there is nothing to undo.',
    hint: 'A replacement is asked for with -replace=ADDRESS, for one plan or apply only.',
  },
  workspace: {
    message: 'bkp has no workspaces.',
    hint: 'Keep one directory per environment (or call one module once per environment), each with its own state, and choose it with -chdir=DIR.',
  },
};

export function terraformCommands(io: Io): BkpCommand[] {
  const refused = Object.entries(INSTEAD).map(([name, { message, hint }]): BkpCommand => ({
    command: name,
    describe: false,
    // Whatever follows (`taint backup_vault.main`, `workspace list`) is the Terraform command's.
    builder: (y) => y.strict(false),
    handler: () => {
      throw new UserError(ErrorCode.Usage, message, { hint });
    },
  }));
  // `terraform version` prints the version; so does `bkp version`, as `bkp --version` does.
  const version: BkpCommand = { command: 'version', describe: false, handler: () => io.out(bkpVersion()) };
  return [...refused, version];
}
