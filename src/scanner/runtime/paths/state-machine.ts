import { LOG_DELIVERY_ACTIONS, taskCalls } from '../../../controls/judgement/state-machine';
import { PolicyRequest } from '../../../policy/evaluate';
import { StateMachineInfo } from '../model';
import { PathBuilder } from './builders';
import { LivePaths } from './live-paths';
import { deliver } from './target-delivery';

/**
 * Family `state-machine`, the run-time side of the path model's `stateMachineTasks`: a state
 * machine's role may set up its log delivery (when it logs) and call the service integrations of
 * its definition's tasks (batch:SubmitJob on the job definition and queue, sns:Publish on the
 * topic), read by the reader the synth side uses (`src/controls/judgement/state-machine.ts`) and
 * judged against the role's live identity policies; a publish goes through the shared `deliver`
 * (`target-delivery.ts`), which adds the topic's live policy and key, as AWS evaluates a request
 * within one account.
 */
export const stateMachineBuilder: PathBuilder = {
  family: 'state-machine',
  datasets: ['sfn.stateMachines', 'iam.authorizationDetails', 'sns.topics', 'kms.keys'],
  requiredActions: ['states:ListStateMachines', 'states:DescribeStateMachine', 'iam:GetAccountAuthorizationDetails',
    'sns:ListTopics', 'sns:GetTopicAttributes', 'kms:ListKeys', 'kms:DescribeKey', 'kms:GetKeyPolicy'],
  build(live: LivePaths): string[] {
    const judged: string[] = [];
    for (const m of live.inv.stateMachines ?? []) {
      if (m.describeError === undefined && m.roleArn) {
        machinePaths(live, m);
        judged.push(m.arn);
      }
    }
    return judged;
  },
};

/** The ARN a task names a Batch job definition or queue by (an ARN, or a name of the state machine's Region and account). */
function batchArn(live: LivePaths, m: StateMachineInfo, kind: 'job-definition' | 'job-queue', value: string): string {
  if (value.startsWith('arn:')) return value;
  const region = m.arn.split(':')[3] ?? live.inv.region;
  return `arn:${live.inv.partition}:batch:${region}:${live.inv.accountId}:${kind}/${value}`;
}

function machinePaths(live: LivePaths, m: StateMachineInfo): void {
  const source = `state machine ${m.name}`;
  const role = live.role(m.roleArn!);
  const base: Omit<PolicyRequest, 'action' | 'resource'> = {
    principal: role.principal, resourceAccount: live.inv.accountId, context: {}, mode: 'same-account', identityPolicies: role.identity, unknownIdentityPolicies: role.unknownPolicies,
  };
  if ((m.logDestinations ?? []).length > 0) {
    for (const action of LOG_DELIVERY_ACTIONS) live.evaluate('state-machine', m.arn, source, 'its log group', 'LogDelivery', { ...base, action, resource: '*' });
  }
  let definition: unknown;
  try {
    definition = JSON.parse(m.definition ?? '');
  } catch {
    live.undecided('state-machine', m.arn, source, 'tasks', 'run', 'its definition is not JSON the scanner can read');
    return;
  }
  for (const call of taskCalls(definition)) {
    if (call.kind === 'batch') {
      for (const [kind, label, value] of [['job-definition', 'job definition', call.jobDefinition], ['job-queue', 'job queue', call.jobQueue]] as const) {
        if (typeof value !== 'string' || value === '') {
          live.undecided('state-machine', m.arn, source, label, 'batch:SubmitJob', `the ${label} is given at run time`);
          continue;
        }
        if (kind === 'job-definition' && !value.startsWith('arn:') && !value.includes(':')) {
          live.undecided('state-machine', m.arn, source, `${value} ${label}`, 'batch:SubmitJob', 'it names the job definition without a revision (the latest at run time)');
          continue;
        }
        const arn = batchArn(live, m, kind, value);
        live.evaluate('state-machine', m.arn, source, `${arn.split('/').pop()} ${label}`, arn.split(':').pop()!, { ...base, action: 'batch:SubmitJob', resource: arn });
      }
    } else if (typeof call.topicArn !== 'string' || !call.topicArn.startsWith('arn:')) {
      live.undecided('state-machine', m.arn, source, 'topic', 'sns:Publish', 'the topic is given at run time');
    } else {
      deliver(live, { family: 'state-machine', judged: m.arn, source, targetArn: call.topicArn, principal: role.principal, context: {}, role });
    }
  }
}
