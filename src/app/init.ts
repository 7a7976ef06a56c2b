// The work behind `bkp init`.
import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { ErrorCode, UserError } from '../core/errors.js';
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
  await mkdir(ctx.dir, { recursive: true });
  const files: Array<[string, string]> = [
    ['main.bkp.hcl', STARTER_CONFIG],
    ['.gitignore', STARTER_GITIGNORE],
  ];
  const written: string[] = [];
  for (const [name, content] of files) {
    const path = join(ctx.dir, name);
    try {
      await writeFile(path, content, { flag: 'wx' });
      written.push(name);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const shown = relative(process.cwd(), path) || name;
      throw new UserError(ErrorCode.FileExists, `${shown} already exists; bkp init never overwrites a file.`, {
        hint:
          written.length > 0
            ? `Wrote ${written.join(', ')} before stopping. Move ${shown} aside and run bkp init again to get the rest.`
            : `Move ${shown} aside, or edit it by hand.`,
      });
    }
  }
  await notify(ctx.host, 'BKP_R_INITIALIZED', 'result', `Wrote ${written.join(' and ')}.\n\nNext: \`bkp validate\`, then \`bkp plan\` to see what would change.`, { written });
  return 0;
}
