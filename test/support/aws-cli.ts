// The real AWS CLI against an endpoint (`bkp sandbox serve`), with no profile, credentials or
// retries of the machine's own: what conformance and drift tests run it with.
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';

export function awsCliInstalled(): boolean {
  return spawnSync('aws', ['--version'], { stdio: 'ignore', timeout: 30_000 }).status === 0;
}

export interface AwsCliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Temporary credentials to sign with instead of the sandbox's fixed ones (from `aws sts assume-role`). */
export interface AwsCliCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
}

/** Runs `aws --endpoint-url ENDPOINT --output json ARGS…`; never throws for a failing command. */
export async function runAwsCli(endpoint: string, home: string, region: string, args: readonly string[], credentials?: AwsCliCredentials): Promise<AwsCliRun> {
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: home,
    AWS_ACCESS_KEY_ID: credentials?.accessKeyId ?? 'AKIASANDBOX',
    AWS_SECRET_ACCESS_KEY: credentials?.secretAccessKey ?? 'sandbox',
    ...(credentials !== undefined ? { AWS_SESSION_TOKEN: credentials.sessionToken } : {}),
    AWS_DEFAULT_REGION: region,
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_MAX_ATTEMPTS: '1',
    AWS_PAGER: '',
  };
  try {
    const run = await promisify(execFile)('aws', ['--endpoint-url', endpoint, '--output', 'json', ...args], { env, encoding: 'utf8', timeout: 60_000 });
    return { code: 0, stdout: run.stdout, stderr: run.stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof failed.code === 'number' ? failed.code : 1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}
