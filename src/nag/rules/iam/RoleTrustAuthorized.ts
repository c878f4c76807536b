import { pathRule } from '../../paths';
import { ERROR } from '../../private/rule';

/**
 * A role that a service must assume does not trust that service with the request context it sends:
 * Lambda execution roles, EventBridge target roles, Step Functions and Scheduler roles, Batch job,
 * execution, service and instance roles, flow log, CloudTrail and Config roles.
 *
 * Seed failure: 004_5b6328fd8d3c63a0.txt #17. One finding per role and service
 * (`<role>::<service>`); roles outside the app are not judged.
 */
export default pathRule('role-trust', {
  name: 'RoleTrustAuthorized',
  level: ERROR,
  resourceTypes: ['AWS::Events::Rule', 'AWS::Lambda::Function', 'AWS::StepFunctions::StateMachine', 'AWS::Scheduler::Schedule', 'AWS::Batch::JobDefinition',
    'AWS::Batch::ComputeEnvironment', 'AWS::IAM::InstanceProfile', 'AWS::CloudTrail::Trail', 'AWS::EC2::FlowLog', 'AWS::Config::ConfigurationRecorder'],
  info: 'A role the resource needs a service to assume does not trust that service.',
  explanation: 'The service calls sts:AssumeRole with its own principal and, for most services, aws:SourceAccount and aws:SourceArn of the resource. A trust policy that names another service, or conditions the service does not meet, makes every invocation fail (functions do not start, jobs stay RUNNABLE, rules count FailedInvocations). Trust the service principal the finding names, with conditions on aws:SourceAccount or aws:SourceArn that match the resource.',
});
