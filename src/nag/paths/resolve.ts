import { CfnResource, Stack, Token } from 'aws-cdk-lib';
import { referencedId } from '../../policy/template-values';
import { Unknown, isUnknownValue, unknown } from '../../policy/values';
import { logicalIdOf, propertiesOf } from '../private/context';

/**
 * Turns resolved CloudFormation values into the strings IAM sees at run time: `Ref`, `Fn::GetAtt`,
 * `Fn::Join` and `Fn::Sub` of resources in the same stack become their ARNs, URLs and names.
 * Names CloudFormation generates are written as the resource's logical id, the same wherever they
 * appear, so a policy that references a resource matches a request that comes from it. Anything
 * only known at deploy time (a parameter, an import, a condition) becomes `Unknown`.
 */
export class Resolver {
  private readonly byId = new Map<Stack, Map<string, CfnResource>>();

  constructor(private readonly resources: CfnResource[]) {
    for (const r of resources) {
      const stack = Stack.of(r);
      let ids = this.byId.get(stack);
      if (!ids) {
        ids = new Map();
        this.byId.set(stack, ids);
      }
      ids.set(logicalIdOf(r), r);
    }
  }

  public resource(stack: Stack, logicalId: string): CfnResource | undefined {
    return this.byId.get(stack)?.get(logicalId);
  }

  /** The resource a `Ref`/`Fn::GetAtt` (or an ARN, URL or name of a resource of the stack) points at. */
  public target(stack: Stack, value: any, type?: string): CfnResource | undefined {
    const id = referencedId(value);
    if (id !== undefined) {
      const r = this.resource(stack, id);
      return r && (!type || r.cfnResourceType === type) ? r : undefined;
    }
    if (typeof value === 'string' && type) {
      return this.resources.find((r) => r.cfnResourceType === type && Stack.of(r) === stack
        && [this.arnOf(r), this.refOf(r), this.nameOf(r)].includes(value));
    }
    return undefined;
  }

  public account(stack: Stack): string {
    return Token.isUnresolved(stack.account) ? '{AccountId}' : stack.account;
  }

  public region(stack: Stack): string {
    return Token.isUnresolved(stack.region) ? '{Region}' : stack.region;
  }

  public partition(stack: Stack): string {
    const region = stack.region;
    if (!Token.isUnresolved(region) && region.startsWith('cn-')) {
      return 'aws-cn';
    }
    if (!Token.isUnresolved(region) && region.startsWith('us-gov-')) {
      return 'aws-us-gov';
    }
    return 'aws';
  }

  /** A resolved value as a string (or a list of them), `Unknown` where it is only known at deploy time. */
  public value(stack: Stack, value: any): any {
    if (value === undefined || value === null || typeof value === 'number' || typeof value === 'boolean') {
      return value;
    }
    if (typeof value === 'string') {
      return value.includes('${Token[') ? unknown(`an unresolved token ("${value}")`) : value;
    }
    if (Array.isArray(value)) {
      return value.map((v) => this.value(stack, v));
    }
    if (typeof value !== 'object' || isUnknownValue(value)) {
      return value;
    }
    const keys = Object.keys(value);
    if (keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'))) {
      return this.intrinsic(stack, keys[0], value[keys[0]]);
    }
    const out: any = {};
    for (const k of keys) {
      out[k] = this.value(stack, value[k]);
    }
    return out;
  }

  /** The value as a string, or Unknown. */
  public string(stack: Stack, value: any): string | Unknown {
    const v = this.value(stack, value);
    if (typeof v === 'string') {
      return v;
    }
    if (isUnknownValue(v)) {
      return v;
    }
    return unknown(`a deploy-time value (${JSON.stringify(value)?.slice(0, 60)})`);
  }

