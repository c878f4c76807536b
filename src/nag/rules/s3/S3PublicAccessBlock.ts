import { isTrue, isUnknown } from '../../../policy/template-values';
import { COMPLIANT, defineRule, ERROR, NON_COMPLIANT, NOT_APPLICABLE } from '../../private/rule';

const FLAGS = ['BlockPublicAcls', 'BlockPublicPolicy', 'IgnorePublicAcls', 'RestrictPublicBuckets'];

/**
 * An S3 bucket does not set all four public-access blocks to true.
 *
 * Seed failures: 000_8539daffd67ca827.txt #1, 004_5b6328fd8d3c63a0.txt #4 (in the S3 group). A flag
 * that is missing or false is a finding; when every flag is either true or a token, the bucket is not
 * judged.
 */
export default defineRule({
  name: 'S3PublicAccessBlock',
  level: ERROR,
  resourceTypes: ['AWS::S3::Bucket'],
  info: 'The S3 bucket does not block public access with all four public-access block settings.',
  explanation: 'Without an explicit block, one ACL or bucket policy change can expose the data. Set blockPublicAccess: BlockPublicAccess.BLOCK_ALL.',
  body: (_node, props) => {
    const config = props.PublicAccessBlockConfiguration;
    if (isUnknown(config)) {
      return NOT_APPLICABLE;
    }
    let unknown = false;
    for (const flag of FLAGS) {
      const value = config?.[flag];
      if (isUnknown(value)) {
        unknown = true;
      } else if (!isTrue(value)) {
        return NON_COMPLIANT;
      }
    }
    return unknown ? NOT_APPLICABLE : COMPLIANT;
  },
});
