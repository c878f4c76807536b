import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import { fixedStack, resolvedTemplate, runAsFunction, startFake } from './harness';
import { ResolvedTemplate } from './template';
import { emptyAccount } from '../scanner/fake-aws/model';
import { FakeAws } from '../scanner/fake-aws/server';

/**
 * The emulated AWS answers as AWS documents, for a function built from plain aws-cdk-lib: each
 * answer has an allowed and a denied twin (identity policy, resource policy, key policy, condition).
 */

interface Variant {
  /** Grant s3:ListBucket on the bucket. */
  listBucket?: boolean;
  /** Let the key policy enable IAM policies (the account root statement). */
  keyEnablesIam?: boolean;
  /** Add a bucket policy statement denying this function's role puts. */
  denyPutInBucketPolicy?: boolean;
  /** Condition the PutObject grant on SSE-KMS with the bucket's key. */
  requireKmsHeader?: boolean;
}

function app(v: Variant): { template: ResolvedTemplate; fn: string; bucket: string; keyArn: string; topicArn: string } {
  const { app: a, stack } = fixedStack();
  const key = new kms.Key(stack, 'Key', { removalPolicy: RemovalPolicy.DESTROY });
  if (v.keyEnablesIam === false) {
    // A key policy that names only a service: IAM policies alone cannot grant its use.
    (key.node.defaultChild as kms.CfnKey).keyPolicy = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: ['kms:GenerateDataKey', 'kms:Decrypt'], Resource: '*' }],
    };
  }
  const bucket = new s3.Bucket(stack, 'Bucket', { encryption: s3.BucketEncryption.KMS, encryptionKey: key, enforceSSL: true });
  const topic = new sns.Topic(stack, 'Topic', { masterKey: key });
  const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  role.addToPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [bucket.arnForObjects('*')] }));
  role.addToPolicy(new iam.PolicyStatement({
    actions: ['s3:PutObject'],
    resources: [bucket.arnForObjects('*')],
    conditions: v.requireKmsHeader ? { StringEquals: { 's3:x-amz-server-side-encryption': 'aws:kms' } } : undefined,
  }));
  if (v.listBucket) role.addToPolicy(new iam.PolicyStatement({ actions: ['s3:ListBucket'], resources: [bucket.bucketArn] }));
  role.addToPolicy(new iam.PolicyStatement({ actions: ['sns:Publish'], resources: [topic.topicArn] }));
  role.addToPolicy(new iam.PolicyStatement({ actions: ['kms:GenerateDataKey', 'kms:Decrypt'], resources: [key.keyArn] }));
  if (v.denyPutInBucketPolicy) {
    bucket.addToResourcePolicy(new iam.PolicyStatement({ sid: 'NoPutsFromThisRole', effect: iam.Effect.DENY, principals: [new iam.AnyPrincipal()], actions: ['s3:PutObject'], resources: [bucket.arnForObjects('*')], conditions: { ArnEquals: { 'aws:PrincipalArn': role.roleArn } } }));
  }
  new lambda.Function(stack, 'Fn', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => {}'), role });
  const template = resolvedTemplate(a, stack);
  const id = (type: string) => template.ofType(type)[0];
  return {
    template,
    fn: id('AWS::Lambda::Function'),
    bucket: template.ref(id('AWS::S3::Bucket')),
    keyArn: template.getAtt(id('AWS::KMS::Key'), 'Arn'),
    topicArn: template.ref(id('AWS::SNS::Topic')),
  };
}

jest.setTimeout(120_000);

let fake: FakeAws;
beforeAll(async () => {
  fake = await startFake(emptyAccount(['us-east-1']));
});
afterAll(async () => fake.stop());
beforeEach(() => {
  fake.state = emptyAccount(['us-east-1']);
});

/** Runs `call` with the SDK as the function, and returns the error name (or 'ok') with the gate. */
async function asFunction(v: Variant, call: (a: ReturnType<typeof app>) => Promise<unknown>) {
  const a = app(v);
  const run = await runAsFunction(a.template, a.fn, fake, async () => call(a));
  const error = run.error as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } } | undefined;
  return { outcome: error ? `${error.$metadata?.httpStatusCode} ${error.name}` : 'ok', message: error?.message ?? '', gate: run.gate };
}

const s3c = () => new S3Client({ region: 'us-east-1', forcePathStyle: true });
const put = (a: ReturnType<typeof app>, sse = true) => s3c().send(new PutObjectCommand({
  Bucket: a.bucket, Key: 'k.json', Body: '{}', ...(sse ? { ServerSideEncryption: 'aws:kms', SSEKMSKeyId: a.keyArn } : {}),
}));
const get = (a: ReturnType<typeof app>, key = 'missing.json') => s3c().send(new GetObjectCommand({ Bucket: a.bucket, Key: key }));

