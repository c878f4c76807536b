import { App, Stack, StackProps } from 'aws-cdk-lib';
import { NagPack } from 'cdk-nag';
import { IConstruct } from 'constructs';
import { CompliancePack, NagFinding, NagReport } from '../src';

/**
 * The packs every construct test holds the library to: the stock packs and CompliancePack.
 */
export function allPacks(): NagPack[] {
  return [...NagReport.standardPacks(), new CompliancePack()];
}

/** A stack in a fixed account and Region, as users deploy them. */
export function newStack(app: App = new App(), id = 'TestStack', props: StackProps = {}): Stack {
  return new Stack(app, id, { env: { account: '123456789012', region: 'us-east-1' }, ...props });
}

/**
 * Synthesize the app that holds `scope` and return the unacknowledged findings of every pack.
 *
 * Synthesizing first runs aspects and lazy values, so the packs see the tree CloudFormation gets.
 */
export function nagFindings(scope: IConstruct, packs: NagPack[] = allPacks()): NagFinding[] {
  const root = scope.node.root;
  if (root instanceof App) {
    root.synth();
  }
  return NagReport.collect(root, packs).findings;
}

/** Render findings one per line, so that a failing `toEqual([])` shows what was found. */
export function formatFindings(findings: NagFinding[]): string[] {
  return findings.map((f) => `${f.ruleId} ${f.resourcePath}: ${f.description}`);
}
