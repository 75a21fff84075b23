/**
 * What one queue-mode run is: its sizes and time limits, its own PostgreSQL database and Redis
 * prefixes (so a run never meets another's jobs, pub/sub messages or rows), and the environment
 * every n8n process of the run shares. Names are those n8n 2.41.1 reads (@n8n/config).
 */

export const ORDERS = 150;
/** Share of the orders that get a newer version (an update → orders/updated) before the flood. */
export const UPDATED_SHARE = 0.4;
/** Extra copies of each delivery: 1 to 3, 2 on average, so about two thirds of all posts repeat one. */
export const MIN_COPIES = 1;
export const MAX_COPIES = 3;
/** Parallel POSTs to n8n: enough to keep both workers busy without drowning main. */
export const PARALLEL_POSTS = 8;
/** Shopify retries an answer other than 2xx; here after a short backoff, at most this often. */
export const MAX_POST_ATTEMPTS = 8;
export const WORKER_CONCURRENCY = 10;
/**
 * The ERP takes this long per write: executions stay open long enough for the kill to catch some
 * mid-write (sent, not yet answered: the ERP books it, the dead worker never hears).
 */
export const ERP_WRITE_LATENCY_MS = 1500;
/** The kill waits for the victim to have at least this many executions in flight… */
export const KILL_MIN_IN_FLIGHT = 3;
/** …and until this share of the first flood is posted. */
export const KILL_AFTER_SHARE = 1 / 2;
/**
 * If the moment for the kill (executions in flight, some orders booked) never comes, kill anyway
 * (and the check that it was mid-work fails). Half the first flood is posted 40 to 50 s in; the
 * flood lasts two minutes or more: the moment is looked for until 100 s in.
 */
export const KILL_FALLBACK_MS = 100_000;
export const RESTART_AFTER_MS = 5_000;
/** Exactly-once must be back within this long after the kill. */
export const RECOVERY_LIMIT_MS = 120_000;
/** Waiting stops this long after the kill (or after the flood began), settled or not… */
export const GIVE_UP_AFTER_KILL_MS = 180_000;
/** …or once the recovery limit has passed and nothing changed for this long. */
export const GIVE_UP_WHEN_STILL_MS = 30_000;
export const GIVE_UP_AFTER_FLOOD_MS = 360_000;
export const POLL_MS = 2_000;

export const SHOPIFY_TOKEN = 'shpat_queue';
export const SHOPIFY_SECRET = 'queue-app-secret';
export const ERP_TOKEN = 'erp-sandbox-token';
export const WORKFLOW_ID = 'orderflowQueue0001';

export const POSTGRES = { host: '127.0.0.1', port: 5432, user: 'postgres' };
export const REDIS = { host: '127.0.0.1', port: 6379 };
export const LEDGER_SCHEMA = 'orderflow_ledger';

/** Ports of one n8n process: main serves HTTP on `http`, a worker its health check. */
export interface ProcessPorts {
	http: number;
	/** Every main and worker runs a task broker for its runners (5679 by default): one each. */
	broker: number;
}

/**
 * Added to every port below, so a second run (the intake bench beside `npm run test:queue`) can
 * use its own: ORDERFLOW_QUEUE_PORT_OFFSET=40 puts main on 5740. 0 unless set.
 */
export const PORT_OFFSET = portOffset(process.env.ORDERFLOW_QUEUE_PORT_OFFSET);

export function portOffset(text: string | undefined): number {
	const offset = Number(text ?? 0);
	if (!Number.isInteger(offset) || offset < 0 || offset > 50_000)
		throw new Error(
			`ORDERFLOW_QUEUE_PORT_OFFSET must be a whole number from 0 to 50000, not "${text}"`,
		);
	return offset;
}

const ports = (http: number, broker: number): ProcessPorts => ({
	http: http + PORT_OFFSET,
	broker: broker + PORT_OFFSET,
});

