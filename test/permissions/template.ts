import { createHash } from 'crypto';

/**
 * A synthesized CloudFormation template, resolved as CloudFormation would resolve it in one fixed
 * account and Region: every `Ref`, `Fn::GetAtt`, `Fn::Join`, `Fn::Sub`, ... becomes the physical
 * value a deployment would produce (names and ARNs derived deterministically from logical ids,
 * unless the template fixes a name). From it, the permissions AWS evaluates for a function: the
 * identity policies of its role, and the resource and key policies of what it calls.
 */

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';
export const PARTITION = 'aws';

export type PolicyDocument = { Version?: string; Statement: any[] };

export interface IdentityPolicy {
  /** Where the policy comes from: `AWS::IAM::ManagedPolicy ScannerOutputPolicy1234`, `inline policy X of role Y`, ... */
  readonly name: string;
  readonly policy: PolicyDocument;
}

export interface FunctionPermissions {
  readonly logicalId: string;
  readonly functionName: string;
  readonly functionArn: string;
  readonly roleLogicalId: string;
  readonly roleName: string;
  readonly roleArn: string;
  readonly identityPolicies: IdentityPolicy[];
  /** The function's environment, resolved. */
  readonly environment: Record<string, string>;
}

/** AWS managed policies, by their published content (only those a role of ours might attach). */
const AWS_MANAGED: Record<string, PolicyDocument> = {
  'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole': {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'], Resource: '*' }],
  },
  'arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess': {
    Version: '2012-10-17',
    Statement: [{
      Effect: 'Allow',
      Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'xray:GetSamplingRules', 'xray:GetSamplingTargets', 'xray:GetSamplingStatisticSummaries'],
      Resource: ['*'],
    }],
  },
};

