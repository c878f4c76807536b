import { runsOnFargate } from '../../../../controls/judgement/batch-network';
import { notApplicable } from '../../model';
import { LivePaths, pathResults } from '../../paths/live-paths';
import { jobDefinitionTrust } from '../../paths/role-trust';
import { defineResourceCheck } from '../define';
import { BATCH_JOB_DEFINITIONS } from '../resource-kinds';

/**
 * Batch.FargateRoleTrust: the run-time side of `CompliancePack-BatchFargateRoleTrust`: the job,
 * execution and task roles a Fargate job definition names, judged against their live trust
 * policies (the job definition's `role-trust` paths, `jobDefinitionTrust`, as `iam-role-trust-authorized` builds them) for ecs-tasks'
 * sts:AssumeRole, with the context ECS sends (`aws:SourceAccount`; the task's ARN, unknown before
 * the job runs). Roles of other accounts are not judged, as the rule does not judge roles outside
 * the stack.
 */
export const batchFargateRoleTrust = defineResourceCheck(
  BATCH_JOB_DEFINITIONS,
  {
    id: 'batch-fargate-role-trust',
    title: 'The roles of Fargate Batch jobs trust ecs-tasks.amazonaws.com',
    severity: 'HIGH',
    remediation: 'Let ecs-tasks.amazonaws.com assume the job role and the execution role (an Allow of sts:AssumeRole to that service principal in the trust policy).',
    requiredActions: ['batch:DescribeJobDefinitions', 'iam:GetAccountAuthorizationDetails'],
    datasets: ['batch.jobDefinitions', 'iam.authorizationDetails'],
  },
  (d, id, inv) => {
    if (!runsOnFargate(d.platformCapabilities)) return notApplicable(id, 'not a Fargate job definition');
    const live = new LivePaths(inv);
    jobDefinitionTrust(live, d);
    return pathResults(live, 'role-trust', [id])[0] ?? notApplicable(id, 'names no role of this account');
  },
);
