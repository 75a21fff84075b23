import { timingSafeEqual } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type {
	IDataObject,
	IExecuteResponsePromiseData,
	INode,
	INodeExecutionData,
	IRun,
	IRunExecutionData,
	IWebhookData,
	IWebhookResponseData,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	Workflow,
	WorkflowExecuteMode,
} from 'n8n-workflow';

import type { HarnessCredential } from './credentials';
import { ExecutionResult } from './execution-result';
import {
	createRequest,
	HarnessResponse,
	type HarnessRequestInit,
	type RecordedResponse,
} from './http';
import { BUILT_IN_NODES, REPO_ROOT, type HarnessNodeTypes } from './node-types';
import { loadedPackages } from './loaded-packages';
import { nodeWebhooks } from './webhooks';
import type { WorkflowJson } from './workflow-json';

type N8nCore = typeof import('n8n-core');
type N8nWorkflow = typeof import('n8n-workflow');

export interface EngineOptions {
	/** Folder whose package.json is loaded as a community package (default: this repository). */
	packageRoot?: string;
	/** n8n's user folder; executions and static data are kept below it, so a new Engine on the same folder resumes them. */
	userFolder?: string;
	/** Credentials by the name workflows reference them with. */
	credentials?: Record<string, HarnessCredential>;
	/** The public base URL n8n would build webhook and resume URLs from. */
	baseUrl?: string;
}

export interface WebhookCall {
	response: RecordedResponse;
	/** The execution the call started or resumed; undefined when the node started nothing. */
	execution?: ExecutionResult;
}

interface StoredExecution {
	mode: WorkflowExecuteMode;
	workflow: WorkflowJson;
	run: IRun;
}

/**
 * Runs workflow JSON through n8n's own engine (n8n-core's WorkflowExecute), the way n8n's
 * server does for manual, webhook, polling and resumed executions — without the server.
 * Executions and workflow static data are written to the user folder as n8n writes them
 * to its database, so waiting executions survive a new Engine.
 */
export interface RunningTrigger {
	/** What the trigger reported with emitError (n8n runs the error workflow and marks the activation failed). */
	errors: Error[];
	/** Every execution the trigger's emits started so far, once they finished. */
	executions(): Promise<ExecutionResult[]>;
	close(): Promise<void>;
}

export class Engine {
	private constructor(
		private readonly core: N8nCore,
		private readonly wf: N8nWorkflow,
		readonly nodeTypes: HarnessNodeTypes,
		readonly credentials: Map<string, HarnessCredential>,
		readonly userFolder: string,
		readonly baseUrl: string,
		readonly packageName: string,
	) {}

	static async start(options: EngineOptions = {}): Promise<Engine> {
		const userFolder = options.userFolder ?? mkdtempSync(path.join(tmpdir(), 'orderflow-n8n-'));
		mkdirSync(path.join(userFolder, 'executions'), { recursive: true });
		mkdirSync(path.join(userFolder, 'static-data'), { recursive: true });
		// n8n-core reads these when its instance settings are first created.
		process.env.N8N_USER_FOLDER = userFolder;
		process.env.N8N_ENCRYPTION_KEY ??= 'orderflow-harness-key';
		process.env.N8N_LOG_LEVEL ??= 'silent';
		const core = await import('n8n-core');
		const wf = await import('n8n-workflow');
		const { HarnessNodeTypes: NodeTypes } = await import('./node-types');
		const { HarnessCredentialsHelper } = await import('./credentials');

		const ours = new core.PackageDirectoryLoader(options.packageRoot ?? REPO_ROOT);
		await ours.loadAll();
		loadedPackages().add(options.packageRoot ?? REPO_ROOT);
		const base = new core.LazyPackageDirectoryLoader(
			path.dirname(require.resolve('n8n-nodes-base/package.json')),
			[],
			BUILT_IN_NODES.map((node) => `n8n-nodes-base.${node}`),
		);
		await base.loadAll();

		const nodeTypes = new NodeTypes([ours, base]);
		const credentials = new Map(Object.entries(options.credentials ?? {}));
		const engine = new Engine(
			core,
			wf,
			nodeTypes,
			credentials,
			userFolder,
			options.baseUrl ?? 'http://localhost:5678',
			ours.packageName,
		);
		engine.credentialsHelper = new HarnessCredentialsHelper(nodeTypes, credentials);
		return engine;
	}