const hex = (s: string, n: number) => createHash('sha256').update(s).digest('hex').slice(0, n);
const uuid = (s: string) => { const h = hex(s, 32); return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`; };

export class ResolvedTemplate {
  public readonly resources: Record<string, { Type: string; Properties?: any; [k: string]: any }>;

  constructor(public readonly raw: any) {
    this.resources = raw.Resources ?? {};
  }

  /** The value of an expression once deployed. A value the template cannot give (an import) throws. */
  public resolve(value: any): any {
    if (Array.isArray(value)) return value.map((v) => this.resolve(v)).filter((v) => v !== NO_VALUE);
    if (value === null || typeof value !== 'object') return value;
    const keys = Object.keys(value);
    if (keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'))) return this.intrinsic(keys[0], value[keys[0]]);
    const out: Record<string, any> = {};
    for (const [k, v] of Object.entries(value)) {
      const r = this.resolve(v);
      if (r !== NO_VALUE) out[k] = r;
    }
    return out;
  }

  private intrinsic(fn: string, arg: any): any {
    switch (fn) {
      case 'Ref': return this.ref(arg);
      case 'Fn::GetAtt': {
        const [id, attr] = Array.isArray(arg) ? arg : String(arg).split('.');
        return this.getAtt(id, attr);
      }
      case 'Fn::Join': {
        const [sep, parts] = arg;
        return (this.resolve(parts) as any[]).join(sep);
      }
      case 'Fn::Sub': {
        const [text, vars] = Array.isArray(arg) ? arg : [arg, {}];
        const resolvedVars = this.resolve(vars);
        return String(text).replace(/\$\{([^}]+)\}/g, (_, name: string) => {
          if (name in resolvedVars) return resolvedVars[name];
          const [id, attr] = name.split('.');
          return attr ? this.getAtt(id, attr) : this.ref(id);
        });
      }
      case 'Fn::Select': {
        const [index, list] = arg;
        return this.resolve(list)[Number(this.resolve(index))];
      }
      case 'Fn::Split': {
        const [sep, text] = arg;
        return String(this.resolve(text)).split(sep);
      }
      case 'Fn::GetAZs': return ['a', 'b', 'c'].map((z) => `${REGION}${z}`);
      case 'Fn::If': {
        const [condition, yes, no] = arg;
        return this.resolve(this.condition(condition) ? yes : no);
      }
      case 'Fn::Base64': return Buffer.from(String(this.resolve(arg))).toString('base64');
      default:
        throw new Error(`${fn} cannot be resolved in a single template (${JSON.stringify(arg)})`);
    }
  }

  private condition(name: string): boolean {
    const evaluate = (c: any): boolean => {
      const [fn, arg] = Object.entries(c)[0] as [string, any];
      switch (fn) {
        case 'Fn::Equals': { const [a, b] = this.resolve(arg); return a === b; }
        case 'Fn::Not': return !evaluate(arg[0]);
        case 'Fn::And': return arg.every(evaluate);
        case 'Fn::Or': return arg.some(evaluate);
        case 'Condition': return this.condition(arg);
        default: throw new Error(`condition ${fn} not supported`);
      }
    };
    return evaluate(this.raw.Conditions[name]);
  }

  public ref(id: string): any {
    switch (id) {
      case 'AWS::Partition': return PARTITION;
      case 'AWS::AccountId': return ACCOUNT;
      case 'AWS::Region': return REGION;
      case 'AWS::URLSuffix': return 'amazonaws.com';
      case 'AWS::StackName': return 'TestStack';
      case 'AWS::StackId': return `arn:aws:cloudformation:${REGION}:${ACCOUNT}:stack/TestStack/${uuid('stack')}`;
      case 'AWS::NoValue': return NO_VALUE;
    }
    const r = this.resources[id];
    if (!r) {
      const param = this.raw.Parameters?.[id];
      if (param?.Default !== undefined) return param.Default;
      throw new Error(`Ref to ${id}, which is neither a resource nor a parameter with a default`);
    }
    const p = r.Properties ?? {};
    switch (r.Type) {
      case 'AWS::S3::Bucket': return this.bucketName(id);
      case 'AWS::KMS::Key': return uuid(id);
      case 'AWS::SNS::Topic': return this.getAtt(id, 'TopicArn');
      case 'AWS::SQS::Queue': return `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/${this.getAtt(id, 'QueueName')}`;
      case 'AWS::DynamoDB::Table': return p.TableName ? this.resolve(p.TableName) : `TestStack-${id}-${hex(id, 12).toUpperCase()}`;
      case 'AWS::IAM::Role': return p.RoleName ? this.resolve(p.RoleName) : `TestStack-${id}-${hex(id, 12).toUpperCase()}`.slice(0, 64);
      case 'AWS::IAM::ManagedPolicy': return `arn:aws:iam::${ACCOUNT}:policy/${p.ManagedPolicyName ? this.resolve(p.ManagedPolicyName) : `TestStack-${id}-${hex(id, 12).toUpperCase()}`}`;
      case 'AWS::Logs::LogGroup': return p.LogGroupName ? this.resolve(p.LogGroupName) : `TestStack-${id}-${hex(id, 12)}`;
      case 'AWS::Lambda::Function': return p.FunctionName ? this.resolve(p.FunctionName) : `TestStack-${id}-${hex(id, 12)}`.slice(0, 64);
      case 'AWS::EC2::VPC': return `vpc-${hex(id, 17)}`;
      case 'AWS::EC2::SecurityGroup': return `sg-${hex(id, 17)}`;
      case 'AWS::EC2::Subnet': return `subnet-${hex(id, 17)}`;
      case 'AWS::EC2::RouteTable': return `rtb-${hex(id, 17)}`;
      default: return `${id}-${hex(id, 8)}`;
    }
  }

  public getAtt(id: string, attr: string): any {
    const r = this.resources[id];
    if (!r) throw new Error(`GetAtt of ${id}.${attr}: no such resource`);
    const p = r.Properties ?? {};
    switch (`${r.Type}.${attr}`) {
      case 'AWS::S3::Bucket.Arn': return `arn:aws:s3:::${this.bucketName(id)}`;
      case 'AWS::S3::Bucket.DomainName': return `${this.bucketName(id)}.s3.amazonaws.com`;
      case 'AWS::S3::Bucket.RegionalDomainName': return `${this.bucketName(id)}.s3.${REGION}.amazonaws.com`;
      case 'AWS::KMS::Key.Arn': return `arn:aws:kms:${REGION}:${ACCOUNT}:key/${uuid(id)}`;
      case 'AWS::KMS::Key.KeyId': return uuid(id);
      case 'AWS::SNS::Topic.TopicArn': return `arn:aws:sns:${REGION}:${ACCOUNT}:${p.TopicName ? this.resolve(p.TopicName) : `TestStack-${id}-${hex(id, 12)}`}`;
      case 'AWS::SNS::Topic.TopicName': return String(this.getAtt(id, 'TopicArn')).split(':').pop();
      case 'AWS::SQS::Queue.QueueName': return p.QueueName ? this.resolve(p.QueueName) : `TestStack-${id}-${hex(id, 12)}`;
      case 'AWS::SQS::Queue.Arn': return `arn:aws:sqs:${REGION}:${ACCOUNT}:${this.getAtt(id, 'QueueName')}`;
      case 'AWS::SQS::Queue.QueueUrl': return this.ref(id);
      case 'AWS::DynamoDB::Table.Arn': return `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${this.ref(id)}`;
      case 'AWS::DynamoDB::Table.StreamArn': return `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${this.ref(id)}/stream/2026-01-01T00:00:00.000`;
      case 'AWS::IAM::Role.Arn': return `arn:aws:iam::${ACCOUNT}:role/${this.ref(id)}`;
      case 'AWS::IAM::Role.RoleId': return `AROA${hex(id, 17).toUpperCase()}`;
      case 'AWS::IAM::ManagedPolicy.PolicyArn': return this.ref(id);
      case 'AWS::Logs::LogGroup.Arn': return `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${this.ref(id)}:*`;
      case 'AWS::Lambda::Function.Arn': return `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${this.ref(id)}`;
      case 'AWS::EC2::VPC.DefaultSecurityGroup': return `sg-${hex(`${id}.default`, 17)}`;
      case 'AWS::EC2::VPC.CidrBlock': return this.resolve(p.CidrBlock);
      case 'AWS::EC2::VPC.VpcId': return this.ref(id);
      case 'AWS::EC2::SecurityGroup.GroupId': return this.ref(id);
      case 'AWS::Events::Rule.Arn': return `arn:aws:events:${REGION}:${ACCOUNT}:rule/${p.Name ? this.resolve(p.Name) : `TestStack-${id}-${hex(id, 12)}`}`;
      default: return `${id}.${attr}-${hex(`${id}.${attr}`, 8)}`;
    }
  }

  private bucketName(id: string): string {
    const p = this.resources[id].Properties ?? {};
    return p.BucketName ? this.resolve(p.BucketName) : `teststack-${id.toLowerCase()}-${hex(id, 12)}`.slice(0, 63);
  }

  /** Logical ids of the resources of a type, optionally filtered on a (resolved) property. */
  public ofType(type: string): string[] {
    return Object.entries(this.resources).filter(([, r]) => r.Type === type).map(([id]) => id);
  }

  /** The resolved properties of a resource. */
  public props(id: string): any {
    return this.resolve(this.resources[id].Properties ?? {});
  }

  /** The logical id of the resource whose ARN (or Ref) is `value`, if the template holds it. */
  public findByArn(type: string, value: string): string | undefined {
    const attr: Record<string, string> = {
      'AWS::S3::Bucket': 'Arn', 'AWS::KMS::Key': 'Arn', 'AWS::SNS::Topic': 'TopicArn', 'AWS::SQS::Queue': 'Arn', 'AWS::DynamoDB::Table': 'Arn', 'AWS::Lambda::Function': 'Arn',
    };
    return this.ofType(type).find((id) => this.getAtt(id, attr[type]) === value || this.ref(id) === value);
  }

  /** What AWS evaluates for calls made by the function's code: its role's identity policies and its environment. */
  public functionPermissions(functionLogicalId: string): FunctionPermissions {
    const fn = this.props(functionLogicalId);
    const roleArn: string = fn.Role;
    const roleLogicalId = this.ofType('AWS::IAM::Role').find((id) => this.getAtt(id, 'Arn') === roleArn);
    if (!roleLogicalId) throw new Error(`${functionLogicalId}: role ${roleArn} is not in the template`);
    const roleName = this.ref(roleLogicalId);
    const role = this.props(roleLogicalId);
    const identityPolicies: IdentityPolicy[] = [];
    for (const p of role.Policies ?? []) {
      identityPolicies.push({ name: `inline policy ${p.PolicyName} of ${roleLogicalId}`, policy: p.PolicyDocument });
    }
    for (const arn of role.ManagedPolicyArns ?? []) {
      const local = this.ofType('AWS::IAM::ManagedPolicy').find((id) => this.ref(id) === arn);
      if (local) identityPolicies.push({ name: `AWS::IAM::ManagedPolicy ${local}`, policy: this.props(local).PolicyDocument });
      else if (AWS_MANAGED[arn]) identityPolicies.push({ name: `AWS managed policy ${arn}`, policy: AWS_MANAGED[arn] });
      else throw new Error(`${roleLogicalId}: managed policy ${arn} is neither in the template nor a known AWS managed policy`);
    }
    for (const type of ['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy']) {
      for (const id of this.ofType(type)) {
        const p = this.props(id);
        if ((p.Roles ?? []).includes(roleName) && !identityPolicies.some((x) => x.name === `AWS::IAM::ManagedPolicy ${id}`)) {
          identityPolicies.push({ name: `${type} ${id}`, policy: p.PolicyDocument });
        }
      }
    }
    return {
      logicalId: functionLogicalId,
      functionName: this.ref(functionLogicalId),
      functionArn: this.getAtt(functionLogicalId, 'Arn'),
      roleLogicalId,
      roleName,
      roleArn,
      identityPolicies,
      environment: fn.Environment?.Variables ?? {},
    };
  }

  /** The bucket policy of a bucket in the template. */
  public bucketPolicy(bucketName: string): { id: string; policy: PolicyDocument } | undefined {
    const id = this.ofType('AWS::S3::BucketPolicy').find((x) => this.props(x).Bucket === bucketName);
    return id ? { id, policy: this.props(id).PolicyDocument } : undefined;
  }

  /** The topic policy of a topic in the template (several AWS::SNS::TopicPolicy may name it: the last one wins, as in AWS). */
  public topicPolicy(topicArn: string): { id: string; policy: PolicyDocument } | undefined {
    const ids = this.ofType('AWS::SNS::TopicPolicy').filter((x) => (this.props(x).Topics ?? []).includes(topicArn));
    const id = ids[ids.length - 1];
    return id ? { id, policy: this.props(id).PolicyDocument } : undefined;
  }

  /** The queue policy of a queue in the template. */
  public queuePolicy(queueUrl: string): { id: string; policy: PolicyDocument } | undefined {
    const id = this.ofType('AWS::SQS::QueuePolicy').find((x) => (this.props(x).Queues ?? []).includes(queueUrl));
    return id ? { id, policy: this.props(id).PolicyDocument } : undefined;
  }

  /** The key policy of a key in the template, by key ARN or id. */
  public keyPolicy(keyArnOrId: string): { id: string; policy: PolicyDocument } | undefined {
    const id = this.ofType('AWS::KMS::Key').find((x) => this.getAtt(x, 'Arn') === keyArnOrId || this.ref(x) === keyArnOrId);
    return id ? { id, policy: this.props(id).KeyPolicy } : undefined;
  }

  /** The key ARN that encrypts a bucket, topic, queue or table of the template, if a customer managed key does. */
  public encryptionKeyOf(logicalId: string): string | undefined {
    const r = this.resources[logicalId];
    const p = this.props(logicalId);
    let key: string | undefined;
    switch (r.Type) {
      case 'AWS::S3::Bucket':
        key = p.BucketEncryption?.ServerSideEncryptionConfiguration?.[0]?.ServerSideEncryptionByDefault?.KMSMasterKeyID;
        break;
      case 'AWS::SNS::Topic': case 'AWS::SQS::Queue':
        key = p.KmsMasterKeyId;
        break;
      case 'AWS::DynamoDB::Table':
        key = p.SSESpecification?.KMSMasterKeyId;
        break;
    }
    if (!key || key.startsWith('alias/aws/')) return undefined;
    const local = this.ofType('AWS::KMS::Key').find((x) => this.getAtt(x, 'Arn') === key || this.ref(x) === key);
    return local ? this.getAtt(local, 'Arn') : key;
  }
}

const NO_VALUE = Symbol('AWS::NoValue');
