/**
 * Test helper: evaluates, with an IAM policy simulator, whether an AWS service may deliver to a
 * target of a synthesized template (an EventBridge rule or a CloudWatch alarm publishing to an SNS
 * topic, EventBridge sending undeliverable events to a dead-letter queue, and the KMS key behind
 * each), the way AWS evaluates the request: the target's resource policy, the key policy of its key,
 * and the request context the service sends (`aws:SourceArn`, `aws:SourceAccount`).
 *
 * Templates are resolved with a fixed account and Region; ARNs of the resources they create are
 * built the way CloudFormation builds them (physical name when given, else the logical id).
 */
import { runSimulation } from '@cloud-copilot/iam-simulate';

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';

/** A synthesized template, as `Template.toJSON()` gives it. */
export type TemplateJson = { Resources?: Record<string, any>; Outputs?: Record<string, any> };

/** Every template of the app, so that `Fn::ImportValue` finds the export it names. */
export class ResolvedApp {
  private readonly exports = new Map<string, any>();

  constructor(private readonly templates: TemplateJson[]) {
    for (const template of templates) {
      for (const output of Object.values(template.Outputs ?? {})) {
        const name = output?.Export?.Name;
        if (typeof name === 'string') {
          this.exports.set(name, { template, value: output.Value });
        }
      }
    }
  }

  /** The resource with `logicalId`, and the template that holds it. */
  public resource(template: TemplateJson, logicalId: string): any {
    return template.Resources?.[logicalId];
  }

  /** `value` with every intrinsic function it uses resolved; throws on one it cannot resolve. */
  public resolve(template: TemplateJson, value: any): any {
    if (Array.isArray(value)) {
      return value.map((v) => this.resolve(template, v));
    }
    if (value === null || typeof value !== 'object') {
      return value;
    }
    const keys = Object.keys(value);
    if (keys.length === 1 && keys[0] === 'Ref') {
      return this.ref(template, value.Ref);
    }
    if (keys.length === 1 && keys[0] === 'Fn::GetAtt') {
      const [id, attribute] = value['Fn::GetAtt'];
      return this.getAtt(template, id, attribute);
    }
    if (keys.length === 1 && keys[0] === 'Fn::Join') {
      const [separator, parts] = value['Fn::Join'];
      return this.resolve(template, parts).join(separator);
    }
    if (keys.length === 1 && keys[0] === 'Fn::ImportValue') {
      const name = this.resolve(template, value['Fn::ImportValue']);
      const exported = this.exports.get(name);
      if (!exported) {
        throw new Error(`no stack exports ${name}`);
      }
      return this.resolve(exported.template, exported.value);
    }
    if (keys.some((k) => k.startsWith('Fn::'))) {
      throw new Error(`cannot resolve ${JSON.stringify(value)}`);
    }
    return Object.fromEntries(keys.map((k) => [k, this.resolve(template, value[k])]));
  }

  /** Resources of `type` across every template. */
  public resourcesOfType(type: string): Array<{ template: TemplateJson; id: string; resource: any }> {
    const found: Array<{ template: TemplateJson; id: string; resource: any }> = [];
    for (const template of this.templates) {
      for (const [id, resource] of Object.entries(template.Resources ?? {})) {
        if (resource.Type === type) {
          found.push({ template, id, resource });
        }
      }
    }
    return found;
  }

  private ref(template: TemplateJson, name: string): string {
    switch (name) {
      case 'AWS::Partition': return 'aws';
      case 'AWS::Region': return REGION;
      case 'AWS::AccountId': return ACCOUNT;
      case 'AWS::URLSuffix': return 'amazonaws.com';
    }
    const resource = this.resource(template, name);
    if (!resource) {
      throw new Error(`Ref to unknown ${name}`);
    }
    switch (resource.Type) {
      case 'AWS::SNS::Topic': return `arn:aws:sns:${REGION}:${ACCOUNT}:${resource.Properties?.TopicName ?? name}`;
      case 'AWS::SQS::Queue': return `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/${name}`;
      case 'AWS::StepFunctions::StateMachine': return `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:${name}`;
      default: return name;
    }
  }

