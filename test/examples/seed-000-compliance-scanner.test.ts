/**
 * Checklist of seed review 000_8539daffd67ca827 (a compliance scanner) against the reference app
 * examples/compliance-scanner: every numbered failure of the review is an assertion on the
 * synthesized template, or on the scanner engine bundled into it (the function's asset in the cloud
 * assembly) together with the engine test that exercises the behaviour.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ChecklistItem, expectCheckToCatch, expectCode, functionCode, logicalIdOf, refTarget, REPO_ROOT, resourcesOf, seedChecklist, statementsOf, SynthesizedApp, synthesized, testNamesIn } from './checklist';

const SEED = '000_8539daffd67ca827';

const scanFunctionId = (app: SynthesizedApp) => logicalIdOf(app.template, 'AWS::Lambda::Function', /^ScannerFunction/);
const scanFunction = (app: SynthesizedApp) => app.template.Resources[scanFunctionId(app)].Properties;
const engine = (app: SynthesizedApp) => functionCode(app, scanFunctionId(app));
/** The engine's collector for an API pages through it with the SDK's own paginator (`clients.paginate({ api }, paginateX, ...)`). */
const paginated = (api: string) => new RegExp(`api: "${api}" \\},\\s*import_client_\\w+\\.paginate${api}\\b`);
/** The engine test that exercises a behaviour exists (it runs in this same jest suite). */
const expectEngineTest = (file: string, name: string) => expect(testNamesIn(file)).toContain(name);

