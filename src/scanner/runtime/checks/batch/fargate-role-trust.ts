import { runsOnFargate } from '../../../../controls/judgement/batch-network';
import { notApplicable } from '../../model';
import { LivePaths, pathResults } from '../../paths/live-paths';
import { jobDefinitionTrust } from '../../paths/role-trust';
import { defineCheck } from '../define';

/**
 * Batch.FargateRoleTrust: the run-time side of `CompliancePack-BatchFargateRoleTrust`: the job,
 * execution and task roles a Fargate job definition names, judged against their live trust
 * policies (the job definition's `role-trust` paths, `jobDefinitionTrust`, as `iam-role-trust-authorized` builds them) for ecs-tasks'
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
    return (inv.batchJobDefinitions ?? []).flatMap((d) => {
      if (!runsOnFargate(d.platformCapabilities)) return [notApplicable(d.arn, 'not a Fargate job definition')];
      jobDefinitionTrust(live, d);
      const results = pathResults(live, 'role-trust', [d.arn]);
      return results.length > 0 ? results : [notApplicable(d.arn, 'names no role of this account')];
    });
  },
);
