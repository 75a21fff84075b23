/**
 * The canonical contract (contract/orderflow-contract.openapi.json) as routes and request
 * validators: OpenAPI 3.1 schemas are JSON Schema 2020-12, validated with Ajv.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

export const CONTRACT_FILE = path.resolve(
	__dirname,
	'..',
	'..',
	'contract',
	'orderflow-contract.openapi.json',
);
const CONTRACT_ID = 'orderflow-contract';

interface OperationObject {
	operationId: string;
	tags: string[];
	requestBody?: { required?: boolean; content: Record<string, { schema: { $ref: string } }> };
}

export interface ContractRoute {
	method: string;
	template: string;
	pattern: RegExp;
	parameterNames: string[];
	operationId: string;
	tag: string;
	bodyRequired: boolean;
	validateBody?: ValidateFunction;
}

export interface ValidationIssue {
	path: string;
	message: string;
}

export function loadContract(): { routes: ContractRoute[]; document: Record<string, unknown> } {
	const document = JSON.parse(readFileSync(CONTRACT_FILE, 'utf8')) as {
		paths: Record<string, Record<string, OperationObject | unknown>>;
	};
	const ajv = new Ajv2020({ strict: false, allErrors: true });
	addFormats(ajv);
	ajv.addSchema({ ...document, $id: CONTRACT_ID });

	const routes: ContractRoute[] = [];
	for (const [template, item] of Object.entries(document.paths)) {
		const parameterNames = [...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
		const pattern = new RegExp(`^${template.replace(/\{\w+\}/g, '([^/]+)')}$`);
		for (const [method, value] of Object.entries(item)) {
			if (!['get', 'post', 'put', 'delete', 'patch'].includes(method)) continue;
			const operation = value as OperationObject;
			const schemaRef = operation.requestBody?.content['application/json']?.schema.$ref;
			routes.push({
				method: method.toUpperCase(),
				template,
				pattern,
				parameterNames,
				operationId: operation.operationId,
				tag: operation.tags[0],
				bodyRequired: operation.requestBody?.required ?? false,
				validateBody: schemaRef ? ajv.compile({ $ref: `${CONTRACT_ID}${schemaRef}` }) : undefined,
			});
		}
	}
	return { routes, document };
}

export function describeErrors(errors: ErrorObject[] | null | undefined): ValidationIssue[] {
	return (errors ?? []).map((error) => {
		const where = error.instancePath || '/';
		if (error.keyword === 'additionalProperties' || error.keyword === 'unevaluatedProperties') {
			return {
				path: where,
				message: `has an unknown property "${String(error.params.additionalProperty ?? error.params.unevaluatedProperty)}"`,
			};
		}
		if (error.keyword === 'required') {
			return {
				path: where,
				message: `must have the property "${String(error.params.missingProperty)}"`,
			};
		}
		return { path: where, message: error.message ?? 'is invalid' };
	});
}
