import { CfnResource, Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { awsManagedKeyPolicy, Documents } from './documents';
import { Resolver } from './resolve';
import { describeDecision, PathFamily, PathRecord } from '../../controls/judgement/data-paths';
import { jobDefinitionRoles, TRUST_CONSUMERS, trustContext } from '../../controls/judgement/role-trust';
import { LOG_DELIVERY_ACTIONS, taskCalls } from '../../controls/judgement/state-machine';
import { RequestContext } from '../../policy/conditions';
import { evaluateRequest, NamedPolicy, PolicyRequest, RequestPrincipal } from '../../policy/evaluate';
import { isUnknownValue, listOf, Unknown, unknown } from '../../policy/values';
import { propertiesOf } from '../private/context';

export type { PathFamily };

/** One data path of the app: a source that makes a principal call an action on a target. */
export interface DataPath extends PathRecord {
  /** The resource whose rule reports the path (the one that wires it). */
  readonly judged: CfnResource;
}

/** The finding text for a denied or unknown path. */
export function describePath(path: DataPath): string {
  return describeDecision(path);
}

/** Every data path of the app, indexed by the resource that wires it. */
export class PathModel {
  /** The model of every CfnResource under `root` (call inside the validation run's index, `withIndex`). */
  public static ofTree(root: IConstruct): PathModel {
    const resources: CfnResource[] = [];
    const visit = (node: IConstruct): void => {
      if (CfnResource.isCfnResource(node)) {
        resources.push(node);
      }
      node.node.children.forEach(visit);
    };
    visit(root);
    return new PathModel(resources);
  }

  public readonly paths: DataPath[] = [];
  private readonly byJudged = new Map<CfnResource, DataPath[]>();
  private readonly resolver: Resolver;
  private readonly docs: Documents;
  private readonly byArn = new Map<string, CfnResource>();

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
    const build = (type: string, f: (r: CfnResource) => void) => {
      for (const r of this.docs.ofType(type)) {
        try {
          f(r);
        } catch (e) {
          this.add({ family: 'events-target', judged: r, source: this.docs.label(r), target: '?', action: '?', findingId: 'Model::error', result: { decision: 'unknown', reason: `the path model could not read it (${(e as Error).message})` } });
        }
      }
    };
    build('AWS::Events::Rule', (r) => this.eventsRule(r));
    build('AWS::CloudWatch::Alarm', (r) => this.alarm(r));
    build('AWS::Logs::LogGroup', (r) => this.logGroupKey(r));
    build('AWS::Lambda::Function', (r) => this.lambdaFunction(r));
    build('AWS::Lambda::EventInvokeConfig', (r) => this.invokeConfig(r));
    build('AWS::StepFunctions::StateMachine', (r) => this.stateMachine(r));
    build('AWS::Scheduler::Schedule', (r) => this.schedule(r));
    build('AWS::Batch::JobDefinition', (r) => this.jobDefinition(r));
    build('AWS::Batch::JobDefinition', (r) => this.batchExecutionRole(r));
    build('AWS::ECS::TaskDefinition', (r) => this.ecsExecutionRole(r));
    build('AWS::StepFunctions::StateMachine', (r) => this.stateMachineTasks(r));
    build('AWS::Batch::ComputeEnvironment', (r) => this.computeEnvironment(r));
    build('AWS::IAM::InstanceProfile', (r) => this.instanceProfile(r));
    build('AWS::CloudTrail::Trail', (r) => this.trail(r));
    build('AWS::EC2::FlowLog', (r) => this.flowLog(r));
    build('AWS::S3::Bucket', (r) => this.accessLogging(r));
    build('AWS::Config::ConfigurationRecorder', (r) => this.configRecorder(r));
    build('AWS::Config::DeliveryChannel', (r) => this.deliveryChannel(r));
  }

  public pathsOf(node: CfnResource, family?: PathFamily): DataPath[] {
    const list = this.byJudged.get(node) ?? [];
    return family ? list.filter((p) => p.family === family) : list;
  }

  private add(path: DataPath): void {
    this.paths.push(path);
    const list = this.byJudged.get(path.judged) ?? [];
    if (!list.some((p) => p.findingId === path.findingId)) {
      list.push(path);
    }
    this.byJudged.set(path.judged, list);
  }

  private evaluate(family: PathFamily, judged: CfnResource, source: string, target: string, findingTarget: string, request: PolicyRequest): void {
    const result = evaluateRequest(request);
    this.add({ family, judged, source, target, action: request.action, findingId: `${findingTarget}::${request.action}`, request, result });
  }

  private unknownPath(family: PathFamily, judged: CfnResource, source: string, target: string, action: string, why: string): void {
    this.add({ family, judged, source, target, action, findingId: `${target.replace(/\s+/g, '')}::${action}`, result: { decision: 'unknown', reason: why } });
  }

  // ----- helpers -------------------------------------------------------------------------------

  private stackOf(r: CfnResource): { stack: Stack; account: string; region: string; partition: string } {
    const stack = Stack.of(r);
    return { stack, account: this.resolver.account(stack), region: this.resolver.region(stack), partition: this.resolver.partition(stack) };
  }

  /** The resource of the app a (resolved or raw) value names, by reference or by ARN. */
  private find(stack: Stack, raw: any, type?: string): CfnResource | undefined {
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

  private roleFor(stack: Stack, raw: any): RoleUse | Unknown {
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
  private deliver(family: PathFamily, judged: CfnResource, source: string, targetRaw: any, principal: RequestPrincipal,
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
  private keyUse(_family: PathFamily, judged: CfnResource, source: string, targetLabel: string, keyRaw: any, principal: RequestPrincipal,
    context: RequestContext, viaService: string, actions: string[], ids: { identity?: NamedPolicy[]; unknownPolicies?: string[] }): void {
    const { stack, account, region, partition } = this.stackOf(judged);
    const ctx: RequestContext = 'role' in principal
      ? { ...context, 'kms:ViaService': `${viaService}.${region}.amazonaws.com`, 'kms:CallerAccount': account }
      : context;
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
      this.evaluate(family, judged, source, targetLabel, findingTarget, {
        principal,
        action,
        resource: keyArn,
        resourceAccount: account,
        context: ctx,
        mode: 'kms',
        resourcePolicy: policy,
        identityPolicies: 'role' in principal ? ids.identity : undefined,
        unknownIdentityPolicies: ids.unknownPolicies,
      });
    }
  }

  /** The service's sts:AssumeRole of a role. */
  private trust(judged: CfnResource, source: string, roleRaw: any, service: string, context: RequestContext): void {
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

  private sourceContext(r: CfnResource, sourceArn?: string | Unknown): RequestContext {
    const { account } = this.stackOf(r);
    return { 'aws:SourceAccount': account, 'aws:SourceArn': sourceArn ?? this.resolver.arnOf(r) };
  }

  // ----- families ------------------------------------------------------------------------------

  private eventsRule(rule: CfnResource): void {
    const props = propertiesOf(rule) ?? {};
    const { stack } = this.stackOf(rule);
    const source = this.docs.label(rule);
    const context = this.sourceContext(rule);
    for (const t of listOf(props.Targets)) {
      if (!t || typeof t !== 'object') {
        continue;
      }
      if (t.RoleArn !== undefined) {
        const role = this.roleFor(stack, t.RoleArn);
        this.trust(rule, source, t.RoleArn, TRUST_CONSUMERS.eventsRule.service, context);
        if (isUnknownValue(role)) {
          this.unknownPath('events-target', rule, source, 'target', 'deliver', `its role is ${role.unknown}`);
        } else {
          this.deliver('events-target', rule, source, t.Arn, role.principal, {}, role);
        }
      } else {
        this.deliver('events-target', rule, source, t.Arn, { service: 'events.amazonaws.com' }, context, undefined, 'events');
      }
      const dlq = t.DeadLetterConfig?.Arn;
      if (dlq !== undefined) {
        this.deliver('events-target', rule, source, dlq, { service: 'events.amazonaws.com' }, context);
      }
    }
  }

  private alarm(alarm: CfnResource): void {
    const props = propertiesOf(alarm) ?? {};
    const source = this.docs.label(alarm);
    const context = this.sourceContext(alarm);
    const actions = [...listOf(props.AlarmActions), ...listOf(props.OKActions), ...listOf(props.InsufficientDataActions)];
    const seen = new Set<string>();
    for (const a of actions) {
      const key = JSON.stringify(a);
      if (seen.has(key)) {
        continue;
      }
      seen.add(key);
      const arn = this.resolver.string(Stack.of(alarm), a);
      if (typeof arn === 'string' && !arn.startsWith('arn:') ) {
        continue;
      }
      if (typeof arn === 'string' && !/^arn:[^:]+:sns:/.test(arn)) {
        continue; // EC2, Auto Scaling and Systems Manager actions are not data paths to a resource policy
      }
      this.deliver('alarm-action', alarm, source, a, { service: 'cloudwatch.amazonaws.com' }, context);
    }
  }

  private logGroupKey(group: CfnResource): void {
    const props = propertiesOf(group) ?? {};
    if (props.KmsKeyId === undefined) {
      return;
    }
    const { region } = this.stackOf(group);
    const arn = this.resolver.arnOf(group);
    const groupArn = typeof arn === 'string' ? arn.replace(/:\*$/, '') : arn;
    this.keyUse('key-use', group, `${this.docs.label(group)} log group`, 'its key', props.KmsKeyId, { service: `logs.${region}.amazonaws.com` },
      { 'kms:EncryptionContext:aws:logs:arn': groupArn }, 'logs', ['kms:GenerateDataKey', 'kms:Encrypt', 'kms:Decrypt'], {});
  }

  private lambdaFunction(fn: CfnResource): void {
    const props = propertiesOf(fn) ?? {};
    const { stack } = this.stackOf(fn);
    const source = this.docs.label(fn);
    if (props.Role !== undefined) {
      this.trust(fn, source, props.Role, TRUST_CONSUMERS.lambdaFunction.service, {});
    }
    const dlq = props.DeadLetterConfig?.TargetArn;
    if (dlq !== undefined && props.Role !== undefined) {
      const role = this.roleFor(stack, props.Role);
      if (isUnknownValue(role)) {
        this.unknownPath('lambda-destination', fn, source, 'dead-letter queue', 'deliver', `its role is ${role.unknown}`);
      } else {
        this.deliver('lambda-destination', fn, source, dlq, role.principal, {}, role);
      }
    }
  }

  private invokeConfig(config: CfnResource): void {
    const props = propertiesOf(config) ?? {};
    const { stack } = this.stackOf(config);
    const fn = this.find(stack, props.FunctionName, 'AWS::Lambda::Function');
    if (!fn) {
      return;
    }
    const role = this.roleFor(stack, propertiesOf(fn)?.Role);
    if (isUnknownValue(role)) {
      return;
    }
    for (const d of [props.DestinationConfig?.OnFailure?.Destination, props.DestinationConfig?.OnSuccess?.Destination]) {
      if (d !== undefined) {
        this.deliver('lambda-destination', config, this.docs.label(fn), d, role.principal, {}, role);
      }
    }
  }

  private stateMachine(sm: CfnResource): void {
    const props = propertiesOf(sm) ?? {};
    if (props.RoleArn !== undefined) {
      this.trust(sm, this.docs.label(sm), props.RoleArn, TRUST_CONSUMERS.stateMachine.service, this.sourceContext(sm));
    }
  }

  private schedule(schedule: CfnResource): void {
    const props = propertiesOf(schedule) ?? {};
    const { stack, account, region, partition } = this.stackOf(schedule);
    const t = props.Target;
    if (!t || typeof t !== 'object') {
      return;
    }
    const group = typeof props.GroupName === 'string' ? props.GroupName : 'default';
    const context = { 'aws:SourceAccount': account, 'aws:SourceArn': `arn:${partition}:scheduler:${region}:${account}:schedule-group/${group}` };
    const source = this.docs.label(schedule);
    this.trust(schedule, source, t.RoleArn, TRUST_CONSUMERS.schedule.service, context);
    const role = this.roleFor(stack, t.RoleArn);
    if (isUnknownValue(role)) {
      this.unknownPath('scheduler-target', schedule, source, 'target', 'deliver', `its role is ${role.unknown}`);
      return;
    }
    this.deliver('scheduler-target', schedule, source, t.Arn, role.principal, {}, role);
    const dlq = t.DeadLetterConfig?.Arn;
    if (dlq !== undefined) {
      // EventBridge Scheduler sends to the dead-letter queue with the schedule's execution role.
      this.deliver('scheduler-target', schedule, source, dlq, role.principal, {}, role);
    }
  }

  private jobDefinition(def: CfnResource): void {
    const props = propertiesOf(def) ?? {};
    const source = this.docs.label(def);
    const { account } = this.stackOf(def);
    const consumer = TRUST_CONSUMERS.batchJobDefinition;
    for (const arn of jobDefinitionRoles(props, 'template')) {
      this.trust(def, source, arn, consumer.service, trustContext(consumer.context, account, undefined));
    }
  }

  /** What a Batch job's execution role must do before the container starts: pull the image, write logs, read secrets. */
  private batchExecutionRole(def: CfnResource): void {
    const props = propertiesOf(def) ?? {};
    const ecsContainers = listOf(props.EcsProperties?.TaskProperties)
      .flatMap((t: any) => listOf(t?.Containers).map((c: any) => ({ ...c, ExecutionRoleArn: t.ExecutionRoleArn })));
    const tasks = [props.ContainerProperties, ...ecsContainers];
    // On EC2 the container agent may pull with the instance role instead; only Fargate pulls with the execution role alone.
    const fargate = listOf(props.PlatformCapabilities).includes('FARGATE');
    for (const c of tasks) {
      if (c && c.ExecutionRoleArn !== undefined) {
        this.executionRole(def, c.ExecutionRoleArn, fargate ? c.Image : undefined, c.LogConfiguration, listOf(c.Secrets));
      }
    }
  }

  private ecsExecutionRole(def: CfnResource): void {
    const props = propertiesOf(def) ?? {};
    if (props.ExecutionRoleArn === undefined) {
      return;
    }
    const fargate = listOf(props.RequiresCompatibilities).includes('FARGATE');
    for (const c of listOf(props.ContainerDefinitions)) {
      this.executionRole(def, props.ExecutionRoleArn, fargate ? c?.Image : undefined, c?.LogConfiguration, listOf(c?.Secrets));
    }
  }

  private executionRole(def: CfnResource, roleRaw: any, imageRaw: any, logConfiguration: any, secrets: any[]): void {
    const { stack, account, region, partition } = this.stackOf(def);
    const source = this.docs.label(def);
    const role = this.roleFor(stack, roleRaw);
    if (isUnknownValue(role)) {
      this.unknownPath('execution-role', def, source, 'execution role', 'pull', `its execution role is ${role.unknown}`);
      return;
    }
    const base = { principal: role.principal, resourceAccount: account, context: {}, mode: 'same-account' as const, identityPolicies: role.identity, unknownIdentityPolicies: role.unknownPolicies };
    const image = imageRaw === undefined ? undefined : this.resolver.string(stack, imageRaw);
    const ecr = typeof image === 'string' ? /^(\d{12}|\{AccountId\})\.dkr\.ecr\.([^.]+)\.amazonaws\.com[^/]*\/([^:@]+)/.exec(image) : undefined;
    if (ecr) {
      const repoArn = `arn:${partition}:ecr:${ecr[2]}:${ecr[1]}:repository/${ecr[3]}`;
      const repo = this.byArn.get(repoArn) ?? this.docs.ofType('AWS::ECR::Repository').find((r) => this.resolver.arnOf(r) === repoArn);
      const label = repo ? `${this.docs.label(repo)} repository` : `repository ${ecr[3]}`;
      this.evaluate('execution-role', def, source, 'ECR', 'Ecr', { ...base, action: 'ecr:GetAuthorizationToken', resource: '*' });
      for (const action of ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer']) {
        this.evaluate('execution-role', def, source, label, repo ? this.docs.label(repo) : ecr[3], { ...base, action, resource: repoArn });
      }
    }
    if (logConfiguration?.LogDriver === 'awslogs') {
      const group = this.resolver.string(stack, logConfiguration.Options?.['awslogs-group']);
      if (isUnknownValue(group)) {
        this.unknownPath('execution-role', def, source, 'log group', 'logs:PutLogEvents', `the log group is ${group.unknown}`);
      } else if (typeof group === 'string') {
        const groupArn = `arn:${partition}:logs:${region}:${account}:log-group:${group}:*`;
        this.deliver('execution-role', def, source, this.byArn.has(groupArn) ? groupArn : groupArn, role.principal, {}, role, 'job/default/0123456789abcdef');
      }
    }
    for (const secret of secrets) {
      const from = this.resolver.string(stack, secret?.ValueFrom);
      if (isUnknownValue(from)) {
        this.unknownPath('execution-role', def, source, `secret ${secret?.Name}`, 'secretsmanager:GetSecretValue', `the secret is ${from.unknown}`);
        continue;
      }
      if (/^arn:[^:]+:secretsmanager:/.test(from)) {
        const secretArn = from.split(':').slice(0, 7).join(':');
        this.evaluate('execution-role', def, source, `secret ${secret?.Name}`, `Secret${secret?.Name}`, { ...base, action: 'secretsmanager:GetSecretValue', resource: secretArn });
      } else {
        const paramArn = from.startsWith('arn:') ? from : `arn:${partition}:ssm:${region}:${account}:parameter/${from.replace(/^\//, '')}`;
        this.evaluate('execution-role', def, source, `parameter ${secret?.Name}`, `Parameter${secret?.Name}`, { ...base, action: 'ssm:GetParameters', resource: paramArn });
      }
    }
  }

  /** What a state machine's role must do: deliver its logs, and call the services its tasks integrate. */
  private stateMachineTasks(sm: CfnResource): void {
    const props = propertiesOf(sm) ?? {};
    const { stack, account } = this.stackOf(sm);
    const source = this.docs.label(sm);
    if (props.RoleArn === undefined) {
      return;
    }
    const role = this.roleFor(stack, props.RoleArn);
    if (isUnknownValue(role)) {
      this.unknownPath('state-machine', sm, source, 'tasks', 'run', `its role is ${role.unknown}`);
      return;
    }
    const base = { principal: role.principal, resourceAccount: account, context: {}, mode: 'same-account' as const, identityPolicies: role.identity, unknownIdentityPolicies: role.unknownPolicies };
    if (listOf(props.LoggingConfiguration?.Destinations).length > 0) {
      // Step Functions sets up vended log delivery with the role; these actions take Resource "*".
      for (const action of LOG_DELIVERY_ACTIONS) {
        this.evaluate('state-machine', sm, source, 'its log group', 'LogDelivery', { ...base, action, resource: '*' });
      }
    }
    const text = this.resolver.string(stack, props.DefinitionString);
    let definition: any;
    if (typeof text === 'string') {
      try {
        definition = JSON.parse(text);
      } catch {
        definition = undefined;
      }
    } else if (props.Definition && typeof props.Definition === 'object') {
      definition = this.resolver.value(stack, props.Definition);
    }
    if (!definition) {
      if (props.DefinitionString !== undefined || props.Definition !== undefined) {
        this.unknownPath('state-machine', sm, source, 'tasks', 'run', 'the definition is only known at deploy time');
      }
      return;
    }
    for (const call of taskCalls(definition)) {
      if (call.kind === 'batch') {
        for (const [key, label, raw] of [['JobDefinition', 'job definition', call.jobDefinition], ['JobQueue', 'job queue', call.jobQueue]] as const) {
          const arn = this.resolver.string(stack, raw);
          const target = typeof arn === 'string' ? this.byArn.get(arn) ?? this.docs.ofType(key === 'JobQueue' ? 'AWS::Batch::JobQueue' : 'AWS::Batch::JobDefinition', stack).find((r) => this.resolver.arnOf(r) === arn) : undefined;
          this.evaluate('state-machine', sm, source, `${target ? this.docs.label(target) : String(arn)} ${label}`, target ? this.docs.label(target) : key, { ...base, action: 'batch:SubmitJob', resource: arn });
        }
      } else {
        this.deliver('state-machine', sm, source, call.topicArn, role.principal, {}, role);
      }
    }
  }

  private computeEnvironment(ce: CfnResource): void {
    const props = propertiesOf(ce) ?? {};
    if (props.ServiceRole !== undefined) {
      this.trust(ce, this.docs.label(ce), props.ServiceRole, TRUST_CONSUMERS.batchComputeEnvironment.service, {});
    }
  }

  private instanceProfile(profile: CfnResource): void {
    const props = propertiesOf(profile) ?? {};
    for (const role of listOf(props.Roles)) {
      this.trust(profile, this.docs.label(profile), role, TRUST_CONSUMERS.instanceProfile.service, {});
    }
  }

  private trail(trail: CfnResource): void {
    const props = propertiesOf(trail) ?? {};
    const { stack, account } = this.stackOf(trail);
    const source = this.docs.label(trail);
    const context = this.sourceContext(trail);
    const principal = { service: 'cloudtrail.amazonaws.com' };
    const bucket = this.find(stack, props.S3BucketName, 'AWS::S3::Bucket');
    const trailArn = this.resolver.arnOf(trail);
    if (bucket) {
      const prefix = typeof props.S3KeyPrefix === 'string' && props.S3KeyPrefix !== '' ? `${props.S3KeyPrefix}/` : '';
      const sse = props.KMSKeyId === undefined ? {} : sseHeaders(this.resolver.value(stack, props.KMSKeyId), this.find(stack, props.KMSKeyId, 'AWS::KMS::Key'), this.resolver);
      this.bucketDelivery('cloudtrail-delivery', trail, source, bucket, principal, { ...context, ...sse }, `${prefix}AWSLogs/${account}/CloudTrail/us-east-1/2026/01/01/file.json.gz`, true);
      if (props.KMSKeyId === undefined) {
        this.bucketKey('cloudtrail-delivery', trail, source, bucket, principal, context);
      }
    } else if (props.S3BucketName !== undefined) {
      this.unknownPath('cloudtrail-delivery', trail, source, 'bucket', 's3:PutObject', 'the bucket is not defined in this app, so its policy is not known');
    }
    if (props.KMSKeyId !== undefined) {
      this.keyUse('cloudtrail-delivery', trail, source, 'its key', props.KMSKeyId, principal,
        { ...context, 'kms:EncryptionContext:aws:cloudtrail:arn': trailArn }, 'cloudtrail', ['kms:GenerateDataKey'], {});
    }
    if (props.CloudWatchLogsRoleArn !== undefined) {
      this.trust(trail, source, props.CloudWatchLogsRoleArn, TRUST_CONSUMERS.trail.service, context);
      const role = this.roleFor(stack, props.CloudWatchLogsRoleArn);
      if (!isUnknownValue(role) && props.CloudWatchLogsLogGroupArn !== undefined) {
        const { region } = this.stackOf(trail);
        this.deliver('cloudtrail-delivery', trail, source, props.CloudWatchLogsLogGroupArn, role.principal, {}, role, `${account}_CloudTrail_${region}`);
      }
    }
  }

  /** s3:GetBucketAcl and s3:PutObject (with bucket-owner-full-control where the service sets it) by a service on a bucket. */
  private bucketDelivery(family: PathFamily, judged: CfnResource, source: string, bucket: CfnResource, principal: RequestPrincipal,
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
  private bucketKey(family: PathFamily, judged: CfnResource, source: string, bucket: CfnResource, principal: RequestPrincipal,
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

  private bucketPolicy(bucket: CfnResource): NamedPolicy | undefined {
    const stack = Stack.of(bucket);
    const statements: any[] = [];
    let found = false;
    for (const p of this.docs.ofType('AWS::S3::BucketPolicy', stack)) {
      const pp = propertiesOf(p);
      if (pp && this.resolver.target(stack, pp.Bucket, 'AWS::S3::Bucket') === bucket) {
        found = true;
        const doc = this.resolver.value(stack, pp.PolicyDocument);
        statements.push(...(isUnknownValue(doc) ? [doc] : listOf(doc?.Statement)));
      }
    }
    return found ? { name: `the bucket policy of ${this.docs.label(bucket)}`, document: { Version: '2012-10-17', Statement: statements } } : undefined;
  }

  private flowLog(flow: CfnResource): void {
    const props = propertiesOf(flow) ?? {};
    const { stack, account, region, partition } = this.stackOf(flow);
    const source = this.docs.label(flow);
    const type = props.LogDestinationType ?? 'cloud-watch-logs';
    if (type === 'cloud-watch-logs') {
      const context = this.sourceContext(flow);
      if (props.DeliverLogsPermissionArn === undefined) {
        return;
      }
      this.trust(flow, source, props.DeliverLogsPermissionArn, TRUST_CONSUMERS.flowLog.service, context);
      const role = this.roleFor(stack, props.DeliverLogsPermissionArn);
      let groupArn: any = props.LogDestination;
      if (groupArn === undefined && props.LogGroupName !== undefined) {
        const name = this.resolver.string(stack, props.LogGroupName);
        groupArn = typeof name === 'string' ? `arn:${partition}:logs:${region}:${account}:log-group:${name}:*` : name;
      }
      if (!isUnknownValue(role) && groupArn !== undefined) {
        this.deliver('flow-log-delivery', flow, source, groupArn, role.principal, {}, role, 'eni-0123456789abcdef0-all');
      }
    } else if (type === 's3') {
      const dest = this.resolver.string(stack, props.LogDestination);
      if (isUnknownValue(dest)) {
        this.unknownPath('flow-log-delivery', flow, source, 'bucket', 's3:PutObject', `the destination is ${dest.unknown}`);
        return;
      }
      const bucketArn = dest.split('/')[0];
      const prefix = dest.includes('/') ? dest.slice(bucketArn.length + 1).replace(/\/?$/, '/') : '';
      const bucket = this.byArn.get(bucketArn);
      if (!bucket) {
        this.unknownPath('flow-log-delivery', flow, source, bucketArn, 's3:PutObject', 'the bucket is not defined in this app, so its policy is not known');
        return;
      }
      const principal = { service: 'delivery.logs.amazonaws.com' };
      const context = { 'aws:SourceAccount': account, 'aws:SourceArn': `arn:${partition}:logs:${region}:${account}:*` };
      this.bucketDelivery('flow-log-delivery', flow, source, bucket, principal, context, `${prefix}AWSLogs/${account}/vpcflowlogs/${region}/2026/01/01/file.log.gz`, true);
      this.bucketKey('flow-log-delivery', flow, source, bucket, principal, context);
    }
  }

  private accessLogging(bucket: CfnResource): void {
    const props = propertiesOf(bucket) ?? {};
    const logging = props.LoggingConfiguration;
    if (!logging || logging.DestinationBucketName === undefined) {
      return;
    }
    const { stack, account } = this.stackOf(bucket);
    const source = `${this.docs.label(bucket)} bucket`;
    const target = this.find(stack, logging.DestinationBucketName, 'AWS::S3::Bucket');
    if (!target) {
      this.unknownPath('s3-access-log-delivery', bucket, source, 'log bucket', 's3:PutObject', 'the log bucket is not defined in this app, so its policy is not known');
      return;
    }
    const context = { 'aws:SourceAccount': account, 'aws:SourceArn': this.resolver.arnOf(bucket) };
    const prefix = typeof logging.LogFilePrefix === 'string' ? logging.LogFilePrefix : '';
    const targetProps = propertiesOf(target) ?? {};
    const ownership = listOf(targetProps.OwnershipControls?.Rules)[0]?.ObjectOwnership;
    if (targetProps.AccessControl === 'LogDeliveryWrite' && ownership !== undefined && ownership !== 'BucketOwnerEnforced') {
      // ACLs enabled and the log delivery group granted write: S3 delivers through the ACL.
      this.add({
        family: 's3-access-log-delivery',
        judged: bucket,
        source,
        target: `${this.docs.label(target)} bucket`,
        action: 's3:PutObject',
        findingId: `${this.docs.label(target)}::s3:PutObject`,
        result: { decision: 'allowed', document: 'the log bucket\'s ACL', reason: 'the LogDeliveryWrite ACL grants the S3 log delivery group' },
      });
    } else {
      this.bucketDelivery('s3-access-log-delivery', bucket, source, target, { service: 'logging.s3.amazonaws.com' }, context, `${prefix}2026-01-01-00-00-00-LOG`, false);
    }
    const sse = listOf(propertiesOf(target)?.BucketEncryption?.ServerSideEncryptionConfiguration)[0]?.ServerSideEncryptionByDefault;
    if (sse && String(sse.SSEAlgorithm).startsWith('aws:kms')) {
      this.add({
        family: 's3-access-log-delivery',
        judged: bucket,
        source,
        target: `${this.docs.label(target)} bucket`,
        action: 's3:PutObject',
        findingId: `${this.docs.label(target)}::SSE-KMS`,
        result: { decision: 'denied', document: 'the log bucket\'s default encryption', reason: 'server access logs are delivered only to buckets whose default encryption is SSE-S3, and this one uses SSE-KMS' },
      });
    }
  }

  private configRecorder(recorder: CfnResource): void {
    const props = propertiesOf(recorder) ?? {};
    if (props.RoleARN !== undefined) {
      const { account } = this.stackOf(recorder);
      const consumer = TRUST_CONSUMERS.configRecorder;
      this.trust(recorder, this.docs.label(recorder), props.RoleARN, consumer.service, trustContext(consumer.context, account, undefined));
    }
  }

  private deliveryChannel(channel: CfnResource): void {
    const props = propertiesOf(channel) ?? {};
    const { stack, account, region, partition } = this.stackOf(channel);
    const source = this.docs.label(channel);
    // Config delivers with the recorder's role, or as config.amazonaws.com with its service-linked role.
    const recorder = this.docs.ofType('AWS::Config::ConfigurationRecorder', stack)[0];
    const roleRaw = recorder ? propertiesOf(recorder)?.RoleARN : undefined;
    const roleText = roleRaw === undefined ? undefined : this.resolver.string(stack, roleRaw);
    const custom = roleRaw !== undefined && !(typeof roleText === 'string' && roleText.includes(':role/aws-service-role/'));
    const role = custom ? this.roleFor(stack, roleRaw) : undefined;
    if (role && isUnknownValue(role)) {
      this.unknownPath('config-delivery', channel, source, 'bucket', 's3:PutObject', `the recorder's role is ${role.unknown}`);
      return;
    }
    const principal: RequestPrincipal = role ? role.principal : { service: 'config.amazonaws.com' };
    const ids = role ?? {};
    const context: RequestContext = role ? {} : { 'aws:SourceAccount': account, 'aws:SourceArn': `arn:${partition}:config:${region}:${account}:*` };
    const bucket = this.find(stack, props.S3BucketName, 'AWS::S3::Bucket');
    if (bucket) {
      const prefix = typeof props.S3KeyPrefix === 'string' && props.S3KeyPrefix !== '' ? `${props.S3KeyPrefix}/` : '';
      const sse = props.S3KmsKeyArn === undefined ? {} : sseHeaders(this.resolver.value(stack, props.S3KmsKeyArn), this.find(stack, props.S3KmsKeyArn, 'AWS::KMS::Key'), this.resolver);
      this.bucketDelivery('config-delivery', channel, source, bucket, principal, { ...context, ...sse }, `${prefix}AWSLogs/${account}/Config/${region}/2026/1/1/ConfigHistory/file.json.gz`, true, ids);
      if (props.S3KmsKeyArn !== undefined) {
        this.keyUse('config-delivery', channel, source, 'its key', props.S3KmsKeyArn, principal, { ...context, 'kms:EncryptionContext:aws:s3:arn': this.resolver.arnOf(bucket) }, 's3', ['kms:GenerateDataKey'], ids);
      } else {
        this.bucketKey('config-delivery', channel, source, bucket, principal, context, ids);
      }
    } else if (props.S3BucketName !== undefined) {
      this.unknownPath('config-delivery', channel, source, 'bucket', 's3:PutObject', 'the bucket is not defined in this app, so its policy is not known');
    }
    if (props.SnsTopicARN !== undefined) {
      this.deliver('config-delivery', channel, source, props.SnsTopicARN, principal, context, ids);
    }
  }
}

/** A role that makes requests, with its identity policies when the app defines it. */
interface RoleUse {
  readonly principal: RequestPrincipal;
  readonly role?: CfnResource;
  readonly identity?: NamedPolicy[];
  readonly unknownPolicies?: string[];
}

/** The SSE-KMS request headers a service sends when it writes with this key, as S3 condition keys. */
function sseHeaders(keyValue: any, key: CfnResource | undefined, resolver: Resolver): RequestContext {
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

const ARN_TYPES = [
  'AWS::SNS::Topic', 'AWS::SQS::Queue', 'AWS::Lambda::Function', 'AWS::StepFunctions::StateMachine', 'AWS::Logs::LogGroup',
  'AWS::Events::EventBus', 'AWS::IAM::Role', 'AWS::S3::Bucket', 'AWS::KMS::Key', 'AWS::Batch::JobQueue', 'AWS::Batch::JobDefinition', 'AWS::ECR::Repository',
];
