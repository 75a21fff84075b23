/** The ledger a node works on: the PostgreSQL credential when one is chosen, else the embedded SQLite file. */
import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IExecuteFunctions,
	INodeCredentialTestResult,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { housekeep, retentionFrom } from '../../core/ledger/housekeeping';
import { openPostgresLedger } from '../../core/ledger/postgres';
import {
	embeddedLedgerConfig,
	getLedger,
	LedgerError,
	queueModeReason,
	sharedLedgerFromEnvironment,
	type Ledger,
	type LedgerConfig,
	type PostgresConnection,
} from '../../core/ledger';

export const LEDGER_CREDENTIAL = 'orderflowLedgerApi';

/**
 * How every reliability node labels the ledger credential: optional, and saying so — without one
 * the node uses the embedded SQLite ledger (or ORDERFLOW_LEDGER_POSTGRES_URL, in queue mode).
 */
export const LEDGER_CREDENTIAL_LABEL = 'Ledger (Optional: the Embedded One When None)';

/** The Orderflow Ledger credential's fields as a PostgreSQL connection. */
export function postgresConnection(
	credentials: ICredentialDataDecryptedObject,
): PostgresConnection {
	return {
		host: String(credentials.host),
		port: Number(credentials.port),
		database: String(credentials.database),
		user: String(credentials.user),
		password: String(credentials.password ?? ''),
		ssl: credentials.ssl === 'disable' ? false : (credentials.ssl as 'require' | 'no-verify'),
		schema: String(credentials.schema || 'orderflow'),
	};
}

/** The ledger a node's functions point at (execution or webhook context alike). */
export async function ledgerConfigFor(
	fns: Pick<IExecuteFunctions, 'getNode' | 'getCredentials'>,
): Promise<LedgerConfig> {
	if (fns.getNode().credentials?.[LEDGER_CREDENTIAL])
		return {
			backend: 'postgres',
			connection: postgresConnection(await fns.getCredentials(LEDGER_CREDENTIAL)),
		};
	// No credential on the node: the shared ledger the admin set for every process, else the embedded one.
	const facts = { env: process.env, argv: process.argv };
	const shared = sharedLedgerFromEnvironment(facts);
	if (shared) return { backend: 'postgres', connection: shared };
	return embeddedLedgerConfig({
		queueMode: queueModeReason(facts),
		userFolder: process.env.N8N_USER_FOLDER,
	});
}

/** The node's ledger, opened; a refusal (queue mode on the embedded ledger) or a failure as a NodeOperationError saying what to set. */
export async function ledgerFor(
	fns: Pick<IExecuteFunctions, 'getNode' | 'getCredentials'>,
): Promise<Ledger> {
	try {
		return await getLedger(await ledgerConfigFor(fns));
	} catch (error) {
		const description = error instanceof LedgerError ? error.hint : undefined;
		throw new NodeOperationError(fns.getNode(), (error as Error).message, { description });
	}
}

/** Purges what outlived its retention (at most once a minute); a failure is logged, never thrown. */
export async function tidyLedger(fns: IExecuteFunctions, ledger: Ledger): Promise<void> {
	const error = await housekeep(ledger, retentionFrom(process.env));
	if (error)
		fns.logger.warn(`Orderflow ledger housekeeping failed (retried in a minute): ${error.message}`);
}

/** The NodeOperationError for a failed ledger call: its message, and the hint when the ledger gave one. */
export function ledgerFailure(
	fns: IExecuteFunctions,
	error: unknown,
	fallback: string,
): NodeOperationError {
	const description =
		error instanceof LedgerError && error.hint ? `${error.hint} ${fallback}` : fallback;
	// The message as text: n8n shows an empty message for errors that carry a `code` (node:sqlite's do).
	return new NodeOperationError(fns.getNode(), `The ledger failed: ${(error as Error).message}`, {
		description,
	});
}

/** Who is acting, for "first seen by" answers and the audit trail. */
export function actor(fns: IExecuteFunctions): {
	workflowId: string;
	executionId: string;
	node: string;
} {
	return {
		workflowId: String(fns.getWorkflow().id ?? ''),
		executionId: String(fns.getExecutionId() ?? ''),
		node: fns.getNode().name,
	};
}

/** The Orderflow Ledger API credential test: open (and migrate) the PostgreSQL ledger and count its keys. */
export async function ledgerCredentialTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	try {
		const ledger = await openPostgresLedger({
			...postgresConnection(credential.data ?? {}),
			maxConnections: 1,
		});
		const keys = await ledger.countKeys();
		await ledger.close();
		return { status: 'OK', message: `Connected; the ledger holds ${keys} keys` };
	} catch (error) {
		return { status: 'Error', message: (error as Error).message };
	}
}