	private credentialsHelper!: import('./credentials').HarnessCredentialsHelper;

	/** Runs a workflow from a start node (default: its trigger) with the given items. */
	async execute(
		workflowJson: WorkflowJson,
		options: { startNode?: string; items?: IDataObject[]; mode?: WorkflowExecuteMode } = {},
	): Promise<ExecutionResult> {
		const workflow = this.createWorkflow(workflowJson);
		const startNode = this.startNode(workflow, workflowJson, options.startNode);
		const items = (options.items ?? [{}]).map((json) => ({ json }));
		return await this.process(
			workflowJson,
			workflow,
			this.newRunData(startNode, [items]),
			options.mode ?? 'cli',
		);
	}

	/**
	 * Delivers an HTTP request to a workflow's production webhook (`/webhook/<path>`), the way
	 * n8n's live-webhook handler does: the node's `webhook()` decides, and when it returns
	 * workflow data an execution starts from that node.
	 */
	async webhook(
		workflowJson: WorkflowJson,
		request: HarnessRequestInit & { path: string },
	): Promise<WebhookCall> {
		const workflow = this.createWorkflow(workflowJson);
		const method = (request.method ?? 'POST').toUpperCase();
		const wanted = request.path.replace(/^\/+/, '');
		const additionalData = this.additionalData(this.newExecutionId(), workflowJson, 'webhook');
		const match = Object.values(workflow.nodes)
			.filter((node) => !node.disabled)
			.flatMap((node) => nodeWebhooks(workflow, node, additionalData, this.nodeTypes))
			.find(
				(hook) =>
					!hook.webhookDescription.restartWebhook &&
					hook.httpMethod === method &&
					hook.path === wanted,
			);
		if (!match) {
			return {
				response: notFound(`The requested webhook "${method} ${wanted}" is not registered.`),
			};
		}
		const node = workflow.getNode(match.node) as INode;
		const { response, webhookResult } = await this.callWebhook(
			workflowJson,
			workflow,
			node,
			match,
			request,
			additionalData,
			null,
		);
		if (!webhookResult.workflowData) return { response: finish(response, webhookResult, node) };

		const runData = this.newRunData(node, webhookResult.workflowData);
		const responseMode = String(node.parameters.responseMode ?? 'onReceived');
		let sent: IExecuteResponsePromiseData | undefined;
		const execution = await this.process(
			workflowJson,
			workflow,
			runData,
			'webhook',
			undefined,
			(data) => (sent ??= data),
		);
		if (responseMode === 'responseNode' && !response.recorded.ended) {
			return {
				response: sent
					? respondAsNode(response, sent, this.core.getHtmlSandboxCSP())
					: respondJson(response.status(500), { message: 'No Respond to Webhook node answered' }),
				execution,
			};
		}
		if (responseMode === 'lastNode' && !response.recorded.ended) {
			const last = execution.data.resultData.lastNodeExecuted;
			const first = last ? execution.items(last)[0]?.json : undefined;
			return { response: respondJson(response, first ?? {}), execution };
		}
		return { response: finish(response, webhookResult, node), execution };
	}

