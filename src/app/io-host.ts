// How a use case talks to whoever runs it, in the manner of aws-cdk-cli's toolkit-lib IoHost: it
// sends typed messages with stable codes and asks questions; the host (the CLI, a test, another
// program) decides what to show and how. A use case never writes to a stream itself.
import type { Diagnostic } from '../core/diagnostics.js';
import type { MessageCode, MessageData } from './messages.js';

/**
 * - `result`: what the command was asked for (a plan, a report); the CLI prints it on stdout.
 * - `info`, `warn`, `error`: about the run; stderr.
 * - `progress`: frequent and transient; a host may drop it or draw it in place.
 */
export type MessageLevel = 'result' | 'info' | 'warn' | 'error' | 'progress';

export interface IoMessage<C extends MessageCode = MessageCode> {
  code: C;
  level: MessageLevel;
  /** The message as plain text, for a host with no view of its own for `code`. */
  message: string;
  data: MessageData[C];
}

/** Any message, as a union on `code`: a `switch (message.code)` narrows `data`. */
export type AnyIoMessage = { [C in MessageCode]: IoMessage<C> }[MessageCode];

export interface IoQuestion {
  code: 'BKP_Q_APPROVE';
  /** The question as plain text, ending where the answer is typed. */
  message: string;
}

export interface IoHost {
  /** Resolves once the message is shown (or written: a report with an output file). */
  notify(message: AnyIoMessage): Promise<void>;
  /** The answer, or undefined when nobody is there to answer (no terminal). */
  ask(question: IoQuestion): Promise<string | undefined>;
}

/** One message: `notify(host, 'BKP_R_STATE_MOVED', 'result', 'Moved a to b.', { from, to })`. */
export function notify<C extends MessageCode>(host: IoHost, code: C, level: MessageLevel, message: string, data: MessageData[C]): Promise<void> {
  return host.notify({ code, level, message, data } as AnyIoMessage);
}

/** Configuration warnings that do not stop the command. */
export function warnAbout(host: IoHost, diagnostics: readonly Diagnostic[], sources: ReadonlyMap<string, string>): Promise<void> {
  const n = diagnostics.length;
  return notify(host, 'BKP_W_DIAGNOSTICS', 'warn', `${n} warning${n === 1 ? '' : 's'} about the configuration.`, { diagnostics, sources });
}
