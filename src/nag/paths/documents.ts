import { CfnResource, Stack } from 'aws-cdk-lib';
import { Resolver } from './resolve';
import { AWS_MANAGED_POLICIES, awsManagedKeyPolicy, defaultTopicPolicy } from '../../controls/judgement/aws-documents';
import { NamedPolicy } from '../../policy/evaluate';
import { isUnknownValue, listOf, Unknown, unknown } from '../../policy/values';
import { propertiesOf } from '../private/context';

/**
 * The documents that decide a request: a role's identity policies, and the resource policies of
 * topics, queues, functions, keys and log groups, read from the app's resolved CloudFormation.
 */
export class Documents {
  private readonly byType = new Map<string, CfnResource[]>();
  private readonly identityCache = new Map<CfnResource, Identity>();

  constructor(private readonly resolver: Resolver, resources: CfnResource[]) {
    for (const r of resources) {
      const list = this.byType.get(r.cfnResourceType) ?? [];
      list.push(r);
      this.byType.set(r.cfnResourceType, list);
    }
  }

  public ofType(type: string, stack?: Stack): CfnResource[] {
    const all = this.byType.get(type) ?? [];
    return stack ? all.filter((r) => Stack.of(r) === stack) : all;
  }

  /** A display name for a resource: the id of its L2 construct (or its own id). */
  public label(r: CfnResource): string {
    const node = r.node;
    if ((node.id === 'Resource' || node.id === 'Default') && node.scope) {
      return (node.scope as any).node.id;
    }
    return node.id;
  }

