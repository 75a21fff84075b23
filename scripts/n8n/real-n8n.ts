/**
 * A real n8n 2.41.1 for end-to-end checks: installed once into an ignored cache folder,
 * given a fresh user folder with this package installed the way n8n's community-package
 * installer installs it, and driven through its CLI and HTTP server.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import {
	cpSync,
	existsSync,
	mkdirSync,
	mkdtempSync,
	readFileSync,
	realpathSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const N8N_VERSION = '2.41.1';
const REPO_ROOT = path.resolve(__dirname, '..', '..');
const CACHE_DIR = path.join(REPO_ROOT, '.cache', `n8n-${N8N_VERSION}`);
const N8N_BIN = path.join(CACHE_DIR, 'node_modules', 'n8n', 'bin', 'n8n');
/** The install's package.json and lockfile, kept in the repository. */
const INSTALL_DIR = path.join(REPO_ROOT, 'scripts', 'n8n', 'install');
const SQLITE_BINDING = path.join(
	CACHE_DIR,
	'node_modules',
	'sqlite3',
	'build',
	'Release',
	'node_sqlite3.node',
);

function log(message: string): void {
	console.log(`[real-n8n] ${message}`);
}

function run(
	command: string,
	args: string[],
	cwd: string,
	env: NodeJS.ProcessEnv = process.env,
): void {
	execFileSync(command, args, { cwd, env, stdio: ['ignore', 'inherit', 'inherit'] });
}

/** The Node 24 headers that native modules must be built against (shipped by the `node` dev dependency). */
function nodeHeadersDir(): string {
	const dir = path.join(
		REPO_ROOT,
		'node_modules',
		'node',
		'node_modules',
		`node-${process.platform}-${process.arch}`,
	);
	if (!existsSync(path.join(dir, 'include', 'node', 'node.h'))) {
		// A later `npm install <pkg>` prunes the platform package the `node` package installed
		// without saving it (its hard-linked binary survives): its install script puts it back.
		log('the Node 24 headers are missing: reinstalling the node package');
		run('npm', ['rebuild', 'node'], REPO_ROOT, process.env);
	}
	if (!existsSync(path.join(dir, 'include', 'node', 'node.h'))) {
		throw new Error(`Node headers not found in ${dir}: run the set-up command first`);
	}
	return dir;
}

/**
 * npm's own node-gyp: the one npm names under `npm run`, else the one beside the npm in PATH
 * (found from where its CLI really lives: run directly, with this repo's Node 24 first in PATH,
 * `npm root -g` points into the repo's node package, which has no npm).
 */
function nodeGypScript(): string {
	const npmCli = realpathSync(
		execFileSync('sh', ['-c', 'command -v npm'], { encoding: 'utf8' }).trim(),
	);
	const candidates = [
		process.env.npm_config_node_gyp,
		path.join(
			execFileSync('npm', ['root', '-g'], { encoding: 'utf8' }).trim(),
			'npm',
			'node_modules',
			'node-gyp',
			'bin',
			'node-gyp.js',
		),
		path.join(path.dirname(npmCli), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
	].filter((candidate): candidate is string => Boolean(candidate));
	const found = candidates.find((candidate) => existsSync(candidate));
	if (!found)
		throw new Error(
			`npm's node-gyp was not found (looked at ${candidates.join(', ')}); run through npm: npm run test:n8n`,
		);
	return found;
}

/**
 * Installs n8n into the cache once, from the committed lockfile (`scripts/n8n/install`), so the
 * run never depends on what the registry resolves that day. The lock carries the linkedom
 * override the registry needs; install scripts are skipped (one dependency would download a
 * prebuilt binary) and only sqlite3, n8n's database driver, is built natively against Node 24.
 */
export function installN8n(): void {
	if (existsSync(N8N_BIN) && existsSync(SQLITE_BINDING)) return;
	mkdirSync(CACHE_DIR, { recursive: true });
	for (const file of ['package.json', 'package-lock.json'])
		cpSync(path.join(INSTALL_DIR, file), path.join(CACHE_DIR, file));
	log(
		`installing n8n ${N8N_VERSION} into ${path.relative(REPO_ROOT, CACHE_DIR)} from its lockfile (first run only)`,
	);
	run('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], CACHE_DIR, {
		...process.env,
		npm_config_yes: 'true',
	});
	log('building sqlite3 against the Node 24 headers');
	// Under `npm run`, npm names its own node-gyp; `npm root -g` points elsewhere when the Node 24
	// of this repo comes first in PATH (npm then takes its prefix from that node).
	const nodeGyp = nodeGypScript();
	try {
		execFileSync(
			process.execPath,
			[nodeGyp, 'rebuild', '--release', `--nodedir=${nodeHeadersDir()}`, '--jobs=max'],
			{
				cwd: path.join(CACHE_DIR, 'node_modules', 'sqlite3'),
				stdio: 'pipe',
				maxBuffer: 256 * 1024 * 1024,
			},
		);
	} catch (error) {
		const { stdout, stderr } = error as { stdout?: Buffer; stderr?: Buffer };
		throw new Error(
			`building sqlite3 failed:\n${String(stdout ?? '').slice(-3000)}\n${String(stderr ?? '').slice(-3000)}`,
		);
	}
}

