// Scratch copies of the sandbox accounts a configuration uses. Each account file (or a fresh
// account when the file does not exist yet) is copied into a temporary directory and emptied of
// its AWS Backup history (plans, selections, jobs, recovery points), so that applying the
// configuration from an empty state shows what the policy alone produces. The source resources,
// the account id, the id generator and the vaults the configuration does not declare are kept.
// The real files are only ever read.
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Config, ProviderConfig } from '../../config/model.js';
import { providerSettings } from '../providers.js';
import { ErrorCode, UserError } from '../../core/errors.js';
import { copyAccountFile, forgetCachedAccount, openSandbox } from '../../sandbox/account.js';
import { effectiveNow } from '../../sandbox/clock.js';
import type { AccountState, BackupRegionState } from '../../sandbox/state.js';

export interface ScratchAccount {
  /** The account file the scratch copy was made from (it may not exist: then the copy is fresh). */
  source: string;
  /** The scratch copy. */
  path: string;
  /** Provider keys ("sandbox", "aws.dr") whose calls go to this account. */
  providers: string[];
}

export interface ScratchAccounts {
  accounts: ScratchAccount[];
  /** The configuration's provider blocks, rewritten as sandbox providers on the scratch copies. */
  providers: ProviderConfig[];
  /** The instant the simulation starts: every scratch clock shows it. */
  start: number;
  /** Removes the temporary directory. Idempotent. */
  cleanup(): Promise<void>;
}

export interface ScratchOptions {
  /** Start the simulation at this instant instead of the accounts' current time. */
  start?: Date;
  /** A sandbox account file standing in for `provider "aws"` blocks (their inventory). */
  inventoryFrom?: string;
  /** Vault names the configuration declares: they are created by the simulated apply. */
  declaredVaults: ReadonlySet<string>;
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw e;
  }
}

/** The account file each provider's calls would reach. */
function sourceFileOf(provider: ProviderConfig, config: Pick<Config, 'dir'>, inventoryFrom: string | undefined): string {
  if (provider.type === 'sandbox') return providerSettings(provider, config.dir).sandboxPath!;
  if (inventoryFrom !== undefined) return inventoryFrom;
  throw new UserError(
    ErrorCode.Usage,
    `bkp simulate runs the policy on a sandbox account, but provider "${provider.key}" is a real AWS account.`,
    {
      hint:
        'Pass -inventory-from=FILE with a sandbox account file (see `bkp sandbox resource add`) whose resources stand in for ' +
        `the account of provider "${provider.key}", or simulate with provider "sandbox" blocks.`,
    },
  );
}

/** Backup history goes; the vaults the configuration does not manage (and their tags) stay. */
function withoutBackupHistory(region: BackupRegionState, declaredVaults: ReadonlySet<string>): BackupRegionState {
  const vaults = Object.fromEntries(Object.entries(region.vaults).filter(([name]) => !declaredVaults.has(name)));
  const vaultArns = new Set(Object.values(vaults).map((v) => v.arn));
  const tags = Object.fromEntries(Object.entries(region.tags).filter(([arn]) => vaultArns.has(arn)));
  return { vaults, plans: {}, jobs: {}, recoveryPoints: {}, chunks: {}, tags, idempotencyTokens: {}, activeJobs: {} };
}

export function resetForSimulation(account: AccountState, declaredVaults: ReadonlySet<string>, start: number): void {
  for (const [name, region] of Object.entries(account.backup)) account.backup[name] = withoutBackupHistory(region, declaredVaults);
  account.clock = { mode: 'virtual', now: start, offsetMs: 0 };
}

export async function prepareScratchAccounts(config: Pick<Config, 'providers' | 'dir'>, options: ScratchOptions): Promise<ScratchAccounts> {
  const inventoryFrom = options.inventoryFrom === undefined ? undefined : resolve(config.dir, options.inventoryFrom);
  if (inventoryFrom !== undefined && !(await exists(inventoryFrom))) {
    throw new UserError(ErrorCode.Usage, `-inventory-from: there is no sandbox account file ${inventoryFrom}.`, {
      hint: 'Create one with `bkp sandbox resource add … --file FILE`, or name an existing sandbox account file.',
    });
  }
  const sources = new Map<string, ScratchAccount>();
  const sourceOf = new Map<string, string>();
  for (const provider of config.providers) {
    const source = sourceFileOf(provider, config, inventoryFrom);
    sourceOf.set(provider.key, source);
    if (!sources.has(source)) sources.set(source, { source, path: '', providers: [] });
    sources.get(source)!.providers.push(provider.key);
  }

  const dir = await mkdtemp(join(tmpdir(), 'bkp-simulate-'));
  let cleaned = false;
  const cleanup = async () => {
    if (cleaned) return;
    cleaned = true;
    for (const account of sources.values()) if (account.path !== '') forgetCachedAccount(account.path);
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const accounts = [...sources.values()];
    const fresh = new Set<ScratchAccount>();
    for (const [index, account] of accounts.entries()) {
      account.path = join(dir, `account-${index + 1}.json`);
      if (!copyAccountFile(account.source, account.path)) fresh.add(account);
    }
    // One start for every account: the given one, else the latest clock among the copies (a fresh
    // account starts now, to the second, as `newAccount` would).
    let start = options.start?.getTime();
    if (start === undefined) {
      start = Math.floor(Date.now() / 1000) * 1000;
      const clocks = [];
      for (const account of accounts) {
        if (fresh.has(account)) continue;
        clocks.push(effectiveNow(await openSandbox(account.path).read()));
      }
      if (clocks.length > 0) start = Math.max(...clocks);
    }
    const startAt = start;
    const providers = config.providers.map((provider) => {
      const settings = providerSettings(provider, config.dir);
      const account = sources.get(sourceOf.get(provider.key)!)!;
      const attributes = { ...(provider.type === 'sandbox' ? provider.attributes : {}), path: account.path, region: settings.region };
      return { ...provider, type: 'sandbox', attributes };
    });
    for (const account of accounts) {
      const settings = providerSettings(providers.find((p) => p.key === account.providers[0])!, config.dir);
      const handle = openSandbox(account.path, { region: settings.region, accountId: settings.accountId, startTime: new Date(startAt) });
      await handle.update((state) => resetForSimulation(state, options.declaredVaults, startAt));
    }
    return { accounts, providers, start: startAt, cleanup };
  } catch (e) {
    await cleanup();
    throw e;
  }
}
