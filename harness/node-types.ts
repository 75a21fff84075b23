import path from 'node:path';

import type { DirectoryLoader } from 'n8n-core';
import type {
	ICredentialType,
	IDataObject,
	INodeType,
	INodeTypes,
	IVersionedNodeType,
} from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

/** The n8n-nodes-base nodes our templates and tests may use. */
export const BUILT_IN_NODES = [
	'manualTrigger',
	'webhook',
	'scheduleTrigger',
	'if',
	'switch',
	'set',
	'merge',
	'noOp',
	'splitOut',
	'aggregate',
	'wait',
	'httpRequest',
	'respondToWebhook',
	'stickyNote',
	'stopAndError',
	'errorTrigger',
	'formTrigger',
	// n8n's own dataset diff, the baseline the reconciliation benchmark measures against.
	'compareDatasets',
	// A real polling trigger, to prove polls run once and keep their static data.
	'rssFeedReadTrigger',
] as const;

export const REPO_ROOT = path.resolve(__dirname, '..');

/**
 * Node and credential types the way n8n resolves them: `<package>.<node>` looked up in the
 * loader of that package. Our package is loaded by `PackageDirectoryLoader` from its
 * package.json (so it must be built); n8n-nodes-base lazily, restricted to `BUILT_IN_NODES`.
 */
export class HarnessNodeTypes implements INodeTypes {
	private readonly loaders = new Map<string, DirectoryLoader>();

	constructor(loaders: DirectoryLoader[]) {
		for (const loader of loaders) {
			this.loaders.set((loader as DirectoryLoader & { packageName: string }).packageName, loader);
		}
	}

	getByName(nodeType: string): INodeType | IVersionedNodeType {
		const { loader, name } = this.split(nodeType);
		return loader.getNode(name).type;
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(nodeType), version);
	}

	getKnownTypes(): IDataObject {
		return {};
	}

	/** A credential type of any loaded package (ours first). */
	getCredentialType(typeName: string): ICredentialType {
		for (const loader of this.loaders.values()) {
			if (typeName in loader.credentialTypes || typeName in loader.known.credentials) {
				return loader.getCredential(typeName).type;
			}
		}
		throw new Error(`Unknown credential type "${typeName}": no loaded package defines it`);
	}

	/** The `<package>.<node>` names a package registered. */
	typesOf(packageName: string): { nodes: string[]; credentials: string[] } {
		const loader = this.loaders.get(packageName);
		if (!loader) throw new Error(`Package "${packageName}" is not loaded`);
		return {
			nodes: Object.keys(loader.known.nodes).map((node) => `${packageName}.${node}`),
			credentials: Object.keys(loader.known.credentials),
		};
	}

	private split(nodeType: string): { loader: DirectoryLoader; name: string } {
		const dot = nodeType.lastIndexOf('.');
		const packageName = nodeType.slice(0, dot);
		const loader = this.loaders.get(packageName);
		if (dot <= 0 || !loader) {
			throw new Error(
				`Node type "${nodeType}" is not available: loaded packages are ${[...this.loaders.keys()].join(', ')}`,
			);
		}
		return { loader, name: nodeType.slice(dot + 1) };
	}
}
