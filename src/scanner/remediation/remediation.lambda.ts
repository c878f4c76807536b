import { EC2Client, EnableEbsEncryptionByDefaultCommand } from '@aws-sdk/client-ec2';
import { PutBucketEncryptionCommand, PutObjectCommand, PutPublicAccessBlockCommand, S3Client } from '@aws-sdk/client-s3';
import { REMEDIATION_FIXES, RemediationFixId } from './fixes';

/**
 * Remediation of scanner findings, triggered by the findings table's stream.
 *
 * Only allow-listed fixes (env `ALLOWED_FIXES`, check ids) are considered; with `DRY_RUN=true`
 * (the default) nothing is changed. Every change made or that would be made is written as an
 * audit record (JSON, SSE-KMS) under `AUDIT_PREFIX` in `AUDIT_BUCKET`, before the function returns.
 */

interface Attr { readonly S?: string }
interface StreamRecord {
  readonly eventID?: string;
  readonly eventName?: string;
  readonly dynamodb?: { readonly NewImage?: Record<string, Attr>; readonly SequenceNumber?: string };
}

export interface AuditRecord {
  readonly findingId: string;
  readonly checkId: string;
  readonly resourceId: string;
  readonly region: string;
  readonly action: string;
  readonly dryRun: boolean;
  readonly outcome: 'WOULD_APPLY' | 'APPLIED' | 'FAILED';
  readonly error?: string;
  readonly at: string;
}

interface Fix {
  readonly action: string;
  apply(resourceId: string, region: string): Promise<void>;
}

const BUCKET_ARN = /^arn:aws[a-z-]*:s3:::([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])$/;
function bucketOf(resourceId: string): string {
  const m = BUCKET_ARN.exec(resourceId);
  if (!m) throw new Error(`not an S3 bucket ARN: ${resourceId}`);
  return m[1];
}

const s3Clients = new Map<string, S3Client>();
const s3 = (region: string) => s3Clients.get(region) ?? s3Clients.set(region, new S3Client({ region })).get(region)!;

/** How each fix of the table is applied: the compiler requires exactly one per table id. */
const APPLY: Record<RemediationFixId, Fix['apply']> = {
  's3-bucket-public-access-block': async (resourceId, region) => {
    await s3(region).send(new PutPublicAccessBlockCommand({
      Bucket: bucketOf(resourceId),
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true },
    }));
  },
  's3-bucket-kms-encryption': async (resourceId, region) => {
    await s3(region).send(new PutBucketEncryptionCommand({
      Bucket: bucketOf(resourceId),
      ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' }, BucketKeyEnabled: true }] },
    }));
  },
  'ec2-ebs-encryption-by-default': async (_resourceId, region) => {
    const ec2 = new EC2Client({ region });
    try {
      await ec2.send(new EnableEbsEncryptionByDefaultCommand({}));
    } finally {
      ec2.destroy();
    }
  },
};

/** The allow-list (the fix table, `./fixes`): check id to the one change that fixes it. */
export const FIXES: Record<string, Fix> = Object.fromEntries(
  REMEDIATION_FIXES.map((f) => [f.id, { action: f.auditAction, apply: APPLY[f.id] }]),
);

function config(env: NodeJS.ProcessEnv) {
  const missing = ['AUDIT_BUCKET', 'AUDIT_KMS_KEY_ID', 'AUDIT_PREFIX', 'ALLOWED_FIXES'].filter((n) => !env[n]);
  if (missing.length > 0) throw new Error(`remediation environment is invalid: missing ${missing.join(', ')}`);
  const allowed = env.ALLOWED_FIXES!.split(',').filter(Boolean);
  const unknown = allowed.filter((f) => !FIXES[f]);
  if (unknown.length > 0) throw new Error(`remediation environment is invalid: unknown ALLOWED_FIXES ${unknown.join(', ')}`);
  if (env.DRY_RUN !== 'true' && env.DRY_RUN !== 'false') throw new Error(`remediation environment is invalid: DRY_RUN must be true or false, got ${env.DRY_RUN}`);
  return { bucket: env.AUDIT_BUCKET!, kmsKeyId: env.AUDIT_KMS_KEY_ID!, prefix: env.AUDIT_PREFIX!, allowed: new Set(allowed), dryRun: env.DRY_RUN !== 'false' };
}

/** Handles a batch of findings-table stream records; failed fixes are returned as batch item failures. */
export async function handler(event: { Records?: StreamRecord[] }): Promise<{ batchItemFailures: { itemIdentifier: string }[] }> {
  const cfg = config(process.env);
  const home = process.env.AWS_REGION ?? 'us-east-1';
  const failures: { itemIdentifier: string }[] = [];
  for (const record of event.Records ?? []) {
    const image = record.dynamodb?.NewImage;
    const checkId = image?.checkId?.S ?? '';
    if (!image || image.status?.S !== 'FAIL' || !cfg.allowed.has(checkId)) continue;
    const fix = FIXES[checkId];
    const resourceId = image.resourceId?.S ?? '';
    const region = image.region?.S && image.region.S !== 'global' ? image.region.S : home;
    const base = { findingId: image.findingId?.S ?? '', checkId, resourceId, region, action: fix.action, dryRun: cfg.dryRun, at: new Date().toISOString() };
    let audit: AuditRecord;
    if (cfg.dryRun) {
      audit = { ...base, outcome: 'WOULD_APPLY' };
    } else {
      try {
        await fix.apply(resourceId, region);
        audit = { ...base, outcome: 'APPLIED' };
      } catch (e) {
        audit = { ...base, outcome: 'FAILED', error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
        failures.push({ itemIdentifier: record.dynamodb?.SequenceNumber ?? record.eventID ?? '' });
      }
    }
    console.log(JSON.stringify({ message: 'remediation', ...audit }));
    await s3(home).send(new PutObjectCommand({
      Bucket: cfg.bucket,
      Key: `${cfg.prefix}${audit.at.slice(0, 10)}/${audit.findingId}-${audit.at}.json`,
      Body: JSON.stringify(audit),
      ContentType: 'application/json',
      ServerSideEncryption: 'aws:kms',
      SSEKMSKeyId: cfg.kmsKeyId,
      BucketKeyEnabled: true,
    }));
  }
  return { batchItemFailures: failures };
}
