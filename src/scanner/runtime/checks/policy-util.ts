/** Policy document helpers of the checks: statement reading, IAM-style action matching, public grants. */
import { isPublicStatement, PolicyStatementJson } from '../../../policy/public-access';
import { asArray, IamPolicyStatement } from '../model';

/** The statements of a policy document given as JSON text; none for no policy or text that is not JSON. */
export function parseStatements(policy: string | null | undefined): IamPolicyStatement[] {
  if (!policy) return [];
  try {
    const doc = JSON.parse(policy) as { Statement?: IamPolicyStatement | IamPolicyStatement[] };
    return [...asArray(doc.Statement)];
  } catch {
    return [];
  }
}

/** IAM-style wildcard match, case-insensitive (`s3:Get*` matches `s3:GetObject`). */
export function actionMatches(pattern: string, action: string): boolean {
  const re = new RegExp('^' + pattern.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$', 'i');
  return re.test(action);
}

/**
 * The actions of `actions` that public statements of the policy grant, by AWS's definition of a
 * public policy (`isPublicStatement`): an Allow for everyone whose condition does not pin the
 * caller with a fixed value of a key AWS lists. `NotAction` grants every action it does not name.
 */
export function publicPolicyGrants(policy: string | null | undefined, actions: readonly string[]): string[] {
  const out: string[] = [];
  for (const s of parseStatements(policy)) {
    if (!isPublicStatement(s as PolicyStatementJson)) continue;
    const granted = s.NotAction !== undefined
      ? actions.filter((wanted) => !asArray(s.NotAction).some((a) => actionMatches(a, wanted)))
      : asArray(s.Action).filter((a) => actions.some((wanted) => actionMatches(a, wanted)));
    if (granted.length > 0) out.push(...granted);
  }
  return out;
}
