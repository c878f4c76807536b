export * from './core/compliance-key';
export * from './compliance-bucket/compliance-bucket';
export * from './nag/nag-report';
export * from './core/compliance-log-group';
export * from './nag/compliance-pack';
export * from './nag/nag-control';
