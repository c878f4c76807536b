import { isPublicStatement, PolicyStatementJson } from '../../../../policy/public-access';
import { asArray, fail, notApplicable, pass } from '../../model';
import { defineResourceCheck } from '../define';
import { parseStatements } from '../policy-util';
import { LAMBDA_FUNCTIONS } from '../resource-kinds';

export const lambdaNoPublicAccess = defineResourceCheck(
  LAMBDA_FUNCTIONS,
  {
    id: 'lambda-no-public-access',
    title: 'Lambda function policies do not allow public invocation',
    severity: 'CRITICAL',
    remediation: 'Remove the permission for Principal * or scope it with aws:SourceArn / aws:SourceAccount.',
    requiredActions: ['lambda:ListFunctions', 'lambda:GetPolicy'],
  },
  (f) => {
    if (f.policy === undefined) return { resourceId: f.arn, status: 'ERROR' as const, reason: 'could not read the function policy' };
    if (f.policy === null) return notApplicable(f.arn, 'no resource-based policy');
    // AWS's definition of public, shared with the S3 checks: a condition such as
    // lambda:FunctionUrlAuthType says how a caller is authenticated, not who it is.
    const open = parseStatements(f.policy).filter((s) => isPublicStatement(s as PolicyStatementJson));
    return open.length === 0
      ? pass(f.arn, 'policy does not allow unscoped public invocation')
      : fail(f.arn, `unscoped Allow for ${asArray(open[0].Action).join(', ')} to ${JSON.stringify(open[0].Principal)}`);
  },
);