describe('S3 GetObject on a missing key (S3 API reference: 404 with s3:ListBucket, 403 without)', () => {
  test('without s3:ListBucket: 403 AccessDenied, and the test names the missing permission', async () => {
    const r = await asFunction({}, (a) => get(a));
    expect(r.outcome).toBe('403 AccessDenied');
    expect(r.gate.deniedLines()).toEqual([expect.stringMatching(/^s3:GetObject \(GetObject of the missing key missing\.json\): s3:ListBucket on arn:aws:s3:::\S+ denied: no statement in the identity policies of role Role\w+/)]);
  });
  test('with s3:ListBucket: 404 NoSuchKey, nothing denied', async () => {
    const r = await asFunction({ listBucket: true }, (a) => get(a));
    expect(r.outcome).toBe('404 NoSuchKey');
    expect(r.gate.deniedLines()).toEqual([]);
  });
});

describe('SSE-KMS writes and reads need the key, as the key policy and the role allow', () => {
  test('the key policy enables IAM: the put and the read back are allowed (kms:GenerateDataKey, then kms:Decrypt)', async () => {
    const r = await asFunction({}, async (a) => {
      await put(a);
      return get(a, 'k.json');
    });
    expect(r.outcome).toBe('ok');
    expect(r.gate.deniedLines()).toEqual([]);
    expect(r.gate.allowedActions()).toEqual(['s3:PutObject', 'kms:GenerateDataKey', 's3:GetObject', 'kms:Decrypt']);
  });
  test('the key policy does not enable IAM: S3 denies the put, naming kms:GenerateDataKey and the key policy', async () => {
    const r = await asFunction({ keyEnablesIam: false }, (a) => put(a));
    expect(r.outcome).toBe('403 AccessDenied');
    expect(r.message).toMatch(/is not authorized to perform: kms:GenerateDataKey on resource: arn:aws:kms:\S+ because no resource-based policy allows/);
    expect(r.gate.deniedLines()).toEqual([expect.stringMatching(/^s3:PutObject \(S3 encrypts k\.json with SSE-KMS\): kms:GenerateDataKey on arn:aws:kms:\S+ denied: no statement in the key policy of Key\w+ allows/)]);
  });
  test('an explicit deny in the bucket policy wins over the role', async () => {
    const r = await asFunction({ denyPutInBucketPolicy: true }, (a) => put(a));
    expect(r.outcome).toBe('403 AccessDenied');
    expect(r.gate.deniedLines()).toEqual([expect.stringMatching(/s3:PutObject on \S+ denied: explicitly denied by statement NoPutsFromThisRole of the bucket policy Bucket/)]);
  });
  test('a condition on the request: the grant that requires SSE-KMS admits the encrypted put and not the plain one', async () => {
    expect((await asFunction({ requireKmsHeader: true }, (a) => put(a, true))).outcome).toBe('ok');
    const plain = await asFunction({ requireKmsHeader: true }, (a) => put(a, false));
    expect(plain.outcome).toBe('403 AccessDenied');
    expect(plain.gate.deniedLines()).toEqual([expect.stringMatching(/s3:PutObject on \S+ denied: no statement in the identity policies/)]);
  });
});

describe('SNS publish to a KMS-encrypted topic', () => {
  const publish = (a: ReturnType<typeof app>) => new SNSClient({ region: 'us-east-1' }).send(new PublishCommand({ TopicArn: a.topicArn, Message: 'm' }));
  test('the key admits the role: published', async () => {
    const r = await asFunction({}, publish);
    expect(r.outcome).toBe('ok');
    expect(r.gate.allowedActions()).toEqual(['sns:Publish', 'kms:GenerateDataKey', 'kms:Decrypt']);
    expect(fake.state.snsMessages).toHaveLength(1);
  });
  test('the key admits only a service: KMSAccessDenied (the SDK\'s KMSAccessDeniedException), nothing published', async () => {
    const r = await asFunction({ keyEnablesIam: false }, publish);
    expect(r.outcome).toBe('400 KMSAccessDeniedException');
    expect(r.gate.deniedLines()).toEqual([expect.stringMatching(/^sns:Publish \(SNS encrypts the message for \S+\): kms:GenerateDataKey on \S+ denied: no statement in the key policy/)]);
    expect(fake.state.snsMessages).toEqual([]);
  });
});