  private intrinsic(stack: Stack, fn: string, arg: any): any {
    switch (fn) {
      case 'Ref': {
        if (typeof arg !== 'string') {
          return unknown('a Ref of a computed name');
        }
        const pseudo = this.pseudo(stack, arg);
        if (pseudo !== undefined) {
          return pseudo;
        }
        const r = this.resource(stack, arg);
        return r ? this.refOf(r) : unknown(`the parameter ${arg}`);
      }
      case 'Fn::GetAtt': {
        const [id, attr] = Array.isArray(arg) ? arg : String(arg).split('.');
        const r = typeof id === 'string' ? this.resource(stack, id) : undefined;
        return r ? this.attOf(r, String(attr)) : unknown(`Fn::GetAtt ${JSON.stringify(arg)}`);
      }
      case 'Fn::Join': {
        if (!Array.isArray(arg) || typeof arg[0] !== 'string' || !Array.isArray(arg[1])) {
          return unknown('an Fn::Join of a computed list');
        }
        const parts = arg[1].map((p: any) => this.string(stack, p));
        const bad = parts.find(isUnknownValue);
        return bad ?? parts.join(arg[0]);
      }
      case 'Fn::Sub': {
        const [template, vars] = Array.isArray(arg) ? arg : [arg, {}];
        if (typeof template !== 'string') {
          return unknown('an Fn::Sub of a computed template');
        }
        let bad: Unknown | undefined;
        const out = template.replace(/\$\{([^}!][^}]*)\}/g, (_w, name: string) => {
          let v: any;
          if (vars && name in vars) {
            v = this.string(stack, vars[name]);
          } else if (name.includes('.')) {
            const [id, ...attr] = name.split('.');
            v = this.intrinsic(stack, 'Fn::GetAtt', [id, attr.join('.')]);
          } else {
            v = this.intrinsic(stack, 'Ref', name);
          }
          if (isUnknownValue(v) || typeof v !== 'string') {
            bad ??= isUnknownValue(v) ? v : unknown(`\${${name}}`);
            return '';
          }
          return v;
        });
        return bad ?? out.replace(/\$\{!/g, '${');
      }
      case 'Fn::ImportValue':
        return unknown(`Fn::ImportValue ${JSON.stringify(arg)}`);
      default:
        return unknown(`${fn} (known at deploy time)`);
    }
  }

  private pseudo(stack: Stack, name: string): string | Unknown | undefined {
    switch (name) {
      case 'AWS::AccountId': return this.account(stack);
      case 'AWS::Region': return this.region(stack);
      case 'AWS::Partition': return this.partition(stack);
      case 'AWS::URLSuffix': return this.partition(stack) === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
      case 'AWS::StackName': return Token.isUnresolved(stack.stackName) ? '{StackName}' : stack.stackName;
      case 'AWS::StackId': return unknown('the stack id');
      case 'AWS::NoValue': return unknown('AWS::NoValue');
      case 'AWS::NotificationARNs': return unknown('the stack\'s notification ARNs');
      default: return undefined;
    }
  }

  /** The resource's physical name: its name property when literal, else its logical id (a generated name). */
  public nameOf(r: CfnResource): string | Unknown {
    const prop = NAME_PROPERTY[r.cfnResourceType];
    const props = propertiesOf(r) ?? {};
    if (prop && props[prop] !== undefined) {
      return this.string(Stack.of(r), props[prop]);
    }
    return logicalIdOf(r);
  }

  public arnOf(r: CfnResource): string | Unknown {
    const stack = Stack.of(r);
    const name = this.nameOf(r);
    if (isUnknownValue(name)) {
      return name;
    }
    const p = this.partition(stack);
    const region = this.region(stack);
    const account = this.account(stack);
    const regional = (service: string, resource: string) => `arn:${p}:${service}:${region}:${account}:${resource}`;
    const props = propertiesOf(r) ?? {};
    switch (r.cfnResourceType) {
      case 'AWS::SNS::Topic': return regional('sns', name);
      case 'AWS::SQS::Queue': return regional('sqs', name);
      case 'AWS::Lambda::Function': return regional('lambda', `function:${name}`);
      case 'AWS::Events::Rule': {
        const bus = props.EventBusName === undefined ? undefined : this.string(stack, props.EventBusName);
        if (isUnknownValue(bus)) {
          return bus;
        }
        const busName = bus && bus.startsWith('arn:') ? bus.split('/').pop() : bus;
        return regional('events', busName && busName !== 'default' ? `rule/${busName}/${name}` : `rule/${name}`);
      }
      case 'AWS::Events::EventBus': return regional('events', `event-bus/${name}`);
      case 'AWS::CloudWatch::Alarm': return regional('cloudwatch', `alarm:${name}`);
      case 'AWS::CloudWatch::CompositeAlarm': return regional('cloudwatch', `alarm:${name}`);
      case 'AWS::KMS::Key': return regional('kms', `key/${logicalIdOf(r)}`);
      case 'AWS::IAM::Role': {
        const path = typeof props.Path === 'string' ? props.Path.replace(/^\//, '') : '';
        return `arn:${p}:iam::${account}:role/${path}${name}`;
      }
      case 'AWS::IAM::ManagedPolicy': {
        const path = typeof props.Path === 'string' ? props.Path.replace(/^\//, '') : '';
        return `arn:${p}:iam::${account}:policy/${path}${name}`;
      }
      case 'AWS::S3::Bucket': return `arn:${p}:s3:::${name}`;
      case 'AWS::Logs::LogGroup': return regional('logs', `log-group:${name}:*`);
      case 'AWS::StepFunctions::StateMachine': return regional('states', `stateMachine:${name}`);
      case 'AWS::CloudTrail::Trail': return regional('cloudtrail', `trail/${name}`);
      case 'AWS::DynamoDB::Table': return regional('dynamodb', `table/${name}`);
      case 'AWS::SecretsManager::Secret': return regional('secretsmanager', `secret:${name}`);
      case 'AWS::Scheduler::Schedule': {
        const group = typeof props.GroupName === 'string' ? props.GroupName : 'default';
        return regional('scheduler', `schedule/${group}/${name}`);
      }
      case 'AWS::Scheduler::ScheduleGroup': return regional('scheduler', `schedule-group/${name}`);
      case 'AWS::Batch::JobQueue': return regional('batch', `job-queue/${name}`);
      case 'AWS::Batch::JobDefinition': return regional('batch', `job-definition/${name}:1`);
      case 'AWS::Batch::ComputeEnvironment': return regional('batch', `compute-environment/${name}`);
      case 'AWS::ECR::Repository': return regional('ecr', `repository/${name}`);
      case 'AWS::EC2::VPC': return regional('ec2', `vpc/${logicalIdOf(r)}`);
      case 'AWS::EC2::FlowLog': return regional('ec2', `vpc-flow-log/${logicalIdOf(r)}`);
      case 'AWS::Config::ConfigurationRecorder': return regional('config', `config-recorder/${name}`);
      case 'AWS::Config::DeliveryChannel': return regional('config', `delivery-channel/${name}`);
      default: return regional(r.cfnResourceType.split('::')[1].toLowerCase(), logicalIdOf(r));
    }
  }

  /** What `Ref` returns for the resource. */
  public refOf(r: CfnResource): string | Unknown {
    switch (r.cfnResourceType) {
      case 'AWS::SNS::Topic':
      case 'AWS::IAM::ManagedPolicy':
      case 'AWS::StepFunctions::StateMachine':
      case 'AWS::SecretsManager::Secret':
      case 'AWS::Batch::JobQueue':
      case 'AWS::Batch::JobDefinition':
      case 'AWS::Batch::ComputeEnvironment':
        return this.arnOf(r);
      case 'AWS::SQS::Queue': return this.queueUrl(r);
      case 'AWS::KMS::Key': return logicalIdOf(r);
      default: return this.nameOf(r);
    }
  }

  private queueUrl(r: CfnResource): string | Unknown {
    const stack = Stack.of(r);
    const name = this.nameOf(r);
    if (isUnknownValue(name)) {
      return name;
    }
    return `https://sqs.${this.region(stack)}.amazonaws.com/${this.account(stack)}/${name}`;
  }

  public attOf(r: CfnResource, attr: string): string | Unknown {
    switch (attr) {
      case 'Arn':
        return r.cfnResourceType === 'AWS::Logs::LogGroup' ? this.arnOf(r) : this.arnOf(r);
      case 'TopicArn':
      case 'StateMachineArn':
      case 'JobQueueArn':
      case 'JobDefinitionArn':
      case 'ComputeEnvironmentArn':
        return this.arnOf(r);
      case 'QueueUrl': return this.queueUrl(r);
      case 'QueueName':
      case 'TopicName':
      case 'Name':
        return this.nameOf(r);
      case 'KeyId': return logicalIdOf(r);
      case 'RoleId': return `AROA${logicalIdOf(r)}`;
      default: return unknown(`${logicalIdOf(r)}.${attr}`);
    }
  }
}

const NAME_PROPERTY: Record<string, string> = {
  'AWS::SNS::Topic': 'TopicName',
  'AWS::SQS::Queue': 'QueueName',
  'AWS::Lambda::Function': 'FunctionName',
  'AWS::Events::Rule': 'Name',
  'AWS::Events::EventBus': 'Name',
  'AWS::CloudWatch::Alarm': 'AlarmName',
  'AWS::CloudWatch::CompositeAlarm': 'AlarmName',
  'AWS::IAM::Role': 'RoleName',
  'AWS::IAM::ManagedPolicy': 'ManagedPolicyName',
  'AWS::S3::Bucket': 'BucketName',
  'AWS::Logs::LogGroup': 'LogGroupName',
  'AWS::StepFunctions::StateMachine': 'StateMachineName',
  'AWS::CloudTrail::Trail': 'TrailName',
  'AWS::DynamoDB::Table': 'TableName',
  'AWS::SecretsManager::Secret': 'Name',
  'AWS::Scheduler::Schedule': 'Name',
  'AWS::Scheduler::ScheduleGroup': 'Name',
  'AWS::Batch::JobQueue': 'JobQueueName',
  'AWS::Batch::JobDefinition': 'JobDefinitionName',
  'AWS::Batch::ComputeEnvironment': 'ComputeEnvironmentName',
  'AWS::ECR::Repository': 'RepositoryName',
  'AWS::Config::ConfigurationRecorder': 'Name',
  'AWS::Config::DeliveryChannel': 'Name',
};
