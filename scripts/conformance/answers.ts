/**
 * What the contract says each answer must look like: the schema of every operation's response
 * for a status (a sales order, a list page, problem details), from contract/orderflow-contract.
 * openapi.json, checked with Ajv (OpenAPI 3.1 schemas are JSON Schema 2020-12).
 */
import { readFileSync } from 'node:fs';

import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

import { CONTRACT_FILE, describeErrors } from '../../sandbox/contract/openapi';

interface Operation {
	operationId: string;
	responses: Record<
		string,
		{ content?: Record<string, { schema?: { $ref?: string } }> } | { $ref: string }
	>;
}

const ID = 'orderflow-contract';

export class ContractAnswers {
	private readonly operations = new Map<string, Operation>();
	private readonly compiled = new Map<string, ValidateFunction | null>();
	private readonly ajv = new Ajv2020({ strict: false, allErrors: true });
	private readonly document: {
		paths: Record<string, Record<string, unknown>>;
		components?: { responses?: Record<string, unknown> };
	};

	constructor() {
		this.document = JSON.parse(readFileSync(CONTRACT_FILE, 'utf8')) as ContractAnswers['document'];
		addFormats(this.ajv);
		this.ajv.addSchema({ ...this.document, $id: ID });
		for (const item of Object.values(this.document.paths)) {
			for (const value of Object.values(item)) {
				const operation = value as Operation;
				if (operation?.operationId) this.operations.set(operation.operationId, operation);
			}
		}
	}

	/** The schema an answer of the operation with this status must match; null when the contract names none. */
	private validator(operationId: string, status: number): ValidateFunction | null {
		const name = `${operationId} ${status}`;
		if (!this.compiled.has(name)) {
			let response = this.operations.get(operationId)?.responses[String(status)] as
				| { $ref?: string; content?: Record<string, { schema?: { $ref?: string } }> }
				| undefined;
			if (response?.$ref)
				response = this.document.components?.responses?.[
					response.$ref.split('/').pop()!
				] as typeof response;
			const schema = Object.values(response?.content ?? {})[0]?.schema?.$ref;
			this.compiled.set(name, schema ? this.ajv.compile({ $ref: `${ID}${schema}` }) : null);
		}
		return this.compiled.get(name)!;
	}

	/** What is wrong with an answer, in words; empty when it is what the contract says. */
	problems(operationId: string, status: number, body: unknown): string[] {
		const validate = this.validator(operationId, status);
		if (!validate) return [];
		return validate(body)
			? []
			: describeErrors(validate.errors).map((issue) => `${issue.path} ${issue.message}`);
	}
}