/**
 * A fresh n8n user folder with this package installed as n8n's installer does: the packed
 * tarball extracted to `.n8n/nodes/node_modules/<name>`, dev and peer dependencies removed,
 * then `npm install` without scripts inside it.
 */
export function prepareUserFolder(): string {
	const userFolder = mkdtempSync(path.join(tmpdir(), 'orderflow-real-n8n-'));
	const packDir = path.join(userFolder, 'pack');
	mkdirSync(packDir);
	const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', packDir], {
		cwd: REPO_ROOT,
		encoding: 'utf8',
	})
		.trim()
		.split('\n')
		.at(-1) as string;
	const packageJson = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
		name: string;
	};
	const target = path.join(userFolder, '.n8n', 'nodes', 'node_modules', packageJson.name);
	mkdirSync(target, { recursive: true });
	run(
		'tar',
		['xzf', path.join(packDir, tarball), '-C', target, '--strip-components=1'],
		userFolder,
	);
	const installed = JSON.parse(readFileSync(path.join(target, 'package.json'), 'utf8')) as Record<
		string,
		unknown
	>;
	delete installed.devDependencies;
	delete installed.peerDependencies;
	delete installed.optionalDependencies;
	writeFileSync(path.join(target, 'package.json'), JSON.stringify(installed, null, 2));
	run(
		'npm',
		[
			'install',
			'--audit=false',
			'--fund=false',
			'--bin-links=false',
			'--install-strategy=shallow',
			'--ignore-scripts=true',
			'--package-lock=false',
			'--loglevel=error',
		],
		target,
	);
	rmSync(packDir, { recursive: true, force: true });
	return userFolder;
}

export interface N8nInstance {
	url: string;
	userFolder: string;
	stop(): Promise<void>;
	/** What n8n printed so far (its log), to show when a check fails. */
	log(): string;
}

export function n8nEnv(userFolder: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
	return {
		...process.env,
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: 'orderflow-e2e-key',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_LOG_LEVEL: 'warn',
		N8N_SECURE_COOKIE: 'false',
		...extra,
	};
}

/** Runs an n8n CLI command (import:workflow, publish:workflow, export:nodes, execute …) and returns its stdout. */
export function n8nCli(
	userFolder: string,
	args: string[],
	extraEnv: NodeJS.ProcessEnv = {},
): string {
	return execFileSync(process.execPath, [N8N_BIN, ...args], {
		env: n8nEnv(userFolder, extraEnv),
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe'],
		maxBuffer: 256 * 1024 * 1024,
	});
}

/**
 * Spawns a long-running n8n command (`start`, `worker`, …) without waiting for it. Detached, it
 * leads its own process group: a crash test can kill it together with the task runners it
 * started, as a container crash would.
 */
export function spawnN8n(
	userFolder: string,
	args: string[],
	extraEnv: NodeJS.ProcessEnv = {},
): ChildProcess {
	return spawn(process.execPath, [N8N_BIN, ...args], {
		env: n8nEnv(userFolder, extraEnv),
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true,
	});
}

const NOWHERE = 'http://127.0.0.1:9';

/**
 * The credentials the templates reference, by their ids and names. A system not given points
 * nowhere: enough for the editor and the importer to resolve the template's nodes.
 */
export function templateCredentials(
	targets: {
		shopify?: { shopDomain: string; accessToken: string; webhookSecret: string };
		erp?: { baseUrl: string; token: string };
		desk?: { user: string; password: string };
	} = {},
): unknown[] {
	const contractApi = (
		id: string,
		name: string,
		type: string,
		target = { baseUrl: NOWHERE, token: 'unused' },
	) => ({
		id,
		name,
		type,
		data: { ...target, authentication: 'bearer', idempotencyHeader: 'Idempotency-Key' },
	});
	const shopify = targets.shopify ?? {
		shopDomain: NOWHERE,
		accessToken: 'shpat_unused',
		webhookSecret: 'unused',
	};
	return [
		{
			id: 'orderflow-shopify',
			name: 'Shopify Admin API',
			type: 'shopifyAdminApi',
			data: { ...shopify, authentication: 'accessToken', apiVersion: '2026-10' },
		},
		contractApi('orderflow-erp', 'ERP', 'orderflowErpApi', targets.erp),
		contractApi('orderflow-wms', 'In-house WMS', 'orderflowThreePlApi'),
		contractApi('orderflow-3pl', '3PL', 'orderflowThreePlApi'),
		{
			id: 'orderflow-support-desk',
			name: 'Support Desk Login',
			type: 'httpBasicAuth',
			data: targets.desk ?? { user: 'support', password: 'unused' },
		},
	];
}

