/** The primitives of the synth-time path model: the app's resources by reference and ARN, and the requests a path makes (delivery, key use, trust), each judged and recorded. */
import { CfnResource, Stack } from 'aws-cdk-lib';
import { awsManagedKeyPolicy, Documents } from './documents';
import { Resolver } from './resolve';
import { PathFamily, PathRecord } from '../../controls/judgement/data-paths';
import { RequestContext } from '../../policy/conditions';
import { evaluateRequest, NamedPolicy, PolicyRequest, RequestPrincipal } from '../../policy/evaluate';
import { keyUseContext, keyUseRequest } from '../../policy/key-use';
import { isUnknownValue, listOf, Unknown, unknown } from '../../policy/values';
import { propertiesOf } from '../private/context';

/** One data path of the app: a source that makes a principal call an action on a target. */
export interface DataPath extends PathRecord {
  /** The resource whose rule reports the path (the one that wires it). */
  readonly judged: CfnResource;
}

/**
 * Records the data paths of one app. The path families (`event-paths.ts`, `compute-paths.ts`,
 * `delivery-paths.ts`) read a resource's properties and call these primitives for each request.
 */
export class PathBuilder {
  public readonly paths: DataPath[] = [];
  public readonly byJudged = new Map<CfnResource, DataPath[]>();
  public readonly resolver: Resolver;
  public readonly docs: Documents;
  public readonly byArn = new Map<string, CfnResource>();

  constructor(resources: CfnResource[]) {
    this.resolver = new Resolver(resources);
    this.docs = new Documents(this.resolver, resources);
    for (const type of ARN_TYPES) {
      for (const r of this.docs.ofType(type)) {
        const arn = this.resolver.arnOf(r);
        if (typeof arn === 'string') {
          this.byArn.set(arn, r);
        }
      }
    }
  }

  public add(path: DataPath): void {
    this.paths.push(path);
    const list = this.byJudged.get(path.judged) ?? [];
    if (!list.some((p) => p.findingId === path.findingId)) {
      list.push(path);
    }
    this.byJudged.set(path.judged, list);
  }

  public evaluate(family: PathFamily, judged: CfnResource, source: string, target: string, findingTarget: string, request: PolicyRequest): void {
    const result = evaluateRequest(request);
    this.add({ family, judged, source, target, action: request.action, findingId: `${findingTarget}::${request.action}`, request, result });
  }

  public unknownPath(family: PathFamily, judged: CfnResource, source: string, target: string, action: string, why: string): void {
    this.add({ family, judged, source, target, action, findingId: `${target.replace(/\s+/g, '')}::${action}`, result: { decision: 'unknown', reason: why } });
  }

  public stackOf(r: CfnResource): { stack: Stack; account: string; region: string; partition: string } {
    const stack = Stack.of(r);
    return { stack, account: this.resolver.account(stack), region: this.resolver.region(stack), partition: this.resolver.partition(stack) };
  }

  /** The resource of the app a (resolved or raw) value names, by reference or by ARN. */
  public find(stack: Stack, raw: any, type?: string): CfnResource | undefined {
    const direct = this.resolver.target(stack, raw, type);
    if (direct) {
      return direct;
    }
    const s = this.resolver.string(stack, raw);
    if (typeof s === 'string') {
      const r = this.byArn.get(s);
      return r && (!type || r.cfnResourceType === type) ? r : undefined;
    }
    return undefined;
  }

  public roleFor(stack: Stack, raw: any): RoleUse | Unknown {
    const role = this.find(stack, raw, 'AWS::IAM::Role');
    const account = this.resolver.account(stack);
    if (role) {
      const id = this.docs.identity(role);
      return { principal: { role: this.resolver.arnOf(role), account }, role, identity: id.policies, unknownPolicies: id.unknownPolicies };
    }
    const arn = this.resolver.string(stack, raw);
    if (isUnknownValue(arn)) {
      return arn;
    }
    const roleAccount = /^arn:[^:]+:iam::([^:]+):role\//.exec(arn)?.[1] ?? account;
    return { principal: { role: arn, account: roleAccount } };
  }

