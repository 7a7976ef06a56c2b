// Reading the configuration's data blocks, as plan and apply do before anything else: after the
// providers are known, before any resource is evaluated for the plan. A data block's arguments
// may refer to other data sources, so the reads go in rounds: evaluate the data blocks with what
// has been read so far, read those whose arguments are all known, repeat. Nothing is written to
// the state: the values are read again by every plan, as Terraform does, and `bkp output` shows
// what outputs recorded from them.
import { resourceEvaluator } from '../config/evaluate.js';
import type { LoadOptions } from '../config/load.js';
import type { Config, ResourceConfig } from '../config/model.js';
import { callLogFromEnv } from '../aws/call-log.js';
import { awsCallError } from '../aws/errors.js';
import type { Diagnostic } from '../core/diagnostics.js';
import { blockAddress } from '../core/addresses.js';
import { ConfigError } from '../core/errors.js';
import { containsUnknown, type ObjectValue, type Value } from '../core/values.js';
import { DataObjectMissing, type DataReadContext } from '../data-sources/kind.js';
import { dataSourceKind } from '../data-sources/registry.js';
import type { Evaluator, KnownAttributes } from '../engine/workflow.js';
import { rangeFor } from '../resources/validate.js';
import { ProviderClients } from './providers.js';

/** Read data source attributes, by instance address (`data.backup_vault.main`). */
export type DataValues = ReadonlyMap<string, ObjectValue>;

/** Reads every data block of `config` through the providers' clients; a missing object is a positioned configuration error. */
export async function readDataSources(config: Config, options: LoadOptions, clients: ProviderClients, sources: Map<string, string>): Promise<DataValues> {
  const values = new Map<string, ObjectValue>();
  if (!config.dataSources?.length) return values;
  // What to evaluate: the root module's data blocks, and the calls whose modules hold the others
  // (module.env["prod"].data.caller_identity.me → module.env).
  const blocks = new Set(config.dataSources.map((d) => blockAddress(d.address)));
  const evaluate = resourceEvaluator(config.files, options);
  const readers = new DataReaders(clients);
  try {
    for (;;) {
      const round = evaluate((address) => values.get(address), blocks);
      const pending = round.dataSources.filter((d) => !values.has(d.address));
      const ready = pending.filter((d) => !containsUnknown(d.attributes));
      if (ready.length > 0) {
        const failures = (await Promise.all(ready.map((data) => readOne(data, readers, values)))).flat();
        if (failures.length > 0) throw new ConfigError(failures, sources, 'A data source could not be read.');
        continue;
      }
      const errors = round.diagnostics.filter((d) => d.severity === 'error');
      if (errors.length > 0) throw new ConfigError(errors, sources, 'The data sources could not be evaluated.');
      if (pending.length > 0) throw new ConfigError(pending.map(unknownArguments), sources, 'A data source could not be read.');
      return values;
    }
  } finally {
    readers.destroy();
  }
}

/** Reads the data blocks with clients of their own (a command that has no provider clients open). */
export async function readDataSourcesOnce(config: Config, options: LoadOptions, sources: Map<string, string>): Promise<DataValues> {
  if (!config.dataSources?.length) return new Map();
  const clients = new ProviderClients(config);
  try {
    await clients.prepare();
    return await readDataSources(config, options, clients, sources);
  } finally {
    clients.destroy();
  }
}

/** An evaluator that knows the data sources' attributes besides the resources' ones. */
export function withDataValues(evaluate: Evaluator, values: DataValues): Evaluator {
  if (values.size === 0) return evaluate;
  return (known, only) => evaluate(knowingData(known, values), only);
}

export function knowingData(known: KnownAttributes, values: DataValues): KnownAttributes {
  return (address) => values.get(address) ?? known(address);
}

async function readOne(data: ResourceConfig, readers: DataReaders, values: Map<string, ObjectValue>): Promise<Diagnostic[]> {
  const kind = dataSourceKind(data.kind)!;
  const context = readers.contextFor(data.provider);
  const started = performance.now();
  try {
    values.set(data.address, await kind.read(data.attributes, context));
    callLogFromEnv()?.write(`bkp data: ${data.address} read provider=${data.provider} region=${context.region} duration=${Math.round(performance.now() - started)}ms`);
    return [];
  } catch (error) {
    if (!(error instanceof DataObjectMissing)) throw awsCallError(error, 'Reading', data.address);
    return [{ severity: 'error', summary: 'Data source object not found', detail: `${error.message} ${error.hint}`, range: rangeFor(data.ranges, error.argument) ?? data.range, context: data.context }];
  }
}

function unknownArguments(data: ResourceConfig): Diagnostic {
  const unknown = Object.entries(data.attributes).find(([, value]) => containsUnknown(value as Value))?.[0];
  return {
    severity: 'error',
    summary: 'Data source argument not known during plan',
    detail: `${unknown === undefined ? 'An argument' : `The argument ${unknown}`} depends on a value known only after apply (a computed attribute of a resource, through a local). bkp reads data sources before anything is applied: give it a value from variables, locals or other data sources.`,
    range: (unknown !== undefined && rangeFor(data.ranges, `/${unknown}`)) || data.range,
    context: data.context,
  };
}

type ClientName = 'sts' | 'kms' | 'iam' | 'organizations';
interface Destroyable {
  destroy(): void;
}

/** The read contexts of the providers, their extra clients (STS, KMS, IAM) built on first use and destroyed after the reads. */
class DataReaders {
  private readonly built = new Map<string, Promise<Destroyable>>();

  constructor(private readonly providers: ProviderClients) {}

  contextFor(key: string): DataReadContext {
    const settings = this.providers.settingsFor(key);
    const client = <T extends Destroyable>(name: ClientName, create: () => Promise<T>): Promise<T> => {
      const id = `${key}/${name}`;
      if (!this.built.has(id)) this.built.set(id, create());
      return this.built.get(id) as Promise<T>;
    };
    const factories = () => import('../aws/clients.js');
    return {
      region: settings.region,
      backup: () => this.providers.backup(key),
      sts: () => client('sts', async () => (await factories()).createStsClient(settings)),
      kms: () => client('kms', async () => (await factories()).createKmsClient(settings)),
      iam: () => client('iam', async () => (await factories()).createIamClient(settings)),
      organizations: () => client('organizations', async () => (await factories()).createOrganizationsClient(settings)),
    };
  }

  destroy(): void {
    for (const client of this.built.values()) void client.then((c) => c.destroy(), () => undefined);
  }
}

