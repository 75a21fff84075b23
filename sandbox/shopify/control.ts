/**
 * The emulator's control API (loopback, no auth), for tests, the demo and rehearsals:
 *   GET  /_control/scenarios               the catalog
 *   POST /_control/scenarios/{name}        make a go-live edge case happen (body: options)
 *   POST /_control/orders                  create an order from an OrderInput
 *   PUT  /_control/webhooks/faults         { duplicates, reorder, delayMs }
 *   POST /_control/webhooks/flush          send held (reordered) deliveries
 *   GET  /_control/webhooks/deliveries     what was sent, with every attempt
 */
import { runScenario, SCENARIOS } from './scenarios';
import { StoreInputError, type OrderInput, type ShopifyStore } from './store';
import type { DeliveryFaults, WebhookDispatcher } from './webhooks';

export interface ControlReply {
	status: number;
	body: unknown;
}

export function handleControl(store: ShopifyStore, webhooks: WebhookDispatcher, method: string, path: string, body: unknown): ControlReply {
	const route = `${method} ${path.replace(/^\/_control/, '')}`;
	try {
		if (route === 'GET /scenarios') {
			return { status: 200, body: Object.keys(SCENARIOS) };
		}
		const scenario = /^POST \/scenarios\/([\w-]+)$/.exec(route);
		if (scenario) {
			if (!SCENARIOS[scenario[1]]) return { status: 404, body: { error: `Unknown scenario ${scenario[1]}`, known: Object.keys(SCENARIOS) } };
			return { status: 201, body: runScenario(store, scenario[1], (body ?? {}) as Record<string, unknown>) };
		}
		if (route === 'POST /orders') {
			const order = store.createOrder(body as OrderInput);
			return { status: 201, body: { id: order.id, name: order.name } };
		}
		if (route === 'PUT /webhooks/faults') {
			webhooks.faults = (body ?? {}) as DeliveryFaults;
			return { status: 200, body: webhooks.faults };
		}
		if (route === 'POST /webhooks/flush') {
			webhooks.flush();
			return { status: 200, body: { flushed: true } };
		}
		if (route === 'GET /webhooks/deliveries') {
			return {
				status: 200,
				body: webhooks.deliveries.map((delivery) => ({
					webhookId: delivery.webhookId,
					eventId: delivery.eventId,
					topic: delivery.topic,
					uri: delivery.uri,
					attempts: delivery.attempts,
					delivered: delivery.delivered,
				})),
			};
		}
		return { status: 404, body: { error: `No control route ${route}` } };
	} catch (error) {
		if (error instanceof StoreInputError || error instanceof Error) return { status: 400, body: { error: error.message } };
		throw error;
	}
}
