import { PathBuilder } from './builders';
import { LivePaths } from './live-paths';
import { TRUST_CONSUMERS, TrustConsumer, trustContext } from '../../../controls/judgement/role-trust';

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
      if (!roleArn || roleArn.includes(':role/aws-service-role/')) return;
      const path = live.trust(arn, source, roleArn, consumer.service, trustContext(consumer.context, inv.accountId, arn));
      if (path && !judged.includes(arn)) judged.push(arn);
    };
    for (const f of inv.lambdaFunctions ?? []) {
      trust(f.arn, `function ${f.functionName}`, f.role, TRUST_CONSUMERS.lambdaFunction);
    }
    for (const d of inv.batchJobDefinitions ?? []) {
      for (const role of d.roleArns ?? []) trust(d.arn, `job definition ${d.name}:${d.revision}`, role, TRUST_CONSUMERS.batchJobDefinition);
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
