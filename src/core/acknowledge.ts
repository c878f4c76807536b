import { CfnResource, Stack, Token, Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * The text cdk-nag uses for a resource in a finding id such as `AwsSolutions-IAM5[Resource::<Bucket1234.Arn>/*]`:
 * the value resolved in the scope's stack, with references written as `<LogicalId.Attribute>` and `<LogicalId>`.
 *
 * Acknowledging a finding by its full id keeps the acknowledgment to that one resource, rather
 * than to every wildcard the rule could find.
 */
export function nagResourceText(scope: IConstruct, value: string): string {
  if (!Token.isUnresolved(value)) {
    return flatten(Stack.of(scope).resolve(value));
  }
  // A reference's text depends on where the referenced resource lives, which is known only once
  // the app is prepared for synthesis: one in another stack becomes `Fn::ImportValue` of an
  // export. The value is kept, marked, in the id; `acknowledgeFinding` resolves it each time the
  // packs read the acknowledgment, so that it matches the finding in either case.
  return `${LATE_MARK}${value}${LATE_MARK}`;
}

const LATE_MARK = '\u0000';
const LATE_SEGMENT = /\u0000([^\u0000]*)\u0000/g;

/** `id` with every value marked by `nagResourceText` replaced by its text, resolved in `scope`'s stack now. */
function resolveLateTexts(scope: IConstruct, id: string): string {
  return id.replace(LATE_SEGMENT, (_, value: string) => flatten(Stack.of(scope).resolve(value)));
}

function flatten(node: any): string {
  if (node === undefined || node === null) {
    return '';
  }
  if (typeof node === 'string') {
    return node.replace(/\${/g, '<').replace(/}/g, '>');
  }
  if (node['Fn::Join']) {
    const [delimiter, items] = node['Fn::Join'];
    return (items as any[]).map(flatten).join(delimiter);
  }
  if (node['Fn::Sub']) {
    return flatten(node['Fn::Sub']);
  }
  if (node['Fn::GetAtt']) {
    const [resource, attribute] = node['Fn::GetAtt'];
    return `<${flatten(resource)}.${flatten(attribute)}>`;
  }
  if (node['Fn::ImportValue']) {
    return flatten(node['Fn::ImportValue']);
  }
  if (node.Ref) {
    return `<${flatten(node.Ref)}>`;
  }
  return JSON.stringify(node);
}

/**
 * Acknowledge one cdk-nag finding on one construct.
 *
 * `Validations.acknowledge` rejects ids with more than one '::', yet a finding on a literal S3 ARN
 * (`AwsSolutions-IAM5[Resource::arn:aws:s3:::name/*]`) has three. Such an id is recorded under the
 * same metadata key `Validations` uses, so that it stays exactly as narrow as the finding.
 */
export function acknowledgeFinding(scope: IConstruct, id: string, reason: string): void {
  if (id.includes(LATE_MARK)) {
    scope.node.addMetadata(Validations.ACKNOWLEDGED_RULES_METADATA_KEY, lateAcknowledgment(scope, id, reason));
    return;
  }
  if (id.split('::').length <= 2) {
    Validations.of(scope).acknowledge({ id, reason });
  } else {
    scope.node.addMetadata(Validations.ACKNOWLEDGED_RULES_METADATA_KEY, { [id]: reason });
  }
}

/**
 * Record, in the template itself, that a Checkov check is deliberately not met by this resource
 * (`Metadata.checkov.skip`), with the reason. Checkov reads it; a reviewer sees it next to the resource.
 */
export function skipCheckov(resource: CfnResource, id: string, comment: string): void {
  const existing = resource.getMetadata('checkov') as { skip?: Array<{ id: string; comment: string }> } | undefined;
  const skip = (existing?.skip ?? []).filter((s) => s.id !== id);
  skip.push({ id, comment });
  resource.addMetadata('checkov', { ...existing, skip });
}

/**
 * Record, in the template itself, that a cfn-guard rule is deliberately not met by this resource
 * (`Metadata.guard.SuppressedRules`, the form the AWS Guard Rules Registry reads), with the reason
 * next to it (`Metadata.guard.SuppressionReasons`), for a reviewer and for `NagReport.enforce`, which
 * applies the same suppressions to the rules that do not read them (AWS Control Tower's).
 */
export function suppressGuard(resource: CfnResource, rule: string, reason: string): void {
  const existing = resource.getMetadata('guard') as { SuppressedRules?: string[]; SuppressionReasons?: Record<string, string> } | undefined;
  const rules = (existing?.SuppressedRules ?? []).filter((r) => r !== rule);
  rules.push(rule);
  resource.addMetadata('guard', {
    ...existing,
    SuppressedRules: rules,
    SuppressionReasons: { ...existing?.SuppressionReasons, [rule]: reason },
  });
}

/** The cfn-guard rules a template resource suppresses (`Metadata.guard.SuppressedRules`). */
export function guardSuppressedRules(templateResource: { Metadata?: any } | undefined): string[] {
  const rules = templateResource?.Metadata?.guard?.SuppressedRules;
  return Array.isArray(rules) ? rules.filter((r): r is string => typeof r === 'string') : [];
}

/**
 * Acknowledged-rules metadata whose one id is computed each time it is read: the packs read it
 * during validation, after the app has been prepared, so references to other stacks have their
 * final form by then.
 */
function lateAcknowledgment(scope: IConstruct, id: string, reason: string): Record<string, string> {
  const now = () => resolveLateTexts(scope, id);
  return new Proxy<Record<string, string>>({}, {
    ownKeys: () => [now()],
    getOwnPropertyDescriptor: (_target, key) =>
      (key === now() ? { value: reason, enumerable: true, configurable: true, writable: false } : undefined),
    get: (_target, key) => (key === now() ? reason : undefined),
    has: (_target, key) => key === now(),
  });
}