/** `extraEnv` names the database when it is not the user folder's SQLite (queue mode: PostgreSQL). */
export function importCredentials(
	userFolder: string,
	credentials: unknown[],
	extraEnv: NodeJS.ProcessEnv = {},
): void {
	const file = path.join(userFolder, 'credentials.json');
	writeFileSync(file, JSON.stringify(credentials));
	n8nCli(userFolder, ['import:credentials', `--input=${file}`], extraEnv);
}

export function importWorkflow(
	userFolder: string,
	workflow: unknown,
	extraEnv: NodeJS.ProcessEnv = {},
): void {
	const file = path.join(userFolder, 'workflow.json');
	writeFileSync(file, JSON.stringify(workflow));
	n8nCli(userFolder, ['import:workflow', `--input=${file}`], extraEnv);
}

export function publishWorkflow(
	userFolder: string,
	workflowId: string,
	extraEnv: NodeJS.ProcessEnv = {},
): void {
	n8nCli(userFolder, ['publish:workflow', `--id=${workflowId}`], extraEnv);
}

/** Starts `n8n start` and resolves once its HTTP server answers the health check. */
export async function startN8n(
	userFolder: string,
	port = 5688,
	timeoutMs = 180_000,
	extraEnv: NodeJS.ProcessEnv = {},
): Promise<N8nInstance> {
	const child: ChildProcess = spawn(process.execPath, [N8N_BIN, 'start'], {
		// The task broker listens on 5679 by default: keep it beside our port instead.
		env: n8nEnv(userFolder, {
			N8N_PORT: String(port),
			N8N_RUNNERS_BROKER_PORT: String(port + 1),
			...extraEnv,
		}),
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let output = '';
	child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
	child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
	const url = `http://127.0.0.1:${port}`;
	const stop = async () => {
		if (child.exitCode !== null) return;
		const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
		child.kill('SIGTERM');
		const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
		await exited;
		clearTimeout(timer);
	};
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (child.exitCode !== null)
			throw new Error(`n8n exited with ${child.exitCode}:\n${output.slice(-4000)}`);
		try {
			const response = await fetch(`${url}/healthz/readiness`);
			if (response.ok) return { url, userFolder, stop, log: () => output };
		} catch {
			// not listening yet
		}
		await new Promise((resolve) => setTimeout(resolve, 1000));
	}
	await stop();
	throw new Error(`n8n did not become ready within ${timeoutMs / 1000}s:\n${output.slice(-4000)}`);
}

export const OWNER = {
	email: 'owner@orderflow.dev',
	firstName: 'Ops',
	lastName: 'Owner',
	password: 'Orderflow-e2e-1',
};

/**
 * Sets up the instance owner (first call only) and logs in; returns the headers that
 * authenticate editor REST calls such as `/types/nodes.json` and `/rest/api-keys`.
 */
export async function ownerSession(n8n: N8nInstance): Promise<Record<string, string>> {
	const post = async (route: string, body: unknown) =>
		await fetch(`${n8n.url}${route}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
		});
	await post('/rest/owner/setup', OWNER);
	const login = await post('/rest/login', {
		emailOrLdapLoginId: OWNER.email,
		password: OWNER.password,
	});
	const cookie = login.headers.getSetCookie().find((value) => value.startsWith('n8n-auth='));
	if (!login.ok || !cookie)
		throw new Error(`n8n login failed with HTTP ${login.status}: ${await login.text()}`);
	return { cookie: cookie.split(';')[0] };
}

/** Copies a file into the user folder (e.g. a template to import). */
export function copyIntoUserFolder(userFolder: string, file: string): string {
	const target = path.join(userFolder, path.basename(file));
	cpSync(file, target);
	return target;
}

/** An API key with every scope the owner may grant, made the way Settings → n8n API makes one. */
export async function createApiKey(n8n: N8nInstance, label: string): Promise<string> {
	const session = await ownerSession(n8n);
	// A just-started n8n may close the first connection: one retry.
	const scopesUrl = `${n8n.url}/rest/api-keys/scopes`;
	const scopesResponse = await fetch(scopesUrl, { headers: session }).catch(() =>
		fetch(scopesUrl, { headers: session }),
	);
	const scopes = (await scopesResponse.json()) as { data: string[] };
	const created = await fetch(`${n8n.url}/rest/api-keys`, {
		method: 'POST',
		headers: { ...session, 'content-type': 'application/json' },
		body: JSON.stringify({ label, expiresAt: null, scopes: scopes.data }),
	});
	const body = (await created.json()) as { data?: { rawApiKey?: string } };
	if (!body.data?.rawApiKey)
		throw new Error(
			`creating an API key failed with HTTP ${created.status}: ${JSON.stringify(body)}`,
		);
	return body.data.rawApiKey;
}
