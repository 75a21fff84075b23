/**
 * Upsert Sales Order: a Shopify order mapped to the canonical sales order, created once per
 * order (key `<ref>:create`, shared by every version so concurrent versions cannot book twice)
 * and replaced when a newer version arrives (key `<ref>:update:<version>`).
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	mapShopifyOrder,
	type EntityRule,
	type MappingOptions,
	type SalesOrderInput,
} from '../../../../core/contract/sales-order';
import { shopifyEntityOf } from '../../../../core/dedupe/presets';
import {
	coverWrites,
	type SendResult,
	type VerifyResult,
	type WriteOutcome,
} from '../../../../core/idempotency';
import type { AuditEvent } from '../../../../core/ledger';
import { splitList } from '../../../../core/lists';
import { formatFixedDecimal } from '../../../../core/money';
import { read, readPages, writeAttempt } from '../../../shared/contract-client';
import type { ContractWrite } from '../../../shared/contract-node';
import {
	refusedItem,
	unreadableItem,
	type ContractContext,
	type OperationResult,
} from '../../../shared/contract-operation';
import { actor } from '../../../shared/ledger';
import { itemParameter } from '../../../shared/parameters';

/** How a Shopify order is mapped: its legal entity, and what refuses it. */
const mappingFields: INodeProperties[] = [
	{
		displayName: 'Default Entity',
		name: 'defaultEntity',
		type: 'string',
		default: 'MAIN',
		description: 'The legal entity an order is booked in when no routing rule matches',
		hint: 'The company code exactly as the ERP knows it (case counts): every order no routing rule below claims is booked here',
	},
	{
		displayName: 'Entity Routing Rules',
		name: 'entityRules',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Rule',
		default: {},
		description: 'The first rule that matches chooses the entity',
		hint: 'Rules are tried top to bottom; a rule matches when both its countries and its channels do (an empty list matches any). No match: the Default Entity.',
		options: [
			{
				displayName: 'Rule',
				name: 'rule',
				values: [
					{
						displayName: 'Entity',
						name: 'entity',
						type: 'string',
						default: '',
						description:
							'The legal entity (company code) the ERP books the order in when this rule matches',
					},
					{
						displayName: 'Ship-to Countries',
						name: 'shipToCountries',
						type: 'string',
						default: '',
						placeholder: 'US, CA',
						description: 'ISO codes, comma-separated; empty: any',
						hint: 'Two-letter ISO 3166 codes in capitals (US, not us), separated by commas or new lines: the country the order ships to',
					},
					{
						displayName: 'Sales Channels',
						name: 'channels',
						type: 'string',
						default: '',
						placeholder: 'amazon, pos',
						description: 'Shopify source names, comma-separated; empty: any',
						hint: "The order's source_name in Shopify, exactly: web, pos, shopify_draft_order, or a sales channel app's name such as amazon",
					},
				],
			},
		],
	},
	{
		displayName: 'Check SKUs Against the SKU Master',
		name: 'checkSkus',
		type: 'boolean',
		default: true,
		description:
			'Whether to send orders with SKUs the ERP does not know to Failed instead of booking them',
		hint: 'Reads the SKU master once per run; a SKU must match exactly (case and dashes count), and a line without a SKU always goes to Failed',
	},
	{
		displayName: 'Currencies the ERP Books',
		name: 'currencies',
		type: 'string',
		default: '',
		placeholder: 'EUR, USD',
		description: 'Comma-separated ISO codes; empty: any',
		hint: 'ISO 4217 codes in capitals; both the shop currency and the currency the customer paid in must be listed, else the order goes to Failed',
	},
];

