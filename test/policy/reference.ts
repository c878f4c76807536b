/**
 * The reference evaluator for differential tests: @cloud-copilot/iam-simulate (AGPL-3.0, a dev
 * dependency only; the library ships its own evaluator). Every request our evaluator decides is
 * replayed here, and the two must agree.
 */
import { runSimulation } from '@cloud-copilot/iam-simulate';
import { PolicyDecision, PolicyRequest } from '../../src/policy/evaluate';

/** Requests with deploy-time values cannot be replayed (the reference knows no "unknown"). */
export function replayable(request: PolicyRequest): boolean {
  return !JSON.stringify(request).includes('"unknown":');
}

/**
 * The reference's decision: allowed or denied, or `not-comparable` when it dropped a context key
 * that a condition of the documents reads (it drops `kms:EncryptionContext:<key>` when the key
 * itself holds colons, such as `aws:logs:arn`).
 */
export async function referenceDecision(request: PolicyRequest): Promise<'allowed' | 'denied' | 'not-comparable'> {
  const principal = 'service' in request.principal ? request.principal.service : request.principal.role as string;
  const contextVariables: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(request.context)) {
    contextVariables[k] = Array.isArray(v) ? v.map(String) : String(v);
  }
  const identityPolicies = 'role' in request.principal
    ? (request.identityPolicies ?? []).map((p, i) => ({ name: `p${i}`, policy: normalise(p.document) }))
    : [];
  const result = await runSimulation({
    request: {
      principal,
      action: request.action,
      resource: { resource: request.resource as string, accountId: request.resourceAccount as string },
      contextVariables,
    },
    identityPolicies,
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    resourcePolicy: request.resourcePolicy ? normalise(request.resourcePolicy.document) : undefined,
  }, {});
  if (result.resultType === 'error') {
    throw new Error(`reference rejected the request: ${JSON.stringify(result.errors)}`);
  }
  const ignored = (result.resultType === 'single' ? result.result.ignoredContextKeys : undefined) ?? [];
  const documents = JSON.stringify([request.identityPolicies, request.resourcePolicy]).toLowerCase();
  if (ignored.some((k) => documents.includes(`"${k.toLowerCase()}"`))) {
    return 'not-comparable';
  }
  return result.overallResult === 'Allowed' ? 'allowed' : 'denied';
}

/** Policy documents as IAM stores them: parsed JSON, Sids without spaces (the reference validates them). */
function normalise(document: any): any {
  const doc = typeof document === 'string' ? JSON.parse(document) : JSON.parse(JSON.stringify(document));
  const statements = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
  doc.Statement = statements.map((s: any) => (typeof s.Sid === 'string' ? { ...s, Sid: s.Sid.replace(/[^A-Za-z0-9]/g, '') } : s));
  return doc;
}

/** Replay every decided evaluation and list the disagreements. */
export async function disagreements(evaluations: Array<[PolicyRequest, PolicyDecision]>): Promise<string[]> {
  const out: string[] = [];
  for (const [request, decision] of evaluations) {
    if (decision.decision === 'unknown' || !replayable(request)) {
      continue;
    }
    const reference = await referenceDecision(request);
    if (reference !== 'not-comparable' && reference !== decision.decision) {
      out.push(`${request.action} on ${request.resource} by ${JSON.stringify(request.principal)}: ours ${decision.decision} (${decision.reason}), reference ${reference}`);
    }
  }
  return out;
}
