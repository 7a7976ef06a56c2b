// bkp jobs [--type=backup|copy|restore] [--all] [--watch] and bkp jobs stop ADDRESS.
import type { BkpCommand } from './index.js';
import type { Io } from '../io.js';
import { commandContext } from '../context.js';
import { stateOptions, varOptions } from './shared-options.js';
import type { JobsFlags } from '../../app/jobs.js';
import { needsValue, nonEmptyArgument, nonEmptyArguments } from './option-values.js';

type Flags = JobsFlags & Record<string, unknown>;

export function jobsCommand(io: Io): BkpCommand {
  return {
    command: 'jobs [addresses..]',
    describe: 'List (and watch) the backup jobs bkp started and the copy jobs of the managed plans and vaults',
    builder: (y) =>
      stateOptions(varOptions(y))
        .positional('addresses', { type: 'string', array: true, ...nonEmptyArguments('addresses', 'on_demand_backup addresses'), describe: 'Only the jobs of these on_demand_backup addresses' })
        .option('all', { type: 'boolean', default: false, describe: 'Also every job of the managed vaults in the last 30 days' })
        .option('type', {
          type: 'string',
          choices: ['backup', 'copy', 'restore'],
          requiresArg: true,
          describe: 'Only this kind of job (restore: the restore jobs of the managed vaults and restore testing plans); default: backup and copy jobs',
        })
        .option('json', { type: 'boolean', default: false, describe: 'Print JSON' })
        .option('watch', {
          type: 'boolean',
          default: false,
          describe: 'Refresh until every listed job has ended; exit 0 when all COMPLETED, 1 otherwise',
        })
        .option('interval', { type: 'string', default: '5s', ...needsValue('--interval', 'a duration, such as --interval=30s'), describe: 'How often --watch polls (e.g. 5s, 1m)' })
        .command({
          command: 'stop <address>',
          describe: 'Stop the backup job of an on_demand_backup (StopBackupJob: ABORTING, then ABORTED)',
          builder: (s) =>
            stateOptions(varOptions(s)).positional('address', {
              type: 'string',
              ...nonEmptyArgument('address', 'an on_demand_backup address or a job id'),
              describe: 'An on_demand_backup address, or a job id that bkp jobs lists',
            }),
          handler: async (flags: Flags) => {
            const { runJobsStop } = await import('../../app/jobs.js');
            process.exitCode = await runJobsStop(commandContext(flags, io), flags as Flags & { address: string });
          },
        })
        .epilog(
          'On a sandbox provider time moves only with `bkp sandbox advance`: while `bkp jobs --watch` runs, ' +
            'run `bkp sandbox advance 10m` (repeatedly) in another terminal to see the jobs progress.',
        ),
    handler: async (flags: Flags) => {
      const { runJobs } = await import('../../app/jobs.js');
      process.exitCode = await runJobs(commandContext(flags, io), flags);
    },
  };
}
