/**
 * The credentials the templates link to, by the placeholder id each template carries, and where
 * the installer takes each value from: a flag, an environment variable, or the credentials file.
 */
import { DEFAULT_API_VERSION } from '../../core/shopify/connection';

export type SlotKey = 'shopify' | 'erp' | 'wms' | '3pl' | 'desk';

export interface SlotField {
	/** The credential field (the n8n credential type's property name). */
	name: string;
	flag: string;
	env: string;
	secret: boolean;
}

export interface CredentialSlot {
	key: SlotKey;
	/** The credential id the templates reference; replaced by the installed credential's id. */
	templateId: string;
	type: string;
	/** The name it gets in n8n (a store's copy adds ` · <store>`). */
	name: string;
	fields: SlotField[];
	/** Values the credential gets unless the file says otherwise. */
	defaults: Record<string, string>;
	/** What is missing from complete values, one phrase per gap (empty: complete). */
	missing(values: Record<string, string>): string[];
}

function field(name: string, flag: string, env: string, secret = false): SlotField {
	return { name, flag, env, secret };
}

/** An ERP or 3PL on the Orderflow contract: a base URL and the fields of its authentication. */
function contractSlot(
	key: SlotKey,
	templateId: string,
	type: string,
	name: string,
	label: string,
): CredentialSlot {
	const upper = key.toUpperCase();
	return {
		key,
		templateId,
		type,
		name,
		fields: [
			field('baseUrl', `--${key}-url`, `ORDERFLOW_${upper}_URL`),
			field('token', `--${key}-token`, `ORDERFLOW_${upper}_TOKEN`, true),
		],
		defaults: { authentication: 'bearer', idempotencyHeader: 'Idempotency-Key' },
		missing(values) {
			const gaps = values.baseUrl ? [] : [`the ${label}'s base URL`];
			const needs: Record<string, string[]> = {
				bearer: ['token'],
				basic: ['user', 'password'],
				apiKey: ['apiKey'],
				oauth2: ['tokenUrl', 'clientId', 'clientSecret'],
			};
			const auth = values.authentication ?? 'bearer';
			if (!needs[auth])
				return [
					...gaps,
					`a known authentication for the ${label} (bearer, basic, apiKey or oauth2), not "${auth}"`,
				];
			return [
				...gaps,
				...needs[auth].filter((name) => !values[name]).map((name) => `the ${label}'s ${name}`),
			];
		},
	};
}

export const CREDENTIAL_SLOTS: CredentialSlot[] = [
	{
		key: 'shopify',
		templateId: 'orderflow-shopify',
		type: 'shopifyAdminApi',
		name: 'Shopify Admin API',
		fields: [
			field('shopDomain', '--shopify-domain', 'ORDERFLOW_SHOPIFY_DOMAIN'),
			field('accessToken', '--shopify-token', 'ORDERFLOW_SHOPIFY_TOKEN', true),
			field('webhookSecret', '--shopify-webhook-secret', 'ORDERFLOW_SHOPIFY_WEBHOOK_SECRET', true),
		],
		// n8n's API stores only the fields given: the editor's defaults are written out.
		defaults: { authentication: 'accessToken', apiVersion: DEFAULT_API_VERSION },
		missing(values) {
			const gaps = ['shopDomain', 'webhookSecret']
				.filter((name) => !values[name])
				.map((name) => `Shopify's ${name}`);
			if (values.authentication === 'clientCredentials')
				return [
					...gaps,
					...['clientId', 'clientSecret']
						.filter((name) => !values[name])
						.map((name) => `Shopify's ${name}`),
				];
			return values.accessToken
				? gaps
				: [
						...gaps,
						"Shopify's accessToken (or clientId and clientSecret with authentication clientCredentials)",
					];
		},
	},
	contractSlot('erp', 'orderflow-erp', 'orderflowErpApi', 'ERP', 'ERP'),
	contractSlot('wms', 'orderflow-wms', 'orderflowThreePlApi', 'In-house WMS', 'in-house WMS'),
	contractSlot('3pl', 'orderflow-3pl', 'orderflowThreePlApi', '3PL', '3PL'),
	{
		key: 'desk',
		templateId: 'orderflow-support-desk',
		type: 'httpBasicAuth',
		name: 'Support Desk Login',
		fields: [
			field('user', '--desk-user', 'ORDERFLOW_DESK_USER'),
			field('password', '--desk-password', 'ORDERFLOW_DESK_PASSWORD', true),
		],
		defaults: {},
		missing: (values) =>
			['user', 'password']
				.filter((name) => !values[name])
				.map((name) => `the support desk login's ${name}`),
	},
];

export function slotByTemplateId(id: string): CredentialSlot | undefined {
	return CREDENTIAL_SLOTS.find((slot) => slot.templateId === id);
}

/** The flags every slot field answers to, for the argument parser. */
export function slotFlags(): string[] {
	return CREDENTIAL_SLOTS.flatMap((slot) => slot.fields.map((entry) => entry.flag));
}
