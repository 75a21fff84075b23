import { Workflow, type INode } from 'n8n-workflow';

import { Engine } from '../../harness';

describe('Shopify Admin API credential', () => {
	let engine: Engine;
	const node: INode = {
		id: 'n1',
		name: 'Shopify',
		type: 'n8n-nodes-orderflow.shopify',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};

	beforeAll(async () => {
		engine = await Engine.start();
	});

	// n8n resolves the test request's expressions with the credential's data, as here.
	const testRequestUrl = (credentials: Record<string, string>) => {
		const type = engine.nodeTypes.getCredentialType('shopifyAdminApi');
		const workflow = new Workflow({
			nodes: [node],
			connections: {},
			active: false,
			nodeTypes: engine.nodeTypes,
		});
		const resolve = (value: string) =>
			workflow.expression.getSimpleParameterValue(
				node,
				value,
				'internal',
				{ $credentials: credentials },
				undefined,
				'',
			);
		const request = type.test!.request;
		return `${String(resolve(request.baseURL!))}${String(resolve(request.url!))}`;
	};

	it.each([
		['my-store.myshopify.com', 'https://my-store.myshopify.com/admin/api/2026-10/graphql.json'],
		[
			'https://my-store.myshopify.com/',
			'https://my-store.myshopify.com/admin/api/2026-10/graphql.json',
		],
		['http://127.0.0.1:7781', 'http://127.0.0.1:7781/admin/api/2026-10/graphql.json'],
	])('its test request for %j goes to %s', (shopDomain, url) => {
		expect(testRequestUrl({ shopDomain, apiVersion: '2026-10' })).toBe(url);
	});

	it('asks for the shop name with a POST and defaults the API version to 2026-10', () => {
		const type = engine.nodeTypes.getCredentialType('shopifyAdminApi');
		expect(type.test?.request.method).toBe('POST');
		expect(type.test?.request.body).toEqual({
			query: 'query OrderflowCredentialTest { shop { name } }',
		});
		expect(type.properties.find((p) => p.name === 'apiVersion')?.default).toBe('2026-10');
		expect(type.properties.find((p) => p.name === 'accessToken')?.typeOptions?.password).toBe(true);
	});
});
