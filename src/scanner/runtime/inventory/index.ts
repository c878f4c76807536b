/** Every inventory record the collectors build and the checks read, by service family (re-exported by ../model.ts). */
export * from './compute';
export * from './data';
export * from './ec2';
export * from './iam';
export * from './messaging';
export * from './monitoring';
export * from './s3';