const CHECKLIST: Record<number, ChecklistItem> = {
  1: {
    title: 'every bucket, the report bucket first, blocks all public access',
    check: (app) => {
      const buckets = resourcesOf(app.template, 'AWS::S3::Bucket');
      const reportBucket = refTarget(app.template.Outputs!.ReportBucketName.Value)!;
      expect(Object.keys(buckets)).toContain(reportBucket);
      for (const bucket of Object.values(buckets)) {
        expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
          BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true,
        });
      }
    },
  },
  2: {
    title: 'the function logs to its own log group by reference, never to a literal /aws/lambda name',
    check: (app) => {
      const logGroupId = refTarget(scanFunction(app).LoggingConfig.LogGroup);
      expect(app.template.Resources[logGroupId!].Type).toBe('AWS::Logs::LogGroup');
      for (const group of Object.values(resourcesOf(app.template, 'AWS::Logs::LogGroup'))) {
        expect(JSON.stringify(group.Properties.LogGroupName ?? '')).not.toMatch(/\/aws\/lambda\//);
      }
    },
  },
  3: {
    title: 'every resource a user tracks is named by an output, and the rule, role and policies say what they are for',
    check: (app) => {
      // Physical names are left to CloudFormation unless `namePrefix` is given (fixed names block
      // replacements); what a user looks up is exported, pointing at the resource itself.
      const expected: Record<string, string> = {
        ReportBucketName: 'AWS::S3::Bucket',
        FindingsTableName: 'AWS::DynamoDB::Table',
        ScanFunctionName: 'AWS::Lambda::Function',
        AlertTopicArn: 'AWS::SNS::Topic',
        DashboardName: 'AWS::CloudWatch::Dashboard',
      };
      for (const [output, type] of Object.entries(expected)) {
        expect(app.template.Resources[refTarget(app.template.Outputs![output]?.Value)!]?.Type).toBe(type);
      }
      for (const type of ['AWS::Events::Rule', 'AWS::IAM::Role', 'AWS::IAM::ManagedPolicy', 'AWS::Lambda::Function']) {
        for (const r of Object.values(resourcesOf(app.template, type))) {
          expect(r.Properties.Description).toMatch(/compliance (scanner|checks)/i);
        }
      }
    },
  },
  4: {
    title: 'security groups are read with the SDK paginator',
    check: (app) => {
      expectCode(engine(app), paginated('DescribeSecurityGroups'));
      expectEngineTest('test/scanner/resilience.fake.test.ts', '2,500 security groups: every one evaluated exactly once');
    },
  },
  5: {
    title: 'AWS calls retry with backoff (standard retry mode, several attempts)',
    check: (app) => {
      const code = engine(app);
      expectCode(code, /maxAttempts: options\.maxAttempts \?\? 5/);
      expectCode(code, /retryMode: options\.retryMode \?\? "standard"/);
      expectEngineTest('test/scanner/resilience.fake.test.ts', 'throttled calls are retried to completion and counted');
      expectEngineTest('test/scanner/resilience.fake.test.ts', '5xx responses are retried and the scan completes');
    },
  },
  6: {
    title: 'reports count the resources evaluated (schema-required), for each check and service',
    check: (app) => {
      const schema = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'src/scanner/runtime/report.schema.json'), 'utf8'));
      expect(schema.properties.summary.required).toContain('resourcesEvaluated');
      expectCode(engine(app), /resourcesEvaluated/);
      expectEngineTest('test/scanner/engine.fake.test.ts', 'fixture account yields exactly the expected findings in a COMPLETE, schema-valid report');
    },
  },
  7: {
    title: 'findings are written in batches: the role may BatchWriteItem on the findings table, nothing item by item',
    check: (app) => {
      const table = refTarget(app.template.Outputs!.FindingsTableName.Value)!;
      const dynamoActions = Object.values(resourcesOf(app.template, 'AWS::IAM::ManagedPolicy'))
        .flatMap((p) => statementsOf(p.Properties.PolicyDocument))
        .filter((s) => s.Resource.some((r) => refTarget(r) === table))
        .flatMap((s) => s.Action);
      expect(dynamoActions).toEqual(['dynamodb:BatchWriteItem']);
      expectEngineTest('test/scanner/outputs.fake.test.ts', 'BatchWriteItem in chunks of 25, UnprocessedItems retried until none remain, each finding written once');
    },
  },
  8: {
    title: 'EC2, EBS, VPC, IAM (and S3, KMS, Lambda) inventories are read with the SDK paginators',
    check: (app) => {
      const code = engine(app);
      for (const api of ['DescribeNetworkAcls', 'DescribeSnapshots', 'DescribeVolumes', 'DescribeVpcs', 'DescribeFlowLogs',
        'GetAccountAuthorizationDetails', 'ListBuckets', 'ListKeys', 'ListFunctions']) {
        expectCode(code, paginated(api));
      }
    },
  },
  9: {
    title: 'the environment the engine requires is set, from the stack\'s own resources, and checked at handler start',
    check: (app) => {
      const env = scanFunction(app).Environment.Variables;
      for (const name of ['REPORT_BUCKET', 'FINDINGS_TABLE', 'ALERT_TOPIC_ARN', 'REPORT_KMS_KEY_ID']) {
        expect(app.template.Resources[refTarget(env[name])!]).toBeDefined();
      }
      expect(env.SCORE_THRESHOLD).toBe('85');
      expect(env.SCAN_REGIONS).toBe('us-east-1,eu-west-1');
      expectEngineTest('test/scanner/input.test.ts', 'the handler fails fast on a bad environment before any AWS call');
      expectEngineTest('test/scanner/input.test.ts', 'every missing variable is named at once');
    },
  },
  10: {
    title: 'calls time out (connection and request timeouts, a deadline under the function timeout)',
    check: (app) => {
      const fn = scanFunction(app);
      expect(fn.Timeout).toBe(600);
      expect(Number(fn.Environment.Variables.OUTPUT_RESERVE_MS)).toBeGreaterThan(0);
      const code = engine(app);
      expectCode(code, /connectionTimeoutMs: options\.connectionTimeoutMs \?\? \d+/);
      expectCode(code, /requestTimeoutMs: options\.requestTimeoutMs \?\? \d+/);
      expectCode(code, /getRemainingTimeInMillis/);
      expectEngineTest('test/scanner/resilience.fake.test.ts', 'the overall deadline writes a PARTIAL report instead of waiting on a hung call');
    },
  },
  11: {
    title: 'scans run in parallel with a configured concurrency limit',
    check: (app) => {
      expect(scanFunction(app).Environment.Variables.SCAN_CONCURRENCY).toBe('8');
      expect(fs.readFileSync(path.join(REPO_ROOT, 'src/scanner/runtime/limiter.ts'), 'utf8')).toMatch(/export class Limiter/);
      expectEngineTest('test/scanner/resilience.unit.test.ts', 'invalid limit is refused by name');
    },
  },
  12: {
    title: 'scores per service category: in the report, as metrics and on the dashboard',
    check: (app) => {
      expectCode(engine(app), /byCategory/);
      const dashboard = Object.values(resourcesOf(app.template, 'AWS::CloudWatch::Dashboard'))[0];
      expect(JSON.stringify(dashboard.Properties.DashboardBody)).toMatch(/Score per category/);
      expectEngineTest('test/scanner/scoring.test.ts', 'per category and per severity');
    },
  },
  13: {
    title: 'summary statistics (checks run, resources evaluated, passed, failed) are required in every report',
    check: () => {
      const schema = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'src/scanner/runtime/report.schema.json'), 'utf8'));
      expect(schema.properties.summary.required).toEqual(expect.arrayContaining(['checksRun', 'resourcesEvaluated', 'passed', 'failed', 'findingsBySeverity']));
      expectEngineTest('test/scanner/scoring.test.ts', 'a complete scan is not partial and documents its formula');
    },
  },
  14: {
    title: 'the handler validates its event; the schedule sends a valid one',
    check: (app) => {
      const rule = Object.values(resourcesOf(app.template, 'AWS::Events::Rule'))[0];
      expect(JSON.parse(rule.Properties.Targets[0].Input)).toEqual({ dryRun: false });
      expectCode(engine(app), /parseEvent/);
      for (const name of ['bad region is named', 'unknown check id is named with the known ones', 'dryRun not boolean is named']) {
        expectEngineTest('test/scanner/input.test.ts', name);
      }
    },
  },
  15: {
    title: 'errors carry their context (service, region, API, resource) in structured logs and the report',
    check: (app) => {
      expect(scanFunction(app).LoggingConfig.LogFormat).toBe('JSON');
      const schema = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'src/scanner/runtime/report.schema.json'), 'utf8'));
      expect(schema.properties.errors.items.required).toEqual(expect.arrayContaining(['service', 'region', 'api', 'code', 'message']));
      expect(Object.keys(schema.properties.errors.items.properties)).toContain('resource');
      expectEngineTest('test/scanner/engine.fake.test.ts', 'an AccessDenied on one bucket marks only that bucket ERROR and the report PARTIAL');
    },
  },
  16: {
    title: 'a circuit breaker per service stops calling an API that keeps failing',
    check: (app) => {
      expectCode(engine(app), /CircuitBreaker/);
      expectEngineTest('test/scanner/resilience.fake.test.ts', 'a hanging service opens its breaker; the scan ends PARTIAL before its deadline and every other service completes');
    },
  },
  17: {
    title: 'substitute for "no unit tests": the scanner construct, engine and every check family have unit tests',
    check: () => {
      for (const file of ['test/scanner/compliance-scanner.test.ts', 'test/scanner/scoring.test.ts', 'test/scanner/input.test.ts',
        'test/scanner/resilience.unit.test.ts', 'test/scanner/checks/ec2.test.ts', 'test/scanner/checks/iam.test.ts', 'test/scanner/checks/s3.test.ts',
        'test/scanner/checks/other.test.ts']) {
        expect({ file, tests: testNamesIn(file).length > 2 }).toEqual({ file, tests: true });
      }
    },
  },
  18: {
    title: 'substitute for "no integration tests": the engine runs end to end against moto and against a fake AWS endpoint',
    check: () => {
      expectEngineTest('test/scanner/moto.integration.test.ts', 'fixture account yields exactly the expected findings');
      expectEngineTest('test/scanner/outputs.fake.test.ts', 'scans, writes the report to S3 under KMS, findings to DynamoDB, EMF metrics and an SNS alert');
    },
  },
};

