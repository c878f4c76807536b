import type { PolicyDecision, PolicyRequest } from '../../policy/evaluate';
import { principalText } from '../../policy/evaluate';

/**
 * The families of data paths: a source that makes a principal call an action on a target (a rule
 * publishing to a topic, a service writing with a key, a service assuming a role). Each family has
 * one CompliancePack rule, which judges the paths of the template, and one scanner check, which
 * judges the same paths built from the live account; both evaluate them with `evaluateRequest`.
 */
export type PathFamily =
  | 'events-target'
  | 'alarm-action'
  | 'key-use'
  | 'role-trust'
  | 'scheduler-target'
  | 'lambda-destination'
  | 'cloudtrail-delivery'
  | 'flow-log-delivery'
  | 's3-access-log-delivery'
  | 'config-delivery'
  | 'state-machine'
  | 'execution-role';

/** What a finding says about one path, on either side. */
export interface PathDescription {
  readonly source: string;
  readonly target: string;
  readonly action: string;
  readonly request?: PolicyRequest;
  readonly result: PolicyDecision;
}

/**
 * One data path as either side records it; the synth-time model (`DataPath`) and the scanner
 * (`LivePath`) add the resource that wires it, a template resource or a live ARN.
 */
export interface PathRecord extends PathDescription {
  readonly family: PathFamily;
  /** Stable, short id of the path among the paths of the resource that wires it (the finding id). */
  readonly findingId: string;
}

/**
 * The sentence of a finding for a path: `<source> -> <target>: <action> for <principal> denied: <reason>.`
 * `undecided` names what an undecidable path is (synth time: deploy-time values; run time: data the
 * scanner could not read).
 */
export function describeDecision(path: PathDescription, undecided = 'undecidable at synth time'): string {
  const verb = path.result.decision === 'denied' ? 'denied' : path.result.decision === 'unknown' ? undecided : 'allowed';
  const by = path.request ? ` for ${principalText(path.request.principal)}` : '';
  return `${path.source} -> ${path.target}: ${path.action}${by} ${verb}: ${path.result.reason}.`;
}
