/** What decides Config.1, in the template or in the account. */
export interface ConfigRecordingFacts {
  /** Configuration recorders (in the app's account and Region, or in the account's Region). */
  readonly recorders: number;
  /** Delivery channels, likewise. */
  readonly deliveryChannels: number;
  /**
   * Whether a recorder records: known only at run time (DescribeConfigurationRecorderStatus); a
   * recorder deployed by CloudFormation starts recording once its channel exists (`undefined`).
   */
  readonly recording?: boolean;
}

/**
 * Config.1: AWS Config records in the Region: a configuration recorder and a delivery channel
 * exist, and the recorder is not stopped. Returns why not, or `undefined` when it records. One
 * judgement for `CompliancePack-ConfigRuleWithoutRecorder` and the scanner's `config-recorder-recording`.
 */
export function configRecordingGap(facts: ConfigRecordingFacts): string | undefined {
  const missing = [facts.recorders === 0 ? 'no configuration recorder' : undefined, facts.deliveryChannels === 0 ? 'no delivery channel' : undefined].filter((x) => x);
  if (missing.length > 0) return missing.join(' and ');
  return facts.recording === false ? 'the configuration recorder is stopped' : undefined;
}
