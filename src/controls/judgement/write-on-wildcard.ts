import { asList } from '../../policy/template-values';

/** Verbs of actions that only read. Anything else (including `*` and `service:*`) may write. */
const READ_VERBS = /^(Get|List|Describe|BatchGet|Head|Search|Query|Scan|Lookup|View|Select|Filter|Read|Download)/;

/**
 * Write actions that AWS offers on no resource but `*` (the service authorizes no narrower
 * resource), so `Resource: "*"` is the only way to grant them.
 */
const ONLY_ON_STAR = new Set([
  'xray:puttracesegments',
  'xray:puttelemetryrecords',
  'cloudwatch:putmetricdata',
]);

/** True when `action` may write (or is a wildcard that includes writes). */
export function isWriteAction(action: string): boolean {
  if (action === '*') {
    return true;
  }
  const [, verb] = action.split(':');
  if (verb === undefined) {
    return true;
  }
  if (ONLY_ON_STAR.has(action.toLowerCase())) {
    return false;
  }
  return !READ_VERBS.test(verb);
}

/**
 * IAM.NoWriteOnWildcardResource: what the Allow statements of one identity policy grant on
 * `Resource: "*"` that may write, one finding per action (`Action::<action>`, or `NotAction` for an
 * Allow with NotAction). One judgement for `CompliancePack-IamWriteOnWildcardResource` and the
 * scanner's `iam-no-write-on-wildcard-resource`.
 */
export function writeOnWildcardFindings(statements: readonly any[]): string[] {
  const findings = new Set<string>();
  for (const s of statements) {
    if (s?.Effect !== 'Allow' || !asList(s.Resource).includes('*')) {
      continue;
    }
    if (s.NotAction !== undefined) {
      findings.add('NotAction');
    }
    for (const action of asList(s.Action)) {
      if (typeof action === 'string' && isWriteAction(action)) {
        findings.add(`Action::${action}`);
      }
    }
  }
  return [...findings];
}