  /** Requests of a principal on an SNS topic or SQS queue of the app, with the encryption key after it. */
  public deliver(family: PathFamily, judged: CfnResource, source: string, targetRaw: any, principal: RequestPrincipal,
    context: RequestContext, identity?: { identity?: NamedPolicy[]; unknownPolicies?: string[] }, logStream = 'stream'): void {
    const { stack, account, region } = this.stackOf(judged);
    const arn = this.resolver.string(stack, targetRaw);
    const service = typeof arn === 'string' ? /^arn:[^:]+:([^:]+):/.exec(arn)?.[1] : undefined;
    const target = this.find(stack, targetRaw);
    const ids = identity ?? {};
    if (isUnknownValue(arn)) {
      this.unknownPath(family, judged, source, 'target', 'deliver', `the target is ${arn.unknown}`);
      return;
    }
    const base = { principal, resourceAccount: account, identityPolicies: 'role' in principal ? ids.identity : undefined, unknownIdentityPolicies: ids.unknownPolicies, mode: 'same-account' as const };
    const queueing = service === undefined ? undefined : QUEUEING_TARGETS[service];
    if (queueing) {
      const label = target ? `${this.docs.label(target)} ${queueing.noun}` : arn;
      if (!target) {
        if ('service' in principal) {
          this.unknownPath(family, judged, source, label, queueing.action, `the ${queueing.noun} is not defined in this app, so its policy is not known`);
        }
        return;
      }
      const resourcePolicy = queueing.policy(this.docs, target);
      const request = { ...base, action: queueing.action, resource: arn, context, resourcePolicy };
      this.evaluate(family, judged, source, label, this.docs.label(target), request);
      const key = propertiesOf(target)?.KmsMasterKeyId;
      if (key !== undefined) {
        const keyContext = { ...context, [queueing.encryptionContextKey]: arn };
        this.keyUse(family, judged, source, `${label}'s key`, key, principal, keyContext, queueing.via, ['kms:GenerateDataKey', 'kms:Decrypt'], ids);
      }
    } else if (service === 'lambda') {
      const fn = this.find(stack, targetRaw, 'AWS::Lambda::Function');
      const label = fn ? `${this.docs.label(fn)} function` : arn;
      if (!fn) {
        if ('service' in principal) {
          this.unknownPath(family, judged, source, label, 'lambda:InvokeFunction', 'the function is not defined in this app, so its policy is not known');
        }
        return;
      }
      this.evaluate(family, judged, source, label, this.docs.label(fn), { ...base, action: 'lambda:InvokeFunction', resource: arn, context, resourcePolicy: this.docs.functionPolicy(fn, arn) });
    } else if (service === 'states') {
      const label = target ? `${this.docs.label(target)} state machine` : arn;
      this.evaluate(family, judged, source, label, target ? this.docs.label(target) : arn, { ...base, action: 'states:StartExecution', resource: arn, context });
    } else if (service === 'logs') {
      const name = arn.split(':log-group:')[1]?.replace(/:\*$/, '');
      const group = target ?? undefined;
      const label = group ? `${this.docs.label(group)} log group` : arn;
      // CloudWatch Logs authorizes both calls on the ARN of the stream being created and written.
      const streamArn = `${arn.replace(/:\*$/, '')}:log-stream:${logStream}`;
      for (const action of ['logs:CreateLogStream', 'logs:PutLogEvents']) {
        this.evaluate(family, judged, source, label, group ? this.docs.label(group) : (name ?? arn), {
          ...base, action, resource: streamArn, context, resourcePolicy: this.docs.logsResourcePolicy(stack),
        });
      }
    } else if (service === 'events') {
      const label = target ? `${this.docs.label(target)} event bus` : arn;
      this.evaluate(family, judged, source, label, target ? this.docs.label(target) : arn, { ...base, action: 'events:PutEvents', resource: arn, context });
    } else if (service === 'batch') {
      this.evaluate(family, judged, source, target ? `${this.docs.label(target)} job queue` : arn, target ? this.docs.label(target) : arn, { ...base, action: 'batch:SubmitJob', resource: arn, context });
    }
    void region;
  }