const properties: INodeProperties[] = [
	{
		displayName: 'Input',
		name: 'input',
		description:
			'What the items are: Shopify orders to map, or sales orders already in the canonical shape',
		hint: 'A canonical sales order is sent as it is: no entity routing, SKU or currency check',
		type: 'options',
		options: [
			{
				name: 'Shopify Order',
				value: 'shopifyOrder',
				description:
					'A webhook payload, a trigger item or an order from the Shopify node: mapped to the canonical sales order',
			},
			{
				name: 'Canonical Sales Order',
				value: 'canonical',
				description: 'The item already is a canonical sales order',
			},
		],
		default: 'shopifyOrder',
	},
	...updateDisplayOptions({ show: { input: ['shopifyOrder'] } }, mappingFields),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['salesOrder'], operation: ['upsert'] } },
	properties,
);

export const write: ContractWrite = { idempotencyKeyOption: true };

interface StoredSalesOrder {
	id: string;
	status: string;
	sourceUpdatedAt?: string;
}

function rank(version: string | undefined): number {
	return version ? Date.parse(version) || 0 : 0;
}

/** Each item's input kind and mapping settings; what is fixed is read once per execution. */
function mappingSettings(fns: IExecuteFunctions) {
	const inputOf = itemParameter(fns, 'input');
	const checkSkusOf = itemParameter(fns, 'checkSkus', true);
	const rulesOf = itemParameter(fns, 'entityRules', {});
	const defaultEntityOf = itemParameter(fns, 'defaultEntity');
	const currenciesOf = itemParameter(fns, 'currencies', '');
	return {
		canonical: (itemIndex: number) => inputOf(itemIndex) === 'canonical',
		checkSkus: (itemIndex: number) => Boolean(checkSkusOf(itemIndex)),
		mapping: (itemIndex: number): Omit<MappingOptions, 'knownSkus'> => {
			const rules = ((rulesOf(itemIndex) as IDataObject).rule as IDataObject[] | undefined) ?? [];
			return {
				defaultEntity: String(defaultEntityOf(itemIndex)),
				rules: rules.map(
					(rule): EntityRule => ({
						entity: String(rule.entity),
						shipToCountries: splitList(rule.shipToCountries),
						channels: splitList(rule.channels),
					}),
				),
				currencies: splitList(currenciesOf(itemIndex)),
			};
		},
	};
}

function salesOrderInput(
	context: ContractContext,
	settings: ReturnType<typeof mappingSettings>,
	itemIndex: number,
	knownSkus: Set<string> | undefined,
): SalesOrderInput | { reasons: string[] } {
	const json = context.fns.getInputData()[itemIndex].json;
	if (settings.canonical(itemIndex)) return json as unknown as SalesOrderInput;
	const result = mapShopifyOrder(json, { ...settings.mapping(itemIndex), knownSkus });
	return result.ok ? result.salesOrder : { reasons: result.reasons };
}

type Write = ReturnType<ContractContext['write']>;

/** What the order was mapped to, for the trail: "a sales order for #1025: 2 lines, EUR 79.80, entity DE01". */
function mappingFacts(input: SalesOrderInput): Record<string, unknown> {
	// A canonical item comes as the user built it: describe what is there.
	const total = input.totals?.total?.shop;
	let amount: string | undefined;
	try {
		amount =
			total && Number.isInteger(total.amount)
				? `${total.currency} ${formatFixedDecimal(total.amount, total.currency)}`
				: undefined;
	} catch {
		amount = undefined; // a currency the money module does not know: the line count and entity still tell
	}
	return {
		orderNumber: input.orderNumber,
		lines: Array.isArray(input.lines) ? input.lines.length : undefined,
		total: amount,
		legalEntity: input.entity,
	};
}

/** The mapping events of one run, in one batch; the trail missing them never fails the booking. */
async function recordMappings(context: ContractContext, events: AuditEvent[]): Promise<void> {
	const at = Date.now();
	const { workflowId, executionId, node } = actor(context.fns);
	await context.ledger
		.appendAudit(events.map((event) => ({ ...event, workflowId, executionId, node, at })))
		.catch((error: Error) =>
			context.fns.logger.warn(
				`Orderflow could not record what ${events.length} order(s) were mapped to: ${error.message}`,
			),
		);
}

