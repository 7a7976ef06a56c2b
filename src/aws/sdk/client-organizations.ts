// AWS Organizations' SDK package, whole: src/aws/organizations-api.ts hands it out as a namespace (docs/architecture.md, "Start-up").
export * from '@aws-sdk/client-organizations';
