import { DescribeTrailsCommand, GetTrailStatusCommand } from '@aws-sdk/client-cloudtrail';
import { DescribeKeyCommand, GetKeyPolicyCommand, GetKeyRotationStatusCommand, paginateListKeys } from '@aws-sdk/client-kms';
import { FunctionConfiguration, GetFunctionConcurrencyCommand, GetPolicyCommand, paginateListFunctionEventInvokeConfigs, paginateListFunctions } from '@aws-sdk/client-lambda';
import { paginateDescribeDBInstances } from '@aws-sdk/client-rds';
import { DbInstanceInfo, KmsKeyInfo, LambdaFunctionInfo, TrailInfo } from '../model';
import { CollectContext, forEach, needs, orUndefined, pageSize } from './context';

/** Trails visible in the region (shadow copies of multi-region trails included) with their logging status. */
export async function trails(ctx: CollectContext, region: string): Promise<TrailInfo[]> {
  // DescribeTrails has no pagination: it returns every trail.
  const out = await ctx.clients.send({ service: 'cloudtrail', region, api: 'DescribeTrails' }, (c, abortSignal) =>
    c.send(new DescribeTrailsCommand({ includeShadowTrails: true }), { abortSignal }));
  return forEach(out.trailList ?? [], async (t) => {
    const status = await ctx.clients.send({ service: 'cloudtrail', region, api: 'GetTrailStatus', resource: t.TrailARN }, (c, abortSignal) =>
      c.send(new GetTrailStatusCommand({ Name: t.TrailARN }), { abortSignal }));
    return {
      name: t.Name ?? '',
      arn: t.TrailARN ?? '',
      homeRegion: t.HomeRegion ?? region,
      isMultiRegion: !!t.IsMultiRegionTrail,
      isLogging: !!status.IsLogging,
      kmsKeyId: t.KmsKeyId,
      logFileValidationEnabled: !!t.LogFileValidationEnabled,
      s3BucketName: t.S3BucketName,
      s3KeyPrefix: t.S3KeyPrefix,
      cloudWatchLogsLogGroupArn: t.CloudWatchLogsLogGroupArn,
      cloudWatchLogsRoleArn: t.CloudWatchLogsRoleArn,
      latestDeliveryError: status.LatestDeliveryError || undefined,
      latestCloudWatchLogsDeliveryError: status.LatestCloudWatchLogsDeliveryError || undefined,
    };
  });
}

export async function kmsKeys(ctx: CollectContext, region: string): Promise<KmsKeyInfo[]> {
  const pages = await ctx.clients.paginate({ service: 'kms', region, api: 'ListKeys' }, paginateListKeys, {}, pageSize(ctx, 1, 1000));
  return forEach(pages.flatMap((p) => p.Keys ?? []), async (k) => {
    const keyId = k.KeyId ?? '';
    const d = await ctx.clients.send({ service: 'kms', region, api: 'DescribeKey', resource: k.KeyArn }, (c, abortSignal) =>
      c.send(new DescribeKeyCommand({ KeyId: keyId }), { abortSignal }));
    const m = d.KeyMetadata;
    const info: KmsKeyInfo = {
      keyId,
      arn: m?.Arn ?? k.KeyArn ?? '',
      keyManager: m?.KeyManager === 'AWS' ? 'AWS' : 'CUSTOMER',
      keyState: m?.KeyState ?? 'Unknown',
      keySpec: m?.KeySpec ?? 'SYMMETRIC_DEFAULT',
      origin: m?.Origin ?? 'AWS_KMS',
    };
    const [rotationEnabled, policy] = await Promise.all([rotation(ctx, region, info), keyPolicy(ctx, region, info)]);
    return { ...info, ...(rotationEnabled !== undefined ? { rotationEnabled } : {}), ...(policy !== undefined ? { policy } : {}) };
  });
}

async function rotation(ctx: CollectContext, region: string, info: KmsKeyInfo): Promise<boolean | undefined> {
  if (!needs(ctx, 'kms:GetKeyRotationStatus')) return undefined;
  if (info.keyManager !== 'CUSTOMER' || info.keySpec !== 'SYMMETRIC_DEFAULT' || info.origin !== 'AWS_KMS' || info.keyState !== 'Enabled') return undefined;
  const r = await ctx.clients.send({ service: 'kms', region, api: 'GetKeyRotationStatus', resource: info.arn }, (c, abortSignal) =>
    c.send(new GetKeyRotationStatusCommand({ KeyId: info.keyId }), { abortSignal }));
  return !!r.KeyRotationEnabled;
}

