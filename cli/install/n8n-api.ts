/**
 * The parts of n8n's public API (v1, `X-N8N-API-KEY`) the installer uses: credentials and
 * workflows, listed, created, updated and published.
 */
import { InstallError } from './settings';

export interface CredentialSummary {
	id: string;
	name: string;
	type: string;
}

export interface WorkflowSummary {
	id: string;
	name: string;
	active: boolean;
	isArchived?: boolean;
	nodes: Array<{
		name: string;
		type: string;
		webhookId?: string;
		credentials?: Record<string, { id: string; name: string }>;
	}>;
}

export interface WorkflowBody {
	name: string;
	nodes: unknown[];
	connections: Record<string, unknown>;
	settings: Record<string, unknown>;
}

/** The server closed the kept-alive connection a request went out on (n8n closes idle ones after 5 s). */
export function closedConnection(error: unknown): boolean {
	return (error as { cause?: { code?: string } }).cause?.code === 'UND_ERR_SOCKET';
}

export class N8nPublicApi {
	constructor(
		private readonly baseUrl: string,
		private readonly apiKey: string,
	) {}

	private async request<T>(method: string, route: string, body?: unknown): Promise<T> {
		const send = async () =>
			await fetch(`${this.baseUrl}/api/v1${route}`, {
				method,
				headers: {
					'X-N8N-API-KEY': this.apiKey,
					accept: 'application/json',
					...(body === undefined ? {} : { 'content-type': 'application/json' }),
				},
				body: body === undefined ? undefined : JSON.stringify(body),
				signal: AbortSignal.timeout(60_000),
			});
		let response: Response;
		try {
			response = await send().catch(async (error: unknown) => {
				// n8n closes idle kept-alive connections: a read that went out on one is asked again (a write is not: it may have arrived).
				if (method !== 'GET' || !closedConnection(error)) throw error;
				return await send();
			});
		} catch (error) {
			throw new InstallError(
				`n8n at ${this.baseUrl} could not be reached (${method} /api/v1${route}): ${(error as Error).cause ?? (error as Error).message}`,
			);
		}
		const text = await response.text();
		if (!response.ok)
			throw new InstallError(
				`n8n answered ${method} /api/v1${route} with HTTP ${response.status}: ${explain(response.status, text)}`,
			);
		return (text ? JSON.parse(text) : {}) as T;
	}

	/** Every page of a listing. */
	private async all<T>(route: string): Promise<T[]> {
		const items: T[] = [];
		let cursor: string | undefined;
		do {
			const separator = route.includes('?') ? '&' : '?';
			const page = await this.request<{ data: T[]; nextCursor?: string | null }>(
				'GET',
				`${route}${separator}limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
			);
			items.push(...page.data);
			cursor = page.nextCursor ?? undefined;
		} while (cursor);
		return items;
	}

	async credentials(): Promise<CredentialSummary[]> {
		return await this.all<CredentialSummary>('/credentials');
	}

	async createCredential(credential: {
		name: string;
		type: string;
		data: Record<string, string>;
	}): Promise<CredentialSummary> {
		return await this.request<CredentialSummary>('POST', '/credentials', credential);
	}

	async updateCredential(
		id: string,
		credential: { name: string; type: string; data: Record<string, string> },
	): Promise<CredentialSummary> {
		return await this.request<CredentialSummary>(
			'PATCH',
			`/credentials/${encodeURIComponent(id)}`,
			credential,
		);
	}

	/** Workflows whose name is exactly `name` (n8n's filter also matches parts of names). */
	async workflowsNamed(name: string): Promise<WorkflowSummary[]> {
		const found = await this.all<WorkflowSummary>(
			`/workflows?excludePinnedData=true&name=${encodeURIComponent(name)}`,
		);
		return found.filter((workflow) => workflow.name === name && !workflow.isArchived);
	}

	async createWorkflow(body: WorkflowBody): Promise<WorkflowSummary> {
		return await this.request<WorkflowSummary>('POST', '/workflows', body);
	}

	async updateWorkflow(id: string, body: WorkflowBody): Promise<WorkflowSummary> {
		return await this.request<WorkflowSummary>('PUT', `/workflows/${encodeURIComponent(id)}`, body);
	}

	async publishWorkflow(id: string): Promise<WorkflowSummary> {
		return await this.request<WorkflowSummary>(
			'POST',
			`/workflows/${encodeURIComponent(id)}/publish`,
			{},
		);
	}
}

/** n8n's error message, with what to do for the answers an installer's user can fix. */
function explain(status: number, text: string): string {
	let message = text.slice(0, 500);
	try {
		message = (JSON.parse(text) as { message?: string }).message ?? message;
	} catch {
		// not JSON: the text itself
	}
	if (status === 401)
		return `${message} — the API key is wrong, expired or revoked (n8n: Settings → n8n API)`;
	if (status === 403)
		return `${message} — the API key lacks a scope this needs, or its user is not the owner or an admin (listing credentials needs one)`;
	if (status === 404 && /api\/v1/.test(text))
		return `${message} — is the public API switched off (N8N_PUBLIC_API_DISABLED)?`;
	return message;
}
