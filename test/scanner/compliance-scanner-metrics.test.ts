import { Metrics } from '@aws-lambda-powertools/metrics';
import { Template } from 'aws-cdk-lib/assertions';
import { ComplianceScanner } from '../../src';
import { addScoreMetrics } from '../../src/scanner/runtime/outputs';
import { newStack } from '../nag-helper';

/**
 * The alarms and the dashboard must read the metrics the engine really emits: run the engine's
 * own metric code, configured as the handler configures it from the function's environment, and
 * compare the emitted EMF namespace, names and dimension sets with the template.
 */
test('the score alarm and dashboard read the namespace, names and dimensions the engine emits', () => {
  const stack = newStack();
  const scanner = new ComplianceScanner(stack, 'Scanner', { metricNamespace: 'Audit/Scanner' });
  const template = Template.fromStack(stack);
  const env = Object.values(template.findResources('AWS::Lambda::Function'))[0].Properties.Environment.Variables;

  const lines: string[] = [];
  const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: any) => {
    lines.push(String(chunk));
    return true;
  });
  const log = jest.spyOn(console, 'log').mockImplementation((...args: any[]) => {
    lines.push(args.map(String).join(' '));
  });
  try {
    // As in scanner.lambda.ts.
    const metrics = new Metrics({ namespace: env.POWERTOOLS_METRICS_NAMESPACE ?? 'ComplianceScanner', serviceName: 'compliance-scanner' });
    addScoreMetrics(metrics, {
      score: { overall: 70, partial: false, byCategory: { s3: { score: 50 } } },
      findings: [],
      errors: [],
      status: 'COMPLETE',
      summary: { findingsBySeverity: { CRITICAL: 2 } },
    } as any);
    metrics.publishStoredMetrics();
  } finally {
    write.mockRestore();
    log.mockRestore();
  }
  const emitted = lines.flatMap((l) => l.split('\n')).filter((l) => l.includes('_aws')).map((l) => JSON.parse(l));
  const emf = new Map<string, { namespace: string; dimensions: Record<string, string> }>();
  for (const doc of emitted) {
    for (const directive of doc._aws.CloudWatchMetrics) {
      const dims = Object.fromEntries(directive.Dimensions[0].map((d: string) => [d, doc[d]]));
      for (const m of directive.Metrics) emf.set(m.Name, { namespace: directive.Namespace, dimensions: dims });
    }
  }
  const asEmitted = (metric: { namespace: string; metricName: string; dimensions?: Record<string, any> }) =>
    ({ namespace: metric.namespace, dimensions: metric.dimensions });
  expect(emf.get('ComplianceScore')).toEqual(asEmitted(scanner.metricScore()));
  expect(emf.get('CategoryScore')).toEqual(asEmitted(scanner.metricCategoryScore('s3')));
  expect(emf.get('FindingsBySeverity')).toEqual(asEmitted(scanner.metricFindings('CRITICAL')));
  template.hasResourceProperties('AWS::CloudWatch::Alarm', {
    Namespace: emf.get('ComplianceScore')!.namespace,
    MetricName: 'ComplianceScore',
    Dimensions: Object.entries(emf.get('ComplianceScore')!.dimensions).map(([Name, Value]) => ({ Name, Value })),
  });
});
