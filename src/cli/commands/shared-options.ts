// Flags shared by several commands.
import type { Argv } from 'yargs';

export function varOptions<T>(y: Argv<T>) {
  return y
    .option('var', {
      type: 'string',
      array: true,
      requiresArg: true,
      describe: 'Set a variable: -var name=value (repeatable)',
    })
    .option('var-file', {
      type: 'string',
      array: true,
      requiresArg: true,
      describe: 'Read variables from a *.bkpvars.hcl or JSON file (repeatable)',
    });
}

export function stateOptions<T>(y: Argv<T>) {
  return y
    .option('lock', { type: 'boolean', default: true, describe: 'Lock the state while working (-lock=false to skip)' })
    .option('lock-timeout', {
      type: 'string',
      default: '0s',
      describe: 'How long to wait for a state lock held by someone else (e.g. 30s)',
    });
}

export function planningOptions<T>(y: Argv<T>) {
  return stateOptions(varOptions(y))
    .option('target', {
      type: 'string',
      array: true,
      requiresArg: true,
      describe: 'Limit the plan to this resource address and what it depends on (repeatable)',
    })
    .option('replace', {
      type: 'string',
      array: true,
      requiresArg: true,
      describe: 'Force replacement of this resource address (repeatable)',
    })
    .option('refresh', { type: 'boolean', default: true, describe: 'Read the account before planning (-refresh=false to skip)' })
    .option('refresh-only', {
      type: 'boolean',
      default: false,
      describe: 'Plan only to update the state to match the account (drift), no changes to it',
    })
    .option('parallelism', { type: 'number', default: 10, describe: 'How many AWS operations run at once' });
}
