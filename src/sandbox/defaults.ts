// Where a sandbox account lives and what it is called when nothing says otherwise. A module of
// its own so that building a request handler does not load the emulator.
export const DEFAULT_SANDBOX_PATH = '.bkp/sandbox.json';
export const DEFAULT_SANDBOX_REGION = 'us-east-1';
export const DEFAULT_SANDBOX_ACCOUNT_ID = '123456789012';
