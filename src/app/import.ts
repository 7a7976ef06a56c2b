// The work behind `bkp import ADDRESS ID`: adopt an existing AWS object into the state.
import { alreadyManagedHint, managingAddress } from '../engine/managed-objects.js';
import { redactSensitive } from '../engine/sensitive-values.js';
import { ErrorCode, UserError } from '../core/errors.js';
import { handlerCallError } from '../resources/kind.js';
import { withManagedTags } from '../resources/managed.js';
import { importableKinds, resourceKind } from '../resources/registry.js';
import { findResource, isModuleAddress, parseAddress, withResource, type JsonObject } from '../state/model.js';
import type { CommandContext } from './context.js';
import { notify } from './io-host.js';
import type { StateFlags, VarFlags } from './options.js';
import { handlerContexts, openEngineSession } from './engine-session.js';
import { shellWord } from '../core/shell.js';

export async function runImport(ctx: CommandContext, flags: VarFlags & StateFlags & { address: string; id: string }): Promise<number> {
  // Before the configuration is read: "no configuration for import target nonsense!!" would send
  // the user to write a block that cannot exist.
  if (isModuleAddress(flags.address)) {
    throw new UserError(ErrorCode.Usage, `${flags.address} is a module: bkp import takes the address of one resource.`, {
      hint: `Import into a resource within it, such as ${flags.address}.backup_vault.main.`,
    });
  }
  parseAddress(flags.address);
  const run = await openEngineSession(ctx, flags, 'import');
  try {
    const resource = run.config.resources.find((r) => r.address === flags.address);
    if (!resource) {
      throw new UserError(ErrorCode.Usage, `Configuration for import target ${flags.address} does not exist.`, {
        hint: `Write its block first (e.g. ${flags.address.split('.')[0]} "${flags.address.split('.')[1]?.split('[')[0] ?? 'name'}" { … }), then import it.`,
      });
    }
    const kind = resourceKind(resource.kind);
    if (kind?.importId === undefined) {
      throw new UserError(ErrorCode.Usage, `${resource.kind} resources cannot be imported.`, {
        hint: `Importable kinds: ${importableKinds().join(', ')}.`,
      });
    }
    if (findResource(run.state.current(), flags.address)) {
      throw new UserError(ErrorCode.Usage, `${flags.address} is already managed by bkp.`, {
        hint: `Remove it with \`bkp state rm ${shellWord(flags.address)}\` first if you mean to import another object there.`,
      });
    }
    const lineage = run.state.current().lineage;
    let attributes;
    try {
      attributes = await kind.handler.read(await handlerContexts(run).context(resource.provider), flags.id, resource.attributes);
    } catch (e) {
      throw handlerCallError(e, 'Importing', flags.address);
    }
    if (!attributes) {
      throw new UserError(ErrorCode.AwsNotFound, `Cannot import non-existent remote object: no ${resource.kind} with id "${flags.id}" in provider "${resource.provider}".`, {
        hint: `The id of a ${resource.kind} is ${kind.importId}. Check the provider's region and account.`,
      });
    }
    const other = managingAddress(run.state.current().resources, { address: resource.address, kind: resource.kind, provider: resource.provider, id: flags.id, attributes });
    if (other !== undefined) {
      throw new UserError(ErrorCode.Usage, `Resource already managed by bkp: ${other} manages "${flags.id}", so ${flags.address} cannot import it.`, {
        hint: alreadyManagedHint(flags.address, other),
      });
    }
    await run.state.persist(
      withResource(run.state.current(), {
        address: resource.address,
        kind: resource.kind,
        name: resource.name,
        ...(resource.key !== undefined ? { key: resource.key } : {}),
        provider: resource.provider,
        id: flags.id,
        // Tag keys the configuration does not name stay the account's: importing does not make them bkp's.
        attributes: JSON.parse(
          JSON.stringify(redactSensitive(withManagedTags(kind.model, attributes, [resource.attributes]), resource.sensitivePaths, { lineage, address: resource.address })),
        ) as JsonObject,
        dependencies: resource.dependencies,
        ...(resource.sensitivePaths.length > 0 ? { sensitive_paths: resource.sensitivePaths } : {}),
      }),
    );
    const text = `${flags.address}: Import prepared!\n\nImport successful! The resource is now managed by bkp. Run \`bkp plan\` to see how it differs from the configuration.`;
    await notify(ctx.host, 'BKP_R_IMPORTED', 'result', text, { address: flags.address });
    return 0;
  } finally {
    await run.close();
  }
}
