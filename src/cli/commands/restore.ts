// bkp restore RECOVERY_POINT_ARN|ADDRESS [-metadata k=v] [-iam-role-arn ARN] [-wait].
import type { BkpCommand } from './index.js';
import type { Io } from '../io.js';
import { commandContext } from '../context.js';
import { varOptions } from './shared-options.js';
import type { RestoreFlags } from '../../app/restore.js';
import { needsValue, needsValues, nonEmptyArgument } from './option-values.js';

type Flags = Partial<RestoreFlags> & Record<string, unknown>;

export function restoreCommand(io: Io): BkpCommand {
  return {
    command: 'restore <target>',
    describe: 'Restore a recovery point into a new resource (asks for yes; never changes the state)',
    builder: (y) =>
      varOptions(y)
        .positional('target', { type: 'string', ...nonEmptyArgument('target', 'a recovery point ARN or an on_demand_backup address'), describe: 'A recovery point ARN, or an on_demand_backup address (its recovery point)' })
        .option('metadata', {
          type: 'string',
          ...needsValues('-metadata', 'a key and a value, such as -metadata Encrypted=true'),
          describe: 'Override or add a restore metadata key: -metadata KEY=VALUE (repeatable)',
        })
        .option('iam-role-arn', { type: 'string', ...needsValue('-iam-role-arn', 'the ARN of an IAM role'), describe: 'The role AWS Backup assumes to restore (default: the role that made the backup)' })
        .option('vault', { type: 'string', ...needsValue('-vault', 'the name of the vault that holds the recovery point; leave -vault out to search every vault'), describe: 'The vault holding a recovery point given by ARN (default: look in every vault)' })
        .option('auto-approve', { type: 'boolean', default: false, describe: 'Skip the interactive approval (needed without a terminal)' })
        .option('wait', { type: 'boolean', default: false, describe: 'Follow the restore job until it ends; exit 0 when COMPLETED, 1 otherwise' })
        .option('wait-interval', { type: 'string', default: '5s', ...needsValue('-wait-interval', 'a duration, such as -wait-interval=30s'), describe: 'How often -wait polls the job' })
        .option('json', { type: 'boolean', default: false, describe: 'Print one JSON document (needs -auto-approve)' })
        .epilog(
          'On a sandbox provider time moves only with `bkp sandbox advance`: while `bkp restore -wait` runs, ' +
            'run `bkp sandbox advance 1h` in another terminal to let the restore job run.',
        ),
    handler: async (flags: Flags) => {
      const { runRestore } = await import('../../app/restore.js');
      process.exitCode = await runRestore(commandContext(flags, io), flags as RestoreFlags);
    },
  };
}
