import { executionRolePaths } from '../../paths/execution-role';
import { definePathCheck } from '../define';

/**
 * Batch.ExecutionRoleAuthorized: the run-time side of `CompliancePack-BatchExecutionRoleAuthorized`
 * (path family `execution-role`): may each job definition's execution role pull its image, write its
 * awslogs group and read its secrets, on the role's live identity policies.
 */
export const batchExecutionRoleAuthorized = definePathCheck(
  {
    id: 'batch-execution-role-authorized',
    title: 'The execution roles of Batch job definitions may pull their image, write their logs and read their secrets',
    severity: 'HIGH',
    category: 'batch',
    resourceType: 'AWS::Batch::JobDefinition',
    remediation: 'Grant the execution role the action the finding names (the AmazonECSTaskExecutionRolePolicy managed policy covers ECR and CloudWatch Logs; grant secret reads on the secrets themselves).',
  },
  executionRolePaths,
);
