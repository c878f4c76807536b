import { getDenialReasons, RequestDenial, runSimulation } from '@cloud-copilot/iam-simulate';
import { ACCOUNT, FunctionPermissions, PolicyDocument, REGION, ResolvedTemplate } from './template';
import { FakeAccountState } from '../scanner/fake-aws/model';
import { AwsHttpError, WireRequest } from '../scanner/fake-aws/server';

/**
 * Evaluates every request a function's code sends to the fake AWS against the permissions the
 * synthesized template gives that very function, with @cloud-copilot/iam-simulate (a test-only,
 * AGPL-3.0 dependency: never imported from src/ nor bundled), the way AWS evaluates them:
 *
 * - the identity policies of the function's role (inline, AWS::IAM::Policy, managed policies);
 * - the resource policy of the target (bucket, topic, queue policy; the key policy for KMS,
 *   which must itself allow the call or enable IAM policies);
 * - for writes and reads of KMS-encrypted data, the KMS call the service makes with the caller's
 *   credentials (kms:GenerateDataKey to write, kms:Decrypt to read, with kms:ViaService);
 * - S3's documented answer for GetObject on a missing key: 404 NoSuchKey when the caller may
 *   s3:ListBucket the bucket, 403 AccessDenied otherwise. That listing check is evaluated without
 *   an `s3:prefix` (S3 documents none for it), so only an unconditioned grant turns the 403 into 404.
 *
 * A context key the evaluator cannot apply to an action, when a policy conditions on it, makes
 * the call "not evaluable", never allowed.
 *
 * A request the template does not authorise is answered with the service's own AccessDenied and
 * recorded in `denied`, naming action, resource and what is missing.
 */

export interface IamCheck {
  readonly action: string;
  readonly resource: string;
  readonly context?: Record<string, string | string[]>;
  /** The target's resource policy (key policy for KMS), with where it comes from. */
  readonly resourcePolicy?: { readonly name: string; readonly policy: PolicyDocument };
  /** Why the call is made (for a call a service makes on the caller's behalf). */
  readonly via?: string;
}

export interface Decision {
  readonly call: string;
  readonly action: string;
  readonly resource: string;
  readonly allowed: boolean;
  /** For a denied call: what denies it, in words. */
  readonly reason?: string;
}

