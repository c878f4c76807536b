import { evaluateConditions, RequestContext, substituteInResource } from './conditions';
import { and, anyOf, arnMatch, globMatch, isUnknownValue, listOf, stringOf, Tri, Unknown, UNKNOWN } from './values';

/**
 * A small, pure evaluator of AWS IAM policies for the requests a synthesized app makes: which
 * statements apply (Action/NotAction, Resource/NotResource, Principal/NotPrincipal, Condition),
 * explicit deny first, and how identity, resource, key and trust policies combine.
 */

/** Who makes the request: a service principal (`events.amazonaws.com`) or an IAM role of an account. */
export type RequestPrincipal =
  | { readonly service: string }
  | { readonly role: string | Unknown; readonly account: string | Unknown };

/** One policy document with the name a finding uses for it (`the topic policy`, `role Foo's policy Bar`). */
export interface NamedPolicy {
  readonly name: string;
  readonly document: any;
}

/** How the policies of a request combine. */
export type EvaluationMode =
  /** Same-account request: an identity policy or the resource policy must allow; explicit deny in either wins. */
  | 'same-account'
  /** KMS: the key policy must allow, directly, or by allowing the account (then the identity policies count). */
  | 'kms'
  /** sts:AssumeRole: the trust policy must allow, directly, or by allowing the account (then identity policies count). */
  | 'trust';

export interface PolicyRequest {
  readonly principal: RequestPrincipal;
  readonly action: string;
  /** ARN of the resource. */
  readonly resource: string | Unknown;
  /** Account that owns the resource. */
  readonly resourceAccount: string | Unknown;
  readonly context: RequestContext;
  /**
   * Identity policies of the principal; `undefined` when they are not known at synth time (a role
   * imported from elsewhere, AWS managed policies whose text the template does not hold).
   */
  readonly identityPolicies?: NamedPolicy[];
  /** Names of attached policies whose text is not known (they could allow). */
  readonly unknownIdentityPolicies?: string[];
  /**
   * The resource's policy (topic, queue, function, key or trust policy); `undefined` for none.
   * A resource policy that is only known at deploy time is given as a NamedPolicy with an unknown document.
   */
  readonly resourcePolicy?: NamedPolicy;
  readonly mode: EvaluationMode;
}

export type Decision = 'allowed' | 'denied' | 'unknown';

export interface PolicyDecision {
  readonly decision: Decision;
  /** The document that decides: the allowing or explicitly denying one, or the one that lacks the statement. */
  readonly document?: string;
  /** The deciding statement (Sid, or its position) when one decides. */
  readonly statement?: string;
  /** One sentence: why. */
  readonly reason: string;
}

/** Result of matching one statement against the request. */
interface StatementMatch {
  readonly applies: Tri;
  /** How the principal matched: directly, through the account (a delegation to IAM), or not at all. */
  readonly principal: 'direct' | 'account' | 'none' | 'unknown';
  readonly label: string;
  /** The first element that did not match, for the finding. */
  readonly miss?: string;
  readonly unknownBecause?: string;
}

interface DocumentResult {
  readonly name: string;
  readonly deny: StatementMatch[];
  readonly denyUnknown: StatementMatch[];
  readonly allowDirect: StatementMatch[];
  readonly allowAccount: StatementMatch[];
  readonly allowUnknown: StatementMatch[];
  /** Allow statements that admit the principal and action but miss on resource or condition. */
  readonly nearMisses: StatementMatch[];
  readonly unknownDocument?: string;
}

let recorder: ((request: PolicyRequest, decision: PolicyDecision) => void) | undefined;

/** Observe every evaluation (tests replay them through a reference evaluator); `undefined` stops. */
export function observeEvaluations(fn: ((request: PolicyRequest, decision: PolicyDecision) => void) | undefined): void {
  recorder = fn;
}

/** Evaluate one request. */
export function evaluateRequest(request: PolicyRequest): PolicyDecision {
  const decision = decide(request);
  recorder?.(request, decision);
  return decision;
}

