import { CfnResource, Stack, Token } from 'aws-cdk-lib';
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
  private readonly logicalIds = new Map<CfnResource, string>();
  private readonly memo = new Map<string, any>();
  public readonly all: CfnResource[] = [];

  constructor(root: IConstruct) {
    const visit = (node: IConstruct, stack: Stack | undefined): void => {
      const here = Stack.isStack(node) ? node : stack;
      if (here && CfnResource.isCfnResource(node)) {
        let index = this.stacks.get(here);
        if (!index) {
          index = new StackIndex(here, this);
          this.stacks.set(here, index);
        }
        index.add(node);
        push(this.byType, node.cfnResourceType, node);
        this.all.push(node);
      }
      for (const child of node.node.children) {
        visit(child, here);
      }
    };
    visit(root, undefined);
  }

  public stack(stack: Stack): StackIndex {
    return this.stacks.get(stack) ?? new StackIndex(stack, this);
  }

  public ofType(type: string): CfnResource[] {
    return this.byType.get(type) ?? [];
  }

  public propertiesOf(node: CfnResource): any {
    if (!this.properties.has(node)) {
      this.properties.set(node, lazyProperties(node));
    }
    return this.properties.get(node);
  }

  /** A value derived from the whole app, built once per index. */
  public memoized<T>(key: string, build: (resources: CfnResource[]) => T): T {
    if (!this.memo.has(key)) {
      this.memo.set(key, build(this.all));
    }
    return this.memo.get(key);
  }

  public logicalIdOf(node: CfnResource): string {
    let id = this.logicalIds.get(node);
    if (id === undefined) {
      id = Stack.of(node).resolve(node.logicalId) as string;
      this.logicalIds.set(node, id);
    }
    return id;
  }
}

/** The CfnResources of one stack, by type and by logical id. */
class StackIndex {
  private readonly byType = new Map<string, CfnResource[]>();
  private readonly byTypeAndId = new Map<string, Map<string, CfnResource>>();

  constructor(private readonly stack: Stack, private readonly app?: AppIndex) {}

  public add(node: CfnResource): void {
    push(this.byType, node.cfnResourceType, node);
  }

  public ofType(type: string): CfnResource[] {
    return this.byType.get(type) ?? [];
  }

  /** The resource of `type` with this logical id; only logical ids of that type are resolved. */
  public byId(type: string, logicalId: string): CfnResource | undefined {
    let ids = this.byTypeAndId.get(type);
    if (!ids) {
      ids = new Map();
      for (const r of this.ofType(type)) {
        const id = this.app ? this.app.logicalIdOf(r) : this.stack.resolve(r.logicalId);
        if (typeof id === 'string') {
          ids.set(id, r);
        }
      }
      this.byTypeAndId.set(type, ids);
    }
    return ids.get(logicalId);
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

/**
 * The resource's properties as an object that resolves each top-level property on first read.
 *
 * Rules read a few properties of each resource; resolving a whole resource (its code, tags,
 * environment...) costs most of a validation run. Each property is resolved the way
 * `CfnResource._toCloudFormation` does it (resolve the L1 value, render it to CloudFormation names,
 * apply raw overrides), so the result equals the rendered template. Resources that do not
 * map property names (plain `CfnResource`) or cannot be read this way are rendered whole.
 */
function lazyProperties(node: CfnResource): any {
  const anyNode = node as any;
  const names: Record<string, string> | undefined = anyNode.cfnPropertyNames;
  if (!names || Object.keys(names).length === 0 || typeof anyNode.renderProperties !== 'function') {
    return renderProperties(node);
  }
  try {
    if (typeof anyNode.shouldSynthesize === 'function' && !anyNode.shouldSynthesize()) {
      return undefined;
    }
  } catch {
    return undefined;
  }
  const camelOf = new Map(Object.entries(names).map(([camel, pascal]) => [pascal, camel]));
  // The L1 renderer validates and maps every property; the others are given as an intrinsic, which
  // it passes through unchecked, so that only the property being read is resolved and mapped.
  const placeholders = Object.fromEntries(Object.keys(names).map((camel) => [camel, PLACEHOLDER]));
  let raw: any;
  const cache = new Map<string, any>();
  const stack = Stack.of(node);
  const read = (key: string): any => {
    const camel = camelOf.get(key);
    const override = anyNode.rawOverrides?.Properties;
    const hasOverride = override && typeof override === 'object' && key in override;
    if (camel === undefined && !hasOverride) {
      return undefined;
    }
    let value: any;
    if (camel !== undefined) {
      raw ??= anyNode.cfnProperties ?? {};
      const resolved = stack.resolve(raw[camel]);
      if (resolved !== undefined) {
        value = anyNode.renderProperties({ ...placeholders, [camel]: resolved })?.[key];
      }
    }
    if (hasOverride) {
      value = mergeOverride(value, stack.resolve(override[key]));
    }
    return value;
  };
  return new Proxy({}, {
    get(_target, key) {
      if (typeof key !== 'string') {
        return undefined;
      }
      if (!cache.has(key)) {
        let value: any;
        try {
          value = read(key);
        } catch (e) {
          // A property that cannot be resolved here is unknown to the rules, as a deploy-time value is.
          value = { 'Fn::Unresolvable': String((e as Error)?.message ?? e) };
        }
        cache.set(key, value);
      }
      return cache.get(key);
    },
  });
}

const PLACEHOLDER = Object.freeze({ Ref: 'CompliancePackPlaceholder' });

const INTRINSICS = new Set(['Ref', 'Fn::Base64', 'Fn::Cidr', 'Fn::FindInMap', 'Fn::GetAtt', 'Fn::GetAZs', 'Fn::ImportValue',
  'Fn::Join', 'Fn::Select', 'Fn::Split', 'Fn::Sub', 'Fn::Transform', 'Fn::And', 'Fn::Equals', 'Fn::If', 'Fn::Not', 'Fn::Or']);

/** Apply a resolved raw override to one property value, as `CfnResource._toCloudFormation` does. */
function mergeOverride(target: any, override: any): any {
  const container: any = { value: target === undefined ? undefined : JSON.parse(JSON.stringify(target)) };
  deepMerge(container, { value: override });
  return container.value;
}

/** aws-cdk-lib's deep merge (core/lib/private/deep-merge), which is not exported. */
function deepMerge(target: any, source: any): void {
  for (const key of Object.keys(source)) {
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') {
      continue;
    }
    const value = source[key];
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      if (typeof target[key] !== 'object' || target[key] === null) {
        target[key] = {};
      } else if (isIntrinsic(target[key])) {
        target[key] = {};
      }
      if (isIntrinsic(value)) {
        target[key] = {};
      }
      deepMerge(target[key], value);
      if (typeof target[key] === 'object' && Object.keys(target[key]).length === 0) {
        delete target[key];
      }
    } else if (value === undefined) {
      delete target[key];
    } else {
      target[key] = value;
    }
  }
}

