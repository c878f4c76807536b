import { AWS_MANAGED_POLICIES, awsManagedKeyPolicy, defaultTopicPolicy } from '../../../controls/judgement/aws-documents';
import { describeDecision, PathFamily, PathRecord } from '../../../controls/judgement/data-paths';
import { RequestContext } from '../../../policy/conditions';
import { evaluateRequest, NamedPolicy, PolicyRequest, RequestPrincipal } from '../../../policy/evaluate';
import { keyUseContext, keyUseRequest } from '../../../policy/key-use';
import { statementsOf } from '../../../policy/template-values';
import { BucketInfo, CheckResult, errored, fail, IamRoleInfo, Inventory, KmsKeyInfo, pass } from '../model';

/**
 * The data paths of the live account, the run-time side of the synth-time path model
 * (`src/nag/paths`): the same requests (principal, action, resource, the context the service
 * sends), built from the inventory's live policies (resource, key, trust and identity policies) and
 * judged by the same evaluator, `evaluateRequest`.
 */

/** One data path of the account: a resource that makes a principal call an action on a target. */
export interface LivePath extends PathRecord {
  /** ARN of the resource whose check reports the path (the one that wires it). */
  readonly judged: string;
  /** For key-use paths: the key (ARN, or the reference the resource gives) whose policy decides. */
  readonly key?: string;
}

/** A role that makes requests, with its identity policies as the account holds them. */
export interface LiveRole {
  readonly principal: RequestPrincipal;
  /** The role, when it is in the scanned account's authorization details. */
  readonly role?: IamRoleInfo;
  /** Its inline and customer managed policies, and the AWS managed ones whose text is known; `undefined` when not known. */
  readonly identity?: NamedPolicy[];
  /** Attached policies whose text is not known (they could allow). */
  readonly unknownPolicies?: string[];
}

/** How a path the scanner cannot decide is named in findings. */
export const UNDECIDED = 'undecidable from what the scanner could read';

/** The account of an ARN (`arn:aws:iam::123456789012:role/x` -> `123456789012`), or undefined. */
export function accountOfArn(arnText: string): string | undefined {
  const account = arnText.split(':')[4];
  return arnText.startsWith('arn:') && account ? account : undefined;
}

/** The Region of an ARN, or undefined for global resources and non-ARNs. */
export function regionOfArn(arnText: string): string | undefined {
  const region = arnText.split(':')[3];
  return arnText.startsWith('arn:') && region ? region : undefined;
}

/** Builds the live data paths of one inventory; each check adds the paths of its family. */
export class LivePaths {
  public readonly paths: LivePath[] = [];

  constructor(public readonly inv: Inventory) {}

  /** Evaluates a request and records it as a path of `judged`; the finding id is `<findingTarget>::<action>`. */
  public evaluate(family: PathFamily, judged: string, source: string, target: string, findingTarget: string, request: PolicyRequest,
    key?: string): LivePath {
    const findingId = `${findingTarget}::${request.action}`;
    return this.add({ family, judged, source, target, action: request.action, findingId, request, result: evaluateRequest(request), key });
  }

  /** Records a path the scanner cannot decide (a policy it could not read, a resource of another account). */
  public undecided(family: PathFamily, judged: string, source: string, target: string, action: string, why: string, key?: string): LivePath {
    return this.add({ family, judged, source, target, action, findingId: `${target.replace(/\s+/g, '')}::${action}`, result: { decision: 'unknown', reason: why }, key });
  }

  /** Records a path whose decision is known without a policy evaluation (an ACL, a service rule). */
  public decided(path: LivePath): LivePath {
    return this.add(path);
  }

  /** The paths of `family` that `judged` wires. */
  public of(judged: string, family: PathFamily): LivePath[] {
    return this.paths.filter((p) => p.judged === judged && p.family === family);
  }

