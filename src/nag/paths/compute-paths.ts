/** Data paths of compute: Step Functions state machines and their tasks, AWS Batch and ECS job roles, compute environments and instance profiles. */
import { CfnResource } from 'aws-cdk-lib';
import { PathBuilder } from './builder';
import { jobDefinitionRoles, TRUST_CONSUMERS, trustContext } from '../../controls/judgement/role-trust';
import { LOG_DELIVERY_ACTIONS, taskCalls } from '../../controls/judgement/state-machine';
import { isUnknownValue, listOf } from '../../policy/values';
import { propertiesOf } from '../private/context';

export function stateMachine(b: PathBuilder, sm: CfnResource): void {
  const props = propertiesOf(sm) ?? {};
  if (props.RoleArn !== undefined) {
    b.trust(sm, b.docs.label(sm), props.RoleArn, TRUST_CONSUMERS.stateMachine.service, b.sourceContext(sm));
  }
}

/** What a state machine's role must do: deliver its logs, and call the services its tasks integrate. */
export function stateMachineTasks(b: PathBuilder, sm: CfnResource): void {
  const props = propertiesOf(sm) ?? {};
  const { stack, account } = b.stackOf(sm);
  const source = b.docs.label(sm);
  if (props.RoleArn === undefined) {
    return;
  }
  const role = b.roleFor(stack, props.RoleArn);
  if (isUnknownValue(role)) {
    b.unknownPath('state-machine', sm, source, 'tasks', 'run', `its role is ${role.unknown}`);
    return;
  }
  const base = { principal: role.principal, resourceAccount: account, context: {}, mode: 'same-account' as const, identityPolicies: role.identity, unknownIdentityPolicies: role.unknownPolicies };
  if (listOf(props.LoggingConfiguration?.Destinations).length > 0) {
    // Step Functions sets up vended log delivery with the role; these actions take Resource "*".
    for (const action of LOG_DELIVERY_ACTIONS) {
      b.evaluate('state-machine', sm, source, 'its log group', 'LogDelivery', { ...base, action, resource: '*' });
    }
  }
  const text = b.resolver.string(stack, props.DefinitionString);
  let definition: any;
  if (typeof text === 'string') {
    try {
      definition = JSON.parse(text);
    } catch {
      definition = undefined;
    }
  } else if (props.Definition && typeof props.Definition === 'object') {
    definition = b.resolver.value(stack, props.Definition);
  }
  if (!definition) {
    if (props.DefinitionString !== undefined || props.Definition !== undefined) {
      b.unknownPath('state-machine', sm, source, 'tasks', 'run', 'the definition is only known at deploy time');
    }
    return;
  }
  for (const call of taskCalls(definition)) {
    if (call.kind === 'batch') {
      for (const [key, label, raw] of [['JobDefinition', 'job definition', call.jobDefinition], ['JobQueue', 'job queue', call.jobQueue]] as const) {
        const arn = b.resolver.string(stack, raw);
        const target = typeof arn === 'string' ? b.byArn.get(arn) ?? b.docs.ofType(key === 'JobQueue' ? 'AWS::Batch::JobQueue' : 'AWS::Batch::JobDefinition', stack).find((r) => b.resolver.arnOf(r) === arn) : undefined;
        b.evaluate('state-machine', sm, source, `${target ? b.docs.label(target) : String(arn)} ${label}`, target ? b.docs.label(target) : key, { ...base, action: 'batch:SubmitJob', resource: arn });
      }
    } else {
      b.deliver('state-machine', sm, source, call.topicArn, role.principal, {}, role);
    }
  }
}

export function jobDefinition(b: PathBuilder, def: CfnResource): void {
  const props = propertiesOf(def) ?? {};
  const source = b.docs.label(def);
  const { account } = b.stackOf(def);
  const consumer = TRUST_CONSUMERS.batchJobDefinition;
  for (const arn of jobDefinitionRoles(props, 'template')) {
    b.trust(def, source, arn, consumer.service, trustContext(consumer.context, account, undefined));
  }
}

/** What a Batch job's execution role must do before the container starts: pull the image, write logs, read secrets. */
export function batchExecutionRole(b: PathBuilder, def: CfnResource): void {
  const props = propertiesOf(def) ?? {};
  const ecsContainers = listOf(props.EcsProperties?.TaskProperties)
    .flatMap((t: any) => listOf(t?.Containers).map((c: any) => ({ ...c, ExecutionRoleArn: t.ExecutionRoleArn })));
  const tasks = [props.ContainerProperties, ...ecsContainers];
  // On EC2 the container agent may pull with the instance role instead; only Fargate pulls with the execution role alone.
  const fargate = listOf(props.PlatformCapabilities).includes('FARGATE');
  for (const c of tasks) {
    if (c && c.ExecutionRoleArn !== undefined) {
      executionRole(b, def, c.ExecutionRoleArn, fargate ? c.Image : undefined, c.LogConfiguration, listOf(c.Secrets));
    }
  }
}

