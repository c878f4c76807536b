import { Stack } from 'aws-cdk-lib';
import { requireFargateSize } from '../../src/batch-pipeline/fargate-sizes';

describe('Fargate task sizes', () => {
  const scope = new Stack();

  test.each([
    [0.25, 512], [0.25, 2048],
    [0.5, 1024], [0.5, 4096],
    [1, 2048], [1, 5120], [1, 8192],
    [2, 4096], [2, 16384],
    [4, 8192], [4, 30720],
    [8, 16384], [8, 20480], [8, 61440],
    [16, 32768], [16, 40960], [16, 122880],
  ])('%d vCPU with %d MiB is accepted', (cpu, memory) => {
    expect(() => requireFargateSize(scope, cpu, memory)).not.toThrow();
  });

  test.each([
    [0.25, 1536, 'Allowed on Fargate with 0.25 vCPU: 512 MiB, 1024 MiB, 2048 MiB.'],
    [0.5, 512, 'Allowed on Fargate with 0.5 vCPU: 1024 to 4096 MiB in steps of 1024 MiB.'],
    [1, 9216, 'Allowed on Fargate with 1 vCPU: 2048 to 8192 MiB in steps of 1024 MiB.'],
    [4, 31744, 'Allowed on Fargate with 4 vCPU: 8192 to 30720 MiB in steps of 1024 MiB.'],
    [8, 17408, 'Allowed on Fargate with 8 vCPU: 16384 to 61440 MiB in steps of 4096 MiB.'],
    [16, 36864, 'Allowed on Fargate with 16 vCPU: 32768 to 122880 MiB in steps of 8192 MiB.'],
  ])('%d vCPU with %d MiB is refused', (cpu, memory, allowed) => {
    expect(() => requireFargateSize(scope, cpu, memory)).toThrow(`invalid memory: '${memory} MiB with ${cpu} vCPU'. ${allowed}`);
  });

  test.each([0, 0.75, 3, 32])('%d vCPU is refused', (cpu) => {
    expect(() => requireFargateSize(scope, cpu, 2048)).toThrow(`invalid cpu: ${cpu}. Allowed on Fargate: 0.25, 0.5, 1, 2, 4, 8, 16 vCPU.`);
  });
});
