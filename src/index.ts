export * from './core/compliance-key';
export * from './compliance-bucket/compliance-bucket';
export * from './nag/nag-report';
export * from './core/compliance-log-group';
export * from './audited-vpc/audited-vpc';
export * from './audited-vpc/gateway-endpoint-access';