seedChecklist(SEED, 'compliance-scanner', CHECKLIST, {});

describe('the checks catch the seed\'s failures when they are put back', () => {
  const app = () => synthesized('compliance-scanner', 'typescript');
  test('#1 a bucket without Block Public Access', () => {
    expectCheckToCatch(CHECKLIST[1], app(), (t) => {
      delete Object.values(resourcesOf(t, 'AWS::S3::Bucket'))[0].Properties.PublicAccessBlockConfiguration;
    });
  });
  test('#2 a literal /aws/lambda log group name', () => {
    expectCheckToCatch(CHECKLIST[2], app(), (t) => {
      Object.values(resourcesOf(t, 'AWS::Logs::LogGroup'))[0].Properties.LogGroupName = '/aws/lambda/compliance-scanner-dev';
    });
  });
  test('#7 findings written item by item', () => {
    expectCheckToCatch(CHECKLIST[7], app(), (t) => {
      const policy = Object.values(resourcesOf(t, 'AWS::IAM::ManagedPolicy')).find((p) => JSON.stringify(p).includes('dynamodb:BatchWriteItem'))!;
      policy.Properties.PolicyDocument.Statement.find((st: any) => st.Action === 'dynamodb:BatchWriteItem').Action = ['dynamodb:BatchWriteItem', 'dynamodb:PutItem'];
    });
  });
});
