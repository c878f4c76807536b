import { isServiceLinkedRolePath } from '../../../../controls/judgement/lambda-role';
import { writeOnWildcardFindings } from '../../../../controls/judgement/write-on-wildcard';
import { fail, notApplicable, pass } from '../../model';
import { defineCheck } from '../define';
import { parseStatements } from '../policy-util';

/**
 * IAM.NoWriteOnWildcardResource: the run-time side of `CompliancePack-IamWriteOnWildcardResource`,
 * judged per role over what the account lets the role's principals do: its inline policies and the
 * customer managed policies attached to it, each with the rule's judgement.
 */
export const iamNoWriteOnWildcardResource = defineCheck(
  {
    id: 'iam-no-write-on-wildcard-resource',
    title: 'IAM policies do not allow write actions on every resource',
    severity: 'HIGH',
    category: 'iam',
    resourceType: 'AWS::IAM::Role',
    remediation: 'Name the resources (ARNs) the role writes to instead of "*", in its inline and customer managed policies.',
    requiredActions: ['iam:GetAccountAuthorizationDetails'],
    datasets: ['iam.authorizationDetails'],
    scope: 'global',
  },
  (inv) => {
    const managed = new Map((inv.authorizationDetails?.policies ?? []).filter((p) => !p.awsManaged).map((p) => [p.arn, p]));
    return (inv.authorizationDetails?.roles ?? []).map((r) => {
      if (isServiceLinkedRolePath(r.path)) return notApplicable(r.arn, 'service-linked role');
      const documents = [
        ...r.inlinePolicies.map((p) => ({ name: `inline policy ${p.name}`, document: p.document })),
        ...r.attachedPolicyArns.flatMap((a) => {
          const p = managed.get(a);
          return p ? [{ name: `policy ${p.name}`, document: p.document }] : [];
        }),
      ];
      const offences = documents.flatMap((d) => {
        const findings = writeOnWildcardFindings(parseStatements(d.document));
        return findings.length > 0 ? [`${d.name} allows ${findings.map((f) => f.replace(/^Action::/, '')).join(', ')} on "*"`] : [];
      });
      return offences.length > 0
        ? fail(r.arn, offences.join('; '))
        : pass(r.arn, 'no inline or customer managed policy allows write actions on "*"');
    });
  },
);
