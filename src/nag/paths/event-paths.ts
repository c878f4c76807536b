/** Data paths of event sources: EventBridge rules and schedules, alarms, and Lambda functions with their destinations. */
import { CfnResource, Stack } from 'aws-cdk-lib';
import { PathBuilder } from './builder';
import { TRUST_CONSUMERS } from '../../controls/judgement/role-trust';
import { isUnknownValue, listOf } from '../../policy/values';
import { propertiesOf } from '../private/context';

export function eventsRule(b: PathBuilder, rule: CfnResource): void {
  const props = propertiesOf(rule) ?? {};
  const { stack } = b.stackOf(rule);
  const source = b.docs.label(rule);
  const context = b.sourceContext(rule);
  for (const t of listOf(props.Targets)) {
    if (!t || typeof t !== 'object') {
      continue;
    }
    if (t.RoleArn !== undefined) {
      const role = b.roleFor(stack, t.RoleArn);
      b.trust(rule, source, t.RoleArn, TRUST_CONSUMERS.eventsRule.service, context);
      if (isUnknownValue(role)) {
        b.unknownPath('events-target', rule, source, 'target', 'deliver', `its role is ${role.unknown}`);
      } else {
        b.deliver('events-target', rule, source, t.Arn, role.principal, {}, role);
      }
    } else {
      b.deliver('events-target', rule, source, t.Arn, { service: 'events.amazonaws.com' }, context, undefined, 'events');
    }
    const dlq = t.DeadLetterConfig?.Arn;
    if (dlq !== undefined) {
      b.deliver('events-target', rule, source, dlq, { service: 'events.amazonaws.com' }, context);
    }
  }
}

export function alarm(b: PathBuilder, node: CfnResource): void {
  const props = propertiesOf(node) ?? {};
  const source = b.docs.label(node);
  const context = b.sourceContext(node);
  const actions = [...listOf(props.AlarmActions), ...listOf(props.OKActions), ...listOf(props.InsufficientDataActions)];
  const seen = new Set<string>();
  for (const a of actions) {
    const key = JSON.stringify(a);
    if (seen.has(key)) {
      continue;
    }
    seen.add(key);
    const arn = b.resolver.string(Stack.of(node), a);
    if (typeof arn === 'string' && !arn.startsWith('arn:') ) {
      continue;
    }
    if (typeof arn === 'string' && !/^arn:[^:]+:sns:/.test(arn)) {
      continue; // EC2, Auto Scaling and Systems Manager actions are not data paths to a resource policy
    }
    b.deliver('alarm-action', node, source, a, { service: 'cloudwatch.amazonaws.com' }, context);
  }
}

export function schedule(b: PathBuilder, node: CfnResource): void {
  const props = propertiesOf(node) ?? {};
  const { stack, account, region, partition } = b.stackOf(node);
  const t = props.Target;
  if (!t || typeof t !== 'object') {
    return;
  }
  const group = typeof props.GroupName === 'string' ? props.GroupName : 'default';
  const context = { 'aws:SourceAccount': account, 'aws:SourceArn': `arn:${partition}:scheduler:${region}:${account}:schedule-group/${group}` };
  const source = b.docs.label(node);
  b.trust(node, source, t.RoleArn, TRUST_CONSUMERS.schedule.service, context);
  const role = b.roleFor(stack, t.RoleArn);
  if (isUnknownValue(role)) {
    b.unknownPath('scheduler-target', node, source, 'target', 'deliver', `its role is ${role.unknown}`);
    return;
  }
  b.deliver('scheduler-target', node, source, t.Arn, role.principal, {}, role);
  const dlq = t.DeadLetterConfig?.Arn;
  if (dlq !== undefined) {
    // EventBridge Scheduler sends to the dead-letter queue with the node's execution role.
    b.deliver('scheduler-target', node, source, dlq, role.principal, {}, role);
  }
}

export function lambdaFunction(b: PathBuilder, fn: CfnResource): void {
  const props = propertiesOf(fn) ?? {};
  const { stack } = b.stackOf(fn);
  const source = b.docs.label(fn);
  if (props.Role !== undefined) {
    b.trust(fn, source, props.Role, TRUST_CONSUMERS.lambdaFunction.service, {});
  }
  const dlq = props.DeadLetterConfig?.TargetArn;
  if (dlq !== undefined && props.Role !== undefined) {
    const role = b.roleFor(stack, props.Role);
    if (isUnknownValue(role)) {
      b.unknownPath('lambda-destination', fn, source, 'dead-letter queue', 'deliver', `its role is ${role.unknown}`);
    } else {
      b.deliver('lambda-destination', fn, source, dlq, role.principal, {}, role);
    }
  }
}

export function invokeConfig(b: PathBuilder, config: CfnResource): void {
  const props = propertiesOf(config) ?? {};
  const { stack } = b.stackOf(config);
  const fn = b.find(stack, props.FunctionName, 'AWS::Lambda::Function');
  if (!fn) {
    return;
  }
  const role = b.roleFor(stack, propertiesOf(fn)?.Role);
  if (isUnknownValue(role)) {
    return;
  }
  for (const d of [props.DestinationConfig?.OnFailure?.Destination, props.DestinationConfig?.OnSuccess?.Destination]) {
    if (d !== undefined) {
      b.deliver('lambda-destination', config, b.docs.label(fn), d, role.principal, {}, role);
    }
  }
}