	/** Runs a polling trigger once, as n8n's poll scheduler does; starts an execution when it returns items. */
	async poll(workflowJson: WorkflowJson, nodeName?: string): Promise<ExecutionResult | undefined> {
		const workflow = this.createWorkflow(workflowJson);
		const node = nodeName
			? workflow.getNode(nodeName)
			: Object.values(workflow.nodes).find(
					(candidate) =>
						this.nodeTypes.getByNameAndVersion(candidate.type, candidate.typeVersion).poll,
				);
		if (!node)
			throw new Error(
				`No polling trigger ${nodeName ? `"${nodeName}" ` : ''}in "${workflowJson.name}"`,
			);
		const nodeType = this.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		if (!nodeType.poll) throw new Error(`Node "${node.name}" is not a polling trigger`);

		const additionalData = this.additionalData(this.newExecutionId(), workflowJson, 'trigger');
		const context = new this.core.PollContext(
			workflow,
			node,
			additionalData,
			'trigger',
			'activate',
		);
		const pollResult = await nodeType.poll.call(context);
		this.saveStaticData(workflowJson, workflow);
		if (pollResult === null) return undefined;
		return await this.process(workflowJson, workflow, this.newRunData(node, pollResult), 'trigger');
	}

	/**
	 * Starts a trigger node (`trigger()`) as n8n's ActiveWorkflowManager does for a published
	 * workflow: every emit starts an execution from that node. `close()` runs its closeFunction.
	 */
	async startTrigger(workflowJson: WorkflowJson, nodeName: string): Promise<RunningTrigger> {
		const workflow = this.createWorkflow(workflowJson);
		const node = workflow.getNode(nodeName);
		if (!node) throw new Error(`No node "${nodeName}" in "${workflowJson.name}"`);
		const nodeType = this.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		if (!nodeType.trigger) throw new Error(`Node "${node.name}" is not a trigger`);
		const executions: Array<Promise<ExecutionResult>> = [];
		const emit = (data: INodeExecutionData[][]) => {
			executions.push(
				this.process(
					workflowJson,
					this.createWorkflow(workflowJson),
					this.newRunData(node, data),
					'trigger',
				),
			);
		};
		const additionalData = this.additionalData(this.newExecutionId(), workflowJson, 'trigger');
		const errors: Error[] = [];
		const context = new this.core.TriggerContext(
			workflow,
			node,
			additionalData,
			'trigger',
			'activate',
			emit,
			(error: Error) => void errors.push(error),
		);
		const response = await nodeType.trigger.call(context);
		return {
			errors,
			executions: async () => await Promise.all(executions),
			close: async () => await response?.closeFunction?.(),
		};
	}

	/**
	 * Publishes a workflow's webhook triggers as n8n's ActiveWorkflowManager does: for each
	 * webhook of a node with webhook methods, `checkExists`, then `create` when it is missing.
	 * Returns each webhook's production URL.
	 */
	async activate(workflowJson: WorkflowJson): Promise<string[]> {
		return await this.runHooks(workflowJson, 'activate');
	}

	/** Unpublishes: calls each webhook's `delete`, as n8n does when a workflow is deactivated. */
	async deactivate(workflowJson: WorkflowJson): Promise<string[]> {
		return await this.runHooks(workflowJson, 'deactivate');
	}

	private async runHooks(
		workflowJson: WorkflowJson,
		activation: 'activate' | 'deactivate',
	): Promise<string[]> {
		const workflow = this.createWorkflow(workflowJson);
		const additionalData = this.additionalData(this.newExecutionId(), workflowJson, 'trigger');
		const urls: string[] = [];
		for (const node of Object.values(workflow.nodes).filter((candidate) => !candidate.disabled)) {
			const nodeType = this.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
			if (!nodeType.webhookMethods) continue;
			for (const webhookData of nodeWebhooks(workflow, node, additionalData, this.nodeTypes)) {
				const methods = nodeType.webhookMethods[webhookData.webhookDescription.name];
				if (!methods) continue;
				const context = new this.core.HookContext(
					workflow,
					node,
					additionalData,
					'trigger',
					'activate',
					webhookData,
				);
				urls.push(`${this.baseUrl}/webhook/${webhookData.path}`);
				if (activation === 'deactivate') {
					await methods.delete?.call(context);
				} else if (!(await methods.checkExists?.call(context))) {
					await methods.create?.call(context);
				}
			}
		}
		this.saveStaticData(workflowJson, workflow);
		return urls;
	}

