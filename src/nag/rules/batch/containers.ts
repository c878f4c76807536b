import { asList } from '../../../policy/template-values';

/** The ECS task-level blocks (`ContainerProperties` and each of `EcsProperties.TaskProperties`), which carry roles and network settings. */
export function jobTasks(props: any): any[] {
  const tasks: any[] = [];
  if (props.ContainerProperties) {
    tasks.push(props.ContainerProperties);
  }
  tasks.push(...asList(props.EcsProperties?.TaskProperties));
  return tasks.filter((t) => t && typeof t === 'object');
}
