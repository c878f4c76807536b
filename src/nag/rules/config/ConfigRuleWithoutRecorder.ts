import { configRecordingGap } from '../../../controls/judgement/config-recording';
import { appResourcesOfType } from '../../private/context';
import { COMPLIANT, defineRule, ERROR, NON_COMPLIANT } from '../../private/rule';

/**
 * AWS Config rules in an app that has no configuration recorder and delivery channel.
 *
 * Seed failure: 004_5b6328fd8d3c63a0.txt #13 (and the recorder quota of 002_d92724b23843a58b.txt #6).
 * Looks for an `AWS::Config::ConfigurationRecorder` and an `AWS::Config::DeliveryChannel` in any stack
 * of the app in the same account and Region (a stack without a fixed environment matches any). When
 * the account already has a recorder (there can be only one per Region), acknowledge this rule on
 * the Config rule with that reason.
 */
export default defineRule({
  name: 'ConfigRuleWithoutRecorder',
  level: ERROR,
  resourceTypes: ['AWS::Config::ConfigRule'],
  info: 'The AWS Config rule has no configuration recorder and delivery channel in its account and Region in the app.',
  explanation: 'Config rules evaluate nothing unless a recorder records resource changes and a delivery channel delivers them, so the rule silently never reports. Create a recorder and delivery channel (or reuse the account\'s) and acknowledge this rule with the reason when one exists outside the app.',
  body: (node) => {
    const gap = configRecordingGap({
      recorders: appResourcesOfType(node, 'AWS::Config::ConfigurationRecorder').length,
      deliveryChannels: appResourcesOfType(node, 'AWS::Config::DeliveryChannel').length,
    });
    return gap === undefined ? COMPLIANT : NON_COMPLIANT;
  },
});
