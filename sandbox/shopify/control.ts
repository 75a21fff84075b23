/**
 * The emulator's control API (loopback, no auth), for tests, the demo and rehearsals:
 *   GET  /_control/scenarios               the catalog
 *   POST /_control/scenarios/{name}        make a go-live edge case happen (body: options)
 *   POST /_control/orders                  create an order from an OrderInput
 *   PUT  /_control/webhooks/faults         { duplicates, reorder, delayMs }
 *   POST /_control/webhooks/flush          send held (reordered) deliveries
 *   GET  /_control/webhooks/deliveries     what was sent, with every attempt
 *   GET  /_control/webhooks/subscriptions  the subscriptions, as Shopify holds them
 *   DELETE /_control/webhooks/subscriptions/{TOPIC}  drop a topic's subscriptions, as Shopify
 *                                          does after repeated failed deliveries
 *   POST /_control/tokens/revoke           { token }: Shopify answers 401 to it from now on
 *   POST /_control/tokens/grant            { token }: accepted again (or for the first time)
 *   PUT  /_control/throttle/service-time   { fixedMs, msPerPoint }: how long each query holds
 *                                          its requested cost, so concurrent clients compete
 */
import type { ServiceTime } from './cost';
import { runScenario, SCENARIOS } from './scenarios';
import { StoreInputError, type OrderInput, type ShopifyStore } from './store';
import type { DeliveryFaults, WebhookDispatcher } from './webhooks';

export interface ControlReply {
	status: number;
	body: unknown;
}

/** What the control API acts on: the store, the webhook dispatcher, the access tokens Shopify accepts. */
export interface Controlled {
	store: ShopifyStore;
	webhooks: WebhookDispatcher;
	accessTokens: Set<string>;
	serviceTime: ServiceTime;
}

/** A service time from the control API's body: non-negative numbers of milliseconds, or nothing. */
function serviceTimeOf(body: unknown): ServiceTime | string {
	const given = (body ?? {}) as Record<string, unknown>;
	const serviceTime: ServiceTime = {};
	for (const key of ['fixedMs', 'msPerPoint'] as const) {
		const value = given[key];
		if (value === undefined) continue;
		if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
			return `${key} must be a number of milliseconds, 0 or more`;
		serviceTime[key] = value;
	}
	return serviceTime;
}

/** Subscriptions and tokens: what a health check's scenarios break and mend. */
function accessRoute(target: Controlled, route: string, body: unknown): ControlReply | undefined {
	if (route === 'GET /webhooks/subscriptions')
		return { status: 200, body: target.webhooks.subscriptions };
	const dropped = /^DELETE \/webhooks\/subscriptions\/([A-Z_]+)$/.exec(route);
	if (dropped) {
		const before = target.webhooks.subscriptions.length;
		target.webhooks.subscriptions = target.webhooks.subscriptions.filter(
			(subscription) => subscription.topic !== dropped[1],
		);
		return {
			status: 200,
			body: { deleted: before - target.webhooks.subscriptions.length, topic: dropped[1] },
		};
	}
	const token = /^POST \/tokens\/(revoke|grant)$/.exec(route);
	if (!token) return undefined;
	const value = (body as { token?: unknown } | undefined)?.token;
	if (typeof value !== 'string' || !value)
		return { status: 400, body: { error: 'Give the access token as {"token": "shpat_…"}' } };
	if (token[1] === 'revoke') target.accessTokens.delete(value);
	else target.accessTokens.add(value);
	return { status: 200, body: token[1] === 'revoke' ? { revoked: value } : { granted: value } };
}

export function handleControl(
	target: Controlled,
	method: string,
	path: string,
	body: unknown,
): ControlReply {
	const { store, webhooks } = target;
	const route = `${method} ${path.replace(/^\/_control/, '')}`;
	try {
		const access = accessRoute(target, route, body);
		if (access) return access;
		if (route === 'GET /scenarios') {
			return { status: 200, body: Object.keys(SCENARIOS) };
		}
		const scenario = /^POST \/scenarios\/([\w-]+)$/.exec(route);
		if (scenario) {
			if (!SCENARIOS[scenario[1]])
				return {
					status: 404,
					body: { error: `Unknown scenario ${scenario[1]}`, known: Object.keys(SCENARIOS) },
				};
			return {
				status: 201,
				body: runScenario(store, scenario[1], (body ?? {}) as Record<string, unknown>),
			};
		}
		if (route === 'POST /orders') {
			const order = store.createOrder(body as OrderInput);
			return { status: 201, body: { id: order.id, name: order.name } };
		}
		if (route === 'PUT /webhooks/faults') {
			webhooks.faults = (body ?? {}) as DeliveryFaults;
			return { status: 200, body: webhooks.faults };
		}
		if (route === 'PUT /throttle/service-time') {
			const serviceTime = serviceTimeOf(body);
			if (typeof serviceTime === 'string') return { status: 400, body: { error: serviceTime } };
			target.serviceTime = serviceTime;
			return { status: 200, body: serviceTime };
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
		if (error instanceof StoreInputError || error instanceof Error)
			return { status: 400, body: { error: error.message } };
		throw error;
	}
}
