import {
  GetBucketAclCommand,
  GetBucketEncryptionCommand,
  GetBucketLifecycleConfigurationCommand,
  GetBucketLocationCommand,
  GetBucketLoggingCommand,
  GetBucketOwnershipControlsCommand,
  GetBucketPolicyCommand,
  GetBucketReplicationCommand,
  GetBucketVersioningCommand,
  GetPublicAccessBlockCommand,
  paginateListBuckets,
} from '@aws-sdk/client-s3';
import { GetPublicAccessBlockCommand as GetAccountPublicAccessBlockCommand } from '@aws-sdk/client-s3-control';
import { BucketInfo, PublicAccessBlock } from '../model';
import { CollectContext, forEach, orUndefined, pageSize } from './context';

interface SdkPublicAccessBlock {
  BlockPublicAcls?: boolean;
  IgnorePublicAcls?: boolean;
  BlockPublicPolicy?: boolean;
  RestrictPublicBuckets?: boolean;
}

function pab(c: SdkPublicAccessBlock | undefined): PublicAccessBlock | null {
  if (!c) return null;
  return {
    blockPublicAcls: !!c.BlockPublicAcls,
    ignorePublicAcls: !!c.IgnorePublicAcls,
    blockPublicPolicy: !!c.BlockPublicPolicy,
    restrictPublicBuckets: !!c.RestrictPublicBuckets,
  };
}

/** `GetBucketLocation`'s LocationConstraint to a region name. */
export function locationToRegion(location: string | undefined): string {
  if (!location) return 'us-east-1';
  if (location === 'EU') return 'eu-west-1';
  return location;
}

/**
 * Every bucket (ListBuckets paginated; its BucketRegion saves a GetBucketLocation per bucket), in
 * the scanned regions, with the settings the checks read, each asked of the bucket's own region.
 */
export async function buckets(ctx: CollectContext): Promise<BucketInfo[]> {
  const home = ctx.homeRegion;
  const pages = await ctx.clients.paginate({ service: 's3', region: home, api: 'ListBuckets' }, paginateListBuckets, {}, pageSize(ctx, 1, 10000));
  const listed = pages.flatMap((p) => p.Buckets ?? []);
  const located = await forEach(listed, async (b) => {
    const name = b.Name ?? '';
    let region = b.BucketRegion;
    if (!region) {
      const loc = await orUndefined(ctx.clients.send({ service: 's3', region: home, api: 'GetBucketLocation', resource: name }, (c, abortSignal) =>
        c.send(new GetBucketLocationCommand({ Bucket: name }), { abortSignal })));
      region = loc ? locationToRegion(loc.LocationConstraint) : undefined;
    }
    return { name, region };
  });
  const wanted = new Set(ctx.regions);
  return forEach(located.filter((b) => b.region && wanted.has(b.region)), async ({ name, region }) => {
    const r = region as string;
    const spec = (api: string, absentOn: string[] = []) => ({ service: 's3' as const, region: r, api, resource: name, absentOn });
    const [block, policy, acl, encryption, logging, ownership, versioning, lifecycle, replication] = await Promise.all([
      orUndefined(ctx.clients.call(spec('GetPublicAccessBlock', ['NoSuchPublicAccessBlockConfiguration']), (c, abortSignal) =>
        c.send(new GetPublicAccessBlockCommand({ Bucket: name }), { abortSignal }))),
      orUndefined(ctx.clients.call(spec('GetBucketPolicy', ['NoSuchBucketPolicy']), (c, abortSignal) =>
        c.send(new GetBucketPolicyCommand({ Bucket: name }), { abortSignal }))),
      orUndefined(ctx.clients.send(spec('GetBucketAcl'), (c, abortSignal) => c.send(new GetBucketAclCommand({ Bucket: name }), { abortSignal }))),
      orUndefined(ctx.clients.call(spec('GetBucketEncryption', ['ServerSideEncryptionConfigurationNotFoundError']), (c, abortSignal) =>
        c.send(new GetBucketEncryptionCommand({ Bucket: name }), { abortSignal }))),
      orUndefined(ctx.clients.send(spec('GetBucketLogging'), (c, abortSignal) => c.send(new GetBucketLoggingCommand({ Bucket: name }), { abortSignal }))),
      orUndefined(ctx.clients.call(spec('GetBucketOwnershipControls', ['OwnershipControlsNotFoundError']), (c, abortSignal) =>
        c.send(new GetBucketOwnershipControlsCommand({ Bucket: name }), { abortSignal }))),
      orUndefined(ctx.clients.send(spec('GetBucketVersioning'), (c, abortSignal) => c.send(new GetBucketVersioningCommand({ Bucket: name }), { abortSignal }))),
      orUndefined(ctx.clients.call(spec('GetBucketLifecycleConfiguration', ['NoSuchLifecycleConfiguration']), (c, abortSignal) =>
        c.send(new GetBucketLifecycleConfigurationCommand({ Bucket: name }), { abortSignal }))),
      orUndefined(ctx.clients.call(spec('GetBucketReplication', ['ReplicationConfigurationNotFoundError']), (c, abortSignal) =>
        c.send(new GetBucketReplicationCommand({ Bucket: name }), { abortSignal }))),
    ]);
    const info: BucketInfo = {
      name,
      arn: `arn:${ctx.partition}:s3:::${name}`,
      region: r,
      publicAccessBlock: block === undefined ? undefined : pab(block?.PublicAccessBlockConfiguration),
      policy: policy === undefined ? undefined : (policy?.Policy ?? null),
      acl: acl === undefined ? undefined : (acl.Grants ?? []).map((g) => ({
        grantee: g.Grantee?.URI ?? g.Grantee?.ID ?? g.Grantee?.EmailAddress ?? '',
        permission: g.Permission ?? '',
      })),
      encryption: encryption === undefined
        ? undefined
        : (encryption?.ServerSideEncryptionConfiguration?.Rules?.[0]?.ApplyServerSideEncryptionByDefault?.SSEAlgorithm ?? null),
      loggingTarget: logging === undefined ? undefined : (logging.LoggingEnabled?.TargetBucket ?? null),
      ...(logging?.LoggingEnabled ? { loggingPrefix: logging.LoggingEnabled.TargetPrefix ?? '' } : {}),
      objectOwnership: ownership === undefined ? undefined : (ownership?.OwnershipControls?.Rules?.[0]?.ObjectOwnership ?? null),
      versioning: versioning === undefined ? undefined : (versioning.Status ?? null),
      lifecycleRules: lifecycle === undefined ? undefined : lifecycle && (lifecycle.Rules ?? []).map((x) => ({ id: x.ID, status: x.Status ?? '' })),
      replicationRules: replication === undefined ? undefined : replication && (replication.ReplicationConfiguration?.Rules ?? []).map((x) => ({
        id: x.ID, status: x.Status ?? '', destination: x.Destination?.Bucket,
      })),
    };
    return info;
  });
}

export async function accountPublicAccessBlock(ctx: CollectContext): Promise<PublicAccessBlock | null> {
  const out = await ctx.clients.call(
    { service: 's3control', region: ctx.homeRegion, api: 'GetPublicAccessBlock', resource: ctx.accountId, absentOn: ['NoSuchPublicAccessBlockConfiguration'] },
    (c, abortSignal) => c.send(new GetAccountPublicAccessBlockCommand({ AccountId: ctx.accountId }), { abortSignal }));
  return out ? pab(out.PublicAccessBlockConfiguration) : null;
}
