import { Annotations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * Leave a synth-time warning saying which secure default a prop weakened, so a reviewer reading
 * `cdk synth` output (or the manifest) sees it without reading the code.
 */
export function warnWeakened(scope: IConstruct, prop: string, what: string): void {
  Annotations.of(scope).addWarningV2(
    `cdk-compliance-constructs:weakened:${prop}`,
    `${prop} weakens a secure default: ${what}`,
  );
}
