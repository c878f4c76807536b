/** The synth-time data-path model of an app: which resource builds which paths, and the paths by the resource that wires them. */
import { CfnResource } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { DataPath, PathBuilder } from './builder';
import { batchExecutionRole, computeEnvironment, ecsExecutionRole, instanceProfile, jobDefinition, stateMachine, stateMachineTasks } from './compute-paths';
import { accessLogging, configRecorder, deliveryChannel, flowLog, logGroupKey, trail } from './delivery-paths';
import { alarm, eventsRule, invokeConfig, lambdaFunction, schedule } from './event-paths';
import { describeDecision, PathFamily } from '../../controls/judgement/data-paths';

export type { DataPath, PathFamily };

/** The finding text for a denied or unknown path. */
export function describePath(path: DataPath): string {
  return describeDecision(path);
}

/** Which resource type wires which paths, in the order the model builds them. */
const FAMILIES: Array<[string, (b: PathBuilder, r: CfnResource) => void]> = [
  ['AWS::Events::Rule', eventsRule],
  ['AWS::CloudWatch::Alarm', alarm],
  ['AWS::Logs::LogGroup', logGroupKey],
  ['AWS::Lambda::Function', lambdaFunction],
  ['AWS::Lambda::EventInvokeConfig', invokeConfig],
  ['AWS::StepFunctions::StateMachine', stateMachine],
  ['AWS::Scheduler::Schedule', schedule],
  ['AWS::Batch::JobDefinition', jobDefinition],
  ['AWS::Batch::JobDefinition', batchExecutionRole],
  ['AWS::ECS::TaskDefinition', ecsExecutionRole],
  ['AWS::StepFunctions::StateMachine', stateMachineTasks],
  ['AWS::Batch::ComputeEnvironment', computeEnvironment],
  ['AWS::IAM::InstanceProfile', instanceProfile],
  ['AWS::CloudTrail::Trail', trail],
  ['AWS::EC2::FlowLog', flowLog],
  ['AWS::S3::Bucket', accessLogging],
  ['AWS::Config::ConfigurationRecorder', configRecorder],
  ['AWS::Config::DeliveryChannel', deliveryChannel],
];

/** Every data path of the app, indexed by the resource that wires it. */
export class PathModel {
  /** The model of every CfnResource under `root` (call inside the validation run's index, `withIndex`). */
  public static ofTree(root: IConstruct): PathModel {
    const resources: CfnResource[] = [];
    const visit = (node: IConstruct): void => {
      if (CfnResource.isCfnResource(node)) {
        resources.push(node);
      }
      node.node.children.forEach(visit);
    };
    visit(root);
    return new PathModel(resources);
  }

  public readonly paths: DataPath[];
  private readonly builder: PathBuilder;

  constructor(resources: CfnResource[]) {
    const b = new PathBuilder(resources);
    this.builder = b;
    this.paths = b.paths;
    for (const [type, build] of FAMILIES) {
      for (const r of b.docs.ofType(type)) {
        try {
          build(b, r);
        } catch (e) {
          b.add({ family: 'events-target', judged: r, source: b.docs.label(r), target: '?', action: '?', findingId: 'Model::error', result: { decision: 'unknown', reason: `the path model could not read it (${(e as Error).message})` } });
        }
      }
    }
  }

  public pathsOf(node: CfnResource, family?: PathFamily): DataPath[] {
    const list = this.builder.byJudged.get(node) ?? [];
    return family ? list.filter((p) => p.family === family) : list;
  }
}