  private getAtt(template: TemplateJson, id: string, attribute: string): string {
    const resource = this.resource(template, id);
    if (!resource) {
      throw new Error(`GetAtt of unknown ${id}`);
    }
    const props = resource.Properties ?? {};
    const arn = (): string => {
      switch (resource.Type) {
        case 'AWS::Events::Rule': return `arn:aws:events:${REGION}:${ACCOUNT}:rule/${props.Name ?? id}`;
        case 'AWS::CloudWatch::Alarm': return `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:${props.AlarmName ?? id}`;
        case 'AWS::KMS::Key': return `arn:aws:kms:${REGION}:${ACCOUNT}:key/${id}`;
        case 'AWS::SQS::Queue': return `arn:aws:sqs:${REGION}:${ACCOUNT}:${id}`;
        case 'AWS::SNS::Topic': return `arn:aws:sns:${REGION}:${ACCOUNT}:${props.TopicName ?? id}`;
        case 'AWS::IAM::Role': return `arn:aws:iam::${ACCOUNT}:role/${id}`;
        case 'AWS::Lambda::Function': return `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${props.FunctionName ?? id}`;
        case 'AWS::StepFunctions::StateMachine': return `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:${id}`;
        default: throw new Error(`no ARN format for ${resource.Type}`);
      }
    };
    if (attribute === 'Arn' || attribute.endsWith('Arn')) {
      return arn();
    }
    if (attribute === 'TopicArn') {
      return arn();
    }
    throw new Error(`cannot resolve GetAtt ${id}.${attribute}`);
  }
}

/** One delivery: `service` calls `action` on `resourceArn` on behalf of `sourceArn`. */
export interface Delivery {
  readonly service: string;
  readonly action: string;
  readonly resourceArn: string;
  readonly sourceArn: string;
  readonly resourcePolicy: any;
}

/** The simulator's verdict on one delivery: `Allowed`, `ImplicitlyDenied` or `ExplicitlyDenied`. */
export async function evaluateDelivery(delivery: Delivery): Promise<string> {
  const response = await runSimulation({
    identityPolicies: [],
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    resourcePolicy: delivery.resourcePolicy ?? { Version: '2012-10-17', Statement: [] },
    request: {
      principal: delivery.service,
      action: delivery.action,
      resource: { accountId: ACCOUNT, resource: delivery.resourceArn },
      contextVariables: {
        'aws:SourceArn': delivery.sourceArn,
        'aws:SourceAccount': ACCOUNT,
        'aws:SecureTransport': 'true',
      },
    },
  }, {});
  if (response.resultType === 'error') {
    throw new Error(`simulation of ${delivery.action} by ${delivery.service} failed: ${JSON.stringify(response.errors)}`);
  }
  return response.overallResult;
}

/** Topic policy documents that apply to the topic with `topicArn`, merged into one. */
function topicPolicyOf(app: ResolvedApp, topicArn: string): any {
  const statements: any[] = [];
  for (const { template, resource } of app.resourcesOfType('AWS::SNS::TopicPolicy')) {
    const topics = app.resolve(template, resource.Properties.Topics);
    if (topics.includes(topicArn)) {
      statements.push(...app.resolve(template, resource.Properties.PolicyDocument).Statement);
    }
  }
  return { Version: '2012-10-17', Statement: statements };
}

function queuePolicyOf(app: ResolvedApp, queueUrl: string): any {
  const statements: any[] = [];
  for (const { template, resource } of app.resourcesOfType('AWS::SQS::QueuePolicy')) {
    const queues = app.resolve(template, resource.Properties.Queues);
    if (queues.includes(queueUrl)) {
      statements.push(...app.resolve(template, resource.Properties.PolicyDocument).Statement);
    }
  }
  return { Version: '2012-10-17', Statement: statements };
}

/** The key policy of the key with `keyArn`, if the app defines it. */
function keyPolicyOf(app: ResolvedApp, keyArn: string): any | undefined {
  for (const { template, id, resource } of app.resourcesOfType('AWS::KMS::Key')) {
    if (`arn:aws:kms:${REGION}:${ACCOUNT}:key/${id}` === keyArn) {
      return app.resolve(template, resource.Properties.KeyPolicy);
    }
  }
  return undefined;
}

/** A delivery path found in the app, with the simulator's verdict on each request it makes. */
export interface PathVerdict {
  readonly path: string;
  readonly verdict: string;
}

/**
 * Every delivery from an EventBridge rule or CloudWatch alarm to an SNS topic of the app, and from
 * a rule to its dead-letter queue, each with the KMS request SNS or SQS makes on the service's
 * behalf when the target is encrypted with a key of the app.
 */
