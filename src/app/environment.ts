// Environment variables of bkp whose value it cannot use: said once at the start of a run,
// because the variable otherwise changes nothing, without a word.
import { unknownCallLogLevel } from '../aws/call-log.js';

/** One sentence per variable that is set to a value bkp ignores, with what to set instead. */
export function environmentWarnings(env: NodeJS.ProcessEnv = process.env): string[] {
  const warnings: string[] = [];
  const logLevel = unknownCallLogLevel(env);
  if (logLevel !== undefined) {
    warnings.push(
      `BKP_LOG=${JSON.stringify(logLevel)} is not a log level of bkp, so this run logs nothing. ` +
        'Set BKP_LOG=debug (one line per AWS call) or BKP_LOG=trace (with request ids and parameter names), or unset it.',
    );
  }
  return warnings;
}
