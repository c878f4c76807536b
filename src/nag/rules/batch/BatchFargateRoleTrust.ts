import { jobTasks } from './containers';
import { runsOnFargate } from '../../../controls/judgement/batch-network';
import { isUnknown } from '../../../policy/template-values';
import { logicalIdOf } from '../../private/context';
import { COMPLIANT, defineRule, ERROR, NOT_APPLICABLE } from '../../private/rule';
import { resolveReference, roleTrusts } from '../shared';

/**
 * A Fargate job definition uses a job role or execution role that `ecs-tasks.amazonaws.com` may not
 * assume (typically a role that trusts only `ec2.amazonaws.com`).
 *
 * Seed failure: 004_5b6328fd8d3c63a0.txt #17. Judges roles of the same stack referenced by
 * `JobRoleArn`, `ExecutionRoleArn` and `TaskRoleArn`; one finding per role (`Role::<logical id>`).
 * Roles outside the stack are not judged.
 */
export default defineRule({
  name: 'BatchFargateRoleTrust',
  level: ERROR,
  resourceTypes: ['AWS::Batch::JobDefinition'],
  info: 'A role of the Fargate job definition does not trust ecs-tasks.amazonaws.com.',
  explanation: 'Fargate jobs run as ECS tasks; a job or execution role that only EC2 may assume cannot be assumed, so the job fails to start or runs without its permissions. Let ecs-tasks.amazonaws.com assume the role.',
  body: (node, props) => {
    if (isUnknown(props.PlatformCapabilities)) {
      return NOT_APPLICABLE;
    }
    if (!runsOnFargate(props.PlatformCapabilities)) {
      return NOT_APPLICABLE;
    }
    const findings: string[] = [];
    let judged = false;
    for (const task of jobTasks(props)) {
      for (const arn of [task.JobRoleArn, task.ExecutionRoleArn, task.TaskRoleArn]) {
        const role = arn === undefined ? undefined : resolveReference(node, arn, 'AWS::IAM::Role');
        if (!role) {
          continue;
        }
        const trusts = roleTrusts(role, 'ecs-tasks.amazonaws.com');
        if (trusts === undefined) {
          continue;
        }
        judged = true;
        const id = `Role::${logicalIdOf(role)}`;
        if (!trusts && !findings.includes(id)) {
          findings.push(id);
        }
      }
    }
    if (findings.length > 0) {
      return findings;
    }
    return judged ? COMPLIANT : NOT_APPLICABLE;
  },
});
