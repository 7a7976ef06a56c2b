// The work behind `bkp init`.
import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { configFileNames } from '../config/load.js';
import { ErrorCode, UserError } from '../core/errors.js';
import { fileErrorReason } from '../core/file-errors.js';
import { notify } from './io-host.js';
import type { CommandContext } from './context.js';
import type { StateFlags } from './options.js';

const STARTER_CONFIG = `# bkp configuration: backup policy as code for AWS Backup.
# This starter runs on the embedded sandbox account; switch to provider "aws" for a real one.

provider "sandbox" {
  path = ".bkp/sandbox.json"
}

backup_vault "main" {
  name = "main"
  tags = { managed_by = "bkp" }
}

backup_plan "daily" {
  name = "daily"

  rule "daily" {
    target_vault = backup_vault.main.name
    schedule     = "cron(0 5 ? * * *)"
    lifecycle {
      delete_after_days = 35
    }
  }
}

backup_selection "tagged" {
  plan         = backup_plan.daily
  name         = "tagged"
  iam_role_arn = "arn:aws:iam::123456789012:role/service-role/AWSBackupDefaultServiceRole"
  tag {
    key   = "backup"
    value = "daily"
  }
}
`;

const STARTER_GITIGNORE = `# bkp state and the local sandbox account
bkp.state.json
bkp.state.json.backup
.bkp.state.json.lock
*.bkpplan
.bkp/
`;

export interface InitFlags extends StateFlags {
  'migrate-state'?: boolean;
  'force-copy'?: boolean;
}

export async function runInit(ctx: CommandContext, flags: InitFlags = {}): Promise<number> {
  if (flags['migrate-state']) {
    const { runMigrateState } = await import('./state-migrate.js');
    return runMigrateState(ctx, flags);
  }
  await mkdir(ctx.dir, { recursive: true }).catch((e: unknown) => {
    throw initError(e, ctx.dir);
  });
  // `init` comes first in a Terraform user's every CI job. In a directory that already holds a
  // configuration, the starter would add a second provider and resources to it: nothing is written.
  const existing = (await configFileNames(ctx.dir)) ?? [];
  if (existing.length > 0) {
    const shown = existing.length === 1 ? existing[0]! : `${existing[0]} and ${existing.length - 1} other configuration file${existing.length === 2 ? '' : 's'}`;
    await notify(ctx.host, 'BKP_R_INITIALIZED', 'result', `The directory already holds a configuration (${shown}): bkp init wrote nothing.\n\nNext: \`bkp plan\` to see what would change.`, { written: [], existing });
    return 0;
  }
  await writeFile(join(ctx.dir, 'main.bkp.hcl'), STARTER_CONFIG, { flag: 'wx' }).catch((e: unknown) => {
    throw initError(e, join(ctx.dir, 'main.bkp.hcl'));
  });
  const written = ['main.bkp.hcl'];
  // A repository usually has a .gitignore already: it is the user's, and is left as it is.
  let gitignoreNote = '';
  try {
    await writeFile(join(ctx.dir, '.gitignore'), STARTER_GITIGNORE, { flag: 'wx' });
    written.push('.gitignore');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw initError(e, join(ctx.dir, '.gitignore'));
    const shown = relative(process.cwd(), join(ctx.dir, '.gitignore')) || '.gitignore';
    gitignoreNote = `\n\n${shown} exists and was left as it is: keep bkp's state and the sandbox account out of git by adding\n${STARTER_GITIGNORE.split('\n').filter((line) => line !== '' && !line.startsWith('#')).map((line) => `  ${line}`).join('\n')}`;
  }
  await notify(ctx.host, 'BKP_R_INITIALIZED', 'result', `Wrote ${written.join(' and ')}.${gitignoreNote}\n\nNext: \`bkp validate\`, then \`bkp plan\` to see what would change.`, { written });
  return 0;
}

/** A directory or file init cannot make because of its path (a file in the way, no permission) is the user's to mend. */
function initError(error: unknown, path: string): unknown {
  const reason = fileErrorReason(error, 'write');
  if (reason === undefined) return error;
  return new UserError(ErrorCode.Usage, `bkp init cannot write ${path}: ${reason}.`, { hint: 'Name a directory bkp may create or write into with -chdir=DIR.', cause: error });
}