function decide(request: PolicyRequest): PolicyDecision {
  if (isUnknownValue(request.resource)) {
    return { decision: 'unknown', reason: `the resource is ${request.resource.unknown}` };
  }
  const identityKnown = request.identityPolicies !== undefined && 'role' in request.principal;
  const identity = 'role' in request.principal
    ? (request.identityPolicies ?? []).map((p) => evaluateDocument(p, request, false))
    : [];
  const resource = request.resourcePolicy ? evaluateDocument(request.resourcePolicy, request, true) : undefined;
  const all = resource ? [...identity, resource] : identity;

  // Explicit deny wins everywhere.
  for (const doc of all) {
    if (doc.deny.length > 0) {
      return { decision: 'denied', document: doc.name, statement: doc.deny[0].label, reason: `explicitly denied by ${doc.name} (statement ${doc.deny[0].label})` };
    }
  }
  const possibleDeny = all.find((d) => d.denyUnknown.length > 0 || d.unknownDocument);

  const identityAllows: Tri = 'role' in request.principal
    ? orTri(
      identity.some((d) => d.allowDirect.length + d.allowAccount.length > 0),
      identity.some((d) => d.allowUnknown.length > 0 || d.unknownDocument) || !identityKnown
        || (request.unknownIdentityPolicies ?? []).length > 0)
    : false;
  const identityAllowDoc = identity.find((d) => d.allowDirect.length + d.allowAccount.length > 0);

  let allows: Tri;
  let decidingDoc: string | undefined;
  let decidingStatement: string | undefined;
  const resourceDirect = resource ? resource.allowDirect.length > 0 : false;
  const resourceAccount = resource ? resource.allowAccount.length > 0 : false;
  const resourceUnknown = resource ? (resource.allowUnknown.length > 0 || !!resource.unknownDocument) : false;

  if (request.mode === 'same-account') {
    // The resource policy grants on its own when it names the principal; naming the account
    // delegates to IAM, which the identity policies already cover.
    const resourceAllows = orTri(resourceDirect, resourceUnknown);
    allows = orTri2(identityAllows, resourceAllows);
    if (resourceDirect) {
      decidingDoc = resource!.name;
      decidingStatement = resource!.allowDirect[0].label;
    } else if (identityAllowDoc) {
      decidingDoc = identityAllowDoc.name;
      decidingStatement = (identityAllowDoc.allowDirect[0] ?? identityAllowDoc.allowAccount[0]).label;
    }
  } else {
    // KMS key policies and role trust policies must allow; allowing the account lets IAM decide.
    if (!resource) {
      return { decision: 'denied', reason: request.mode === 'kms' ? 'the key has no key policy that allows it' : 'the role has no trust policy' };
    }
    const throughAccount: Tri = resourceAccount ? identityAllows : false;
    const accountUnknown: Tri = resource.allowUnknown.length > 0 || resource.unknownDocument ? UNKNOWN : false;
    allows = orTri2(orTri2(resourceDirect, throughAccount), accountUnknown);
    if (resourceDirect) {
      decidingDoc = resource.name;
      decidingStatement = resource.allowDirect[0].label;
    } else if (throughAccount === true && identityAllowDoc) {
      decidingDoc = `${resource.name} (through the account) and ${identityAllowDoc.name}`;
      decidingStatement = resource.allowAccount[0].label;
    }
  }

  if (allows === true) {
    if (possibleDeny) {
      return { decision: 'unknown', document: possibleDeny.name, reason: unknownReason(possibleDeny, 'a deny statement of') };
    }
    return { decision: 'allowed', document: decidingDoc, statement: decidingStatement, reason: `allowed by ${decidingDoc} (statement ${decidingStatement})` };
  }
  if (allows === UNKNOWN) {
    const doc = [resource, ...identity].find((d) => d && (d.allowUnknown.length > 0 || d.unknownDocument));
    if (doc) {
      return { decision: 'unknown', document: doc.name, reason: unknownReason(doc, 'an allow statement of') };
    }
    const pending = (request.unknownIdentityPolicies ?? []).join(', ');
    return { decision: 'unknown', reason: pending ? `it depends on ${pending}, whose text is not in the template` : 'the principal\'s identity policies are not known at synth time' };
  }
  return denial(request, resource, identity);
}