	/** The URL `$execution.resumeUrl` gives for a waiting execution. */
	resumeUrl(execution: ExecutionResult): string {
		const token = execution.data.resumeToken;
		return `${this.baseUrl}/webhook-waiting/${execution.executionId}${token ? `?signature=${token}` : ''}`;
	}

	/** Resumes a waiting execution whose wait time has come, as n8n's WaitTracker does. */
	async resumeByTimer(executionId: string): Promise<ExecutionResult> {
		const stored = this.loadExecution(executionId);
		if (stored.run.status !== 'waiting') {
			throw new Error(`Execution ${executionId} is ${stored.run.status}, not waiting`);
		}
		const workflow = this.createWorkflow(stored.workflow);
		return await this.process(stored.workflow, workflow, stored.run.data, stored.mode, executionId);
	}

	/**
	 * Delivers a request to `/webhook-waiting/<executionId>[/<suffix>]`, as n8n's waiting-webhooks
	 * endpoint does: the waiting node's `webhook()` decides whether the execution resumes.
	 */
	async resumeByWebhook(url: string, request: HarnessRequestInit = {}): Promise<WebhookCall> {
		const parsed = new URL(url, this.baseUrl);
		const [, executionId, suffix] =
			/\/webhook-waiting\/([^/]+)(?:\/(.+))?$/.exec(parsed.pathname) ?? [];
		if (!executionId)
			return { response: notFound(`${parsed.pathname} is not a waiting-webhook URL`) };
		const stored = this.tryLoadExecution(executionId);
		if (!stored) return { response: notFound(`The execution "${executionId}" does not exist.`) };
		if (stored.run.status !== 'waiting') {
			return {
				response: errorResponse(409, `The execution "${executionId}" has finished already.`),
			};
		}
		const runData = stored.run.data;
		const query = Object.fromEntries(parsed.searchParams);
		if (runData.resumeToken && !this.validWaitingToken(parsed, runData.resumeToken)) {
			return { response: errorResponse(401, 'Invalid token') };
		}

		const workflow = this.createWorkflow(stored.workflow);
		const nodeName = runData.resultData.lastNodeExecuted as string;
		const node = workflow.getNode(nodeName) as INode;
		const method = (request.method ?? 'POST').toUpperCase();
		const additionalData = this.additionalData(executionId, stored.workflow, stored.mode);
		const hook = nodeWebhooks(workflow, node, additionalData, this.nodeTypes).find(
			(candidate) =>
				candidate.webhookDescription.restartWebhook === true &&
				candidate.webhookDescription.nodeType !== 'form' && // forms resume through /form-waiting
				candidate.httpMethod === method &&
				candidate.path === (suffix ?? ''),
		);
		if (!hook) {
			return {
				response: notFound(
					`The workflow for execution "${executionId}" does not contain a waiting webhook with a matching path/method.`,
				),
			};
		}
		const requestInit = {
			...request,
			query: { ...query, ...request.query },
			url: parsed.pathname + parsed.search,
		};
		const { response, webhookResult } = await this.callWebhook(
			stored.workflow,
			workflow,
			node,
			hook,
			requestInit,
			additionalData,
			runData,
		);
		if (!webhookResult.workflowData) return { response: finish(response, webhookResult, node) };

		// What n8n does before resuming: the waiting node passes the webhook's data on instead of waiting again.
		const stackEntry = runData.executionData!.nodeExecutionStack[0];
		stackEntry.node.disabled = true;
		stackEntry.data.main = webhookResult.workflowData;
		stackEntry.metadata = { ...stackEntry.metadata, forwardAllOutputs: true };
		runData.waitTill = undefined;
		runData.resultData.runData[nodeName]?.pop();
		const execution = await this.process(
			stored.workflow,
			workflow,
			runData,
			stored.mode,
			executionId,
		);
		return { response: finish(response, webhookResult, node), execution };
	}

