/**
 * Order mutations: tags, note/email/tags/metafields updates, metafieldsSet. Problems come back
 * as `userErrors` inside `data`, as Shopify answers them.
 */
import type { MetafieldRecord, OrderRecord, ShopifyStore } from '../store';
import { metafieldView, type Views } from '../views';
import type { UserError } from './context';

interface MetafieldInput {
	namespace?: string;
	key: string;
	type?: string;
	value: string;
}

const DEFAULT_NAMESPACE = '$app';

function upsertMetafield(
	store: ShopifyStore,
	order: OrderRecord,
	input: MetafieldInput,
): MetafieldRecord {
	const namespace = input.namespace ?? DEFAULT_NAMESPACE;
	const existing = order.metafields.find((m) => m.namespace === namespace && m.key === input.key);
	const updatedAt = store.timestamp();
	if (existing) {
		Object.assign(existing, { value: input.value, type: input.type ?? existing.type, updatedAt });
		return existing;
	}
	const created = {
		id: store.newGid('Metafield'),
		namespace,
		key: input.key,
		type: input.type ?? 'single_line_text_field',
		value: input.value,
		updatedAt,
	};
	order.metafields.push(created);
	return created;
}

const orderNotFound = (field: string[]): UserError => ({ field, message: 'Order does not exist' });

/** tagsAdd / tagsRemove: tags may come comma-separated; removal ignores case. */
function changeTags(store: ShopifyStore, views: Views, add: boolean) {
	return ({ id, tags }: { id: string; tags: string[] }) => {
		const order = store.order(id);
		if (!order) return { node: null, userErrors: [orderNotFound(['id'])] };
		const wanted = tags
			.flatMap((tag) => tag.split(','))
			.map((tag) => tag.trim())
			.filter(Boolean);
		const before = order.tags.join(',');
		order.tags = add
			? [...new Set([...order.tags, ...wanted])]
			: order.tags.filter(
					(tag) => !wanted.some((candidate) => candidate.toLowerCase() === tag.toLowerCase()),
				);
		if (order.tags.join(',') !== before) store.touch(order);
		return { node: views.order(order), userErrors: [] };
	};
}

/** What keeps a metafieldsSet call from applying: owners that do not exist, more than 25 entries. */
function metafieldsSetProblems(
	store: ShopifyStore,
	metafields: Array<MetafieldInput & { ownerId: string }>,
): UserError[] {
	const userErrors: UserError[] = [];
	metafields.forEach((input, index) => {
		if (!store.order(input.ownerId)) {
			userErrors.push({
				field: ['metafields', String(index), 'ownerId'],
				message: 'Owner does not exist.',
				code: 'INVALID_VALUE',
			});
		}
	});
	if (metafields.length > 25) {
		userErrors.push({
			field: ['metafields'],
			message: 'Exceeded the maximum metafields input limit of 25.',
			code: 'LESS_THAN_OR_EQUAL_TO',
		});
	}
	return userErrors;
}

function metafieldsSet(store: ShopifyStore, views: Views) {
	return ({ metafields }: { metafields: Array<MetafieldInput & { ownerId: string }> }) => {
		const userErrors = metafieldsSetProblems(store, metafields);
		// All or nothing, as Shopify applies a metafieldsSet call.
		if (userErrors.length) return { metafields: null, userErrors };
		const saved = metafields.map((input) => {
			const order = store.order(input.ownerId)!;
			const record = upsertMetafield(store, order, input);
			store.touch(order);
			return {
				...metafieldView(record, 'ORDER'),
				owner: () => views.order(store.order(input.ownerId)!),
			};
		});
		return { metafields: saved, userErrors: [] };
	};
}

export function orderMutations(store: ShopifyStore, views: Views): Record<string, unknown> {
	return {
		tagsAdd: changeTags(store, views, true),
		tagsRemove: changeTags(store, views, false),

		orderUpdate: ({
			input,
		}: {
			input: {
				id: string;
				note?: string;
				email?: string;
				tags?: string[];
				metafields?: MetafieldInput[];
			};
		}) => {
			const order = store.order(input.id);
			if (!order) return { order: null, userErrors: [orderNotFound(['input', 'id'])] };
			if (input.note !== undefined) order.note = input.note;
			if (input.email !== undefined) order.email = input.email;
			if (input.tags !== undefined) order.tags = [...new Set(input.tags)];
			for (const metafield of input.metafields ?? []) upsertMetafield(store, order, metafield);
			store.touch(order);
			return { order: views.order(order), userErrors: [] };
		},

		metafieldsSet: metafieldsSet(store, views),
	};
}
