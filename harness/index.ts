export { Engine, type EngineOptions, type WebhookCall } from './engine';
export { ExecutionResult } from './execution';
export type { HarnessCredential } from './credentials';
export type { HarnessRequestInit, RecordedResponse } from './http';
export { BUILT_IN_NODES, REPO_ROOT } from './node-types';
export { readWorkflow, type WorkflowJson } from './workflow-json';
export { ERP_STOCK_IN_STEP, reconciliationOver, SHIP_TO_BERLIN, startTemplate, type ReceivedMessage, type TemplateRig } from './template-rig';