  /**
   * The principal's use of a KMS key (a key of the app, an AWS managed key, or one given by ARN).
   * A service principal needs the key policy itself; a role needs the key policy to allow it or its
   * account, and then its identity policies.
   */
  public keyUse(_family: PathFamily, judged: CfnResource, source: string, targetLabel: string, keyRaw: any, principal: RequestPrincipal,
    context: RequestContext, viaService: string, actions: string[], ids: { identity?: NamedPolicy[]; unknownPolicies?: string[] }): void {
    const { stack, account, region, partition } = this.stackOf(judged);
    const ctx = keyUseContext(principal, context, viaService, region, account);
    let key = this.find(stack, keyRaw, 'AWS::KMS::Key');
    let policy: NamedPolicy | undefined;
    let keyArn: string | Unknown;
    const text = this.resolver.string(stack, keyRaw);
    if (!key && typeof text === 'string' && text.startsWith('alias/')) {
      const alias = this.docs.ofType('AWS::KMS::Alias', stack).find((a) => propertiesOf(a)?.AliasName === text);
      if (alias) {
        key = this.find(stack, propertiesOf(alias)?.TargetKeyId, 'AWS::KMS::Key');
      }
    }
    if (key) {
      policy = this.docs.keyPolicy(key);
      keyArn = this.resolver.arnOf(key);
    } else if (typeof text === 'string' && /^(arn:[^:]+:kms:[^:]*:[^:]*:)?alias\/aws\//.test(text)) {
      const service = text.split('alias/aws/')[1];
      policy = { name: `the AWS managed key alias/aws/${service}`, document: awsManagedKeyPolicy(service, account, region) };
      keyArn = `arn:${partition}:kms:${region}:${account}:key/aws-${service}`;
    } else {
      for (const action of actions) {
        this.unknownPath('key-use', judged, source, targetLabel, action, isUnknownValue(text) ? `the key is ${text.unknown}` : `the key ${text} is not defined in this app, so its policy is not known`);
      }
      return;
    }
    const family: PathFamily = 'key-use';
    const findingTarget = key ? this.docs.label(key) : 'AwsManagedKey';
    for (const action of actions) {
      this.evaluate(family, judged, source, targetLabel, findingTarget,
        keyUseRequest({ principal, action, keyArn, account, context: ctx, keyPolicy: policy, identity: ids }));
    }
  }

  /** The service's sts:AssumeRole of a role. */
  public trust(judged: CfnResource, source: string, roleRaw: any, service: string, context: RequestContext): void {
    const { stack, account } = this.stackOf(judged);
    const role = this.find(stack, roleRaw, 'AWS::IAM::Role');
    if (!role) {
      return; // a role of another app or stack: its trust policy is not in this template
    }
    const label = `role ${this.docs.label(role)}`;
    this.add({
      family: 'role-trust',
      judged,
      source,
      target: label,
      action: 'sts:AssumeRole',
      findingId: `${this.docs.label(role)}::${service}`,
      request: { principal: { service }, action: 'sts:AssumeRole', resource: this.resolver.arnOf(role), resourceAccount: account, context, mode: 'trust', resourcePolicy: this.docs.trustPolicy(role) },
      result: evaluateRequest({ principal: { service }, action: 'sts:AssumeRole', resource: this.resolver.arnOf(role), resourceAccount: account, context, mode: 'trust', resourcePolicy: this.docs.trustPolicy(role) }),
    });
  }

  public sourceContext(r: CfnResource, sourceArn?: string | Unknown): RequestContext {
    const { account } = this.stackOf(r);
    return { 'aws:SourceAccount': account, 'aws:SourceArn': sourceArn ?? this.resolver.arnOf(r) };
  }

  /** s3:GetBucketAcl and s3:PutObject (with bucket-owner-full-control where the service sets it) by a service on a bucket. */
  public bucketDelivery(family: PathFamily, judged: CfnResource, source: string, bucket: CfnResource, principal: RequestPrincipal,
    context: RequestContext, objectKey: string, withAcl: boolean, ids: { identity?: NamedPolicy[]; unknownPolicies?: string[] } = {}): void {
    const { account } = this.stackOf(judged);
    const bucketArn = this.resolver.arnOf(bucket);
    const policy = this.bucketPolicy(bucket);
    const label = `${this.docs.label(bucket)} bucket`;
    const base = {
      principal,
      resourceAccount: account,
      mode: 'same-account' as const,
      resourcePolicy: policy,
      identityPolicies: 'role' in principal ? ids.identity : undefined,
      unknownIdentityPolicies: ids.unknownPolicies,
    };
    if (withAcl) {
      this.evaluate(family, judged, source, label, this.docs.label(bucket), { ...base, action: 's3:GetBucketAcl', resource: bucketArn, context });
    }
    const objectArn = typeof bucketArn === 'string' ? `${bucketArn}/${objectKey}` : bucketArn;
    this.evaluate(family, judged, source, label, this.docs.label(bucket), {
      ...base,
      action: 's3:PutObject',
      resource: objectArn,
      context: { ...context, ...(withAcl ? { 's3:x-amz-acl': 'bucket-owner-full-control' } : {}), 'aws:SecureTransport': 'true' },
    });
  }