	/**
	 * n8n 2.41.1's check (`WaitingWebhooks.executeWebhook`) for waiting URLs of nodes other than
	 * send-and-wait ones (which carry an instance-signed URL; no node this harness loads is one):
	 * with or without a node path, the URL must carry the execution's resume token as `signature`
	 * (`<token>/<path>` is accepted too).
	 */
	private validWaitingToken(url: URL, resumeToken: string): boolean {
		const token = (url.searchParams.get(this.core.WAITING_TOKEN_QUERY_PARAM) ?? '').split('/')[0];
		return (
			token.length === resumeToken.length &&
			timingSafeEqual(Buffer.from(token), Buffer.from(resumeToken))
		);
	}

	/** An execution saved earlier, by id. */
	getExecution(executionId: string): ExecutionResult {
		const stored = this.loadExecution(executionId);
		return new ExecutionResult(executionId, stored.workflow, stored.run);
	}

	/** The static data n8n would have saved for a workflow. */
	staticData(workflowJson: WorkflowJson): IDataObject {
		const file = this.staticDataFile(workflowJson);
		try {
			return JSON.parse(readFileSync(file, 'utf8')) as IDataObject;
		} catch {
			return {};
		}
	}

	private async callWebhook(
		workflowJson: WorkflowJson,
		workflow: Workflow,
		node: INode,
		webhookData: IWebhookData,
		request: HarnessRequestInit,
		baseData: IWorkflowExecuteAdditionalData,
		runExecutionData: IRunExecutionData | null,
	): Promise<{ response: HarnessResponse; webhookResult: IWebhookResponseData }> {
		const response = new HarnessResponse();
		const additionalData = {
			...baseData,
			httpRequest: createRequest(request),
			httpResponse: response,
		} as unknown as IWorkflowExecuteAdditionalData;
		const nodeType = this.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		const context = new this.core.WebhookContext(
			workflow,
			node,
			additionalData,
			'webhook',
			webhookData,
			[],
			runExecutionData,
		);
		// Class-style nodes (n8n-workflow's Node) declare `webhook(context)`; the others read `this`.
		// Told apart by arity: instanceof fails when a runner loads n8n-workflow twice (ESM and CJS).
		if (!nodeType.webhook) throw new Error(`Node "${node.name}" has no webhook method`);
		const classStyle = nodeType.webhook.length > 0;
		const webhookResult = classStyle
			? await (
					nodeType as unknown as { webhook(c: typeof context): Promise<IWebhookResponseData> }
				).webhook(context)
			: await nodeType.webhook.call(context);
		this.saveStaticData(workflowJson, workflow);
		return { response, webhookResult };
	}

	private async process(
		workflowJson: WorkflowJson,
		workflow: Workflow,
		runExecutionData: IRunExecutionData,
		mode: WorkflowExecuteMode,
		executionId = this.newExecutionId(),
		onResponse?: (data: IExecuteResponsePromiseData) => void,
	): Promise<ExecutionResult> {
		if (runExecutionData.waitTill) runExecutionData.waitTill = new Date(runExecutionData.waitTill);
		const additionalData = this.additionalData(executionId, workflowJson, mode);
		// What a Respond to Webhook node sends, as n8n's webhook handler receives it.
		if (onResponse)
			additionalData.hooks!.addHandler('sendResponse', async (data: IExecuteResponsePromiseData) =>
				onResponse(data),
			);
		const run = await new this.core.WorkflowExecute(
			additionalData,
			mode,
			runExecutionData,
		).processRunExecutionData(workflow);
		this.saveStaticData(workflowJson, workflow);
		// Stored and read back as JSON, like n8n's execution table: resumes see what a restart would.
		const stored: StoredExecution = JSON.parse(
			JSON.stringify({ mode, workflow: workflowJson, run }),
		) as StoredExecution;
		writeFileSync(this.executionFile(executionId), JSON.stringify(stored));
		return new ExecutionResult(executionId, workflowJson, run);
	}

