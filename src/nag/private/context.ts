import { CfnResource, Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * What the rules know about the app during one validation run: every CfnResource, grouped by
 * stack and type, and each resource's resolved CloudFormation properties.
 *
 * Built once per run (the pack opens and closes the run around `validateScope`), so a rule that
 * looks at sibling resources costs a map lookup instead of a walk of the tree. Outside a run (a
 * rule called on its own, as the tests do) the index is built for each call, which is correct and
 * merely slower.
 */
class AppIndex {
  private readonly stacks = new Map<Stack, StackIndex>();
  private readonly byType = new Map<string, CfnResource[]>();
  private readonly properties = new Map<CfnResource, any>();

  constructor(root: IConstruct) {
    const visit = (node: IConstruct, stack: Stack | undefined): void => {
      const here = Stack.isStack(node) ? node : stack;
      if (here && CfnResource.isCfnResource(node)) {
        let index = this.stacks.get(here);
        if (!index) {
          index = new StackIndex(here);
          this.stacks.set(here, index);
        }
        index.add(node);
        push(this.byType, node.cfnResourceType, node);
      }
      for (const child of node.node.children) {
        visit(child, here);
      }
    };
    visit(root, undefined);
  }

  public stack(stack: Stack): StackIndex {
    return this.stacks.get(stack) ?? new StackIndex(stack);
  }

  public ofType(type: string): CfnResource[] {
    return this.byType.get(type) ?? [];
  }

  public propertiesOf(node: CfnResource): any {
    if (!this.properties.has(node)) {
      this.properties.set(node, renderProperties(node));
    }
    return this.properties.get(node);
  }
}

/** The CfnResources of one stack, by type and by logical id. */
class StackIndex {
  private readonly byType = new Map<string, CfnResource[]>();
  private byLogicalId?: Map<string, CfnResource>;
  private readonly all: CfnResource[] = [];

  constructor(private readonly stack: Stack) {}

  public add(node: CfnResource): void {
    this.all.push(node);
    push(this.byType, node.cfnResourceType, node);
  }

  public ofType(type: string): CfnResource[] {
    return this.byType.get(type) ?? [];
  }

  public byId(logicalId: string): CfnResource | undefined {
    if (!this.byLogicalId) {
      this.byLogicalId = new Map();
      for (const r of this.all) {
        const id = this.stack.resolve(r.logicalId);
        if (typeof id === 'string') {
          this.byLogicalId.set(id, r);
        }
      }
    }
    return this.byLogicalId.get(logicalId);
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) {
    list.push(value);
  } else {
    map.set(key, [value]);
  }
}

/** The resource's `Properties` as CloudFormation gets them (overrides included), resolved; `undefined` if they cannot be rendered. */
function renderProperties(node: CfnResource): any {
  try {
    const rendered: any = Stack.of(node).resolve((node as any)._toCloudFormation());
    const resources = rendered?.Resources ?? {};
    const first = Object.values(resources)[0] as any;
    return first ? (first.Properties ?? {}) : undefined;
  } catch {
    return undefined;
  }
}

const runs = new Map<IConstruct, AppIndex>();
let depth = 0;

/** Run `fn` with the index of every app it touches cached for its duration. */
export function withIndex<T>(fn: () => T): T {
  depth++;
  try {
    return fn();
  } finally {
    depth--;
    if (depth === 0) {
      runs.clear();
    }
  }
}

function indexOf(node: IConstruct): AppIndex {
  const root = node.node.root;
  if (depth === 0) {
    return new AppIndex(root);
  }
  let index = runs.get(root);
  if (!index) {
    index = new AppIndex(root);
    runs.set(root, index);
  }
  return index;
}

/** Resolved CloudFormation properties of `node`, or `undefined` when they cannot be rendered. */
export function propertiesOf(node: CfnResource): any {
  if (depth === 0) {
    return renderProperties(node);
  }
  return indexOf(node).propertiesOf(node);
}

/** CfnResources of `type` in the stack of `node`. */
export function stackResourcesOfType(node: CfnResource, type: string): CfnResource[] {
  return indexOf(node).stack(Stack.of(node)).ofType(type);
}

/** The resource with this logical id in the stack of `node`, if there is one. */
export function stackResourceById(node: CfnResource, logicalId: string): CfnResource | undefined {
  return indexOf(node).stack(Stack.of(node)).byId(logicalId);
}

/** CfnResources of `type` anywhere in the app that holds `node`. */
export function appResourcesOfType(node: CfnResource, type: string): CfnResource[] {
  return indexOf(node).ofType(type);
}

/** The logical id of `node` in its stack. */
export function logicalIdOf(node: CfnResource): string {
  return Stack.of(node).resolve(node.logicalId);
}
