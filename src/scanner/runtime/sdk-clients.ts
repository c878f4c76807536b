/** The SDK clients the scanner uses: one constructor per service key, endpoint overrides, and building a client with its timeouts, agents and attempt counter. */
import * as http from 'http';
import * as https from 'https';
import { AccessAnalyzerClient } from '@aws-sdk/client-accessanalyzer';
import { BackupClient } from '@aws-sdk/client-backup';
import { BatchClient } from '@aws-sdk/client-batch';
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EC2Client } from '@aws-sdk/client-ec2';
import { ECRClient } from '@aws-sdk/client-ecr';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { GuardDutyClient } from '@aws-sdk/client-guardduty';
import { IAMClient } from '@aws-sdk/client-iam';
import { KMSClient } from '@aws-sdk/client-kms';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { RDSClient } from '@aws-sdk/client-rds';
import { S3Client } from '@aws-sdk/client-s3';
import { S3ControlClient } from '@aws-sdk/client-s3-control';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { SecurityHubClient } from '@aws-sdk/client-securityhub';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import { STSClient } from '@aws-sdk/client-sts';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { admittedByService, isThrottle } from './api-errors';
import { ApiPacer } from './pacer';

/** The SDK clients the scanner uses, by our service key. */
const CLIENT_CTORS = {
  accessanalyzer: AccessAnalyzerClient,
  backup: BackupClient,
  batch: BatchClient,
  cloudtrail: CloudTrailClient,
  cloudwatch: CloudWatchClient,
  config: ConfigServiceClient,
  dynamodb: DynamoDBClient,
  ec2: EC2Client,
  ecr: ECRClient,
  events: EventBridgeClient,
  guardduty: GuardDutyClient,
  iam: IAMClient,
  kms: KMSClient,
  lambda: LambdaClient,
  logs: CloudWatchLogsClient,
  rds: RDSClient,
  s3: S3Client,
  s3control: S3ControlClient,
  scheduler: SchedulerClient,
  securityhub: SecurityHubClient,
  sfn: SFNClient,
  sns: SNSClient,
  sqs: SQSClient,
  sts: STSClient,
};
export type ServiceKey = keyof typeof CLIENT_CTORS;
export type ClientOf<K extends ServiceKey> = InstanceType<(typeof CLIENT_CTORS)[K]>;

/** SDK service ids, as used in `AWS_ENDPOINT_URL_<ID>` (spaces become underscores). */
const SERVICE_IDS: Record<ServiceKey, string> = {
  accessanalyzer: 'ACCESSANALYZER',
  backup: 'BACKUP',
  batch: 'BATCH',
  cloudtrail: 'CLOUDTRAIL',
  cloudwatch: 'CLOUDWATCH',
  config: 'CONFIG_SERVICE',
  dynamodb: 'DYNAMODB',
  ec2: 'EC2',
  ecr: 'ECR',
  events: 'EVENTBRIDGE',
  guardduty: 'GUARDDUTY',
  iam: 'IAM',
  kms: 'KMS',
  lambda: 'LAMBDA',
  logs: 'CLOUDWATCH_LOGS',
  rds: 'RDS',
  s3: 'S3',
  s3control: 'S3_CONTROL',
  scheduler: 'SCHEDULER',
  securityhub: 'SECURITYHUB',
  sfn: 'SFN',
  sns: 'SNS',
  sqs: 'SQS',
  sts: 'STS',
};

/**
 * The endpoint override the SDK itself will use for a service, if any. The SDK v3 reads
 * `AWS_ENDPOINT_URL_<SERVICE_ID>` then `AWS_ENDPOINT_URL` natively (unless
 * `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS` is true); we only look, to switch S3 to path-style
 * addressing and S3 Control off its `<account>.` host prefix, which an emulator cannot serve.
 */
export function endpointOverride(service: ServiceKey, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if ((env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS ?? '').toLowerCase() === 'true') return undefined;
  return env[`AWS_ENDPOINT_URL_${SERVICE_IDS[service]}`] || env.AWS_ENDPOINT_URL || undefined;
}

