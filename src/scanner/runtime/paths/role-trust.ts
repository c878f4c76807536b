import { PathBuilder } from './builders';
import { LivePaths } from './live-paths';
import { TRUST_CONSUMERS, TrustConsumer, trustContext } from '../../../controls/judgement/role-trust';
import { JobDefinitionInfo } from '../model';

/**
 * Family `role-trust`, the run-time side of the path model's trust paths: each live resource that
 * names a role a service must assume (Lambda functions, Batch job definitions' job and execution
 * roles, Batch compute environments' service role, Step Functions state machines' role, AWS Config recorders' role), judged against the role's live trust policy
 * with the principal and context the service sends (`src/controls/judgement/role-trust.ts`, the
 * table the synth side uses). Service-linked roles (path `/aws-service-role/`, trust set by AWS) and
 * roles of other accounts are not judged, as roles outside an app are not at synth time.
 */
export const roleTrustBuilder: PathBuilder = {
  family: 'role-trust',
  datasets: ['iam.authorizationDetails', 'lambda.functions', 'batch.jobDefinitions', 'batch.computeEnvironments', 'sfn.stateMachines', 'config.recorders'],
  requiredActions: ['iam:GetAccountAuthorizationDetails', 'lambda:ListFunctions', 'batch:DescribeJobDefinitions', 'batch:DescribeComputeEnvironments', 'ec2:DescribeLaunchTemplateVersions',
    'states:ListStateMachines', 'states:DescribeStateMachine',
    'config:DescribeConfigurationRecorders', 'config:DescribeConfigurationRecorderStatus', 'config:DescribeDeliveryChannels'],
  build(live: LivePaths): string[] {
    const inv = live.inv;
    const judged: string[] = [];
    const trust = (arn: string, source: string, roleArn: string | undefined, consumer: TrustConsumer) => {
      if (trustPath(live, arn, source, roleArn, consumer) && !judged.includes(arn)) judged.push(arn);
    };
    for (const f of inv.lambdaFunctions ?? []) {
      trust(f.arn, `function ${f.functionName}`, f.role, TRUST_CONSUMERS.lambdaFunction);
    }
    for (const d of inv.batchJobDefinitions ?? []) {
      if (jobDefinitionTrust(live, d) && !judged.includes(d.arn)) judged.push(d.arn);
    }
    for (const c of inv.batchComputeEnvironments ?? []) {
      trust(c.arn, `compute environment ${c.name}`, c.serviceRole, TRUST_CONSUMERS.batchComputeEnvironment);
    }
    for (const m of inv.stateMachines ?? []) {
      trust(m.arn, `state machine ${m.name}`, m.roleArn, TRUST_CONSUMERS.stateMachine);
    }
    for (const r of inv.configSetup?.recorders ?? []) {
      trust(`arn:${inv.partition}:config:${inv.region}:${inv.accountId}:configuration-recorder/${r.name}`, `configuration recorder ${r.name}`, r.roleArn, TRUST_CONSUMERS.configRecorder);
    }
    return judged;
  },
};

/** The consumer's service assuming `roleArn` for the resource `arn`; false when the role is not judged (none, service-linked, another account's). */
function trustPath(live: LivePaths, arn: string, source: string, roleArn: string | undefined, consumer: TrustConsumer): boolean {
  if (!roleArn || roleArn.includes(':role/aws-service-role/')) return false;
  return live.trust(arn, source, roleArn, consumer.service, trustContext(consumer.context, live.inv.accountId, arn)) !== undefined;
}

/** The roles a job definition names for ECS to assume (each task block's job, execution and task roles), as ARNs. */
export function jobDefinitionRoleArns(d: JobDefinitionInfo): string[] {
  return (d.taskRoles ?? []).flatMap((t) => [t.jobRoleArn, t.executionRoleArn, t.taskRoleArn]).filter((r): r is string => typeof r === 'string' && r !== '');
}

/**
 * The `role-trust` paths of one job definition: ecs-tasks assuming each role it names, with the
 * context ECS sends. Shared by this family and `batch-fargate-role-trust`; returns whether any role is judged.
 */
export function jobDefinitionTrust(live: LivePaths, d: JobDefinitionInfo): boolean {
  const source = `job definition ${d.name}:${d.revision}`;
  return jobDefinitionRoleArns(d).map((role) => trustPath(live, d.arn, source, role, TRUST_CONSUMERS.batchJobDefinition)).some((judged) => judged);
}
