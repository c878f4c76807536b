/**
 * StepFunctions.TasksAuthorized: what a state machine's role must be allowed to do, read from its
 * Amazon States Language definition (the service integration tasks the path model judges) and its
 * logging configuration. One reader for the synth-time path model (`src/nag/paths/compute-paths.ts`, rule
 * `CompliancePack-StateMachineTasksAuthorized`) and the scanner's `stepfunctions-tasks-authorized`.
 */
import { listOf } from '../../policy/values';

/** The actions Step Functions calls with the role to set up vended log delivery; they take Resource "*". */
export const LOG_DELIVERY_ACTIONS: readonly string[] = ['logs:CreateLogDelivery', 'logs:GetLogDelivery', 'logs:UpdateLogDelivery', 'logs:DeleteLogDelivery',
  'logs:ListLogDeliveries', 'logs:PutResourcePolicy', 'logs:DescribeResourcePolicies', 'logs:DescribeLogGroups'];

/** Every `Task` state of a definition, in parallel branches, map iterators and item processors included. */
export function tasksOf(definition: any): any[] {
  const out: any[] = [];
  const visit = (machine: any) => {
    for (const state of Object.values(machine?.States ?? {}) as any[]) {
      if (state?.Type === 'Task') {
        out.push(state);
      }
      for (const branch of listOf(state?.Branches)) {
        visit(branch);
      }
      if (state?.Iterator) {
        visit(state.Iterator);
      }
      if (state?.ItemProcessor) {
        visit(state.ItemProcessor);
      }
    }
  };
  visit(definition);
  return out;
}

/** A service integration call of a task that the role makes. */
export type TaskCall =
  /** `arn:...:states:::batch:submitJob[.sync]`: batch:SubmitJob on the job definition and the job queue (raw values; absent when given by JSONPath). */
  | { readonly kind: 'batch'; readonly jobDefinition: unknown; readonly jobQueue: unknown }
  /** `arn:...:states:::sns:publish`: sns:Publish on the topic. */
  | { readonly kind: 'sns'; readonly topicArn: unknown };

/** The service integration calls the path model judges, task by task. */
export function taskCalls(definition: any): TaskCall[] {
  const out: TaskCall[] = [];
  for (const task of tasksOf(definition)) {
    const resource = String(task.Resource ?? '');
    const params = task.Parameters ?? task.Arguments ?? {};
    if (/^arn:[^:]+:states:::batch:submitJob/.test(resource)) {
      out.push({ kind: 'batch', jobDefinition: params.JobDefinition, jobQueue: params.JobQueue });
    } else if (/^arn:[^:]+:states:::sns:publish/.test(resource) && params.TopicArn !== undefined) {
      out.push({ kind: 'sns', topicArn: params.TopicArn });
    }
  }
  return out;
}
