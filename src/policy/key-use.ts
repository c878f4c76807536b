/** The request a principal makes to AWS KMS when a service uses a key for it, shared by the synth-time and live path models. */
import { RequestContext } from './conditions';
import { NamedPolicy, PolicyRequest, RequestPrincipal } from './evaluate';
import { Unknown } from './values';

/** One use of a KMS key: who, which action on which key, and the policies that decide. */
export interface KeyUse {
  readonly principal: RequestPrincipal;
  readonly action: string;
  /** ARN of the key (or of the AWS managed key's alias). */
  readonly keyArn: string | Unknown;
  /** Account that owns the key and makes the call. */
  readonly account: string;
  /** The request context the calling service sends, before the KMS keys for roles are added. */
  readonly context: RequestContext;
  /** The key policy. */
  readonly keyPolicy?: NamedPolicy;
  /** A role's identity policies, and the names of those whose text is not known. */
  readonly identity?: { readonly identity?: NamedPolicy[]; readonly unknownPolicies?: string[] };
}

/**
 * The context of a key use: a role's call comes through the service (`kms:ViaService` of the
 * service in the Region, `kms:CallerAccount`); a service principal's call carries the service's own
 * context only.
 */
export function keyUseContext(principal: RequestPrincipal, context: RequestContext, viaService: string, region: string,
  account: string): RequestContext {
  return 'role' in principal
    ? { ...context, 'kms:ViaService': `${viaService}.${region}.amazonaws.com`, 'kms:CallerAccount': account }
    : context;
}

/** The KMS request of one key use, judged with the key policy (`mode: 'kms'`) and, for a role, its identity policies. */
export function keyUseRequest(use: KeyUse): PolicyRequest {
  return {
    principal: use.principal,
    action: use.action,
    resource: use.keyArn,
    resourceAccount: use.account,
    context: use.context,
    mode: 'kms',
    resourcePolicy: use.keyPolicy,
    identityPolicies: 'role' in use.principal ? use.identity?.identity : undefined,
    unknownIdentityPolicies: use.identity?.unknownPolicies,
  };
}