function unknownReason(doc: DocumentResult, what: string): string {
  if (doc.unknownDocument) {
    return `${doc.name} is ${doc.unknownDocument}`;
  }
  const s = doc.denyUnknown[0] ?? doc.allowUnknown[0];
  return `${what} ${doc.name} (statement ${s.label}) depends on a deploy-time value${s.unknownBecause ? `: ${s.unknownBecause}` : ''}`;
}

function denial(request: PolicyRequest, resource: DocumentResult | undefined, identity: DocumentResult[]): PolicyDecision {
  const who = principalText(request.principal);
  if (request.mode !== 'same-account' && resource) {
    if (resource.allowAccount.length > 0) {
      const names = identity.map((d) => d.name).join(', ') || 'no identity policy';
      return {
        decision: 'denied',
        document: resource.name,
        reason: `${resource.name} delegates to the account (statement ${resource.allowAccount[0].label}), but ${names === 'no identity policy' ? 'no identity policy' : `none of ${names}`} allows it`,
      };
    }
    return { decision: 'denied', document: resource.name, reason: `${resource.name}: ${missText(resource, who)}` };
  }
  if ('service' in request.principal) {
    if (!resource) {
      return { decision: 'denied', reason: `the target has no resource policy, so nothing admits ${who}` };
    }
    return { decision: 'denied', document: resource.name, reason: `${resource.name}: ${missText(resource, who)}` };
  }
  const docs = [...identity.map((d) => d.name), ...(resource ? [resource.name] : [])];
  const near = [...identity, ...(resource ? [resource] : [])].find((d) => d.nearMisses.length > 0);
  const detail = near ? `; ${near.name} statement ${near.nearMisses[0].label} misses on ${near.nearMisses[0].miss}` : '';
  return {
    decision: 'denied',
    document: identity[0]?.name ?? resource?.name,
    reason: `no statement of ${docs.length > 0 ? docs.join(', ') : 'any policy'} allows ${who} ${request.action}${detail}`,
  };
}

function missText(doc: DocumentResult, who: string): string {
  const near = doc.nearMisses[0];
  if (near) {
    return `no statement admits ${who}: statement ${near.label} admits it but misses on ${near.miss}`;
  }
  return `no statement admits ${who}`;
}

export function principalText(p: RequestPrincipal): string {
  if ('service' in p) {
    return p.service;
  }
  return isUnknownValue(p.role) ? 'a role known at deploy time' : (p.role.split(':role/')[1] ? `role ${p.role.split(':role/')[1]}` : p.role);
}

function orTri(a: boolean, maybe: boolean): Tri {
  return a ? true : (maybe ? UNKNOWN : false);
}

function orTri2(a: Tri, b: Tri): Tri {
  if (a === true || b === true) {
    return true;
  }
  if (a === UNKNOWN || b === UNKNOWN) {
    return UNKNOWN;
  }
  return false;
}

