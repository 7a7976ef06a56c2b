// What plan, apply, destroy and import share: a valid configuration, a locked state session,
// provider clients and one concurrency limit, closed together.
import { existsSync } from 'node:fs';
import { loadBackendConfig, loadValidConfig, outputEvaluator, reevaluator } from './configuration.js';
import type { BackendConfig, Config, OutputConfig } from '../config/model.js';
import { containsUnknown } from '../core/values.js';
import type { Diagnostic } from '../core/diagnostics.js';
import { ErrorCode, UserError } from '../core/errors.js';
import { Limiter } from '../engine/limiter.js';
import { HandlerContexts } from '../engine/handler-contexts.js';
import { ProviderClients } from './providers.js';
import { knowingData, readDataSources, withDataValues } from './data-sources.js';
import type { Plan } from '../engine/plan-model.js';
import { makePlan, type Evaluator, type KnownAttributes } from '../engine/workflow.js';
import { implicitCountMoves } from '../engine/moves.js';
import type { Value } from '../core/values.js';
import type { StateBackend, StateSession } from '../state/backend.js';
import { LocalStateBackend } from '../state/local-backend.js';
import { isModuleAddress, parseAddress } from '../state/model.js';
import { DEFAULT_STATE_FILE, resolveStatePath } from '../state/paths.js';
import { S3StateBackend } from '../state/s3-backend.js';
import { configInputs, type CommandContext } from './context.js';
import { parseDuration } from './duration.js';
import { notify } from './io-host.js';
import { numberOptionMessage, type PlanningFlags, type StateFlags, type VarFlags } from './options.js';

export interface EngineSession {
  config: Config;
  warnings: Diagnostic[];
  sources: Map<string, string>;
  backend: StateBackend;
  state: StateSession;
  clients: ProviderClients;
  limiter: Limiter;
  evaluate: Evaluator;
  /** The configuration's outputs evaluated with these known attributes (after apply). */
  evaluateOutputs(known: KnownAttributes): OutputConfig[];
  close(): Promise<void>;
}

/** The configuration as far as the backend block needs it (see loadBackendConfig). */
export async function configForBackend(ctx: CommandContext): Promise<Config> {
  const { config } = await loadBackendConfig(ctx.dir, process.env);
  if (config.backend && Object.values(config.backend.attributes).some((v) => containsUnknown(v))) {
    throw new UserError(ErrorCode.Usage, `The backend "${config.backend.type}" block refers to a variable that has no value, or a value that fails its validation.`, {
      hint: 'The state commands take no -var: give the variable a valid default, or set it with the environment variable BKP_VAR_<name>.',
    });
  }
  return config;
}

/** The backend a configuration's `backend` block (or one bkp recorded) declares; local when there is none. */
export function stateBackendFor(config: { dir: string; backend?: Pick<BackendConfig, 'type' | 'attributes'> }): StateBackend {
  const backend = config.backend;
  if (!backend || backend.type === 'local') {
    const path = typeof backend?.attributes.path === 'string' ? backend.attributes.path : undefined;
    return LocalStateBackend.forConfigDir(config.dir, path);
  }
  if (backend.type === 's3') return s3BackendFor(backend);
  throw new UserError(ErrorCode.ConfigInvalid, `backend "${backend.type}" is not available in this version of bkp.`, {
    hint: 'Use backend "local" (the default) for now.',
  });
}

/** backend "s3": the S3 SDK is loaded only when the state is opened, so local users never pay for it. */
function s3BackendFor(backend: Pick<BackendConfig, 'type' | 'attributes'>): StateBackend {
  const text = (name: string) => (typeof backend.attributes[name] === 'string' ? (backend.attributes[name] as string) : undefined);
  const bucket = text('bucket') ?? '';
  const settings = { bucket, region: text('region'), endpoint: text('endpoint'), profile: text('profile'), kmsKeyId: text('kms_key_id') };
  return new S3StateBackend({
    bucket,
    key: text('key') ?? '',
    openStore: async () => {
      const { createS3BucketStore } = await import('../aws/s3-client.js');
      return createS3BucketStore(settings);
    },
  });
}

/** What the state backend wants the user to know (S3 bucket versioning off…), as configuration warnings. */
function stateWarnings(state: StateSession, config: Config): Diagnostic[] {
  const warnings: Diagnostic[] = (state.warnings ?? []).map((detail) => ({
    severity: 'warning',
    summary: 'State bucket versioning',
    detail,
    ...(config.backend ? { range: config.backend.range, context: `backend "${config.backend.type}"` } : {}),
  }));
  // Switching to backend "s3" without moving the state would start from nothing and try to
  // create everything again: point at the local state left behind.
  if (config.backend?.type === 's3' && state.current().serial === 0 && existsSync(resolveStatePath(config.dir))) {
    warnings.push({
      severity: 'warning',
      summary: 'The S3 state is empty, but a local state file exists',
      detail: `${DEFAULT_STATE_FILE} holds state of the local backend; bkp now uses ${state.location}. To move that state there, run \`bkp init -migrate-state\`.`,
      range: config.backend.range,
      context: 'backend "s3"',
    });
  }
  return warnings;
}