function isIntrinsic(x: any): boolean {
  const keys = Object.keys(x);
  return keys.length === 1 && INTRINSICS.has(keys[0]);
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

let current: { readonly root: IConstruct; index?: AppIndex } | undefined;

/**
 * Run `fn` (a validation run over the tree of `root`) with the app index cached for its duration.
 * Rules evaluated inside see only resources of that tree.
 */
export function withIndex<T>(root: IConstruct, fn: () => T): T {
  const outer = current;
  current = { root };
  try {
    return fn();
  } finally {
    current = outer;
  }
}

function indexOf(node: IConstruct): AppIndex {
  if (!current) {
    return new AppIndex(node.node.root);
  }
  current.index ??= new AppIndex(current.root);
  return current.index;
}

/** Resolved CloudFormation properties of `node`, or `undefined` when they cannot be rendered. */
export function propertiesOf(node: CfnResource): any {
  if (!current) {
    return lazyProperties(node);
  }
  return indexOf(node).propertiesOf(node);
}

/** The resolved properties of `node`, rendered all at once (the reference `lazyProperties` must agree with). */
export function renderedProperties(node: CfnResource): any {
  return renderProperties(node);
}

/** CfnResources of `type` in the stack of `node`. */
export function stackResourcesOfType(node: CfnResource, type: string): CfnResource[] {
  return indexOf(node).stack(Stack.of(node)).ofType(type);
}

/** The resource of `type` with this logical id in the stack of `node`, if there is one. */
export function stackResourceById(node: CfnResource, type: string, logicalId: string): CfnResource | undefined {
  return indexOf(node).stack(Stack.of(node)).byId(type, logicalId);
}

/**
 * CfnResources of `type` anywhere in the app that holds `node`, in the same account and Region
 * (Config recorders, GuardDuty detectors and EventBridge rules are Regional). A stack whose account
 * or Region is only known at deploy time matches any.
 */
export function appResourcesOfType(node: CfnResource, type: string): CfnResource[] {
  const here = Stack.of(node);
  return indexOf(node).ofType(type).filter((r) => sameEnvironment(here, Stack.of(r)));
}

function sameEnvironment(a: Stack, b: Stack): boolean {
  const same = (x: string, y: string) => Token.isUnresolved(x) || Token.isUnresolved(y) || x === y;
  return same(a.account, b.account) && same(a.region, b.region);
}

/** The logical id of `node` in its stack. */
export function logicalIdOf(node: CfnResource): string {
  return indexOf(node).logicalIdOf(node);
}

/**
 * A value derived from every CfnResource of the app that holds `node` (such as the model of its
 * data paths), built once per validation run. Outside a run it is built for each call.
 */
export function appMemo<T>(node: CfnResource, key: string, build: (resources: CfnResource[]) => T): T {
  return indexOf(node).memoized(key, build);
}