export const MAIN_PORTS: ProcessPorts = ports(5700, 5701);
export const WORKER_PORTS: ProcessPorts[] = [ports(5710, 5711), ports(5720, 5721)];
/** `n8n webhook` processes (only the intake bench starts them): HTTP for /webhook/*, and a broker port of their own. */
export const WEBHOOK_PORTS: ProcessPorts[] = [
	ports(5702, 5703),
	ports(5704, 5705),
	ports(5706, 5707),
	ports(5708, 5709),
];

export interface RunIdentity {
	/** Lower case, digits and underscores: usable as a database name and a Redis prefix. */
	id: string;
	database: string;
}

export function runIdentity(now = new Date()): RunIdentity {
	const stamp = now.toISOString().replace(/\D/g, '').slice(0, 14);
	const id = `${stamp}_${process.pid}`;
	return { id, database: `orderflow_queue_${id}` };
}

/** Bull's keys, and n8n's own Redis keys and pub/sub channels: both unique to the run. */
export const bullPrefix = (run: RunIdentity) => `orderflow_queue_${run.id}`;
export const redisKeyPrefix = (run: RunIdentity) => `orderflow_n8n_${run.id}`;

export function ledgerUrl(run: RunIdentity): string {
	return `postgres://${POSTGRES.user}@${POSTGRES.host}:${POSTGRES.port}/${run.database}?schema=${LEDGER_SCHEMA}`;
}

/**
 * What main, the workers and the CLI commands share: n8n's own database, the Orderflow ledger
 * beside it, the Redis queue, and where outbound HTTP goes. The CLI imports into the database
 * the running processes read, so it gets the same environment.
 */
export function sharedEnv(run: RunIdentity, egressProxy: string): NodeJS.ProcessEnv {
	return {
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: POSTGRES.host,
		DB_POSTGRESDB_PORT: String(POSTGRES.port),
		DB_POSTGRESDB_DATABASE: run.database,
		DB_POSTGRESDB_USER: POSTGRES.user,
		ORDERFLOW_LEDGER_POSTGRES_URL: ledgerUrl(run),
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: REDIS.host,
		QUEUE_BULL_REDIS_PORT: String(REDIS.port),
		QUEUE_BULL_PREFIX: bullPrefix(run),
		N8N_REDIS_KEY_PREFIX: redisKeyPrefix(run),
		// n8n 3 will always do this; set now so no manual execution ever runs on main.
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
		// The subscriptions the trigger registers point at main's production webhook URL.
		N8N_WEBHOOK_URL: `http://127.0.0.1:${MAIN_PORTS.http}/`,
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '5',
		// Main fetches vetted community nodes and MCP servers from n8n's API: not needed here.
		N8N_VERIFIED_PACKAGES_ENABLED: 'false',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		N8N_DISABLED_MODULES: 'mcp-registry',
		// "Started/finished execution" lines are info: they tell which worker ran what.
		N8N_LOG_LEVEL: 'info',
		// The template reports exceptions to a Slack URL: outbound HTTP ends at a local sink, so
		// the run never leaves this machine; the sandboxes on loopback are reached directly.
		HTTP_PROXY: egressProxy,
		HTTPS_PROXY: egressProxy,
		http_proxy: egressProxy,
		https_proxy: egressProxy,
		NO_PROXY: '127.0.0.1,localhost,::1',
		no_proxy: '127.0.0.1,localhost,::1',
	};
}

export function mainEnv(): NodeJS.ProcessEnv {
	return { N8N_PORT: String(MAIN_PORTS.http), N8N_RUNNERS_BROKER_PORT: String(MAIN_PORTS.broker) };
}

export function webhookEnv(ports: ProcessPorts): NodeJS.ProcessEnv {
	return { N8N_PORT: String(ports.http), N8N_RUNNERS_BROKER_PORT: String(ports.broker) };
}

export function workerEnv(ports: ProcessPorts): NodeJS.ProcessEnv {
	return {
		QUEUE_HEALTH_CHECK_ACTIVE: 'true',
		QUEUE_HEALTH_CHECK_PORT: String(ports.http),
		// The worker server listens on :: by default; loopback is all this run needs.
		N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
		N8N_RUNNERS_BROKER_PORT: String(ports.broker),
	};
}
