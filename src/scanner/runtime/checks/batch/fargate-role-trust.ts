import { runsOnFargate } from '../../../../controls/judgement/batch-network';
import { unknown } from '../../../../policy/conditions';
import { notApplicable } from '../../model';
import { LivePaths, pathResults } from '../../paths/live-paths';
import { defineCheck } from '../define';

/** The service that assumes a Fargate job's job, execution and task roles. */
const ECS_TASKS = 'ecs-tasks.amazonaws.com';

/**
 * Batch.FargateRoleTrust: the run-time side of `CompliancePack-BatchFargateRoleTrust`: the job,
 * execution and task roles a Fargate job definition names, judged against their live trust
 * policies (`LivePaths.trust`, the evaluator of the synth-time path model) for ecs-tasks'
 * sts:AssumeRole, with the context ECS sends (`aws:SourceAccount`; the task's ARN, unknown before
 * the job runs). Roles of other accounts are not judged, as the rule does not judge roles outside
 * the stack.
 */
export const batchFargateRoleTrust = defineCheck(
  {
    id: 'batch-fargate-role-trust',
    title: 'The roles of Fargate Batch jobs trust ecs-tasks.amazonaws.com',
    severity: 'HIGH',
    category: 'batch',
    resourceType: 'AWS::Batch::JobDefinition',
    remediation: 'Let ecs-tasks.amazonaws.com assume the job role and the execution role (an Allow of sts:AssumeRole to that service principal in the trust policy).',
    requiredActions: ['batch:DescribeJobDefinitions', 'iam:GetAccountAuthorizationDetails'],
    datasets: ['batch.jobDefinitions', 'iam.authorizationDetails'],
    scope: 'regional',
  },
  (inv) => {
    const live = new LivePaths(inv);
    const context = { 'aws:SourceAccount': inv.accountId, 'aws:SourceArn': unknown('the ARN of the job\'s task') };
    return (inv.batchJobDefinitions ?? []).flatMap((d) => {
      if (!runsOnFargate(d.platformCapabilities)) return [notApplicable(d.arn, 'not a Fargate job definition')];
      const source = `job definition ${d.name}:${d.revision}`;
      for (const task of d.taskRoles ?? []) {
        for (const roleArn of [task.jobRoleArn, task.executionRoleArn, task.taskRoleArn]) {
          if (roleArn) live.trust(d.arn, source, roleArn, ECS_TASKS, context);
        }
      }
      const results = pathResults(live, 'role-trust', [d.arn]);
      return results.length > 0 ? results : [notApplicable(d.arn, 'names no role of this account')];
    });
  },
);