function evaluateDocument(policy: NamedPolicy, request: PolicyRequest, isResourcePolicy: boolean): DocumentResult {
  const result: DocumentResult = {
    name: policy.name, deny: [], denyUnknown: [], allowDirect: [], allowAccount: [], allowUnknown: [], nearMisses: [],
  };
  const statements = statementList(policy.document);
  if (!Array.isArray(statements)) {
    return { ...result, unknownDocument: statements.unknown };
  }
  statements.forEach((statement, i) => {
    const label = typeof statement?.Sid === 'string' && statement.Sid !== '' ? `"${statement.Sid}"` : `#${i + 1}`;
    if (isUnknownValue(statement) || !statement || typeof statement !== 'object') {
      const s: StatementMatch = { applies: UNKNOWN, principal: 'unknown', label, unknownBecause: 'the statement is a deploy-time value' };
      result.denyUnknown.push(s);
      result.allowUnknown.push(s);
      return;
    }
    const m = matchStatement(statement, request, isResourcePolicy, label);
    const effect = statement.Effect;
    if (effect === 'Deny') {
      if (m.applies === true && m.principal !== 'account') {
        result.deny.push(m);
      } else if (m.applies === true && m.principal === 'account') {
        // A deny naming the account applies to every principal of it.
        result.deny.push(m);
      } else if (m.applies === UNKNOWN) {
        result.denyUnknown.push(m);
      }
    } else if (effect === 'Allow') {
      if (m.applies === true) {
        (m.principal === 'account' ? result.allowAccount : result.allowDirect).push(m);
      } else if (m.applies === UNKNOWN) {
        result.allowUnknown.push(m);
      } else if (m.miss && !m.miss.startsWith('Action') && !m.miss.startsWith('Principal') && !m.miss.startsWith('NotAction') && !m.miss.startsWith('NotPrincipal')) {
        result.nearMisses.push(m);
      }
    } else if (isUnknownValue(stringOf(effect))) {
      result.allowUnknown.push({ ...m, applies: UNKNOWN, unknownBecause: 'Effect is a deploy-time value' });
      result.denyUnknown.push({ ...m, applies: UNKNOWN, unknownBecause: 'Effect is a deploy-time value' });
    }
  });
  return result;
}

function statementList(document: any): any[] | Unknown {
  if (document === undefined || document === null) {
    return [];
  }
  if (typeof document === 'string') {
    try {
      return statementList(JSON.parse(document));
    } catch {
      return { unknown: 'not valid JSON' };
    }
  }
  if (isUnknownValue(document)) {
    return document;
  }
  if (typeof document !== 'object' || Array.isArray(document)) {
    return { unknown: 'a deploy-time value' };
  }
  const statements = document.Statement;
  if (isUnknownValue(statements) || (statements && typeof statements === 'object' && !Array.isArray(statements) && Object.keys(statements).some((k) => k === 'Ref' || k.startsWith('Fn::')))) {
    return { unknown: 'a deploy-time value' };
  }
  return listOf(statements);
}

function matchStatement(statement: any, request: PolicyRequest, isResourcePolicy: boolean, label: string): StatementMatch {
  let miss: string | undefined;
  let unknownBecause: string | undefined;
  let principal: StatementMatch['principal'] = 'direct';
  const term = (name: string, f: () => Tri) => () => {
    const v = f();
    if (v === false && miss === undefined) {
      miss = name;
    }
    if (v === UNKNOWN && unknownBecause === undefined) {
      unknownBecause = `${name} is a deploy-time value`;
    }
    return v;
  };
  const applies = and(
    term(statement.NotAction !== undefined ? 'NotAction' : 'Action', () => matchActions(statement, request.action)),
    term('Principal', () => {
      if (!isResourcePolicy) {
        return true;
      }
      const p = matchPrincipal(statement, request.principal);
      principal = p;
      return p === 'none' ? false : p === 'unknown' ? UNKNOWN : true;
    }),
    term(statement.NotResource !== undefined ? 'NotResource' : 'Resource', () => matchResources(statement, request, isResourcePolicy)),
    () => {
      const c = evaluateConditions(statement.Condition, request.context);
      if (c.result === false && miss === undefined) {
        miss = `its condition ${c.failed}`;
      }
      if (c.result === UNKNOWN && unknownBecause === undefined) {
        unknownBecause = c.unknownBecause ?? `its condition ${c.failed} depends on a deploy-time value`;
      }
      return c.result;
    },
  );
  return { applies, principal: applies === false ? 'none' : principal, label, miss, unknownBecause };
}

