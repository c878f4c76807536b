/**
 * IAM.RoleTrustAuthorized: which resources name a role a service must assume, in which fields, and
 * the service principal and request context (`aws:SourceAccount`, `aws:SourceArn`) that service sends
 * to sts:AssumeRole. One table for the synth-time path model (`src/nag/paths/builder.ts`, rule
 * `CompliancePack-RoleTrustAuthorized`) and the scanner's `iam-role-trust-authorized`
 * (`src/scanner/runtime/paths/role-trust.ts`).
 */
import { RequestContext } from '../../policy/conditions';
import { listOf, unknown } from '../../policy/values';

/** The context a service sends with its sts:AssumeRole. */
export type TrustContext =
  /** no source keys */
  | 'none'
  /** `aws:SourceAccount` only */
  | 'source-account'
  /** `aws:SourceAccount` and the resource's ARN as `aws:SourceArn` */
  | 'source'
  /** `aws:SourceAccount`, and an `aws:SourceArn` not known ahead (the ECS task of a Batch job) */
  | 'source-account-task';

/** One consumer of roles: a resource type whose fields name roles a service assumes. */
export interface TrustConsumer {
  readonly resourceType: string;
  /** The template properties that name the role (informative; paths as the template spells them). */
  readonly roleFields: readonly string[];
  /** The service principal that assumes the role. */
  readonly service: string;
  readonly context: TrustContext;
}

/** Every consumer the path model judges; the scanner covers those the inventory lists (see `role-trust.ts`). */
export const TRUST_CONSUMERS = {
  eventsRule: { resourceType: 'AWS::Events::Rule', roleFields: ['Targets[].RoleArn'], service: 'events.amazonaws.com', context: 'source' },
  lambdaFunction: { resourceType: 'AWS::Lambda::Function', roleFields: ['Role'], service: 'lambda.amazonaws.com', context: 'none' },
  stateMachine: { resourceType: 'AWS::StepFunctions::StateMachine', roleFields: ['RoleArn'], service: 'states.amazonaws.com', context: 'source' },
  schedule: { resourceType: 'AWS::Scheduler::Schedule', roleFields: ['Target.RoleArn'], service: 'scheduler.amazonaws.com', context: 'source' },
  batchJobDefinition: {
    resourceType: 'AWS::Batch::JobDefinition',
    roleFields: ['ContainerProperties.JobRoleArn', 'ContainerProperties.ExecutionRoleArn', 'EcsProperties.TaskProperties[].TaskRoleArn', 'EcsProperties.TaskProperties[].ExecutionRoleArn'],
    service: 'ecs-tasks.amazonaws.com',
    context: 'source-account-task',
  },
  batchComputeEnvironment: { resourceType: 'AWS::Batch::ComputeEnvironment', roleFields: ['ServiceRole'], service: 'batch.amazonaws.com', context: 'none' },
  instanceProfile: { resourceType: 'AWS::IAM::InstanceProfile', roleFields: ['Roles[]'], service: 'ec2.amazonaws.com', context: 'none' },
  trail: { resourceType: 'AWS::CloudTrail::Trail', roleFields: ['CloudWatchLogsRoleArn'], service: 'cloudtrail.amazonaws.com', context: 'source' },
  flowLog: { resourceType: 'AWS::EC2::FlowLog', roleFields: ['DeliverLogsPermissionArn'], service: 'vpc-flow-logs.amazonaws.com', context: 'source' },
  configRecorder: { resourceType: 'AWS::Config::ConfigurationRecorder', roleFields: ['RoleARN'], service: 'config.amazonaws.com', context: 'source-account' },
} as const satisfies Record<string, TrustConsumer>;

/** The request context of a consumer's sts:AssumeRole, for a resource of `account` whose ARN is `sourceArn`. */
export function trustContext(kind: TrustContext, account: string, sourceArn: unknown): RequestContext {
  switch (kind) {
    case 'none': return {};
    case 'source-account': return { 'aws:SourceAccount': account };
    case 'source-account-task': return { 'aws:SourceAccount': account, 'aws:SourceArn': unknown('the ARN of the job\'s task') };
    case 'source': return { 'aws:SourceAccount': account, 'aws:SourceArn': sourceArn as any };
  }
}

/**
 * The roles a Batch job definition names for ECS to assume (job and execution roles of the
 * container, task and execution roles of each ECS task), from the template (`template`, PascalCase)
 * or the Batch API (`api`, camelCase). Values are returned as given (tokens included).
 */
export function jobDefinitionRoles(def: any, shape: 'template' | 'api'): unknown[] {
  const k = (pascal: string) => (shape === 'template' ? pascal : pascal[0].toLowerCase() + pascal.slice(1));
  const container = def?.[k('ContainerProperties')] ?? {};
  const tasks = [container, ...listOf(def?.[k('EcsProperties')]?.[k('TaskProperties')])];
  return tasks.flatMap((task: any) => [task?.[k('JobRoleArn')], task?.[k('ExecutionRoleArn')], task?.[k('TaskRoleArn')]]).filter((v) => v !== undefined && v !== null);
}