	private additionalData(
		executionId: string,
		workflowJson: WorkflowJson,
		mode: WorkflowExecuteMode,
	): IWorkflowExecuteAdditionalData {
		// Nodes find the embedded ledger through n8n's user folder: this engine's, even when another
		// engine in the same process was started since.
		process.env.N8N_USER_FOLDER = this.userFolder;
		const hooks = new this.core.ExecutionLifecycleHooks(
			mode,
			executionId,
			workflowBase(workflowJson),
		);
		const base = this.baseUrl;
		const unsupported = (what: string) => async () => {
			throw new Error(`${what} is not supported when running workflows through the test engine`);
		};
		return {
			hooks,
			credentialsHelper: this.credentialsHelper,
			executionId,
			workflowId: workflowJson.id,
			currentNodeExecutionIndex: 0,
			restApiUrl: `${base}/rest`,
			instanceBaseUrl: base,
			webhookBaseUrl: `${base}/webhook`,
			webhookWaitingBaseUrl: `${base}/webhook-waiting`,
			webhookTestBaseUrl: `${base}/webhook-test`,
			formBaseUrl: `${base}/form`,
			formWaitingBaseUrl: `${base}/form-waiting`,
			formTestBaseUrl: `${base}/form-test`,
			mcpBaseUrl: `${base}/mcp`,
			mcpTestBaseUrl: `${base}/mcp-test`,
			variables: {},
			executeWorkflow: unsupported('Executing a sub-workflow'),
			startRunnerTask: unsupported('The Code node (task runner)'),
			getRunExecutionData: async (id: string) => this.tryLoadExecution(id)?.run.data,
			getRuntimeCredential: async () => undefined,
			logAiEvent: () => {},
			setExecutionStatus: () => {},
			sendDataToUI: () => {},
		} as unknown as IWorkflowExecuteAdditionalData;
	}

	private createWorkflow(workflowJson: WorkflowJson): Workflow {
		// Nodes are cloned per run: a resume disables the waiting node object it is given.
		return new this.wf.Workflow({
			id: workflowJson.id ?? 'harness-workflow',
			name: workflowJson.name,
			nodes: structuredClone(workflowJson.nodes),
			connections: structuredClone(workflowJson.connections),
			active: false,
			nodeTypes: this.nodeTypes,
			staticData: this.staticData(workflowJson),
			settings: { executionOrder: 'v1', ...workflowJson.settings },
			pinData: workflowJson.pinData,
		});
	}

	private startNode(workflow: Workflow, workflowJson: WorkflowJson, name?: string): INode {
		if (name) {
			const node = workflow.getNode(name);
			if (!node) throw new Error(`Workflow "${workflowJson.name}" has no node "${name}"`);
			return node;
		}
		const nodes = Object.values(workflow.nodes).filter((node) => !node.disabled);
		const trigger =
			nodes.find((node) => node.type === 'n8n-nodes-base.manualTrigger') ??
			nodes.find(
				(node) =>
					workflow.getParentNodes(node.name).length === 0 &&
					node.type !== 'n8n-nodes-base.stickyNote',
			);
		if (!trigger) throw new Error(`Workflow "${workflowJson.name}" has no node to start from`);
		return trigger;
	}

	private newRunData(node: INode, main: INodeExecutionData[][]): IRunExecutionData {
		return this.wf.createRunExecutionData({
			executionData: { nodeExecutionStack: [{ node, data: { main }, source: null }] },
		});
	}

	/** Sequential ids like n8n's, continuing after the executions already in the user folder. */
	private nextExecutionId = 0;

