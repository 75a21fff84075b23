export { decisionRequest } from './decision-link';
export { Engine, type EngineOptions, type RunningTrigger, type WebhookCall } from './engine';
export { ExecutionResult } from './execution-result';
export type { HarnessCredential } from './credentials';
export type { HarnessRequestInit, RecordedResponse } from './http';
export { BUILT_IN_NODES, REPO_ROOT } from './node-types';
export {
	readTemplate,
	readWorkflow,
	templateFiles,
	TEMPLATES_DIR,
	type WorkflowJson,
} from './workflow-json';
export {
	orderRefOf,
	reconciliationOver,
	SHIP_TO_BERLIN,
	startTemplate,
	type ReceivedMessage,
	type ShipmentRequest,
	type TemplateRig,
} from './template-rig';
export { DESK_PATH, supportDesk, tokenOf, type DeskClient } from './support-desk';
export {
	refundRequestForm,
	REFUND_REQUEST_PATH,
	type RefundRequestFields,
	type RefundRequestForm,
} from './refund-request';