/** The policy of a customer managed key, when a check being run reads it; undefined when it could not be read (in the error log). */
async function keyPolicy(ctx: CollectContext, region: string, info: KmsKeyInfo): Promise<string | undefined> {
  if (info.keyManager !== 'CUSTOMER' || !needs(ctx, 'kms:GetKeyPolicy')) return undefined;
  const p = await orUndefined(ctx.clients.send({ service: 'kms', region, api: 'GetKeyPolicy', resource: info.arn }, (c, abortSignal) =>
    c.send(new GetKeyPolicyCommand({ KeyId: info.keyId, PolicyName: 'default' }), { abortSignal })));
  return p?.Policy;
}

export async function lambdaFunctions(ctx: CollectContext, region: string): Promise<LambdaFunctionInfo[]> {
  const pages = await ctx.clients.paginate({ service: 'lambda', region, api: 'ListFunctions' }, paginateListFunctions, {}, pageSize(ctx, 1, 50));
  return forEach(pages.flatMap((p) => p.Functions ?? []), async (f) => {
    const name = f.FunctionName ?? '';
    let policy: string | null | undefined;
    try {
      const p = await ctx.clients.call({ service: 'lambda', region, api: 'GetPolicy', resource: f.FunctionArn, absentOn: ['ResourceNotFoundException'] },
        (c, abortSignal) => c.send(new GetPolicyCommand({ FunctionName: name }), { abortSignal }));
      policy = p?.Policy ?? null;
    } catch {
      policy = undefined; // recorded in the error log; the public-access check reports ERROR for this function
    }
    return { functionName: name, arn: f.FunctionArn ?? '', runtime: f.Runtime, policy, ...(await lambdaConfiguration(ctx, region, f)) };
  });
}

/** What ListFunctions says of a function, its reserved concurrency and, without a DLQ, its on-failure destinations. */
async function lambdaConfiguration(ctx: CollectContext, region: string, f: FunctionConfiguration): Promise<Partial<LambdaFunctionInfo>> {
  const name = f.FunctionName ?? '';
  const resource = f.FunctionArn;
  const deadLetterTargetArn = f.DeadLetterConfig?.TargetArn || null;
  // With a dead-letter queue the failure-destination check needs no configuration; the destination
  // paths (which read the roles' policies, iam:GetAccountAuthorizationDetails) need them all.
  const readConfigs = needs(ctx, 'lambda:ListFunctionEventInvokeConfigs') && (!deadLetterTargetArn || needs(ctx, 'iam:GetAccountAuthorizationDetails'));
  const [reservedConcurrency, configs] = await Promise.all([
    !needs(ctx, 'lambda:GetFunctionConcurrency') ? Promise.resolve(undefined) : orUndefined(ctx.clients.send({ service: 'lambda', region, api: 'GetFunctionConcurrency', resource }, (c, abortSignal) =>
      c.send(new GetFunctionConcurrencyCommand({ FunctionName: name }), { abortSignal }))
      .then((c) => c.ReservedConcurrentExecutions ?? null)),
    !readConfigs ? Promise.resolve(undefined) : orUndefined(
      ctx.clients.paginate({ service: 'lambda', region, api: 'ListFunctionEventInvokeConfigs', resource }, paginateListFunctionEventInvokeConfigs, { FunctionName: name }, pageSize(ctx, 1, 50))
        .then((pages) => pages.flatMap((p) => p.FunctionEventInvokeConfigs ?? []))),
  ]);
  const onFailureDestinations = configs?.flatMap((c) => c.DestinationConfig?.OnFailure?.Destination ?? []);
  const invokeDestinations = configs?.flatMap((c) => [c.DestinationConfig?.OnFailure?.Destination, c.DestinationConfig?.OnSuccess?.Destination]
    .filter((d): d is string => typeof d === 'string' && d !== ''));
  return {
    vpcId: f.VpcConfig?.VpcId || null,
    tracingMode: f.TracingConfig?.Mode ?? null,
    deadLetterTargetArn,
    onFailureDestinations,
    reservedConcurrency,
    role: f.Role,
    logGroup: f.LoggingConfig?.LogGroup || null,
    invokeDestinations,
  };
}

export async function dbInstances(ctx: CollectContext, region: string): Promise<DbInstanceInfo[]> {
  const pages = await ctx.clients.paginate({ service: 'rds', region, api: 'DescribeDBInstances' }, paginateDescribeDBInstances, {}, pageSize(ctx, 20, 100));
  return pages.flatMap((p) => p.DBInstances ?? []).map((d) => ({
    dbInstanceIdentifier: d.DBInstanceIdentifier ?? '',
    arn: d.DBInstanceArn ?? '',
    engine: d.Engine ?? '',
    publiclyAccessible: !!d.PubliclyAccessible,
    storageEncrypted: !!d.StorageEncrypted,
  }));
}
