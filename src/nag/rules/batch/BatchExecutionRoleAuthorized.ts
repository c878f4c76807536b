import { pathRule } from '../../paths';
import { ERROR } from '../../private/rule';

/**
 * A Batch job's (or ECS task's) execution role may not do what the container needs before it
 * starts: pull its image from ECR, write to its awslogs log group, read its secrets.
 *
 * Seed failure: 004_5b6328fd8d3c63a0.txt #17 (jobs that cannot start). One finding per denied
 * action.
 */
export default pathRule('execution-role', {
  name: 'BatchExecutionRoleAuthorized',
  level: ERROR,
  resourceTypes: ['AWS::Batch::JobDefinition', 'AWS::ECS::TaskDefinition'],
  info: 'The execution role may not pull the image, write the log group or read the secrets the container needs.',
  explanation: 'ECS uses the execution role to call ecr:GetAuthorizationToken, ecr:BatchGetImage and ecr:GetDownloadUrlForLayer, logs:CreateLogStream and logs:PutLogEvents for the awslogs driver, and secretsmanager:GetSecretValue or ssm:GetParameters for secrets; without them the job fails with CannotPullContainerError or ResourceInitializationError. Grant the role the action the finding names.',
});
