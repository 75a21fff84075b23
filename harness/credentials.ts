import type {
	ICredentialDataDecryptedObject,
	ICredentials,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeProperties,
	IRequestOptionsSimplified,
	IWorkflowExecuteAdditionalData,
	Workflow,
} from 'n8n-workflow';
import { ICredentialsHelper } from 'n8n-workflow';

import type { HarnessNodeTypes } from './node-types';

/** A credential as a workflow references it: by name (templates do), with its type and data. */
export interface HarnessCredential {
	type: string;
	data: ICredentialDataDecryptedObject;
}

/**
 * Stands in for n8n's CredentialsHelper: decrypted data comes from the test's map instead of
 * the database, and each credential type's own `authenticate` definition is applied to
 * requests the way n8n's server applies it (generic header/qs/body/auth properties resolved
 * as expressions with `$credentials`, or the type's authenticate function).
 */
export class HarnessCredentialsHelper extends ICredentialsHelper {
	constructor(
		private readonly nodeTypes: HarnessNodeTypes,
		private readonly store: Map<string, HarnessCredential>,
	) {
		super();
	}

	getParentTypes(typeName: string): string[] {
		const extendsTypes = this.nodeTypes.getCredentialType(typeName).extends ?? [];
		return extendsTypes.flatMap((parent) => [parent, ...this.getParentTypes(parent)]);
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	getCredentialsProperties(typeName: string): INodeProperties[] {
		const type = this.nodeTypes.getCredentialType(typeName);
		const inherited = (type.extends ?? []).flatMap((parent) =>
			this.getCredentialsProperties(parent),
		);
		return [...inherited, ...type.properties];
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		nodeCredentials: INodeCredentialsDetails,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject> {
		const credential = this.find(nodeCredentials, typeName);
		const data: ICredentialDataDecryptedObject = {};
		for (const property of this.getCredentialsProperties(typeName)) {
			if (property.default !== undefined) data[property.name] = property.default as never;
		}
		return { ...data, ...credential.data };
	}

	async getCredentials(
		nodeCredentials: INodeCredentialsDetails,
		typeName: string,
	): Promise<ICredentials> {
		const credential = this.find(nodeCredentials, typeName);
		return {
			id: nodeCredentials.id ?? undefined,
			name: nodeCredentials.name,
			type: typeName,
			data: undefined,
			getData: () => credential.data,
			getDataToSave: () => ({ data: JSON.stringify(credential.data) }),
			setData: (data: ICredentialDataDecryptedObject) => {
				credential.data = data;
			},
		} as unknown as ICredentials;
	}

	async updateCredentials(
		nodeCredentials: INodeCredentialsDetails,
		typeName: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.find(nodeCredentials, typeName).data = data;
	}

	async updateCredentialsOauthTokenData(
		nodeCredentials: INodeCredentialsDetails,
		typeName: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		const credential = this.find(nodeCredentials, typeName);
		credential.data = { ...credential.data, oauthTokenData: data.oauthTokenData };
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const type = this.nodeTypes.getCredentialType(typeName);
		const authenticate = type.authenticate;
		if (typeof authenticate === 'function') {
			return await authenticate(credentials, requestOptions as IHttpRequestOptions);
		}
		if (!authenticate || authenticate.type !== 'generic')
			return requestOptions as IHttpRequestOptions;

		const resolve = (value: unknown): unknown => {
			if (typeof value !== 'string' || !value.startsWith('=')) return value;
			if (!workflow || !node) {
				throw new Error(`Credential "${typeName}" needs a workflow and node to resolve ${value}`);
			}
			return workflow.expression.getSimpleParameterValue(
				node,
				value,
				'internal',
				{ $credentials: credentials },
				undefined,
				'',
			);
		};
		const options = requestOptions as unknown as Record<
			string,
			Record<string, unknown> | undefined
		>;
		for (const [outerKey, entries] of Object.entries(authenticate.properties)) {
			const target = (options[outerKey] ??= {});
			for (const [key, value] of Object.entries(entries as Record<string, unknown>)) {
				const resolved = resolve(value);
				target[String(resolve(key))] = outerKey === 'auth' ? resolved : String(resolved);
			}
		}
		return requestOptions as IHttpRequestOptions;
	}

	/** What n8n does for credentials with an expirable hidden property (e.g. session tokens). */
	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.nodeTypes.getCredentialType(typeName);
		const expirable = expirableProperty(type);
		if (!type.preAuthentication || !expirable) return undefined;
		if (
			credentials[expirable.name] !== '' &&
			credentials[expirable.name] !== undefined &&
			!credentialsExpired
		) {
			return undefined;
		}
		const output = (await type.preAuthentication.call(
			helpers,
			credentials,
		)) as ICredentialDataDecryptedObject;
		const nodeCredentials = node.credentials?.[typeName];
		if (nodeCredentials) {
			const stored = this.find(nodeCredentials, typeName);
			stored.data = { ...stored.data, ...output };
		}
		return { ...credentials, ...output };
	}

	async runPreAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.nodeTypes.getCredentialType(typeName);
		if (!type.preAuthentication) return undefined;
		const output = (await type.preAuthentication.call(
			helpers,
			credentials,
		)) as ICredentialDataDecryptedObject;
		return { ...credentials, ...output };
	}

	private find(nodeCredentials: INodeCredentialsDetails, typeName: string): HarnessCredential {
		const byName = this.store.get(nodeCredentials.name);
		if (byName && byName.type === typeName) return byName;
		const ofType = [...this.store.values()].filter((credential) => credential.type === typeName);
		if (ofType.length === 1) return ofType[0];
		throw new Error(
			`No credential "${nodeCredentials.name}" of type "${typeName}" was given to the harness` +
				(ofType.length > 1 ? ` (${ofType.length} of that type exist; name one)` : ''),
		);
	}
}

function expirableProperty(type: ICredentialType): INodeProperties | undefined {
	return type.properties.find(
		(property) => property.type === 'hidden' && property.typeOptions?.expirable === true,
	);
}