  /** Use of the bucket's default SSE-KMS key by a service that writes objects to it. */
  public bucketKey(family: PathFamily, judged: CfnResource, source: string, bucket: CfnResource, principal: RequestPrincipal,
    context: RequestContext,
    ids: { identity?: NamedPolicy[]; unknownPolicies?: string[] } = {}): void {
    const rules = listOf(propertiesOf(bucket)?.BucketEncryption?.ServerSideEncryptionConfiguration);
    const sse = rules[0]?.ServerSideEncryptionByDefault;
    if (!sse || !String(sse.SSEAlgorithm).startsWith('aws:kms') || sse.KMSMasterKeyID === undefined) {
      return;
    }
    const bucketArn = this.resolver.arnOf(bucket);
    this.keyUse(family, judged, source, `${this.docs.label(bucket)} bucket's key`, sse.KMSMasterKeyID, principal,
      { ...context, 'kms:EncryptionContext:aws:s3:arn': bucketArn }, 's3', ['kms:GenerateDataKey'], ids);
  }

  public bucketPolicy(bucket: CfnResource): NamedPolicy | undefined {
    const stack = Stack.of(bucket);
    const statements = this.docs.attachedStatements(stack, 'AWS::S3::BucketPolicy', (pp) => this.resolver.target(stack, pp.Bucket, 'AWS::S3::Bucket') === bucket,
      (doc) => (isUnknownValue(doc) ? [doc] : listOf(doc?.Statement)));
    return statements ? { name: `the bucket policy of ${this.docs.label(bucket)}`, document: { Version: '2012-10-17', Statement: statements } } : undefined;
  }
}

/** A role that makes requests, with its identity policies when the app defines it. */
export interface RoleUse {
  readonly principal: RequestPrincipal;
  readonly role?: CfnResource;
  readonly identity?: NamedPolicy[];
  readonly unknownPolicies?: string[];
}

/** The SSE-KMS request headers a service sends when it writes with this key, as S3 condition keys. */
export function sseHeaders(keyValue: any, key: CfnResource | undefined, resolver: Resolver): RequestContext {
  const id = key ? resolver.arnOf(key) : keyValue;
  return { 's3:x-amz-server-side-encryption': 'aws:kms', 's3:x-amz-server-side-encryption-aws-kms-key-id': typeof id === 'string' || isUnknownValue(id) ? id : unknown('the key id') };
}

/**
 * Targets that take a message under their resource policy and encrypt it with their key: SNS
 * topics and SQS queues, judged alike (the action, the policy, the key's encryption context).
 */
interface QueueingTarget {
  readonly via: string;
  readonly noun: string;
  readonly action: string;
  readonly encryptionContextKey: string;
  readonly policy: (docs: Documents, target: CfnResource) => NamedPolicy | undefined;
}
const QUEUEING_TARGETS: Record<string, QueueingTarget> = {
  sns: { via: 'sns', noun: 'topic', action: 'sns:Publish', encryptionContextKey: 'kms:EncryptionContext:aws:sns:topicArn', policy: (docs, target) => docs.topicPolicy(target) },
  sqs: { via: 'sqs', noun: 'queue', action: 'sqs:SendMessage', encryptionContextKey: 'kms:EncryptionContext:aws:sqs:arn', policy: (docs, target) => docs.queuePolicy(target) },
};

export const ARN_TYPES = [
  'AWS::SNS::Topic', 'AWS::SQS::Queue', 'AWS::Lambda::Function', 'AWS::StepFunctions::StateMachine', 'AWS::Logs::LogGroup',
  'AWS::Events::EventBus', 'AWS::IAM::Role', 'AWS::S3::Bucket', 'AWS::KMS::Key', 'AWS::Batch::JobQueue', 'AWS::Batch::JobDefinition', 'AWS::ECR::Repository',
];
