/**
 * `npm run test:n8n`: proves that a real n8n 2.41.1 loads this package as a community
 * package and registers every node and credential it declares as `n8n-nodes-orderflow.<name>`.
 */
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

import {
	installN8n,
	n8nCli,
	N8N_VERSION,
	ownerSession,
	prepareUserFolder,
	startN8n,
} from './real-n8n';

const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** What the package declares, read the way n8n reads it: n8n-core's loader on package.json. */
async function declaredTypes(): Promise<{
	packageName: string;
	nodes: string[];
	credentials: string[];
}> {
	const { PackageDirectoryLoader } = await import('n8n-core');
	const loader = new PackageDirectoryLoader(REPO_ROOT);
	await loader.loadAll();
	return {
		packageName: loader.packageName,
		nodes: Object.keys(loader.known.nodes)
			.map((node) => `${loader.packageName}.${node}`)
			.sort(),
		credentials: Object.keys(loader.known.credentials).sort(),
	};
}

async function main(): Promise<void> {
	const expected = await declaredTypes();
	const pkg = { name: expected.packageName };

	installN8n();
	const userFolder = prepareUserFolder();

	const exportFile = path.join(userFolder, 'nodes.json');
	n8nCli(userFolder, ['export:nodes', `--output=${exportFile}`]);
	const exported = JSON.parse(readFileSync(exportFile, 'utf8')) as Array<{ name: string }>;
	const cliNodes = [
		...new Set(exported.map((node) => node.name).filter((name) => name.startsWith(`${pkg.name}.`))),
	];

	const n8n = await startN8n(userFolder);
	let serverNodes: string[];
	let serverCredentials: string[];
	try {
		const headers = await ownerSession(n8n);
		const nodeTypes = (await (
			await fetch(`${n8n.url}/types/nodes.json`, { headers })
		).json()) as Array<{
			name: string;
		}>;
		const credentialTypes = (await (
			await fetch(`${n8n.url}/types/credentials.json`, { headers })
		).json()) as Array<{
			name: string;
			supportedNodes?: string[];
		}>;
		serverNodes = [
			...new Set(
				nodeTypes.map((node) => node.name).filter((name) => name.startsWith(`${pkg.name}.`)),
			),
		];
		serverCredentials = credentialTypes
			.filter((credential) => expected.credentials.includes(credential.name))
			.map((credential) => credential.name);
	} finally {
		await n8n.stop();
	}

	console.log(`n8n ${N8N_VERSION} (export:nodes) registered nodes: ${cliNodes.sort().join(', ')}`);
	console.log(
		`n8n ${N8N_VERSION} (server /types) registered nodes: ${serverNodes.sort().join(', ')}`,
	);
	console.log(
		`n8n ${N8N_VERSION} (server /types) registered credentials: ${serverCredentials.sort().join(', ')}`,
	);

	const failures: string[] = [];
	// A node usable as a tool also registers a `<name>Tool` variant; every declared node must be there.
	for (const node of expected.nodes) {
		if (!cliNodes.includes(node)) failures.push(`export:nodes lacks ${node}`);
		if (!serverNodes.includes(node)) failures.push(`the server lacks node ${node}`);
	}
	for (const credential of expected.credentials) {
		if (!serverCredentials.includes(credential))
			failures.push(`the server lacks credential ${credential}`);
	}
	const passed = expected.nodes.length * 2 + expected.credentials.length - failures.length;
	for (const failure of failures) console.log(`FAIL ${failure}`);
	console.log(`${passed} passed, ${failures.length} failed`);
	if (failures.length) process.exitCode = 1;
	else rmSync(userFolder, { recursive: true, force: true });
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
