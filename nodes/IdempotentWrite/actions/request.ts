/** Send Request: an HTTP write under the idempotency key, retried safely. */
import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	INodeExecutionData,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { fingerprintedRequest } from '../../../core/http-write';
import { performIdempotentWrite, type IdempotentWrite } from '../../../core/idempotency';
import { performShadowWrite } from '../../../core/shadow';
import type { Ledger } from '../../../core/ledger';
import { queueExceptions } from '../../shared/exception-queue';
import { presetAuthentication, sendAttempt, type Authenticate } from '../../shared/http';
import { shadowOn } from '../../shared/shadow';
import { itemParameter } from '../../shared/parameters';
import { jsonParameter, route, writeParameterReader } from './common';

/** Base URL, idempotency header and authentication of the chosen Orderflow credential (or none). */
async function remote(
	fns: IExecuteFunctions,
	authentication: string,
): Promise<{ baseUrl: string; idempotencyHeader: string; authenticate?: Authenticate }> {
	if (authentication === 'none')
		return {
			baseUrl: '',
			idempotencyHeader: String(fns.getNodeParameter('idempotencyHeader', 0, '') ?? '').trim(),
		};
	const credentials = await fns.getCredentials(authentication);
	return {
		baseUrl: String(credentials.baseUrl ?? '').replace(/\/+$/, ''),
		idempotencyHeader: String(credentials.idempotencyHeader ?? '').trim(),
		authenticate: presetAuthentication(credentials),
	};
}

/** The Headers parameter: a JSON object (a list or a text would be sent, and fingerprinted, as numbered headers). */
function headersOf(fns: IExecuteFunctions, headers: unknown, itemIndex: number): IDataObject {
	headers ??= {};
	if (typeof headers !== 'object' || Array.isArray(headers)) {
		throw new NodeOperationError(
			fns.getNode(),
			`The headers parameter of item ${itemIndex} is not a JSON object`,
			{
				itemIndex,
				description: 'Write the headers as a JSON object, e.g. {"X-Warehouse": "BER"}.',
			},
		);
	}
	return { ...(headers as IDataObject) };
}

/** Readers of each item's request and write parameters; what is fixed is read once per execution. */
function parameterReaders(fns: IExecuteFunctions) {
	const methodOf = itemParameter(fns, 'method');
	const urlOf = itemParameter(fns, 'url');
	const bodyOf = jsonParameter(fns, 'body');
	const headersParameter = jsonParameter(fns, 'headers');
	return {
		write: writeParameterReader(fns),
		method: (itemIndex: number) => methodOf(itemIndex) as IHttpRequestMethods,
		path: (itemIndex: number) => String(urlOf(itemIndex) ?? ''),
		body: (itemIndex: number) => bodyOf(itemIndex) as IDataObject | undefined,
		headers: (itemIndex: number) => headersOf(fns, headersParameter(itemIndex), itemIndex),
	};
}

export async function execute(
	fns: IExecuteFunctions,
	ledger: Ledger,
): Promise<INodeExecutionData[][]> {
	const outputs: INodeExecutionData[][] = [[], [], []];
	const authentication = fns.getNodeParameter('authentication', 0) as string;
	const { baseUrl, idempotencyHeader, authenticate } = await remote(fns, authentication);
	// A shadow run records each write as it would be sent (no headers: they may carry secrets).
	const shadow = shadowOn(fns);
	const perform = async (write: IdempotentWrite) =>
		shadow ? await performShadowWrite(write) : await performIdempotentWrite(write);
	const read = parameterReaders(fns);
	for (let itemIndex = 0; itemIndex < fns.getInputData().length; itemIndex++) {
		try {
			const write = read.write(itemIndex);
			const method = read.method(itemIndex);
			const path = read.path(itemIndex);
			const url = /^https?:\/\//i.test(path)
				? path
				: `${baseUrl}${path.startsWith('/') ? '' : '/'}${path}`;
			if (!/^https?:\/\//i.test(url)) {
				throw new NodeOperationError(fns.getNode(), `"${path}" is not a URL`, {
					itemIndex,
					description: 'Give a full URL, or choose an Orderflow credential and give a path.',
				});
			}
			const body = read.body(itemIndex);
			const headers = read.headers(itemIndex);
			if (idempotencyHeader) headers[idempotencyHeader] = write.key;
			const outcome = await perform({
				ledger,
				...write,
				request: fingerprintedRequest({ method, url, body, headers, idempotencyHeader }),
				remoteHonoursIdempotency: idempotencyHeader !== '',
				send: async () =>
					shadow
						? {
								kind: 'withheld',
								request: { method, url, body: body === undefined ? null : JSON.stringify(body) },
							}
						: await sendAttempt(fns, {
								method,
								url,
								body,
								headers,
								timeoutMs: write.timeoutMs,
								credentialType: authentication === 'none' ? undefined : authentication,
								authenticate,
							}),
			});
			route(fns, outputs, itemIndex, write, outcome);
		} catch (error) {
			if (!fns.continueOnFail())
				throw new NodeOperationError(fns.getNode(), error as Error, { itemIndex });
			outputs[1].push({
				json: { error: (error as Error).message },
				pairedItem: { item: itemIndex },
			});
		}
	}
	const entityOf = (item: INodeExecutionData) =>
		((item.json.write as IDataObject | undefined)?.entity as string | undefined) || undefined;
	await queueExceptions(fns, ledger, {
		outputs,
		kinds: { 1: 'failed', 2: 'in_doubt' },
		success: 0,
		field: 'write',
		remote: 'the remote system',
		entityOf,
	});
	return outputs;
}