  /** The role a resource names by ARN, with its identity policies from `iam.authorizationDetails`. */
  public role(roleArn: string): LiveRole {
    const account = accountOfArn(roleArn) ?? this.inv.accountId;
    const principal: RequestPrincipal = { role: roleArn, account };
    const details = this.inv.authorizationDetails;
    if (!details?.roles) {
      return { principal, unknownPolicies: ['the role\'s policies (the IAM authorization details were not read)'] };
    }
    const role = findRole(details.roles, roleArn);
    if (!role) {
      return account === this.inv.accountId
        ? { principal, unknownPolicies: [`the policies of ${roleArn}, which the account's authorization details do not list`] }
        : { principal, unknownPolicies: [`the policies of ${roleArn}, a role of account ${account}`] };
    }
    const managed = new Map(details.policies.map((p) => [p.arn, p]));
    const identity: NamedPolicy[] = role.inlinePolicies.map((p) => ({ name: `role ${role.roleName}'s inline policy ${p.name}`, document: parseDocument(p.document) }));
    const unknownPolicies: string[] = [];
    for (const policyArn of role.attachedPolicyArns) {
      const local = managed.get(policyArn);
      const known = local ? parseDocument(local.document) : AWS_MANAGED_POLICIES[policyArn.replace(/^arn:[^:]+:/, 'arn:aws:')];
      if (known) {
        identity.push({ name: `role ${role.roleName}'s policy ${policyArn.split('/').pop()}`, document: known });
      } else {
        unknownPolicies.push(`the AWS managed policy ${policyArn}`);
      }
    }
    return { principal, role, identity, unknownPolicies };
  }

  /**
   * The service's sts:AssumeRole of a role named by ARN, judged against the live trust policy
   * (family `role-trust`, finding id `<role name>::<service>`). A role of another account is not judged.
   */
  public trust(judged: string, source: string, roleArn: string, service: string, context: RequestContext): LivePath | undefined {
    const account = accountOfArn(roleArn);
    if (account !== undefined && account !== this.inv.accountId) {
      return undefined;
    }
    const name = roleArn.split('/').pop() ?? roleArn;
    const role = this.inv.authorizationDetails?.roles ? findRole(this.inv.authorizationDetails.roles, roleArn) : undefined;
    const findingId = `${name}::${service}`;
    if (!role) {
      const why = this.inv.authorizationDetails?.roles ? 'the role does not exist in the account' : 'the IAM authorization details were not read';
      return this.add({
        family: 'role-trust',
        judged,
        source,
        target: `role ${name}`,
        action: 'sts:AssumeRole',
        findingId,
        result: this.inv.authorizationDetails?.roles ? { decision: 'denied', reason: why } : { decision: 'unknown', reason: why },
      });
    }
    const request: PolicyRequest = {
      principal: { service },
      action: 'sts:AssumeRole',
      resource: role.arn,
      resourceAccount: this.inv.accountId,
      context,
      mode: 'trust',
      resourcePolicy: { name: `the trust policy of role ${role.roleName}`, document: parseDocument(role.trustPolicy) },
    };
    return this.add({ family: 'role-trust', judged, source, target: `role ${name}`, action: 'sts:AssumeRole', findingId, request, result: evaluateRequest(request) });
  }

  /** A KMS key of the inventory by key id, key ARN or (for keys the inventory lists with aliases) alias. */
  public key(ref: string): KmsKeyInfo | undefined {
    const id = ref.includes(':key/') ? ref.split(':key/')[1] : ref;
    return (this.inv.kmsKeys ?? []).find((k) => k.arn === ref || k.keyId === id);
  }

  /**
   * The principal's use of a KMS key (family `key-use`): the live key policy, or for `alias/aws/<service>`
   * the AWS managed key's policy. A role needs the key policy to allow it or its account, then its
   * identity policies (`kms:ViaService` and `kms:CallerAccount` as the service sends them).
   */
  public keyUse(judged: string, source: string, targetLabel: string, keyRef: string, principal: RequestPrincipal, context: RequestContext,
    viaService: string, actions: readonly string[], ids: LiveRole | Record<string, never> = {},
    region = regionOfArn(judged) ?? this.inv.region): LivePath[] {
    const account = this.inv.accountId;
    const ctx = keyUseContext(principal, context, viaService, region, account);
    const managed = /^(arn:[^:]+:kms:[^:]*:[^:]*:)?alias\/aws\/(.+)$/.exec(keyRef);
    const keyAccount = accountOfArn(keyRef);
    if (!managed && keyAccount !== undefined && keyAccount !== account) {
      return []; // a key of another account: its policy is not readable here, and is not judged (as keys outside an app are not)
    }
    let policy: NamedPolicy;
    let keyArn: string;
    let findingTarget: string;
    const key = managed ? undefined : this.key(keyRef);
    if (managed) {
      policy = { name: `the AWS managed key alias/aws/${managed[2]}`, document: awsManagedKeyPolicy(managed[2], account, region) };
      keyArn = `arn:${this.inv.partition}:kms:${region}:${account}:alias/aws/${managed[2]}`;
      findingTarget = 'AwsManagedKey';
    } else if (key && key.policy !== undefined) {
      policy = { name: `the key policy of ${key.keyId}`, document: parseDocument(key.policy) };
      keyArn = key.arn;
      findingTarget = key.keyId;
    } else if (!key && this.inv.kmsKeys !== undefined && keyRef.includes(':key/') && regionOfArn(keyRef) === this.inv.region) {
      return actions.map((action) => this.decided({
        family: 'key-use',
        judged,
        source,
        target: targetLabel,
        action,
        findingId: `${keyRef.split(':key/')[1]}::${action}`,
        key: keyRef,
        result: { decision: 'denied', reason: `the key ${keyRef} does not exist in the account` },
      }));
    } else {
      const why = key ? 'its key policy could not be read'
        : this.inv.kmsKeys === undefined ? 'the KMS keys were not read'
          : keyRef.startsWith('alias/') || keyRef.includes(':alias/') ? `the key is named by its alias ${keyRef}, which the scanner does not resolve`
            : `the key ${keyRef} is not a key of the Region the scanner read`;
      return actions.map((action) => this.undecided('key-use', judged, source, targetLabel, action, why, keyRef));
    }
    const identity = 'principal' in ids ? ids : undefined;
    return actions.map((action) => this.evaluate('key-use', judged, source, targetLabel, findingTarget,
      keyUseRequest({ principal, action, keyArn, account, context: ctx, keyPolicy: policy, identity }), keyArn));
  }

