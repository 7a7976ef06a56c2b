// One AWS object, one address: an import of an object the state already manages at another
// address would have two blocks change it in turn on every apply (Terraform refuses it as
// "Resource already managed by Terraform").

interface Managed {
  address: string;
  kind: string;
  provider: string;
  id: string;
  attributes: { readonly [key: string]: unknown };
}

/**
 * The address other than `candidate.address` that already manages the object `candidate` names:
 * the same id of the same kind under the same provider, or the same ARN (which also tells apart
 * ids written in another form).
 */
export function managingAddress(managed: readonly Managed[], candidate: Managed): string | undefined {
  const arn = typeof candidate.attributes.arn === 'string' ? candidate.attributes.arn : undefined;
  return managed.find(
    (m) =>
      m.address !== candidate.address &&
      ((m.kind === candidate.kind && m.provider === candidate.provider && m.id === candidate.id) || (arn !== undefined && m.attributes.arn === arn)),
  )?.address;
}

/** The hint of the refusal: how to move the object, or what to import instead. */
export function alreadyManagedHint(address: string, other: string): string {
  return (
    `An object is managed at one address only: two blocks would change it in turn on every apply. ` +
    `To manage it as ${address} instead, move it: \`bkp state mv ${other} ${address}\` (or a moved block) and remove the block of ${other}. ` +
    `Otherwise import another object into ${address}.`
  );
}
