import { App, Stack } from 'aws-cdk-lib';
import { PermissionGate } from './gate';
import { ACCOUNT, REGION, ResolvedTemplate } from './template';
import { fakeEnv, withEnv } from '../scanner/fake-aws/fixtures';
import { FakeAccountState } from '../scanner/fake-aws/model';
import { FakeAws } from '../scanner/fake-aws/server';

/** A stack in the fixed account and Region the template is resolved in. */
export function fixedStack(): { app: App; stack: Stack } {
  const app = new App();
  return { app, stack: new Stack(app, 'TestStack', { env: { account: ACCOUNT, region: REGION } }) };
}

/** The template of a stack, resolved in the fixed account and Region. */
export function resolvedTemplate(app: App, stack: Stack): ResolvedTemplate {
  return new ResolvedTemplate(app.synth().getStackByName(stack.stackName).template);
}

/**
 * Runs `invoke` as the function `functionLogicalId` of the template runs in Lambda: with its
 * environment, against the fake AWS, every call evaluated against its role's permissions.
 */
export async function runAsFunction<T>(
  template: ResolvedTemplate,
  functionLogicalId: string,
  fake: FakeAws,
  invoke: () => Promise<T>,
  extraEnv: Record<string, string> = {},
): Promise<{ result?: T; error?: unknown; gate: PermissionGate }> {
  const fn = template.functionPermissions(functionLogicalId);
  const gate = new PermissionGate(template, fn, () => fake.state);
  fake.options.authorize = gate.authorize;
  const env = {
    ...fakeEnv(fake.url),
    ...fn.environment,
    AWS_REGION: REGION,
    AWS_LAMBDA_FUNCTION_NAME: fn.functionName,
    ...extraEnv,
  };
  try {
    const result = await withEnv(env, invoke);
    return { result, gate };
  } catch (error) {
    return { error, gate };
  } finally {
    fake.options.authorize = undefined;
  }
}

/** The logical id of the one resource of a type whose logical id starts with `prefix`. */
export function logicalIdOf(template: ResolvedTemplate, type: string, prefix: string): string {
  const ids = template.ofType(type).filter((id) => id.startsWith(prefix));
  if (ids.length !== 1) throw new Error(`expected one ${type} starting with ${prefix}, found ${ids.join(', ') || 'none'}`);
  return ids[0];
}

export async function startFake(state: FakeAccountState): Promise<FakeAws> {
  const fake = new FakeAws(state);
  await fake.start();
  return fake;
}
