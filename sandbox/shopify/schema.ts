/**
 * Shopify's official Admin GraphQL schema, per API version: the introspection JSON that
 * Shopify ships in the npm package @shopify/dev-mcp. It is fetched from the registry at
 * set-up time into an ignored cache folder, never committed.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';

import {
	buildClientSchema,
	parse,
	validate,
	type DocumentNode,
	type GraphQLError,
	type GraphQLSchema,
	type IntrospectionQuery,
} from 'graphql';

export const SCHEMA_PACKAGE = '@shopify/dev-mcp@1.16.0';
export const SCHEMA_DIR = path.resolve(__dirname, '..', '..', '.cache', 'shopify-admin-schema');

/** The API versions whose schema the package ships. */
export function availableSchemaVersions(): string[] {
	if (!existsSync(SCHEMA_DIR)) return [];
	return readdirSync(SCHEMA_DIR)
		.map((file) => /^admin_(.+)\.json\.gz$/.exec(file)?.[1])
		.filter((version): version is string => Boolean(version))
		.sort();
}

/** Downloads the schema files once (`npm pack` from the registry, then only the Admin schemas are kept). */
export function ensureSchemas(): string[] {
	if (availableSchemaVersions().includes('2026-10')) return availableSchemaVersions();
	mkdirSync(SCHEMA_DIR, { recursive: true });
	const work = mkdtempSync(path.join(tmpdir(), 'shopify-schema-'));
	try {
		const tarball = execFileSync(
			'npm',
			['pack', SCHEMA_PACKAGE, '--silent', '--pack-destination', work],
			{
				encoding: 'utf8',
			},
		)
			.trim()
			.split('\n')
			.at(-1) as string;
		execFileSync('tar', [
			'xzf',
			path.join(work, tarball),
			'-C',
			SCHEMA_DIR,
			'--strip-components=3',
			'--wildcards',
			'package/dist/data/admin_*.json.gz',
		]);
	} finally {
		rmSync(work, { recursive: true, force: true });
	}
	return availableSchemaVersions();
}

const schemas = new Map<string, GraphQLSchema>();

export class MissingSchemaError extends Error {
	constructor(version: string) {
		super(
			`No Shopify Admin schema for API version "${version}" in ${SCHEMA_DIR} ` +
				`(available: ${availableSchemaVersions().join(', ') || 'none'}). Run the set-up command.`,
		);
		this.name = 'MissingSchemaError';
	}
}

export function loadAdminSchema(version: string): GraphQLSchema {
	const cached = schemas.get(version);
	if (cached) return cached;
	const file = path.join(SCHEMA_DIR, `admin_${version}.json.gz`);
	if (!existsSync(file)) throw new MissingSchemaError(version);
	const json = JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')) as {
		data: IntrospectionQuery;
	};
	const schema = buildClientSchema(json.data);
	schemas.set(version, schema);
	return schema;
}

export interface ParsedDocument {
	document?: DocumentNode;
	errors: readonly GraphQLError[];
}

/** Parses and validates a document the way Shopify answers it: syntax and validation errors, no data. */
export function validateDocument(schema: GraphQLSchema, source: string): ParsedDocument {
	let document: DocumentNode;
	try {
		document = parse(source);
	} catch (error) {
		return { errors: [error as GraphQLError] };
	}
	const errors = validate(schema, document);
	return errors.length ? { errors } : { document, errors };
}