export function ecsExecutionRole(b: PathBuilder, def: CfnResource): void {
  const props = propertiesOf(def) ?? {};
  if (props.ExecutionRoleArn === undefined) {
    return;
  }
  const fargate = listOf(props.RequiresCompatibilities).includes('FARGATE');
  for (const c of listOf(props.ContainerDefinitions)) {
    executionRole(b, def, props.ExecutionRoleArn, fargate ? c?.Image : undefined, c?.LogConfiguration, listOf(c?.Secrets));
  }
}

export function executionRole(b: PathBuilder, def: CfnResource, roleRaw: any, imageRaw: any, logConfiguration: any, secrets: any[]): void {
  const { stack, account, region, partition } = b.stackOf(def);
  const source = b.docs.label(def);
  const role = b.roleFor(stack, roleRaw);
  if (isUnknownValue(role)) {
    b.unknownPath('execution-role', def, source, 'execution role', 'pull', `its execution role is ${role.unknown}`);
    return;
  }
  const base = { principal: role.principal, resourceAccount: account, context: {}, mode: 'same-account' as const, identityPolicies: role.identity, unknownIdentityPolicies: role.unknownPolicies };
  const image = imageRaw === undefined ? undefined : b.resolver.string(stack, imageRaw);
  const ecr = typeof image === 'string' ? /^(\d{12}|\{AccountId\})\.dkr\.ecr\.([^.]+)\.amazonaws\.com[^/]*\/([^:@]+)/.exec(image) : undefined;
  if (ecr) {
    const repoArn = `arn:${partition}:ecr:${ecr[2]}:${ecr[1]}:repository/${ecr[3]}`;
    const repo = b.byArn.get(repoArn) ?? b.docs.ofType('AWS::ECR::Repository').find((r) => b.resolver.arnOf(r) === repoArn);
    const label = repo ? `${b.docs.label(repo)} repository` : `repository ${ecr[3]}`;
    b.evaluate('execution-role', def, source, 'ECR', 'Ecr', { ...base, action: 'ecr:GetAuthorizationToken', resource: '*' });
    for (const action of ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer']) {
      b.evaluate('execution-role', def, source, label, repo ? b.docs.label(repo) : ecr[3], { ...base, action, resource: repoArn });
    }
  }
  if (logConfiguration?.LogDriver === 'awslogs') {
    const group = b.resolver.string(stack, logConfiguration.Options?.['awslogs-group']);
    if (isUnknownValue(group)) {
      b.unknownPath('execution-role', def, source, 'log group', 'logs:PutLogEvents', `the log group is ${group.unknown}`);
    } else if (typeof group === 'string') {
      const groupArn = `arn:${partition}:logs:${region}:${account}:log-group:${group}:*`;
      b.deliver('execution-role', def, source, b.byArn.has(groupArn) ? groupArn : groupArn, role.principal, {}, role, 'job/default/0123456789abcdef');
    }
  }
  for (const secret of secrets) {
    const from = b.resolver.string(stack, secret?.ValueFrom);
    if (isUnknownValue(from)) {
      b.unknownPath('execution-role', def, source, `secret ${secret?.Name}`, 'secretsmanager:GetSecretValue', `the secret is ${from.unknown}`);
      continue;
    }
    if (/^arn:[^:]+:secretsmanager:/.test(from)) {
      const secretArn = from.split(':').slice(0, 7).join(':');
      b.evaluate('execution-role', def, source, `secret ${secret?.Name}`, `Secret${secret?.Name}`, { ...base, action: 'secretsmanager:GetSecretValue', resource: secretArn });
    } else {
      const paramArn = from.startsWith('arn:') ? from : `arn:${partition}:ssm:${region}:${account}:parameter/${from.replace(/^\//, '')}`;
      b.evaluate('execution-role', def, source, `parameter ${secret?.Name}`, `Parameter${secret?.Name}`, { ...base, action: 'ssm:GetParameters', resource: paramArn });
    }
  }
}

export function computeEnvironment(b: PathBuilder, ce: CfnResource): void {
  const props = propertiesOf(ce) ?? {};
  if (props.ServiceRole !== undefined) {
    b.trust(ce, b.docs.label(ce), props.ServiceRole, TRUST_CONSUMERS.batchComputeEnvironment.service, {});
  }
}

export function instanceProfile(b: PathBuilder, profile: CfnResource): void {
  const props = propertiesOf(profile) ?? {};
  for (const role of listOf(props.Roles)) {
    b.trust(profile, b.docs.label(profile), role, TRUST_CONSUMERS.instanceProfile.service, {});
  }
}