export function parallelismOf(flags: { parallelism?: number }): number {
  const n = flags.parallelism ?? 10;
  if (!Number.isInteger(n) || n < 1 || n > 1000) {
    throw new UserError(ErrorCode.Usage, numberOptionMessage('-parallelism', 'a whole number from 1 to 1000', n));
  }
  return n;
}

export async function openEngineSession(
  ctx: CommandContext,
  flags: VarFlags & StateFlags & { parallelism?: number },
  operation: string,
  savedVariables?: Readonly<Record<string, Value>>,
): Promise<EngineSession> {
  const loadOptions = { ...configInputs(ctx, flags), savedVariables };
  const { config, warnings, sources } = await loadValidConfig(loadOptions);
  const backend = stateBackendFor(config);
  const lockTimeoutMs = parseDuration(flags['lock-timeout'] ?? '0s', '-lock-timeout');
  const limiter = new Limiter(parallelismOf(flags));
  const clients = new ProviderClients(config);
  await clients.prepare();
  await clients.checkCredentials();
  // Before the state is locked: a data block naming something that does not exist ends the run here.
  const dataValues = await readDataSources(config, loadOptions, clients, sources).catch((error: unknown) => {
    clients.destroy();
    throw error;
  });
  const state = await backend.open({ operation, lockTimeoutMs, lock: flags.lock !== false });
  warnings.push(...stateWarnings(state, config));
  const evaluate = withDataValues(reevaluator(config, loadOptions), dataValues);
  const evaluateOutputs = outputEvaluator(config, loadOptions);
  return {
    config,
    warnings,
    sources,
    backend,
    state,
    clients,
    limiter,
    evaluate,
    evaluateOutputs: (known) => evaluateOutputs(knowingData(known, dataValues)),
    async close() {
      clients.destroy();
      await state.close();
    },
  };
}

/** The plan `plan` and `apply` make from their flags: refresh, evaluate, plan, preflight. */
export async function planFromFlags(
  ctx: CommandContext,
  flags: PlanningFlags & { destroy?: boolean },
  run: EngineSession,
): Promise<Plan> {
  const mode = flags['refresh-only'] ? 'refresh-only' : flags.destroy ? 'destroy' : 'normal';
  const recorded = run.state.current();
  const explicitMoves = run.config.moved ?? [];
  const countMoves = implicitCountMoves(
    run.config.resources.map((r) => r.address),
    recorded.resources.map((r) => r.address),
    explicitMoves,
  );
  checkAddressFlags(flags);
  const { plan } = await makePlan(recorded, run.evaluate, handlerContexts(run), {
    mode,
    refresh: flags.refresh !== false,
    targets: flags.target,
    replace: flags.replace,
    imports: run.config.imports,
    moves: [...explicitMoves, ...countMoves],
    accountNow: () => run.clients.accountNow(),
    onRefreshProgress: (done, total) => void notify(ctx.host, 'BKP_P_REFRESH', 'progress', `Refreshing state... ${done}/${total}`, { done, total }),
  });
  plan.diagnostics.unshift(...run.warnings);
  return plan;
}

/**
 * -target takes resource and module addresses, -replace resource instance addresses: one that
 * is neither would match nothing, and the plan would leave out, or keep, what the user named.
 */
function checkAddressFlags(flags: Pick<PlanningFlags, 'target' | 'replace'>): void {
  for (const target of flags.target ?? []) {
    if (isModuleAddress(target)) continue;
    try {
      parseAddress(target);
    } catch {
      throw new UserError(ErrorCode.Usage, `-target=${target}: "${target}" is neither a resource nor a module address.`, {
        hint: 'Target a resource (backup_vault.main, backup_vault.regional["eu-west-1"], module.prod.backup_vault.main) or a module (module.prod).',
      });
    }
  }
  for (const replace of flags.replace ?? []) {
    if (isModuleAddress(replace)) {
      throw new UserError(ErrorCode.Usage, `-replace=${replace}: "${replace}" is a module, not a resource address.`, {
        hint: `Name one resource instance in it to replace, such as ${replace}.backup_vault.main (-target takes a module).`,
      });
    }
    try {
      parseAddress(replace);
    } catch {
      throw new UserError(ErrorCode.Usage, `-replace=${replace}: "${replace}" is not a resource address.`, {
        hint: 'Name one resource instance to replace: backup_vault.main, backup_vault.regional["eu-west-1"] or module.prod.backup_vault.main.',
      });
    }
  }
}

/** The handler contexts of a session's providers, for the engine. */
export function handlerContexts(run: Pick<EngineSession, 'clients' | 'limiter' | 'state'>): HandlerContexts {
  return new HandlerContexts(run.clients, run.limiter, run.state.current().lineage);
}