  /** The identity policies of a role of the app. */
  public identity(role: CfnResource): Identity {
    let cached = this.identityCache.get(role);
    if (cached) {
      return cached;
    }
    const stack = Stack.of(role);
    const props = propertiesOf(role) ?? {};
    const roleLabel = this.label(role);
    const policies: NamedPolicy[] = [];
    const unknownPolicies: string[] = [];
    listOf(props.Policies).forEach((p: any, i: number) => {
      policies.push({ name: `role ${roleLabel}'s inline policy ${typeof p?.PolicyName === 'string' ? p.PolicyName : `#${i + 1}`}`, document: this.resolver.value(stack, p?.PolicyDocument) });
    });
    const attachedTo = (value: any) => listOf(value).some((v) => this.resolver.target(stack, v, 'AWS::IAM::Role') === role);
    for (const p of this.ofType('AWS::IAM::Policy', stack)) {
      const pp = propertiesOf(p);
      if (pp && attachedTo(pp.Roles)) {
        policies.push({ name: `role ${roleLabel}'s policy ${this.label(p)}`, document: this.resolver.value(stack, pp.PolicyDocument) });
      }
    }
    const managed = new Set<CfnResource>();
    for (const p of this.ofType('AWS::IAM::ManagedPolicy', stack)) {
      const pp = propertiesOf(p);
      if (pp && attachedTo(pp.Roles)) {
        managed.add(p);
      }
    }
    for (const arn of listOf(props.ManagedPolicyArns)) {
      const p = this.resolver.target(stack, arn, 'AWS::IAM::ManagedPolicy');
      if (p) {
        managed.add(p);
        continue;
      }
      const text = this.resolver.string(stack, arn);
      const known = typeof text === 'string' ? AWS_MANAGED_POLICIES[text.replace(/^arn:[^:]+:/, 'arn:aws:')] : undefined;
      if (known) {
        policies.push({ name: `role ${roleLabel}'s managed policy ${(text as string).split('/').pop()}`, document: known });
      } else {
        unknownPolicies.push(typeof text === 'string' ? `the managed policy ${text.split('/').pop()}` : 'a managed policy known at deploy time');
      }
    }
    for (const p of managed) {
      policies.push({ name: `role ${roleLabel}'s managed policy ${this.label(p)}`, document: this.resolver.value(stack, propertiesOf(p)?.PolicyDocument) });
    }
    cached = { policies, unknownPolicies };
    this.identityCache.set(role, cached);
    return cached;
  }

  /**
   * The statements of the `type` policies of `stack` that name the resource (`names` reads the
   * resources a policy's properties name), each document read by `read`; `undefined` when no
   * policy names it.
   */
  public attachedStatements(stack: Stack, type: string, names: (props: any) => boolean,
    read: (doc: any) => any[] = statementsOrUnknown): any[] | undefined {
    let statements: any[] | undefined;
    for (const p of this.ofType(type, stack)) {
      const pp = propertiesOf(p);
      if (pp && names(pp)) {
        statements = [...(statements ?? []), ...read(this.resolver.value(stack, pp.PolicyDocument))];
      }
    }
    return statements;
  }

  /** The topic policy of a topic, or SNS's default policy when the app sets none. */
  public topicPolicy(topic: CfnResource): NamedPolicy {
    const stack = Stack.of(topic);
    const isTopic = (t: any) => this.resolver.target(stack, t, 'AWS::SNS::Topic') === topic;
    const policies = this.attachedStatements(stack, 'AWS::SNS::TopicPolicy', (pp) => listOf(pp.Topics).some(isTopic));
    const inline = this.attachedStatements(stack, 'AWS::SNS::TopicInlinePolicy', (pp) => isTopic(pp.TopicArn));
    if (!policies && !inline) {
      return { name: `the default topic policy of ${this.label(topic)}`, document: defaultTopicPolicy(this.resolver.account(stack)) };
    }
    return { name: `the topic policy of ${this.label(topic)}`, document: { Version: '2012-10-17', Statement: [...(policies ?? []), ...(inline ?? [])] } };
  }

  /** The queue policy of a queue; `undefined` when it has none. */
  public queuePolicy(queue: CfnResource): NamedPolicy | undefined {
    const stack = Stack.of(queue);
    const statements = this.attachedStatements(stack, 'AWS::SQS::QueuePolicy', (pp) => listOf(pp.Queues).some((q) => this.resolver.target(stack, q, 'AWS::SQS::Queue') === queue));
    return statements ? { name: `the queue policy of ${this.label(queue)}`, document: { Version: '2012-10-17', Statement: statements } } : undefined;
  }

  /** The function's resource policy, from its AWS::Lambda::Permission resources. */
  public functionPolicy(fn: CfnResource, functionArn: string): NamedPolicy | undefined {
    const stack = Stack.of(fn);
    const statements: any[] = [];
    for (const p of this.ofType('AWS::Lambda::Permission', stack)) {
      const pp = propertiesOf(p);
      if (!pp || this.resolver.target(stack, pp.FunctionName, 'AWS::Lambda::Function') !== fn) {
        continue;
      }
      const principal = this.resolver.value(stack, pp.Principal);
      const condition: any = {};
      if (pp.SourceArn !== undefined) {
        condition.ArnLike = { 'AWS:SourceArn': this.resolver.value(stack, pp.SourceArn) };
      }
      if (pp.SourceAccount !== undefined) {
        condition.StringEquals = { 'AWS:SourceAccount': this.resolver.value(stack, pp.SourceAccount) };
      }
      const principalBlock = typeof principal === 'string'
        ? (principal.endsWith('.amazonaws.com') ? { Service: principal } : principal === '*' ? '*' : { AWS: principal })
        : { AWS: principal };
      statements.push({
        Sid: this.label(p),
        Effect: 'Allow',
        Principal: principalBlock,
        Action: this.resolver.value(stack, pp.Action),
        Resource: functionArn,
        ...(Object.keys(condition).length > 0 ? { Condition: condition } : {}),
      });
    }
    return statements.length > 0 ? { name: `the resource policy of ${this.label(fn)}`, document: { Version: '2012-10-17', Statement: statements } } : undefined;
  }

  /** The key policy of a key of the app. */
  public keyPolicy(key: CfnResource): NamedPolicy {
    const props = propertiesOf(key) ?? {};
    return { name: `the key policy of ${this.label(key)}`, document: this.resolver.value(Stack.of(key), props.KeyPolicy) };
  }

  /** The trust policy of a role of the app. */
  public trustPolicy(role: CfnResource): NamedPolicy {
    const props = propertiesOf(role) ?? {};
    return { name: `the trust policy of ${this.label(role)}`, document: this.resolver.value(Stack.of(role), props.AssumeRolePolicyDocument) };
  }

  /** The account's CloudWatch Logs resource policies in the stack. */
  public logsResourcePolicy(stack: Stack): NamedPolicy | undefined {
    const statements: any[] = [];
    let found = false;
    for (const p of this.ofType('AWS::Logs::ResourcePolicy', stack)) {
      const pp = propertiesOf(p);
      if (!pp) {
        continue;
      }
      found = true;
      let doc = this.resolver.value(stack, pp.PolicyDocument);
      if (typeof doc === 'string') {
        try {
          doc = JSON.parse(doc);
        } catch {
          doc = unknown('a policy that is not valid JSON');
        }
      }
      statements.push(...statementsOrUnknown(doc));
    }
    return found ? { name: 'the CloudWatch Logs resource policy', document: { Version: '2012-10-17', Statement: statements } } : undefined;
  }
}

export interface Identity {
  readonly policies: NamedPolicy[];
  readonly unknownPolicies: string[];
}

function statementsOrUnknown(doc: any): any[] {
  if (isUnknownValue(doc) || !doc || typeof doc !== 'object') {
    return [isUnknownValue(doc) ? doc : unknown('a deploy-time policy')];
  }
  const s = doc.Statement;
  if (isUnknownValue(s)) {
    return [s];
  }
  return listOf(s);
}

export { awsManagedKeyPolicy, defaultTopicPolicy };
export type { Unknown };
