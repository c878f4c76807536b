import { asList } from '../../private/values';

/** Every container definition of a resolved `AWS::Batch::JobDefinition`, across container, multi-node, ECS and EKS properties. */
export function jobContainers(props: any): any[] {
  const containers: any[] = [];
  if (props.ContainerProperties) {
    containers.push(props.ContainerProperties);
  }
  for (const range of asList(props.NodeProperties?.NodeRangeProperties)) {
    if (range?.Container) {
      containers.push(range.Container);
    }
  }
  for (const task of asList(props.EcsProperties?.TaskProperties)) {
    containers.push(...asList(task?.Containers));
  }
  for (const container of asList(props.EksProperties?.PodProperties?.Containers)) {
    containers.push(container);
  }
  return containers.filter((c) => c && typeof c === 'object');
}

/** The ECS task-level blocks (`ContainerProperties` and each of `EcsProperties.TaskProperties`), which carry roles and network settings. */
export function jobTasks(props: any): any[] {
  const tasks: any[] = [];
  if (props.ContainerProperties) {
    tasks.push(props.ContainerProperties);
  }
  tasks.push(...asList(props.EcsProperties?.TaskProperties));
  return tasks.filter((t) => t && typeof t === 'object');
}