/** Resources outside the template (the audited account's own) with the default key policy: IAM policies decide. */
const DEFAULT_KEY_POLICY: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [{ Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' }],
};

export class PermissionGate {
  public readonly decisions: Decision[] = [];

  constructor(
    private readonly template: ResolvedTemplate,
    private readonly fn: FunctionPermissions,
    private readonly state: () => FakeAccountState,
  ) {}

  public get denied(): Decision[] {
    return this.decisions.filter((d) => !d.allowed);
  }

  /** Denied calls, one line each: what a failing `toEqual([])` prints. */
  public deniedLines(): string[] {
    return this.denied.map((d) => `${d.call}: ${d.action} on ${d.resource} denied: ${d.reason}`);
  }

  /** The IAM actions the function was allowed, in order, without repeats. */
  public allowedActions(): string[] {
    return [...new Set(this.decisions.filter((d) => d.allowed).map((d) => d.action))];
  }

  /** The FakeAws `authorize` hook. */
  public readonly authorize = async (r: WireRequest, api: string): Promise<void> => {
    try {
      await this.authorizeOrThrow(r, api);
    } catch (e) {
      if (e instanceof AwsHttpError) throw e;
      // A request the harness cannot map fails the test as a denial, never as a silent 500.
      this.decisions.push({ call: `${r.service}:${api}`, action: '?', resource: '?', allowed: false, reason: `the harness could not evaluate it: ${(e as Error).message}` });
      throw e;
    }
  };

  private async authorizeOrThrow(r: WireRequest, api: string): Promise<void> {
    const call = `${r.service}:${api}`;
    // Signed with a member account's assumed-role credentials: that role's permissions, not this function's.
    if (/Credential=ASIA\d{12}\//.test(String(r.headers.authorization ?? ''))) return;
    for (const check of this.checksFor(r, api)) {
      const decision = await this.evaluate(call, check);
      this.decisions.push(decision);
      if (!decision.allowed) throw this.accessDenied(r, check, decision);
    }
    // S3 answers a GetObject on a missing key with 404 only to a caller that may list the bucket.
    if (r.service === 's3' && api === 'GetObject') {
      const { bucket, key } = s3Path(r);
      if (!this.state().s3Objects[`${bucket}/${key}`]) {
        const list: IamCheck = { action: 's3:ListBucket', resource: `arn:aws:s3:::${bucket}`, resourcePolicy: this.bucketPolicy(bucket), via: `GetObject of the missing key ${key}` };
        const decision = await this.evaluate(call, list);
        if (!decision.allowed) {
          this.decisions.push({ ...decision, reason: `${decision.reason} (S3 answers 403 instead of 404 NoSuchKey for the missing key ${key})` });
          throw new AwsHttpError(403, 'AccessDenied', 'Access Denied');
        }
      }
    }
  }

  private principal(): string {
    return `arn:aws:sts::${ACCOUNT}:assumed-role/${this.fn.roleName}/${this.fn.functionName}`;
  }

  /** Evaluates a call made with the function's credentials outside its code (by Lambda itself), and records it. */
  public async check(call: string, check: IamCheck): Promise<Decision> {
    const decision = await this.evaluate(call, check);
    this.decisions.push(decision);
    return decision;
  }

  /** The resource policy of an SQS queue of the template, for a check. */
  public queueResourcePolicy(queueArn: string): IamCheck['resourcePolicy'] {
    const id = this.template.findByArn('AWS::SQS::Queue', queueArn);
    const policy = id ? this.template.queuePolicy(this.template.ref(id)) : undefined;
    return policy ? { name: `the queue policy ${policy.id}`, policy: policy.policy } : undefined;
  }

  /** The KMS checks of writing to (or reading from) a resource of the template encrypted with a customer managed key. */
  public kmsChecksFor(type: string, arn: string, service: string, write: boolean, why: string): IamCheck[] {
    const id = this.template.findByArn(type, arn);
    const key = id ? this.template.encryptionKeyOf(id) : undefined;
    return key ? this.viaKms(service, REGION, key, write, {}, why) : [];
  }

  private async evaluate(call: string, check: IamCheck): Promise<Decision> {
    const result = await runSimulation({
      request: {
        principal: this.principal(),
        action: check.action,
        resource: { resource: check.resource, accountId: ACCOUNT },
        contextVariables: {
          'aws:PrincipalArn': this.fn.roleArn,
          'aws:PrincipalAccount': ACCOUNT,
          'aws:SecureTransport': 'true',
          ...(check.context ?? {}),
        },
      },
      identityPolicies: this.fn.identityPolicies.map((p) => ({ name: p.name, policy: p.policy })),
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      resourcePolicy: check.resourcePolicy?.policy,
    }, {});
    const base = { call: check.via ? `${call} (${check.via})` : call, action: check.action, resource: check.resource };
    if (result.resultType === 'error') {
      return { ...base, allowed: false, reason: `the policies could not be evaluated: ${JSON.stringify(result.errors)}` };
    }
    // A context key the evaluator drops (not defined for the action) that a policy conditions on
    // would be judged as absent: the call is reported as not evaluable, never as allowed.
    const ignored = result.resultType === 'single' ? result.result.ignoredContextKeys ?? [] : result.results.flatMap((x) => x.ignoredContextKeys ?? []);
    const policyText = JSON.stringify([...this.fn.identityPolicies.map((p) => p.policy), check.resourcePolicy?.policy ?? {}]).toLowerCase();
    const conditioned = ignored.filter((k) => policyText.includes(`"${k.toLowerCase()}"`));
    if (conditioned.length > 0) {
      return { ...base, allowed: false, reason: `a policy conditions on ${conditioned.join(', ')}, which the evaluation cannot apply to ${check.action}: unknown, so not allowed` };
    }
    if (result.overallResult === 'Allowed') return { ...base, allowed: true };
    // A request on every resource of a type (rds:DescribeDBInstances on db:*) is evaluated per pattern.
    const analyses = result.resultType === 'single' ? [result.result.analysis] : result.results.map((x) => x.analysis);
    return { ...base, allowed: false, reason: this.explain(check, analyses.flatMap((a) => (a ? getDenialReasons(a) : []))) };
  }

  private explain(check: IamCheck, denials: RequestDenial[]): string {
    const identity = this.fn.identityPolicies.map((p) => p.name).join(', ') || 'none';
    const ctx = Object.entries(check.context ?? {}).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(', ');
    const when = ctx ? ` with ${ctx}` : '';
    return denials.map((d) => {
      const where = d.policyType === 'identity' ? `the identity policies of role ${this.fn.roleLogicalId} (${identity})`
        : d.policyType === 'resource' ? (check.resourcePolicy?.name ?? 'the resource policy') : d.policyType;
      if (d.denialType === 'Explicit') {
        return `explicitly denied by statement ${d.statementId ?? `#${d.statementIndex}`} of ${where}${when}`;
      }
      return `no statement in ${where} allows ${check.action} on ${check.resource}${when}`;
    }).join('; ');
  }

  /** The service's own AccessDenied, as AWS words it. */
  private accessDenied(r: WireRequest, check: IamCheck, d: Decision): AwsHttpError {
    const why = (d.reason ?? '').includes('explicitly denied') ? 'with an explicit deny in a policy'
      : check.resourcePolicy && (d.reason ?? '').includes(check.resourcePolicy.name) ? 'because no resource-based policy allows the ' + check.action + ' action'
        : `because no identity-based policy allows the ${check.action} action`;
    const message = `User: ${this.principal()} is not authorized to perform: ${check.action} on resource: ${check.resource} ${why}`;
    const kms = check.action.startsWith('kms:') && r.service !== 'kms';
    switch (r.service) {
      case 's3': case 's3control': return new AwsHttpError(403, 'AccessDenied', message);
      case 'ec2': return new AwsHttpError(403, 'UnauthorizedOperation', `You are not authorized to perform this operation. ${message}`);
      case 'sns': return kms ? new AwsHttpError(400, 'KMSAccessDenied', `${message} (Service: AWSKMS; Status Code: 400; Error Code: AccessDeniedException)`) : new AwsHttpError(403, 'AuthorizationError', message);
      case 'sqs': return kms ? new AwsHttpError(400, 'KMS.AccessDeniedException', message) : new AwsHttpError(403, 'AccessDenied', message);
      case 'dynamodb': case 'kms': case 'cloudtrail': return new AwsHttpError(400, 'AccessDeniedException', message);
      case 'lambda': return new AwsHttpError(403, 'AccessDeniedException', message);
      default: return new AwsHttpError(403, 'AccessDenied', message);
    }
  }

  private bucketPolicy(bucket: string): IamCheck['resourcePolicy'] {
    const local = this.template.bucketPolicy(bucket);
    if (local) return { name: `the bucket policy ${local.id}`, policy: local.policy };
    const fake = this.state().buckets.find((b) => b.Name === bucket)?.policy;
    return fake ? { name: `the bucket policy of ${bucket}`, policy: JSON.parse(fake) } : undefined;
  }

  private keyPolicy(keyArn: string): NonNullable<IamCheck['resourcePolicy']> {
    const local = this.template.keyPolicy(keyArn);
    return local ? { name: `the key policy of ${local.id}`, policy: local.policy } : { name: `the (default) key policy of ${keyArn}`, policy: DEFAULT_KEY_POLICY };
  }

  /** The KMS call a service makes with the caller's credentials to write (or read) data encrypted with `keyArn`. */
  private viaKms(service: string, region: string, keyArn: string, write: boolean, context: Record<string, string>, why: string): IamCheck[] {
    const actions = write ? (service === 'sns' ? ['kms:GenerateDataKey', 'kms:Decrypt'] : ['kms:GenerateDataKey']) : ['kms:Decrypt'];
    return actions.map((action) => ({
      action,
      resource: keyArn,
      resourcePolicy: this.keyPolicy(keyArn),
      context: { 'kms:ViaService': `${service}.${region}.amazonaws.com`, 'kms:CallerAccount': ACCOUNT, ...context },
      via: why,
    }));
  }

  /** The IAM checks AWS makes for one request. */
  public checksFor(r: WireRequest, api: string): IamCheck[] {
    const region = r.region;
    const acct = ACCOUNT;
    const star = (action: string): IamCheck[] => [{ action, resource: '*' }];
    switch (r.service) {
      case 'sts':
        if (api === 'GetCallerIdentity') return []; // needs no permission
        if (api === 'AssumeRole') {
          const roleArn = r.form.get('RoleArn') ?? '';
          // The organization of the fake members (see test/organization-scanner/fake-org.ts).
          return [{ action: 'sts:AssumeRole', resource: roleArn, context: { 'aws:ResourceOrgID': 'o-fakeorg001' } }];
        }
        break;
      case 'organizations': return star(`organizations:${api}`);
      case 'batch':
        if (api === 'DescribeJobDefinitions' || api === 'DescribeComputeEnvironments') return star(`batch:${api}`);
        break;
      case 'ec2': {
        if (api === 'RevokeSecurityGroupIngress' || api === 'RevokeSecurityGroupEgress') {
          return [{ action: `ec2:${api}`, resource: `arn:aws:ec2:${region}:${acct}:security-group/${r.form.get('GroupId')}` }];
        }
        return star(`ec2:${api}`);
      }
      case 'iam': return star(`iam:${api}`);
      case 'rds':
        if (api === 'DescribeDBInstances') return [{ action: 'rds:DescribeDBInstances', resource: `arn:aws:rds:${region}:${acct}:db:*` }];
        break;
      case 'kms': {
        if (api === 'ListKeys') return star('kms:ListKeys');
        const id = String(r.json.KeyId);
        const arn = id.startsWith('arn:') ? id : `arn:aws:kms:${region}:${acct}:key/${id}`;
        return [{ action: `kms:${api}`, resource: arn, resourcePolicy: this.keyPolicy(arn) }];
      }
      case 'cloudtrail': {
        if (api === 'DescribeTrails') return star('cloudtrail:DescribeTrails');
        const name = String(r.json.Name);
        return [{ action: `cloudtrail:${api}`, resource: name.startsWith('arn:') ? name : `arn:aws:cloudtrail:${region}:${acct}:trail/${name}` }];
      }
      case 'lambda':
        if (api === 'ListFunctions') return star('lambda:ListFunctions');
        return [{ action: `lambda:${api}`, resource: `arn:aws:lambda:${region}:${acct}:function:${r.path.split('/')[3]}` }];
      case 'logs':
        if (api === 'DescribeLogGroups') return star('logs:DescribeLogGroups');
        break;
      case 's3control':
        return star('s3:GetAccountPublicAccessBlock');
      case 's3': return this.s3Checks(r, api);
      case 'dynamodb': {
        if (api === 'ListTables') return star('dynamodb:ListTables');
        if (api === 'DescribeContinuousBackups') return [{ action: 'dynamodb:DescribeContinuousBackups', resource: `arn:aws:dynamodb:${region}:${acct}:table/${String(r.json.TableName)}` }];
        if (api === 'DescribeTable') return [{ action: 'dynamodb:DescribeTable', resource: `arn:aws:dynamodb:${region}:${acct}:table/${String(r.json.TableName)}` }];
        if (api !== 'BatchWriteItem') break;
        return Object.keys(r.json.RequestItems as object).flatMap((table) => {
          const arn = `arn:aws:dynamodb:${region}:${acct}:table/${table}`;
          const id = this.template.findByArn('AWS::DynamoDB::Table', arn);
          const key = id ? this.template.encryptionKeyOf(id) : undefined;
          return [
            { action: 'dynamodb:BatchWriteItem', resource: arn },
            ...(key ? this.viaKms('dynamodb', region, key, false, { 'kms:EncryptionContext:aws:dynamodb:tableName': table, 'kms:EncryptionContext:aws:dynamodb:subscriberId': acct },
              `DynamoDB decrypts the table key of ${table} with the caller's credentials`) : []),
          ];
        });
      }
      case 'securityhub': {
        if (api !== 'BatchImportFindings') break;
        // One check per (product ARN, target account) of the findings in the call.
        const findings = (r.json.Findings ?? []) as Array<{ ProductArn?: string; AwsAccountId?: string }>;
        const pairs = [...new Set(findings.map((f) => `${f.ProductArn}|${f.AwsAccountId}`))];
        return pairs.map((p) => {
          const [productArn, account] = p.split('|');
          return { action: 'securityhub:BatchImportFindings', resource: productArn, context: { 'securityhub:TargetAccount': account } };
        });
      }
      case 'config': {
        const recorders = `arn:aws:config:${region}:${acct}:configuration-recorder/*`;
        if (api === 'DescribeConfigurationRecorders' || api === 'DescribeConfigurationRecorderStatus') return [{ action: `config:${api}`, resource: recorders }];
        if (api === 'DescribeDeliveryChannels') return star('config:DescribeDeliveryChannels');
        break;
      }
      case 'backup': {
        if (api === 'ListBackupPlans') return star('backup:ListBackupPlans');
        const plan = decodeURIComponent(r.path.split('/')[3] ?? '');
        if (api === 'ListBackupSelections' || api === 'GetBackupSelection') return [{ action: `backup:${api}`, resource: `arn:aws:backup:${region}:${acct}:backup-plan:${plan}` }];
        break;
      }
      case 'scheduler': {
        if (api === 'ListSchedules') return star('scheduler:ListSchedules');
        if (api === 'GetSchedule') {
          const name = decodeURIComponent(r.path.split('/')[2] ?? '');
          return [{ action: 'scheduler:GetSchedule', resource: `arn:aws:scheduler:${region}:${acct}:schedule/${r.query.get('groupName') ?? 'default'}/${name}` }];
        }
        break;
      }
      case 'access-analyzer':
        if (api === 'ListAnalyzers') return star('access-analyzer:ListAnalyzers');
        break;
      case 'guardduty':
        if (api === 'ListDetectors') return star('guardduty:ListDetectors');
        if (api === 'GetDetector') return [{ action: 'guardduty:GetDetector', resource: `arn:aws:guardduty:${region}:${acct}:detector/${r.path.split('/')[2]}` }];
        break;
      case 'monitoring':
        if (api === 'DescribeAlarms') return [{ action: 'cloudwatch:DescribeAlarms', resource: `arn:aws:cloudwatch:${region}:${acct}:alarm:*` }];
        break;
      case 'events':
        if (api === 'ListEventBuses' || api === 'ListRules') return star(`events:${api}`);
        if (api === 'ListTargetsByRule') {
          const bus = String(r.json.EventBusName ?? 'default');
          return [{ action: 'events:ListTargetsByRule', resource: `arn:aws:events:${region}:${acct}:rule/${bus === 'default' ? '' : `${bus}/`}${String(r.json.Rule)}` }];
        }
        break;
      case 'sqs':
        if (api === 'ListQueues') return star('sqs:ListQueues');
        if (api === 'GetQueueAttributes') return [{ action: 'sqs:GetQueueAttributes', resource: `arn:aws:sqs:${region}:${acct}:${String(r.json.QueueUrl).split('/').pop()}` }];
        break;
      case 'states':
        if (api === 'ListStateMachines') return star('states:ListStateMachines');
        if (api === 'DescribeStateMachine') return [{ action: 'states:DescribeStateMachine', resource: String(r.json.stateMachineArn) }];
        break;
      case 'sns': {
        if (api === 'ListTopics') return star('sns:ListTopics');
        if (api === 'GetTopicAttributes') return [{ action: 'sns:GetTopicAttributes', resource: r.form.get('TopicArn') ?? '' }];
        if (api !== 'Publish') break;
        const topicArn = r.form.get('TopicArn') ?? '';
        const id = this.template.findByArn('AWS::SNS::Topic', topicArn);
        const policy = this.template.topicPolicy(topicArn);
        const key = id ? this.template.encryptionKeyOf(id) : undefined;
        return [
          { action: 'sns:Publish', resource: topicArn, resourcePolicy: policy ? { name: `the topic policy ${policy.id}`, policy: policy.policy } : undefined },
          ...(key ? this.viaKms('sns', region, key, true, {}, `SNS encrypts the message for ${topicArn}`) : []),
        ];
      }
    }
    throw new Error(`no IAM mapping for ${r.service}:${api}: add it to test/permissions/gate.ts`);
  }

  private s3Checks(r: WireRequest, api: string): IamCheck[] {
    if (api === 'ListBuckets') return [{ action: 's3:ListAllMyBuckets', resource: '*' }];
    const { bucket, key } = s3Path(r);
    const bucketArn = `arn:aws:s3:::${bucket}`;
    const resourcePolicy = this.bucketPolicy(bucket);
    const bucketId = this.template.findByArn('AWS::S3::Bucket', bucketArn);
    const defaultKey = bucketId ? this.template.encryptionKeyOf(bucketId) : undefined;
    const header = (h: string) => (r.headers[h] === undefined ? undefined : String(r.headers[h]));
    switch (api) {
      case 'PutObject': {
        const sse = header('x-amz-server-side-encryption');
        const keyId = header('x-amz-server-side-encryption-aws-kms-key-id');
        const context: Record<string, string> = {};
        if (sse) context['s3:x-amz-server-side-encryption'] = sse;
        if (keyId) context['s3:x-amz-server-side-encryption-aws-kms-key-id'] = keyId;
        const useKey = sse === 'aws:kms' ? keyId ?? defaultKey ?? 'aws/s3' : sse ? undefined : defaultKey;
        return [
          { action: 's3:PutObject', resource: `${bucketArn}/${key}`, resourcePolicy, context },
          ...(useKey && useKey !== 'aws/s3' ? this.viaKms('s3', r.region, useKey, true, { 'kms:EncryptionContext:aws:s3:arn': bucketArn }, `S3 encrypts ${key} with SSE-KMS`) : []),
        ];
      }
      case 'GetObject': {
        const stored = this.state().s3Objects[`${bucket}/${key}`];
        const keyId = stored?.headers['x-amz-server-side-encryption-aws-kms-key-id'];
        return [
          { action: 's3:GetObject', resource: `${bucketArn}/${key}`, resourcePolicy },
          ...(keyId ? this.viaKms('s3', r.region, String(keyId), false, { 'kms:EncryptionContext:aws:s3:arn': bucketArn }, `S3 decrypts ${key}`) : []),
        ];
      }
      case 'ListObjectsV2': {
        const context: Record<string, string> = {};
        for (const [q, k] of [['prefix', 's3:prefix'], ['delimiter', 's3:delimiter'], ['max-keys', 's3:max-keys']]) {
          if (r.query.has(q)) context[k] = r.query.get(q)!;
        }
        return [{ action: 's3:ListBucket', resource: bucketArn, resourcePolicy, context }];
      }
    }
    const sub = api.split(':')[1];
    const actions: Record<string, string> = {
      'GetBucket:publicAccessBlock': 's3:GetBucketPublicAccessBlock',
      'GetBucket:policy': 's3:GetBucketPolicy',
      'GetBucket:acl': 's3:GetBucketAcl',
      'GetBucket:encryption': 's3:GetEncryptionConfiguration',
      'GetBucket:logging': 's3:GetBucketLogging',
      'GetBucket:ownershipControls': 's3:GetBucketOwnershipControls',
      'GetBucket:versioning': 's3:GetBucketVersioning',
      'GetBucket:lifecycle': 's3:GetLifecycleConfiguration',
      'GetBucket:replication': 's3:GetReplicationConfiguration',
      'GetBucket:location': 's3:GetBucketLocation',
      'PutBucket:publicAccessBlock': 's3:PutBucketPublicAccessBlock',
      'PutBucket:encryption': 's3:PutEncryptionConfiguration',
    };
    const action = actions[api];
    if (!action) throw new Error(`no IAM mapping for s3:${api} (${sub})`);
    return [{ action, resource: bucketArn, resourcePolicy }];
  }
}

function s3Path(r: WireRequest): { bucket: string; key: string } {
  const [, bucket, ...rest] = r.path.split('/');
  return { bucket, key: rest.join('/') };
}