	private newExecutionId(): string {
		if (this.nextExecutionId === 0) {
			const ids = readdirSync(path.join(this.userFolder, 'executions'))
				.map((file) => Number.parseInt(file, 10))
				.filter(Number.isFinite);
			this.nextExecutionId = Math.max(0, ...ids) + 1;
		}
		return String(this.nextExecutionId++);
	}

	private executionFile(executionId: string): string {
		return path.join(this.userFolder, 'executions', `${executionId}.json`);
	}

	private tryLoadExecution(executionId: string): StoredExecution | undefined {
		try {
			return JSON.parse(readFileSync(this.executionFile(executionId), 'utf8')) as StoredExecution;
		} catch {
			return undefined;
		}
	}

	private loadExecution(executionId: string): StoredExecution {
		const stored = this.tryLoadExecution(executionId);
		if (!stored) throw new Error(`Execution ${executionId} does not exist in ${this.userFolder}`);
		return stored;
	}

	private staticDataFile(workflowJson: WorkflowJson): string {
		return path.join(
			this.userFolder,
			'static-data',
			`${workflowJson.id ?? 'harness-workflow'}.json`,
		);
	}

	private saveStaticData(workflowJson: WorkflowJson, workflow: Workflow): void {
		const data = workflow.staticData as IDataObject & { __dataChanged?: boolean };
		if (!data.__dataChanged) return;
		writeFileSync(this.staticDataFile(workflowJson), JSON.stringify(data));
		data.__dataChanged = false;
	}
}

function workflowBase(workflowJson: WorkflowJson): IWorkflowBase {
	return {
		id: workflowJson.id ?? 'harness-workflow',
		name: workflowJson.name ?? 'Harness workflow',
		active: false,
		isArchived: false,
		activeVersionId: null,
		createdAt: new Date(),
		updatedAt: new Date(),
		nodes: workflowJson.nodes,
		connections: workflowJson.connections,
		settings: workflowJson.settings,
	};
}

function errorResponse(statusCode: number, message: string): RecordedResponse {
	return {
		statusCode,
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ message }),
		ended: true,
	};
}

function notFound(message: string): RecordedResponse {
	return errorResponse(404, message);
}

function respondJson(response: HarnessResponse, body: unknown): RecordedResponse {
	if (!response.recorded.ended) response.json(body);
	return response.recorded;
}

/**
 * What n8n 2.41.1 answers with a Respond to Webhook node's response: its status, its headers but
 * a Content-Security-Policy (n8n drops that one), n8n's sandbox policy, and the body.
 */
function respondAsNode(
	response: HarnessResponse,
	data: IExecuteResponsePromiseData,
	sandboxPolicy: string,
): RecordedResponse {
	response.status(Number(data.statusCode ?? 200));
	for (const [name, value] of Object.entries((data.headers ?? {}) as Record<string, unknown>)) {
		if (name.toLowerCase() !== 'content-security-policy' && value !== undefined)
			response.setHeader(name, String(value));
	}
	response.setHeader('content-security-policy', sandboxPolicy);
	const body = data.body as unknown;
	return (
		typeof body === 'string' || Buffer.isBuffer(body)
			? response.end(body)
			: response.end(JSON.stringify(body ?? ''))
	).recorded;
}

/** The reply n8n sends for a webhook the node did not answer itself. */
function finish(
	response: HarnessResponse,
	result: IWebhookResponseData,
	node: INode,
): RecordedResponse {
	if (result.noWebhookResponse || response.recorded.ended) return response.recorded;
	const code = Number(
		(node.parameters.options as IDataObject | undefined)?.responseCode ??
			node.parameters.responseCode ??
			200,
	);
	response.status(code);
	if (result.webhookResponse !== undefined) {
		return typeof result.webhookResponse === 'string'
			? response.end(result.webhookResponse).recorded
			: respondJson(response, result.webhookResponse);
	}
	return respondJson(response, result.workflowData ? { message: 'Workflow was started' } : {});
}
