import { writeOnWildcardFindings } from '../../../controls/judgement/write-on-wildcard';
import { asList, isUnknown, statementsOf } from '../../../policy/template-values';
import { COMPLIANT, defineRule, ERROR, NOT_APPLICABLE } from '../../private/rule';

/** Policy resources with a single `PolicyDocument`; the others (roles, users, groups) carry `Policies`. */
const STANDALONE = new Set(['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy', 'AWS::IAM::RolePolicy', 'AWS::IAM::UserPolicy', 'AWS::IAM::GroupPolicy']);

/**
 * An IAM policy allows write actions on `Resource: "*"`.
 *
 * Seed failure: 004_5b6328fd8d3c63a0.txt #11. Judges identity policies: `AWS::IAM::Policy`,
 * `AWS::IAM::ManagedPolicy`, `AWS::IAM::RolePolicy`/`UserPolicy`/`GroupPolicy`, and the `Policies` of
 * roles, users and groups. One finding per action
 * (`Action::<action>`, or `NotAction` for an Allow with NotAction), so an acknowledgment covers one
 * action only. Read-only verbs and the few write actions AWS authorizes only on `*` are not findings.
 */
export default defineRule({
  name: 'IamWriteOnWildcardResource',
  level: ERROR,
  resourceTypes: ['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy', 'AWS::IAM::RolePolicy', 'AWS::IAM::UserPolicy', 'AWS::IAM::GroupPolicy',
    'AWS::IAM::Role', 'AWS::IAM::User', 'AWS::IAM::Group'],
  info: 'The IAM policy allows write actions on every resource ("Resource": "*").',
  explanation: 'Write access to every resource of a service breaks least privilege: a compromised principal can change or delete anything of that type in the account. Name the resources (ARNs) the principal writes to.',
  body: (node, props) => {
    const documents = STANDALONE.has(node.cfnResourceType)
      ? [props.PolicyDocument]
      : asList(isUnknown(props.Policies) ? [] : props.Policies).map((p: any) => p?.PolicyDocument);
    const findings = new Set<string>();
    let judged = false;
    for (const document of documents) {
      const statements = statementsOf(document);
      if (statements === undefined) {
        continue;
      }
      judged = true;
      writeOnWildcardFindings(statements).forEach((f) => findings.add(f));
    }
    if (findings.size > 0) {
      return [...findings];
    }
    return judged || documents.length === 0 ? COMPLIANT : NOT_APPLICABLE;
  },
});