export async function alertDeliveries(app: ResolvedApp): Promise<PathVerdict[]> {
  const topics = new Map<string, any>();
  for (const { template, id, resource } of app.resourcesOfType('AWS::SNS::Topic')) {
    topics.set(app.resolve(template, { Ref: id }), { template, resource });
  }
  const queues = new Map<string, any>();
  for (const { template, id, resource } of app.resourcesOfType('AWS::SQS::Queue')) {
    queues.set(app.resolve(template, { 'Fn::GetAtt': [id, 'Arn'] }), { template, id, resource });
  }

  const requests: Array<{ path: string; delivery: Delivery }> = [];
  const rolePaths: string[] = [];
  const toTopic = (source: string, service: string, sourceArn: string, topicArn: string) => {
    const topic = topics.get(topicArn);
    if (!topic) {
      return;
    }
    requests.push({ path: `${source} -> ${topicArn}: sns:Publish`, delivery: { service, action: 'sns:Publish', resourceArn: topicArn, sourceArn, resourcePolicy: topicPolicyOf(app, topicArn) } });
    const keyArn = topic.resource.Properties?.KmsMasterKeyId && app.resolve(topic.template, topic.resource.Properties.KmsMasterKeyId);
    const keyPolicy = keyArn && keyPolicyOf(app, keyArn);
    if (keyPolicy) {
      for (const action of ['kms:GenerateDataKey', 'kms:Decrypt']) {
        requests.push({ path: `${source} -> key of ${topicArn}: ${action}`, delivery: { service, action, resourceArn: keyArn, sourceArn, resourcePolicy: keyPolicy } });
      }
    }
  };

  for (const { template, id, resource } of app.resourcesOfType('AWS::Events::Rule')) {
    const ruleArn = app.resolve(template, { 'Fn::GetAtt': [id, 'Arn'] });
    for (const target of resource.Properties?.Targets ?? []) {
      const targetArn = app.resolve(template, target.Arn);
      if (target.RoleArn !== undefined && topics.has(targetArn)) {
        // EventBridge documents resource-based policies for SNS targets, and warns that a RoleArn on
        // one can make delivery to a KMS-encrypted topic fail: such a target is judged by the topic
        // policy alone, and reported.
        rolePaths.push(`${id} -> ${targetArn}: target has a RoleArn (SNS targets are authorised by the topic policy)`);
      }
      toTopic(id, 'events.amazonaws.com', ruleArn, targetArn);
      if (target.DeadLetterConfig?.Arn) {
        const queueArn = app.resolve(template, target.DeadLetterConfig.Arn);
        const queue = queues.get(queueArn);
        if (queue) {
          const url = app.resolve(queue.template, { Ref: queue.id });
          requests.push({ path: `${id} -> dead-letter queue ${queue.id}: sqs:SendMessage`, delivery: { service: 'events.amazonaws.com', action: 'sqs:SendMessage', resourceArn: queueArn, sourceArn: ruleArn, resourcePolicy: queuePolicyOf(app, url) } });
          const keyArn = queue.resource.Properties?.KmsMasterKeyId && app.resolve(queue.template, queue.resource.Properties.KmsMasterKeyId);
          const keyPolicy = keyArn && keyPolicyOf(app, keyArn);
          if (keyPolicy) {
            requests.push({ path: `${id} -> key of dead-letter queue ${queue.id}: kms:GenerateDataKey`, delivery: { service: 'events.amazonaws.com', action: 'kms:GenerateDataKey', resourceArn: keyArn, sourceArn: ruleArn, resourcePolicy: keyPolicy } });
          }
        }
      }
    }
  }
  for (const { template, id, resource } of app.resourcesOfType('AWS::CloudWatch::Alarm')) {
    const alarmArn = app.resolve(template, { 'Fn::GetAtt': [id, 'Arn'] });
    for (const action of app.resolve(template, resource.Properties?.AlarmActions ?? [])) {
      toTopic(id, 'cloudwatch.amazonaws.com', alarmArn, action);
    }
  }

  const verdicts: PathVerdict[] = rolePaths.map((path) => ({ path, verdict: 'RoleArnOnSnsTarget' }));
  for (const { path, delivery } of requests) {
    verdicts.push({ path, verdict: await evaluateDelivery(delivery) });
  }
  return verdicts;
}
