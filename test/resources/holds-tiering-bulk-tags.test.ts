// List-first refresh of tiering_configuration and legal_hold: the listing answers existence, one
// bulk tagging call per kind answers tags, and no object costs a ListTags of its own unless the bulk
// answer lacks tags state says it had.
import { expect } from 'chai';
import { ListTagsCommand, UntagResourceCommand, type BackupClient } from '@aws-sdk/client-backup';
import type { ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { sandboxClientSettings } from '../../src/app/sandbox-provider.js';
import { createTaggingClient } from '../../src/aws/clients.js';
import type { ObjectValue } from '../../src/core/values.js';
import type { HandlerContext, PriorObject, ResourceHandler } from '../../src/resources/handler.js';
import { legalHoldHandler } from '../../src/resources/legal-hold/handler.js';
import { legalHoldModel } from '../../src/resources/legal-hold/model.js';
import { tieringConfigurationHandler } from '../../src/resources/tiering-configuration/handler.js';
import { tieringConfigurationModel } from '../../src/resources/tiering-configuration/model.js';
import { REGION, sandboxFixture, type SandboxFixture } from '../sandbox/fixture.js';

/** Enough objects of a kind for the bulk read to pay (tags.ts reads in bulk from 8). */
const OBJECTS = 9;

/**
 * A handler context that records every call it sends, Backup and tagging alike. `tagging` answers
 * GetResources; by default with every tagged object's tags, as AWS's GetResources does for any resource type.
 */
function countingContext(backup: BackupClient, tagging: () => Promise<ResourceGroupsTaggingAPIClient>): HandlerContext & { calls: string[] } {
  const calls: string[] = [];
  const record = <C extends { send: (command: never) => unknown }>(client: C): C =>
    ({ send: (command: { constructor: { name: string } }) => (calls.push(command.constructor.name.replace(/Command$/, '')), client.send(command as never)) }) as unknown as C;
  return { backup: record(backup), lineage: 'l', settings: {} as HandlerContext['settings'], tagging: async () => record(await tagging()), organizations: async () => undefined as never, limit: (call) => call(), calls };
}

/** GetResources as AWS answers it: the tags of every tagged object whose type the filter names, read here with ListTags (uncounted). */
function awsLikeTagging(backup: BackupClient, arns: () => string[]): ResourceGroupsTaggingAPIClient {
  return {
    send: async (command: { input: { ResourceTypeFilters?: string[] } }) => {
      const types = command.input.ResourceTypeFilters ?? [];
      const list = [];
      for (const arn of arns()) {
        const type = `backup:${arn.split(':')[5]}`;
        if (!types.includes(type)) continue;
        const tags = (await backup.send(new ListTagsCommand({ ResourceArn: arn }))).Tags ?? {};
        if (Object.keys(tags).length > 0) list.push({ ResourceARN: arn, Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) });
      }
      return { ResourceTagMappingList: list, PaginationToken: '' };
    },
  } as unknown as ResourceGroupsTaggingAPIClient;
}

interface Kind {
  name: string;
  handler: ResourceHandler<unknown>;
  listing: string;
  desired(i: number): ObjectValue;
}

const kinds: Kind[] = [
  {
    name: 'tiering_configuration',
    handler: tieringConfigurationHandler as ResourceHandler<unknown>,
    listing: 'ListTieringConfigurations',
    desired: (i) =>
      tieringConfigurationModel.canonical({
        name: `tiering_${i}`,
        backup_vault_name: `vault-${i}`,
        resource_selection: [{ resources: ['*'], tiering_down_settings_in_days: 365, resource_type: 'S3' }],
        // The last one has no tags: the bulk answer lacks it, and state says it had none.
        tags: i === OBJECTS - 1 ? {} : { team: 'storage', unit: String(i) },
      }),
  },
  {
    name: 'legal_hold',
    handler: legalHoldHandler as ResourceHandler<unknown>,
    listing: 'ListLegalHolds',
    desired: (i) =>
      legalHoldModel.canonical({
        title: `hold ${i}`,
        description: 'audit',
        cancel_description: 'closed',
        recovery_point_selection: { vault_names: [`vault-${i}`] },
        tags: i === OBJECTS - 1 ? {} : { case: String(i) },
      }),
  },
];