function matchActions(statement: any, action: string): Tri {
  const negated = statement.NotAction !== undefined;
  const list = listOf(negated ? statement.NotAction : statement.Action);
  const hit = anyOf(list, (a) => {
    const s = stringOf(a);
    if (isUnknownValue(s)) {
      return UNKNOWN;
    }
    return globMatch(s, action, true);
  });
  if (negated) {
    return hit === UNKNOWN ? UNKNOWN : !hit;
  }
  return hit;
}

function matchResources(statement: any, request: PolicyRequest, isResourcePolicy: boolean): Tri {
  const negated = statement.NotResource !== undefined;
  const raw = negated ? statement.NotResource : statement.Resource;
  if (raw === undefined) {
    // Resource policies may leave out Resource (trust policies always do): the statement is about this resource.
    return isResourcePolicy ? true : false;
  }
  const resource = request.resource as string;
  const hit = anyOf(listOf(raw), (r) => {
    const s = stringOf(r);
    if (isUnknownValue(s)) {
      return UNKNOWN;
    }
    const pattern = substituteInResource(s, request.context);
    if (pattern === undefined) {
      return false;
    }
    if (isUnknownValue(pattern)) {
      return UNKNOWN;
    }
    return arnMatch(pattern, resource);
  });
  if (negated) {
    return hit === UNKNOWN ? UNKNOWN : !hit;
  }
  return hit;
}

type PrincipalMatch = 'direct' | 'account' | 'none' | 'unknown';

function matchPrincipal(statement: any, principal: RequestPrincipal): PrincipalMatch {
  if (statement.NotPrincipal !== undefined) {
    const m = principalIn(statement.NotPrincipal, principal);
    if (m === 'unknown') {
      return 'unknown';
    }
    return m === 'none' ? 'direct' : 'none';
  }
  if (statement.Principal === undefined) {
    return 'none';
  }
  return principalIn(statement.Principal, principal);
}

function principalIn(block: any, principal: RequestPrincipal): PrincipalMatch {
  const s = stringOf(block);
  if (typeof block === 'string' || isUnknownValue(block)) {
    if (isUnknownValue(s)) {
      return 'unknown';
    }
    return s === '*' ? 'direct' : 'none';
  }
  if (!block || typeof block !== 'object' || Array.isArray(block)) {
    return 'none';
  }
  let best: PrincipalMatch = 'none';
  const consider = (m: PrincipalMatch) => {
    if (m === 'direct' || best === 'direct') {
      best = 'direct';
    } else if (m === 'account' || best === 'account') {
      best = best === 'unknown' && m !== 'account' ? 'unknown' : 'account';
    } else if (m === 'unknown') {
      best = 'unknown';
    }
  };
  for (const [kind, values] of Object.entries(block)) {
    const list = isUnknownValue(values) ? [values] : listOf(values);
    for (const v of list) {
      const value = stringOf(v);
      if (isUnknownValue(value)) {
        consider('unknown');
        continue;
      }
      if (kind === 'Service') {
        if ('service' in principal && value.toLowerCase() === principal.service.toLowerCase()) {
          consider('direct');
        }
      } else if (kind === 'AWS') {
        consider(matchAwsPrincipal(value, principal));
      }
    }
  }
  return best;
}

function matchAwsPrincipal(value: string, principal: RequestPrincipal): PrincipalMatch {
  if (value === '*') {
    return 'direct';
  }
  if ('service' in principal) {
    return 'none';
  }
  const account = /^\d{12}$/.test(value) ? value : /^arn:[^:]+:iam::([^:]+):root$/.exec(value)?.[1];
  if (account !== undefined) {
    if (isUnknownValue(principal.account)) {
      return 'unknown';
    }
    return account === principal.account ? 'account' : 'none';
  }
  if (isUnknownValue(principal.role)) {
    return 'unknown';
  }
  return value === principal.role ? 'direct' : 'none';
}
