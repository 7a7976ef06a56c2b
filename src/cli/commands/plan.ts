// bkp plan: show what apply would change.
import type { BkpCommand } from './index.js';
import type { Io } from '../io.js';
import { commandContext } from '../context.js';
import { planningOptions } from './shared-options.js';
import type { PlanFlags } from '../../app/plan.js';
import { needsValue } from './option-values.js';

export function planCommand(io: Io): BkpCommand {
  return {
    command: 'plan',
    describe: 'Compare the configuration with the account and show the changes apply would make',
    builder: (y) =>
      planningOptions(y)
        .option('out', { type: 'string', ...needsValue('-out', 'the name of the file to write the plan to, such as -out=tfplan'), describe: 'Save the plan to this file for `bkp apply FILE`' })
        .option('json', { type: 'boolean', default: false, describe: 'Print the plan as one JSON document (like terraform show -json)' })
        .option('format', {
          type: 'string',
          choices: ['human', 'json', 'markdown'],
          default: 'human',
          describe: 'Output format; markdown suits a pull-request comment',
        })
        .option('destroy', { type: 'boolean', default: false, describe: 'Plan to destroy every managed resource' })
        .option('detailed-exitcode', {
          type: 'boolean',
          default: false,
          describe: 'Exit 0 with no changes, 1 on error, 2 when there are changes (drift included)',
        }),
    handler: async (flags: PlanFlags & Record<string, unknown>) => {
      const { runPlan } = await import('../../app/plan.js');
      process.exitCode = await runPlan(commandContext(flags, io), flags);
    },
  };
}