describe('resources: tiering_configuration and legal_hold read their tags in bulk', () => {
  let sb: SandboxFixture;
  beforeEach(async () => {
    sb = await sandboxFixture();
  });
  afterEach(() => sb.cleanup());

  for (const kind of kinds) {
    describe(kind.name, () => {
      /** Creates OBJECTS objects and returns them as the prior state a refresh starts from. */
      async function created(ctx: HandlerContext): Promise<PriorObject[]> {
        const prior: PriorObject[] = [];
        for (let i = 0; i < OBJECTS; i++) {
          const made = await kind.handler.create(ctx, `${kind.name}.o${i}`, kind.desired(i), { token: `tok-${i}`, created: async () => undefined });
          const listing = await kind.handler.list!(ctx, []);
          prior.push({ id: made.id, attributes: (await kind.handler.read(ctx, made.id, made.attributes, listing))! });
        }
        return prior;
      }

      it(`refreshes ${OBJECTS} objects with one listing and one GetResources, and no ListTags`, async () => {
        let prior: PriorObject[] = [];
        const ctx = countingContext(sb.client, async () => awsLikeTagging(sb.client, () => prior.map((p) => String(p.attributes.arn))));
        prior = await created(ctx);
        ctx.calls.length = 0;
        const listing = await kind.handler.list!(ctx, prior);
        const reads = await Promise.all(prior.map((p) => kind.handler.read(ctx, p.id, p.attributes, listing)));
        expect(ctx.calls).to.deep.equal([kind.listing, 'GetResources']);
        reads.forEach((read, i) => expect(read, `object ${i}`).to.deep.equal(prior[i]!.attributes));
      });

      it('checks with ListTags only an object whose tags all vanished from the bulk answer', async () => {
        let prior: PriorObject[] = [];
        const ctx = countingContext(sb.client, async () => awsLikeTagging(sb.client, () => prior.map((p) => String(p.attributes.arn))));
        prior = await created(ctx);
        const first = prior[0]!.attributes;
        await sb.client.send(new UntagResourceCommand({ ResourceArn: String(first.arn), TagKeyList: Object.keys(first.tags as ObjectValue) }));
        ctx.calls.length = 0;
        const listing = await kind.handler.list!(ctx, prior);
        const reads = await Promise.all(prior.map((p) => kind.handler.read(ctx, p.id, p.attributes, listing)));
        expect(ctx.calls).to.deep.equal([kind.listing, 'GetResources', 'ListTags']);
        expect(reads[0]!.tags).to.deep.equal({});
        expect(reads[1]).to.deep.equal(prior[1]!.attributes);
      });

      it("still reads every object's tags right where GetResources does not index the kind (the sandbox's endpoint today)", async () => {
        const settings = sandboxClientSettings({ region: REGION, path: sb.path });
        const tagging = await createTaggingClient(settings);
        try {
          const ctx = countingContext(sb.client, async () => tagging);
          const prior = await created(ctx);
          ctx.calls.length = 0;
          const listing = await kind.handler.list!(ctx, prior);
          const reads = await Promise.all(prior.map((p) => kind.handler.read(ctx, p.id, p.attributes, listing)));
          reads.forEach((read, i) => expect(read, `object ${i}`).to.deep.equal(prior[i]!.attributes));
          // The untagged object needs no ListTags: state says it had no tags.
          expect(ctx.calls.filter((c) => c === 'ListTags')).to.have.length(OBJECTS - 1);
        } finally {
          tagging.destroy();
        }
      });
    });
  }
});