  /** A bucket of the inventory by name or ARN. */
  public bucket(nameOrArn: string): BucketInfo | undefined {
    const name = nameOrArn.replace(/^arn:[^:]+:s3:::/, '').split('/')[0];
    return (this.inv.s3Buckets ?? []).find((b) => b.name === name);
  }

  /** The live bucket policy as a named policy (`undefined` for a bucket without one). */
  public bucketPolicy(bucket: BucketInfo): NamedPolicy | undefined {
    return bucket.policy ? { name: `the bucket policy of ${bucket.name}`, document: parseDocument(bucket.policy) } : undefined;
  }

  /** SNS's default topic policy (a topic whose Policy attribute is absent behaves as this one). */
  public defaultTopicPolicy(topicName: string): NamedPolicy {
    return { name: `the default topic policy of ${topicName}`, document: defaultTopicPolicy(this.inv.accountId) };
  }

  private add(path: LivePath): LivePath {
    const existing = this.paths.find((p) => p.judged === path.judged && p.family === path.family && p.findingId === path.findingId);
    if (existing) {
      return existing;
    }
    this.paths.push(path);
    return path;
  }
}

/**
 * A policy document as the evaluator reads it, through the statement reader the pack rules use;
 * text that is not a JSON policy becomes a document no statement of which matches. (The collectors
 * already URL-decode the IAM documents.)
 */
export function parseDocument(text: string | undefined | null): any {
  return { Statement: statementsOf(text) ?? [] };
}

function findRole(roles: readonly IamRoleInfo[], roleArn: string): IamRoleInfo | undefined {
  // A resource may name a role by an ARN without its path (arn:...:role/name): IAM resolves it by name.
  const name = roleArn.split('/').pop();
  return roles.find((r) => r.arn === roleArn) ?? roles.find((r) => r.roleName === name && accountOfArn(r.arn) === accountOfArn(roleArn));
}

/**
 * The check results of one family for the resources that wire its paths: FAIL when a path is
 * denied (each denied path is named), ERROR when one cannot be decided from what the scanner read,
 * PASS when every path is allowed. Resources that wire no path of the family get no result here.
 */
export function pathResults(paths: LivePaths, family: PathFamily, judged: readonly string[]): CheckResult[] {
  return judged.flatMap((arnText) => {
    const own = paths.of(arnText, family);
    if (own.length === 0) {
      return [];
    }
    const resourceRegion = regionOfArn(arnText);
    const region = resourceRegion !== paths.inv.region ? resourceRegion : undefined;
    const denied = own.filter((p) => p.result.decision === 'denied');
    if (denied.length > 0) {
      return [fail(arnText, denied.map((p) => describeDecision(p, UNDECIDED)).join(' '), region)];
    }
    const undecided = own.filter((p) => p.result.decision === 'unknown');
    if (undecided.length > 0) {
      return [errored(arnText, undecided.map((p) => describeDecision(p, UNDECIDED)).join(' '), region)];
    }
    return [pass(arnText, `${own.length === 1 ? 'its path is' : `all ${own.length} paths are`} allowed: ${own.map((p) => `${p.action} on ${p.target}`).join(', ')}`, region)];
  });
}
