export * from './core/compliance-key';
export * from './compliance-bucket/compliance-bucket';
export * from './nag/nag-report';
export * from './core/compliance-log-group';
export * from './core/compliance-topic';
export * from './account-audit/account-audit';
export * from './account-audit/config-rules';
export * from './account-audit/finding-severity';