/** Replaces the ERP's order with this version, once per version (key `<ref>:update:<version>`). */
async function replaceWith(
	context: ContractContext,
	itemIndex: number,
	write: Write,
	key: string,
	input: SalesOrderInput,
	stored: StoredSalesOrder,
): Promise<WriteOutcome> {
	const { fns, client } = context;
	// Whether the ERP holds this version or a newer one: then this replace has nothing left to do.
	const holdsThisOrNewer = async (): Promise<VerifyResult> => {
		const current = await read<StoredSalesOrder>(
			fns,
			client,
			`/sales-orders/${encodeURIComponent(stored.id)}`,
			itemIndex,
		);
		return rank(current.sourceUpdatedAt) >= rank(input.sourceUpdatedAt)
			? { present: true, status: 200, body: JSON.stringify(current) }
			: { present: false };
	};
	return await context.perform({
		...write,
		key,
		request: { operation: 'replaceSalesOrder', body: input },
		verify: holdsThisOrNewer,
		send: async (): Promise<SendResult> => {
			const sent = await writeAttempt(
				fns,
				client,
				'PUT',
				`/sales-orders/${encodeURIComponent(stored.id)}`,
				input,
				key,
			);
			if (sent.kind !== 'response' || sent.status !== 409) return sent;
			// The contract refuses an older version (newer version wins): a newer run booked while this one was on its way.
			try {
				const held = await holdsThisOrNewer();
				return held.present ? { kind: 'response', status: held.status, body: held.body } : sent;
			} catch {
				return sent;
			}
		},
	});
}

/**
 * Updates still in flight for versions the ERP now holds (a dead worker's PUT landed, or a newer
 * one did) need never be sent again: settled as superseded once their worker is dead. A failure
 * only leaves them.
 */
async function settleOlderUpdates(
	context: ContractContext,
	write: Write,
	base: string,
	held: string,
): Promise<void> {
	const prefix = `${base}:update:`;
	try {
		await coverWrites(
			write,
			(record) =>
				record.key.startsWith(prefix) && rank(record.key.slice(prefix.length)) <= rank(held),
			`version ${held}`,
		);
	} catch (error) {
		context.fns.logger.warn(
			`Orderflow could not settle the superseded writes of ${write.entity}: ${(error as Error).message}`,
		);
	}
}

/**
 * A shadow run recorded the order's create, which the ERP never got: a newer version is recorded
 * as the replace the live run would send after that create (`PUT …/sales-orders/(new)`: the ERP
 * has not given the order an id).
 */
async function shadowNewerVersion(
	context: ContractContext,
	itemIndex: number,
	write: Write,
	base: string,
	input: SalesOrderInput,
	created: Extract<WriteOutcome, { outcome: 'shadow' }>,
): Promise<WriteOutcome> {
	const recorded = JSON.parse(created.request.body ?? '{}') as Partial<SalesOrderInput>;
	if (rank(recorded.sourceUpdatedAt) >= rank(input.sourceUpdatedAt)) return created;
	return await replaceWith(
		context,
		itemIndex,
		write,
		`${base}:update:${input.sourceUpdatedAt}`,
		input,
		{ id: '(new)', status: 'open', sourceUpdatedAt: recorded.sourceUpdatedAt },
	);
}

