import { CfnResource } from 'aws-cdk-lib';
import { trustsLambda } from '../../controls/judgement/lambda-role';
import { asList, referencedId, servicePrincipals, statementsOf } from '../../policy/template-values';
import { logicalIdOf, propertiesOf, stackResourceById, stackResourcesOfType } from '../private/context';

/** True when `value` is a `Ref` or `Fn::GetAtt` to the resource `target`, or equals one of its literal names. */
export function pointsAt(value: any, target: CfnResource, literalNames: any[] = []): boolean {
  const id = referencedId(value);
  if (id !== undefined) {
    return id === logicalIdOf(target);
  }
  return typeof value === 'string' && literalNames.some((n) => typeof n === 'string' && n === value);
}

/** The resource of `type` in the stack of `node` that `value` references, if any. */
export function resolveReference(node: CfnResource, value: any, type: string): CfnResource | undefined {
  const id = referencedId(value);
  if (id === undefined) {
    return undefined;
  }
  return stackResourceById(node, type, id);
}

/** True when the role's trust policy lets `service` assume it. `undefined` when the trust policy cannot be read. */
export function roleTrusts(role: CfnResource, service: string): boolean | undefined {
  const props = propertiesOf(role);
  if (props === undefined) {
    return undefined;
  }
  const statements = statementsOf(props.AssumeRolePolicyDocument);
  if (statements === undefined) {
    return undefined;
  }
  return statements.some((s) => s.Effect === 'Allow' && servicePrincipals(s).includes(service));
}

/**
 * True when `role` (an AWS::IAM::Role) is a Lambda execution role: Lambda may assume it, or a
 * function in the same stack runs with it.
 */
export function isLambdaRole(role: CfnResource): boolean {
  const trust = statementsOf(propertiesOf(role)?.AssumeRolePolicyDocument);
  if (trust !== undefined && trustsLambda(trust)) {
    return true;
  }
  return stackResourcesOfType(role, 'AWS::Lambda::Function').some((fn) => pointsAt(propertiesOf(fn)?.Role, role));
}

/** Statements of every bucket policy in the stack that applies to `bucket`. */
export function bucketPolicyStatements(bucket: CfnResource, bucketProps: any): any[] {
  const statements: any[] = [];
  for (const policy of stackResourcesOfType(bucket, 'AWS::S3::BucketPolicy')) {
    const props = propertiesOf(policy);
    if (props && pointsAt(props.Bucket, bucket, [bucketProps.BucketName])) {
      statements.push(...(statementsOf(props.PolicyDocument) ?? []));
    }
  }
  return statements;
}

export { asList };
