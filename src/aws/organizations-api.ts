// The AWS Organizations SDK module, loaded on first use (only configurations with organization
// policies need it; see backup-api.ts for why start-up must not pay for it).
export type OrganizationsApi = typeof import('./sdk/client-organizations.js');

let loading: Promise<OrganizationsApi> | undefined;

export function organizationsApi(): Promise<OrganizationsApi> {
  return (loading ??= import('./sdk/client-organizations.js'));
}