/** Books one mapped order: created once, then replaced when this version is newer than the ERP's. */
async function book(
	context: ContractContext,
	itemIndex: number,
	input: SalesOrderInput,
): Promise<OperationResult> {
	const { fns, client } = context;
	const ref = input.externalRef;
	const base = context.keyBase(itemIndex, ref);
	const write = context.write(ref);
	// The ERP's answer to "do you have it?" after an attempt died with its worker.
	const findByRef = async (): Promise<VerifyResult> => {
		const found = await read<{ items: StoredSalesOrder[] }>(
			fns,
			client,
			`/sales-orders?externalRef=${encodeURIComponent(ref)}`,
			itemIndex,
		);
		return found.items[0]
			? { present: true, status: 200, body: JSON.stringify(found.items[0]) }
			: { present: false };
	};
	// Create once per order: find it first (it may exist already), else create it.
	const created = await context.perform({
		...write,
		key: `${base}:create`,
		request: { operation: 'createSalesOrder', externalRef: ref },
		verify: findByRef,
		send: async (): Promise<SendResult> => {
			try {
				const found = await findByRef();
				if (found.present) return { kind: 'response', status: found.status, body: found.body };
			} catch (error) {
				return { kind: 'not-sent', error: (error as Error).message };
			}
			return await writeAttempt(fns, client, 'POST', '/sales-orders', input, `${base}:create`);
		},
	});
	let outcome: WriteOutcome = created;
	if (created.outcome === 'shadow' && created.replayed)
		outcome = await shadowNewerVersion(context, itemIndex, write, base, input, created);
	if (created.outcome === 'done') {
		// What the ERP holds now (the create answer may be an older version's).
		const createdOrder = JSON.parse(created.body) as StoredSalesOrder;
		const stored = created.replayed
			? await read<StoredSalesOrder>(
					fns,
					client,
					`/sales-orders/${encodeURIComponent(createdOrder.id)}`,
					itemIndex,
				)
			: createdOrder;
		let held = stored.sourceUpdatedAt;
		if (rank(stored.sourceUpdatedAt) < rank(input.sourceUpdatedAt)) {
			outcome = await replaceWith(
				context,
				itemIndex,
				write,
				`${base}:update:${input.sourceUpdatedAt}`,
				input,
				stored,
			);
			held = outcome.outcome === 'done' ? input.sourceUpdatedAt : undefined;
		}
		// Only an order booked before can have older updates in flight (a shadow run leaves live writes alone).
		if (held && created.replayed && !context.shadow)
			await settleOlderUpdates(context, write, base, held);
	}
	return { itemIndex, outcome, json: { externalRef: ref, entity: input.entity }, entity: ref };
}

/**
 * Maps every item first (the trail says what each became, or why it cannot be booked, before
 * anything is sent), then books the ones that mapped.
 */
export async function execute(context: ContractContext): Promise<OperationResult[]> {
	const { fns, client } = context;
	const items = fns.getInputData();
	const settings = mappingSettings(fns);
	const needsSkus = items.some((_, i) => !settings.canonical(i) && settings.checkSkus(i));
	const knownSkus = needsSkus
		? new Set((await readPages<{ sku: string }>(fns, client, '/skus', {}, 0)).map((row) => row.sku))
		: undefined;
	const results: OperationResult[] = [];
	const mapped: AuditEvent[] = [];
	const toBook: Array<{ itemIndex: number; input: SalesOrderInput }> = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		let input;
		try {
			input = salesOrderInput(
				context,
				settings,
				itemIndex,
				settings.checkSkus(itemIndex) ? knownSkus : undefined,
			);
		} catch (error) {
			results.push(unreadableItem(fns, itemIndex, error));
			continue;
		}
		if ('reasons' in input) {
			results.push(refusedItem(itemIndex, 'The order cannot be booked', input.reasons));
			const entity = shopifyEntityOf(items[itemIndex].json);
			if (entity)
				mapped.push({
					entity,
					event: 'erp.mapping-refused',
					decision: 'refused',
					details: { reasons: input.reasons },
				});
			continue;
		}
		mapped.push({
			entity: input.externalRef,
			event: 'erp.mapped',
			decision: 'sales-order',
			details: mappingFacts(input),
		});
		toBook.push({ itemIndex, input });
	}
	await recordMappings(context, mapped);
	for (const { itemIndex, input } of toBook) results.push(await book(context, itemIndex, input));
	return results.sort((a, b) => a.itemIndex - b.itemIndex);
}
