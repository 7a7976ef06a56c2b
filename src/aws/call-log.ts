// BKP_LOG=debug|trace: one line on stderr per AWS call, for seeing what bkp asks of AWS and how
// it went. A line says the service, operation, region, duration, attempts and retries, and the
// HTTP status or error code; trace adds the request id and the names of the parameters. Never a
// value: no credentials, signatures or headers, no request or reply bodies, and so no value of a
// sensitive attribute either.
import type { BackupClient } from '@aws-sdk/client-backup';

export type CallLogLevel = 'debug' | 'trace';

export interface CallLog {
  level: CallLogLevel;
  write: (line: string) => void;
}

/** The log BKP_LOG asks for (debug or trace, any case), or none. */
export function callLogFromEnv(env: NodeJS.ProcessEnv = process.env): CallLog | undefined {
  const level = env.BKP_LOG?.trim().toLowerCase();
  if (level !== 'debug' && level !== 'trace') return undefined;
  return { level, write: (line) => void process.stderr.write(`${line}\n`) };
}

// Values that say "no log" on purpose, as a script that turns logging off writes them.
const LOG_OFF = new Set(['', 'off', 'none', 'no', 'false', '0']);

/**
 * BKP_LOG's value when it asks for a log that bkp does not have (`info`, `verbose`, a typo), so
 * that the run can say that it logs nothing; undefined when BKP_LOG is unset, a level, or off.
 */
export function unknownCallLogLevel(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const value = env.BKP_LOG;
  if (value === undefined || LOG_OFF.has(value.trim().toLowerCase()) || callLogFromEnv(env)) return undefined;
  return value;
}

interface CallMetadata {
  httpStatusCode?: number;
  requestId?: string;
  attempts?: number;
  totalRetryDelay?: number;
}

interface LoggedClient {
  middlewareStack: BackupClient['middlewareStack'];
  config: { region: string | (() => Promise<string>) };
}

/**
 * Adds the log to a client. The middleware runs first (initialize step), outside the SDK's retries,
 * so its duration and attempts are the whole call's.
 */
export function withCallLog<T>(client: T, log: CallLog | undefined): T {
  if (log === undefined) return client;
  const logged = client as LoggedClient;
  logged.middlewareStack.add(
    (next, context) => async (args) => {
      const started = performance.now();
      const service = (context.clientName ?? 'AWS').replace(/Client$/, '');
      const operation = (context.commandName ?? 'call').replace(/Command$/, '');
      const parameters = Object.keys((args.input ?? {}) as object).sort();
      const line = async (metadata: CallMetadata | undefined, outcome: string) => {
        const region = typeof logged.config.region === 'function' ? await logged.config.region().catch(() => '?') : logged.config.region;
        const attempts = metadata?.attempts ?? 1;
        const fields = [
          `bkp aws: ${service}.${operation}`,
          `region=${region}`,
          outcome,
          `duration=${Math.round(performance.now() - started)}ms`,
          `attempts=${attempts}`,
          `retries=${attempts - 1}`,
        ];
        if (log.level === 'trace') {
          fields.push(`retry_delay=${metadata?.totalRetryDelay ?? 0}ms`, `request_id=${metadata?.requestId ?? '-'}`, `parameters=${parameters.join(',') || '-'}`);
        }
        log.write(fields.join(' '));
      };
      try {
        const result = await next(args);
        const metadata = (result.output as { $metadata?: CallMetadata } | undefined)?.$metadata;
        await line(metadata, `status=${metadata?.httpStatusCode ?? '?'}`);
        return result;
      } catch (error) {
        const failure = error as { name?: string; $metadata?: CallMetadata };
        const metadata = failure.$metadata;
        await line(metadata, `status=${metadata?.httpStatusCode ?? '-'} error=${failure.name ?? 'Error'}`);
        throw error;
      }
    },
    { step: 'initialize', name: 'bkpCallLog' },
  );
  return client;
}
