// The command table. Each module keeps its heavy imports inside its handler, so that
// `bkp --version` and `bkp --help` load almost nothing.
import type { CommandModule } from 'yargs';
import type { Io } from '../io.js';
import { applyCommand, destroyCommand } from './apply.js';
import { checkCommand } from './check.js';
import { consoleCommand } from './console.js';
import { convertCommand } from './convert.js';
import { fmtCommand } from './fmt.js';
import { generateCommand } from './generate.js';
import { graphCommand } from './graph.js';
import { importCommand } from './import.js';
import { initCommand } from './init.js';
import { jobsCommand } from './jobs.js';
import { outputCommand } from './output.js';
import { planCommand } from './plan.js';
import { restoreCommand } from './restore.js';
import { sandboxCommand } from './sandbox.js';
import { simulateCommand } from './simulate.js';
import { forceUnlockCommand, showCommand, stateCommand } from './state.js';
import { terraformCommands } from './terraform-commands.js';
import { validateCommand } from './validate.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type BkpCommand = CommandModule<any, any>;

export function commands(io: Io): BkpCommand[] {
  return [
    initCommand(io),
    validateCommand(io),
    fmtCommand(io),
    graphCommand(io),
    consoleCommand(io),
    checkCommand(io),
    planCommand(io),
    applyCommand(io),
    destroyCommand(io),
    showCommand(io),
    outputCommand(io),
    stateCommand(io),
    importCommand(io),
    generateCommand(io),
    convertCommand(io),
    forceUnlockCommand(io),
    jobsCommand(io),
    restoreCommand(io),
    sandboxCommand(io),
    simulateCommand(io),
    ...terraformCommands(io),
  ];
}
