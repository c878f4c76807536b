import { launchesInstances, requiresImdsv2 } from '../../../controls/judgement/imdsv2';
import { isUnknown } from '../../../policy/template-values';
import { propertiesOf, stackResourcesOfType } from '../../private/context';
import { COMPLIANT, defineRule, ERROR, NON_COMPLIANT, NOT_APPLICABLE } from '../../private/rule';
import { pointsAt, resolveReference } from '../shared';

/**
 * An AWS Batch EC2 or Spot compute environment does not require IMDSv2 on its instances.
 *
 * Seed failure: the AWS Batch EC2 compute of 004_5b6328fd8d3c63a0.txt (#17). Compliant: a launch
 * template of the same stack (by reference or by its literal name) with `MetadataOptions.HttpTokens: required`. No launch template means
 * the Batch default, which allows IMDSv1. Launch templates outside the stack are not judged.
 */
export default defineRule({
  name: 'BatchEc2Imdsv2',
  level: ERROR,
  resourceTypes: ['AWS::Batch::ComputeEnvironment'],
  info: 'The AWS Batch EC2 compute environment does not require IMDSv2 (launch template HttpTokens: required).',
  explanation: 'IMDSv1 answers any request from the instance, so an SSRF flaw in a job leaks the instance role credentials. Give the compute environment a launch template with httpTokens required (requireImdsv2).',
  body: (node, props) => {
    const resources = props.ComputeResources;
    if (!resources || isUnknown(resources) || isUnknown(resources.Type)) {
      return NOT_APPLICABLE;
    }
    if (!launchesInstances(resources.Type)) {
      return NOT_APPLICABLE;
    }
    const spec = resources.LaunchTemplate;
    if (spec === undefined) {
      return NON_COMPLIANT;
    }
    // by reference, or by the literal name of a launch template of the stack (CfnLaunchTemplate has no name attribute)
    const template = resolveReference(node, spec.LaunchTemplateId ?? spec.LaunchTemplateName, 'AWS::EC2::LaunchTemplate')
      ?? (spec.LaunchTemplateId === undefined ? stackResourcesOfType(node, 'AWS::EC2::LaunchTemplate')
        .find((t) => pointsAt(spec.LaunchTemplateName, t, [propertiesOf(t)?.LaunchTemplateName])) : undefined);
    if (!template) {
      return NOT_APPLICABLE;
    }
    const tokens = propertiesOf(template)?.LaunchTemplateData?.MetadataOptions?.HttpTokens;
    if (isUnknown(tokens)) {
      return NOT_APPLICABLE;
    }
    return requiresImdsv2(tokens) ? COMPLIANT : NON_COMPLIANT;
  },
});