/** How every client is built (the resilience options' part that the SDK applies per attempt). */
export interface SdkClientSettings {
  readonly maxAttempts: number;
  readonly retryMode: 'standard' | 'adaptive';
  readonly connectionTimeoutMs: number;
  readonly requestTimeoutMs: number;
  /** Extra SDK client configuration (credentials in tests); applied last. */
  readonly extraConfig: Record<string, unknown>;
}

/** What the attempt counter reports to, once per HTTP attempt. */
export interface AttemptObserver {
  /** Whether retries wait for their API's pace. */
  readonly paceRetries: boolean;
  /** The pacer of one API of the client (the command's name without `Command`). */
  pacer(api: string): ApiPacer;
  attempted(): void;
  throttled(): void;
}

/**
 * A client for (service, region) with our retries and timeouts, sockets from `agents`, path-style S3
 * and S3 Control at the override itself when an endpoint is overridden (an emulator), and the
 * attempt counter.
 */
export function createSdkClient<K extends ServiceKey>(
  service: K,
  region: string,
  settings: SdkClientSettings,
  agents: { readonly http: http.Agent; readonly https: https.Agent },
  observer: AttemptObserver,
): ClientOf<K> {
  const Ctor = CLIENT_CTORS[service] as unknown as new (cfg: Record<string, unknown>) => ClientOf<K>;
  const override = endpointOverride(service);
  const overridden = override !== undefined;
  const client = new Ctor({
    region,
    maxAttempts: settings.maxAttempts,
    retryMode: settings.retryMode,
    requestHandler: new NodeHttpHandler({
      connectionTimeout: settings.connectionTimeoutMs,
      requestTimeout: settings.requestTimeoutMs,
      // Without this the SDK only logs a warning when requestTimeout passes.
      throwOnRequestTimeout: true,
      socketTimeout: settings.requestTimeoutMs,
      httpAgent: agents.http,
      httpsAgent: agents.https,
    }),
    ...(service === 's3' && overridden ? { forcePathStyle: true } : {}),
    // S3 Control's endpoint rules put `<account id>.` in front of any custom endpoint, which an
    // emulator on an IP address cannot serve (and is not a valid URL): serve it at the override itself.
    ...(service === 's3control' && overridden ? { endpointProvider: () => ({ url: new URL(override) }) } : {}),
    ...settings.extraConfig,
  });
  addAttemptCounter(client, observer);
  return client;
}

/** Adds the middleware that runs once per HTTP attempt (inside the retry middleware): paces retries, counts attempts and throttles. */
export function addAttemptCounter(client: unknown, observer: AttemptObserver): void {
  (client as { middlewareStack: { add: Function } }).middlewareStack.add(
    (next: (a: unknown) => Promise<unknown>, context: { commandName?: string }) => async (args: unknown) => {
      // First attempts are paced in call(), before they take a concurrency slot; retries
      // (attempt > 1 in the SDK's amz-sdk-request header) are paced here, so they do not
      // push a throttled API straight back over its limit.
      const pacer = observer.pacer((context.commandName ?? '').replace(/Command$/, ''));
      const header = (args as { request?: { headers?: Record<string, string> } }).request?.headers?.['amz-sdk-request'] ?? '';
      const attempt = Number(/attempt=(\d+)/.exec(header)?.[1] ?? '1');
      if (observer.paceRetries && attempt > 1) await pacer.acquire(2000);
      observer.attempted();
      try {
        const out = await next(args);
        pacer.success();
        return out;
      } catch (e) {
        if (isThrottle(e)) {
          observer.throttled();
          pacer.throttled();
        } else if (admittedByService(e)) {
          // A 4xx answer such as NoSuchBucketPolicy passed the service's rate limiter just like
          // a 200: it counts toward the pace. (Most buckets have no policy and many functions
          // none either; counting only 200s left such an API paced at 1 request/second for good.)
          pacer.success();
        }
        throw e;
      }
    },
    { step: 'deserialize', name: 'complianceScannerAttemptCounter', priority: 'high' },
  );
}
