/**
 * `npm run sandbox`: the Shopify emulator and the ERP and 3PL reference servers on loopback,
 * seeded, until Ctrl-C. Options: --shopify-port, --erp-port, --3pl-port, --host, and --state <dir>
 * to keep the ERP's and 3PL's state in SQLite files there across restarts (default: memory, so
 * every start is the same fresh sandbox as the Shopify emulator, which always starts fresh).
 */
import { parseArgs } from 'node:util';

import { DEFAULT_PORTS, SANDBOX_CREDENTIALS, startSandbox } from '../sandbox';

async function main(): Promise<void> {
	const { values } = parseArgs({
		options: {
			'shopify-port': { type: 'string', default: String(DEFAULT_PORTS.shopify) },
			'erp-port': { type: 'string', default: String(DEFAULT_PORTS.erp) },
			'3pl-port': { type: 'string', default: String(DEFAULT_PORTS.threePl) },
			host: { type: 'string', default: '127.0.0.1' },
			state: { type: 'string' },
		},
	});
	const port = (name: string, value: string) => {
		const number = Number(value);
		if (!Number.isInteger(number) || number < 0 || number > 65535)
			throw new Error(`--${name} must be a port number, not "${value}"`);
		return number;
	};
	const sandbox = await startSandbox({
		host: values.host,
		ports: {
			shopify: port('shopify-port', values['shopify-port']),
			erp: port('erp-port', values['erp-port']),
			threePl: port('3pl-port', values['3pl-port']),
		},
		stateDir: values.state,
	});
	const { shopify, erp, threePl } = SANDBOX_CREDENTIALS;
	console.log(`Orderflow sandbox is running (Ctrl-C stops it)

  Shopify Admin emulator  ${sandbox.shopify.url}
    GraphQL               ${sandbox.shopify.url}/admin/api/${shopify.apiVersion}/graphql.json
    access token          ${shopify.accessToken}   (Shopify Admin API credential: Shop Domain = ${sandbox.shopify.url})
    webhook secret        ${shopify.appSecret}
    scenarios             POST ${sandbox.shopify.url}/_control/scenarios/<name>

  ERP reference server    ${sandbox.erp.url}
    bearer token          ${erp.bearerToken}   basic ${erp.basicUser}:${erp.basicPassword}
  3PL reference server    ${sandbox.threePl.url}
    bearer token          ${threePl.bearerToken}
  contract                contract/orderflow-contract.openapi.json
  faults                  PUT <erp|3pl>/_control/faults   idempotency: POST <erp|3pl>/_control/idempotency
  ERP/3PL state           ${values.state ?? 'memory (use --state <dir> to keep it)'}
`);
	const stop = async () => {
		await sandbox.close();
		process.exit(0);
	};
	process.on('SIGINT', () => void stop());
	process.on('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
	console.error((error as Error).message);
	process.exitCode = 1;
});
