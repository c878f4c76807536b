import { PathFamily } from '../../../controls/judgement/data-paths';
import { DatasetKey } from '../model';
import { ALARM_ACTION } from './alarm-action';
import { cloudtrailDelivery } from './cloudtrail-delivery';
import { configDelivery } from './config-delivery';
import { EVENTS_TARGET } from './events-target';
import { executionRolePaths } from './execution-role';
import { flowLogDelivery } from './flow-log-delivery';
import { lambdaDestinationBuilder } from './lambda-destination';
import { LivePaths } from './live-paths';
import { roleTrustBuilder } from './role-trust';
import { s3AccessLogDelivery } from './s3-access-log-delivery';
import { schedulerTargetPaths } from './scheduler-target';
import { stateMachineBuilder } from './state-machine';

/**
 * How the live paths of one family are built from the inventory. A family's scanner check runs its
 * builder and judges the paths of its own family; key use (`key-use`) is judged across every
 * builder, as at synth time, where each family's writes with a KMS key are reported by
 * `KmsKeyUseAuthorized`.
 */
export interface PathBuilder {
  readonly family: PathFamily;
  /** The datasets the builder reads. */
  readonly datasets: readonly DatasetKey[];
  /** The IAM actions that collect those datasets. */
  readonly requiredActions: readonly string[];
  /** Adds the family's paths (and their key-use paths) to `live`; returns the ARNs of the resources they judge. */
  build(live: LivePaths): string[];
}

/** Every family's builder: each lives in `paths/<family>.ts`, is listed here, and its check imports it from there. */
export const PATH_BUILDERS: readonly PathBuilder[] = [
  ALARM_ACTION,
  roleTrustBuilder,
  cloudtrailDelivery,
  EVENTS_TARGET,
  schedulerTargetPaths,
  executionRolePaths,
  s3AccessLogDelivery,
  flowLogDelivery,
  configDelivery,
  stateMachineBuilder,
  lambdaDestinationBuilder,
];
