import { propertiesOf } from '../../private/context';
import { COMPLIANT, defineRule, ERROR, NON_COMPLIANT, NOT_APPLICABLE } from '../../private/rule';
import { isUnknown } from '../../private/values';
import { resolveReference } from '../shared';

/**
 * An AWS Batch EC2 or Spot compute environment does not require IMDSv2 on its instances.
 *
 * Seed failure: the AWS Batch EC2 compute of 004_5b6328fd8d3c63a0.txt (#17). Compliant: a launch
 * template of the same stack with `MetadataOptions.HttpTokens: required`. No launch template means
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
    if (resources.Type !== 'EC2' && resources.Type !== 'SPOT') {
      return NOT_APPLICABLE;
    }
    const spec = resources.LaunchTemplate;
    if (spec === undefined) {
      return NON_COMPLIANT;
    }
    const template = resolveReference(node, spec.LaunchTemplateId ?? spec.LaunchTemplateName, 'AWS::EC2::LaunchTemplate');
    if (!template) {
      return NOT_APPLICABLE;
    }
    const tokens = propertiesOf(template)?.LaunchTemplateData?.MetadataOptions?.HttpTokens;
    if (isUnknown(tokens)) {
      return NOT_APPLICABLE;
    }
    return tokens === 'required' ? COMPLIANT : NON_COMPLIANT;
  },
});
