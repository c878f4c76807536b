import { servicePrincipals } from '../../policy/template-values';

/** The service principals a Lambda execution role trusts (Lambda, Lambda@Edge). */
export const LAMBDA_SERVICE_PRINCIPALS: readonly string[] = ['lambda.amazonaws.com', 'edgelambda.amazonaws.com'];

/**
 * IAM.LambdaRoleNoInlinePolicy: a role is a Lambda execution role when its trust policy lets Lambda
 * (or Lambda@Edge) assume it. One judgement for `CompliancePack-LambdaRoleInlinePolicy` (which also
 * counts a role a function of the same stack runs with) and the scanner's
 * `iam-lambda-role-no-inline-policy` (in the account a function can only run with a role that trusts Lambda).
 */
export function trustsLambda(trustStatements: readonly unknown[]): boolean {
  return trustStatements.some((s) => (s as { Effect?: unknown })?.Effect === 'Allow'
    && servicePrincipals(s).some((p) => LAMBDA_SERVICE_PRINCIPALS.includes(p)));
}

/** Service-linked roles (`/aws-service-role/`) are AWS's own: their policies are not the account's to change. */
export function isServiceLinkedRolePath(path: unknown): boolean {
  return typeof path === 'string' && path.startsWith('/aws-service-role/');
}
