import { asArray, fail, notApplicable, pass } from '../../model';
import { defineCheck } from '../define';
import { isEveryonePrincipal, parseStatements } from '../s3/bucket-util';

/**
 * Conditions that scope a `*` principal to a known caller (account, org, source ARN).
 * `lambda:FunctionUrlAuthType` is not one: it says how a URL is authenticated, not who calls, and
 * with `NONE` anyone on the internet may invoke the function (with `AWS_IAM`, any AWS principal
 * whose own policy allows it, of any account).
 */
const SCOPING_KEYS = ['aws:sourcearn', 'aws:sourceaccount', 'aws:principalorgid', 'aws:sourceowner'];

export const lambdaNoPublicAccess = defineCheck(
  {
    id: 'lambda-no-public-access',
    title: 'Lambda function policies do not allow public invocation',
    severity: 'CRITICAL',
    category: 'lambda',
    resourceType: 'AWS::Lambda::Function',
    fsbp: ['Lambda.1'],
    cis: [],
    remediation: 'Remove the permission for Principal * or scope it with aws:SourceArn / aws:SourceAccount.',
    requiredActions: ['lambda:ListFunctions', 'lambda:GetPolicy'],
    datasets: ['lambda.functions'],
    scope: 'regional',
  },
  (inv) =>
    (inv.lambdaFunctions ?? []).map((f) => {
      if (f.policy === undefined) return { resourceId: f.arn, status: 'ERROR' as const, reason: 'could not read the function policy' };
      if (f.policy === null) return notApplicable(f.arn, 'no resource-based policy');
      const open = parseStatements(f.policy).filter((s) => {
        if (s.Effect !== 'Allow' || !isEveryonePrincipal(s.Principal)) return false;
        const cond = JSON.stringify(s.Condition ?? {}).toLowerCase();
        return !SCOPING_KEYS.some((k) => cond.includes(`"${k}"`));
      });
      return open.length === 0
        ? pass(f.arn, 'policy does not allow unscoped public invocation')
        : fail(f.arn, `unscoped Allow for ${asArray(open[0].Action).join(', ')} to ${JSON.stringify(open[0].Principal)}`);
    }),
);

