// Fault injection for reliability tests and benchmarks:
//   BKP_SANDBOX_FAULTS=throttle=0.2,error=0.05,lost_response=0.05,latency_ms=20,seed=7
// Each request draws from a seeded PRNG, so one seed replays the same sequence of faults.
import { UserError, ErrorCode } from '../core/errors.js';

export interface FaultConfig {
  /** Probability of a 400 ThrottlingException (nothing applied). */
  throttle: number;
  /** Probability of a 500 ServiceUnavailableException (nothing applied). */
  error: number;
  /** Probability that the change is applied and saved but the reply is dropped. */
  lostResponse: number;
  /** Delay added to every call. */
  latencyMs: number;
  seed: number;
}

export type FaultKind = 'none' | 'throttle' | 'error' | 'lost_response';

export interface FaultDecision {
  kind: FaultKind;
  latencyMs: number;
}

export interface FaultCounters {
  requests: number;
  throttle: number;
  error: number;
  lost_response: number;
}

export const FAULTS_ENV = 'BKP_SANDBOX_FAULTS';

const NO_FAULTS: FaultConfig = { throttle: 0, error: 0, lostResponse: 0, latencyMs: 0, seed: 1 };

/** mulberry32: tiny, fast, good enough to spread faults evenly. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class FaultInjector {
  readonly config: FaultConfig;
  readonly counters: FaultCounters = { requests: 0, throttle: 0, error: 0, lost_response: 0 };
  private readonly random: () => number;

  constructor(config: Partial<FaultConfig> = {}) {
    this.config = { ...NO_FAULTS, ...config };
    this.random = prng(this.config.seed);
  }

  get enabled(): boolean {
    const c = this.config;
    return c.throttle > 0 || c.error > 0 || c.lostResponse > 0 || c.latencyMs > 0;
  }

  /** Decide the fate of the next request (one PRNG draw per request, so the sequence is replayable). */
  decide(): FaultDecision {
    this.counters.requests += 1;
    const { throttle, error, lostResponse, latencyMs } = this.config;
    if (throttle === 0 && error === 0 && lostResponse === 0) return { kind: 'none', latencyMs };
    const draw = this.random();
    let kind: FaultKind = 'none';
    if (draw < throttle) kind = 'throttle';
    else if (draw < throttle + error) kind = 'error';
    else if (draw < throttle + error + lostResponse) kind = 'lost_response';
    if (kind !== 'none') this.counters[kind] += 1;
    return { kind, latencyMs };
  }
}

/** Parses `throttle=0.2,error=0.05,lost_response=0.05,latency_ms=20,seed=7`. */
export function parseFaultSpec(spec: string): FaultConfig {
  const config: FaultConfig = { ...NO_FAULTS };
  for (const part of spec.split(',').map((p) => p.trim()).filter((p) => p !== '')) {
    const [key, raw] = part.split('=', 2).map((s) => s.trim());
    const value = Number(raw);
    if (raw === undefined || raw === '' || !Number.isFinite(value) || value < 0) {
      throw badSpec(spec, `"${part}" needs a non-negative number, like throttle=0.2`);
    }
    switch (key) {
      case 'throttle':
      case 'error':
        if (value > 1) throw badSpec(spec, `${key} is a probability between 0 and 1`);
        config[key] = value;
        break;
      case 'lost_response':
        if (value > 1) throw badSpec(spec, `${key} is a probability between 0 and 1`);
        config.lostResponse = value;
        break;
      case 'latency_ms':
        config.latencyMs = value;
        break;
      case 'seed':
        config.seed = Math.floor(value);
        break;
      default:
        throw badSpec(spec, `unknown fault "${key}"; known: throttle, error, lost_response, latency_ms, seed`);
    }
  }
  if (config.throttle + config.error + config.lostResponse > 1) {
    throw badSpec(spec, 'throttle + error + lost_response must not exceed 1');
  }
  return config;
}

function badSpec(spec: string, why: string): UserError {
  return new UserError(ErrorCode.Sandbox, `Invalid ${FAULTS_ENV} value "${spec}": ${why}.`, {
    hint: `Example: ${FAULTS_ENV}=throttle=0.2,error=0.05,lost_response=0.05,latency_ms=20,seed=7`,
  });
}

let programmatic: FaultInjector | undefined;
let fromEnv: { spec: string; injector: FaultInjector } | undefined;
const disabled = new FaultInjector();

/** Replace the environment's faults for this process (undefined: back to the environment). */
export function setSandboxFaults(faults: Partial<FaultConfig> | FaultInjector | undefined): FaultInjector | undefined {
  programmatic = faults === undefined || faults instanceof FaultInjector ? faults : new FaultInjector(faults);
  return programmatic;
}

/** The injector in effect: the programmatic one, else BKP_SANDBOX_FAULTS (parsed once per distinct value). */
export function activeFaults(): FaultInjector {
  if (programmatic !== undefined) return programmatic;
  const spec = process.env[FAULTS_ENV] ?? '';
  if (spec.trim() === '') return disabled;
  if (fromEnv === undefined || fromEnv.spec !== spec) fromEnv = { spec, injector: new FaultInjector(parseFaultSpec(spec)) };
  return fromEnv.injector;
}

/** Counts of injected faults so far (for reliability reports). */
export function faultCounters(): FaultCounters {
  return { ...activeFaults().counters };
}
