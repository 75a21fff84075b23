import {
	parsePostgresUrl,
	queueModeReason,
	sharedLedgerFromEnvironment,
} from '../../../core/ledger';

const N8N = ['/usr/bin/node', '/srv/n8n/node_modules/n8n/bin/n8n'];

describe('queue mode, however n8n was told', () => {
	it.each([
		[
			'n8n worker',
			{ argv: [...N8N, 'worker', '--concurrency=10'], env: {} },
			'this process is "n8n worker", which always runs in queue mode',
		],
		[
			'n8n webhook',
			{ argv: [...N8N, 'webhook'], env: {} },
			'this process is "n8n webhook", which always runs in queue mode',
		],
		[
			'n8n worker with EXECUTIONS_MODE=regular',
			{ argv: [...N8N, 'worker'], env: { EXECUTIONS_MODE: 'regular' } },
			'this process is "n8n worker", which always runs in queue mode',
		],
		[
			'EXECUTIONS_MODE=queue',
			{ argv: [...N8N, 'start'], env: { EXECUTIONS_MODE: 'queue' } },
			'EXECUTIONS_MODE is queue',
		],
		[
			'EXECUTIONS_MODE_FILE',
			{
				argv: [...N8N, 'start'],
				env: { EXECUTIONS_MODE_FILE: '/run/secrets/mode' },
				readFile: () => 'queue\n',
			},
			'EXECUTIONS_MODE_FILE (/run/secrets/mode) says queue',
		],
	])('%s', (_label, facts, reason) => {
		expect(queueModeReason(facts)).toBe(reason);
	});

	it('is not queue mode for n8n start, other programs named worker, or a mode file saying regular', () => {
		expect(queueModeReason({ argv: [...N8N, 'start'], env: {} })).toBeUndefined();
		expect(
			queueModeReason({ argv: ['/usr/bin/node', '/app/jest.js', 'worker'], env: {} }),
		).toBeUndefined();
		expect(
			queueModeReason({
				argv: [...N8N],
				env: { EXECUTIONS_MODE_FILE: '/m' },
				readFile: () => 'regular',
			}),
		).toBeUndefined();
	});

	it('does not rule queue mode out when the mode file cannot be read', () => {
		const reason = queueModeReason({
			argv: [...N8N, 'start'],
			env: { EXECUTIONS_MODE_FILE: '/missing' },
			readFile: () => {
				throw new Error('ENOENT');
			},
		});
		expect(reason).toBe(
			'EXECUTIONS_MODE_FILE (/missing) cannot be read, so queue mode cannot be ruled out',
		);
	});
});

describe('the shared ledger from ORDERFLOW_LEDGER_POSTGRES_URL', () => {
	it('reads user, password, host, port, database, schema, sslmode and pool', () => {
		expect(
			parsePostgresUrl(
				'postgres://orderflow:p%40ss@db.internal:6432/shop?schema=ledger&sslmode=require&pool=20',
				'X',
			),
		).toEqual({
			host: 'db.internal',
			port: 6432,
			database: 'shop',
			user: 'orderflow',
			password: 'p@ss',
			ssl: 'require',
			schema: 'ledger',
			maxConnections: 20,
		});
		expect(parsePostgresUrl('postgresql://u@h/d', 'X')).toMatchObject({
			port: 5432,
			password: '',
			ssl: false,
			schema: 'orderflow',
		});
	});

	it('prefers the _FILE variant, and is absent when neither is set', () => {
		const facts = {
			argv: [],
			env: {
				ORDERFLOW_LEDGER_POSTGRES_URL: 'postgres://a@b/c',
				ORDERFLOW_LEDGER_POSTGRES_URL_FILE: '/run/secrets/ledger',
			},
			readFile: () => 'postgres://file@host/db\n',
		};
		expect(sharedLedgerFromEnvironment(facts)).toMatchObject({
			user: 'file',
			host: 'host',
			database: 'db',
		});
		expect(sharedLedgerFromEnvironment({ argv: [], env: {} })).toBeUndefined();
	});

	it.each([
		['not a url', 'ORDERFLOW_LEDGER_POSTGRES_URL is not a URL'],
		['mysql://u@h/d', 'ORDERFLOW_LEDGER_POSTGRES_URL must start with postgres://, not mysql://'],
		['postgres://h/d', 'ORDERFLOW_LEDGER_POSTGRES_URL needs a user, a host and a database'],
		[
			'postgres://u@h/d?sslmode=sometimes',
			'ORDERFLOW_LEDGER_POSTGRES_URL: sslmode "sometimes" is not one of disable, require, no-verify, prefer, verify-full',
		],
	])('refuses %s with what to fix', (url, message) => {
		expect(() => parsePostgresUrl(url, 'ORDERFLOW_LEDGER_POSTGRES_URL')).toThrow(message);
	});
});
