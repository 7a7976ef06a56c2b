// bkp check: evaluate the configuration's policy blocks (backup compliance), offline by default.
import type { BkpCommand } from './index.js';
import type { Io } from '../io.js';
import { commandContext, type GlobalFlags } from '../context.js';
import { varOptions } from './shared-options.js';
import type { CheckFlags } from '../../app/check.js';
import { needsValue } from './option-values.js';

export function checkCommand(io: Io): BkpCommand {
  return {
    command: 'check',
    describe: 'Evaluate the policy blocks (backup compliance controls) against the configuration; exit 3 when non-compliant',
    builder: (y) =>
      varOptions(y)
        .option('json', { type: 'boolean', default: false, describe: 'Print the report as one JSON document (same as -format=json)' })
        .option('format', {
          type: 'string',
          choices: ['human', 'json', 'sarif', 'markdown'],
          default: 'human',
          describe: 'Output format: sarif for code scanning, markdown for a pull-request comment',
        })
        .option('refresh', {
          type: 'boolean',
          default: false,
          describe:
            "Also read the account: its resources, recovery points and restore jobs (needed by last_recovery_point_created and restore_time_for_resources_meet_target); with org_backup_policy blocks, each organization account's effective backup policy",
        })
        .option('out', { type: 'string', ...needsValue('-out', 'the name of the file to write the report to, such as -out=report.md'), describe: 'Write the report to this file instead of stdout' })
        .option('sarif-base', {
          type: 'string',
          ...needsValue('-sarif-base', 'a directory, such as -sarif-base=. for the directory bkp was started in'),
          describe: 'Directory SARIF file URIs are relative to: the repository root (default: the directory bkp was started in, also with -chdir; a relative DIR is relative to -chdir)',
        }),
    handler: async (flags: CheckFlags & GlobalFlags) => {
      const { runCheck } = await import('../../app/check.js');
      process.exitCode = await runCheck(commandContext(flags, io), flags);
    },
  };
}
