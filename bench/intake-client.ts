/**
 * The sending side of the intake benches: signed deliveries posted exactly as Shopify sends them
 * (same body, same headers, same HMAC), a fixed number of clients at a time, spread round-robin
 * over the n8n processes' ports as a load balancer would. No retries: what is measured is what n8n
 * accepted (answered 2xx) the first time, and every accepted delivery must be in the inbox.
 */
import type { DeliveryRecord } from '../sandbox/shopify/webhooks';
import { percentile, round } from './n8n-api';

export interface Answer {
	eventId: string;
	/** The HTTP status, or the error's name when no answer came. */
	status: string;
	ms: number;
}

export interface IntakeRun {
	answers: Answer[];
	/** From the first POST to the last answer. */
	seconds: number;
	clients: number;
	/** How many processes took the deliveries. */
	processes: number;
}

async function postOnce(url: string, delivery: DeliveryRecord): Promise<Answer> {
	const started = performance.now();
	let status: string;
	try {
		const response = await fetch(url, {
			method: 'POST',
			headers: delivery.headers,
			body: delivery.body,
			signal: AbortSignal.timeout(30_000),
		});
		await response.arrayBuffer();
		status = String(response.status);
	} catch (error) {
		status = `error:${(error as Error).name}`;
	}
	return { eventId: delivery.eventId, status, ms: performance.now() - started };
}

/** Posts every delivery once, `clients` at a time; the i-th goes to `urls[i % urls.length]`. */
export async function postDeliveries(
	deliveries: DeliveryRecord[],
	urls: string[],
	clients: number,
): Promise<IntakeRun> {
	const answers: Answer[] = [];
	let next = 0;
	const started = performance.now();
	const client = async () => {
		while (next < deliveries.length) {
			const index = next++;
			answers.push(await postOnce(urls[index % urls.length], deliveries[index]));
		}
	};
	await Promise.all(Array.from({ length: clients }, client));
	return {
		answers,
		seconds: (performance.now() - started) / 1000,
		clients,
		processes: urls.length,
	};
}

export const isAccepted = (answer: Answer) => /^2\d\d$/.test(answer.status);

/** Accepted deliveries whose event id the inbox does not hold: must be none. */
export function assertRecorded(label: string, run: IntakeRun, inbox: Set<string>): void {
	const missing = run.answers.filter((answer) => isAccepted(answer) && !inbox.has(answer.eventId));
	if (missing.length > 0)
		throw new Error(
			`${label}: ${missing.length} deliveries were answered 2xx but are not in the inbox (e.g. event ${missing[0].eventId}): no intake figure is printed for deliveries that were not recorded`,
		);
}

function statusCounts(run: IntakeRun): string {
	const counts = new Map<string, number>();
	for (const { status } of run.answers) counts.set(status, (counts.get(status) ?? 0) + 1);
	return [...counts].map(([status, count]) => `${count} × ${status}`).join(', ');
}

/** The `name: value` lines of one intake run; call assertRecorded first. */
export function intakeLines(label: string, run: IntakeRun, bodyBytes: number): string[] {
	const accepted = run.answers.filter(isAccepted);
	const latencies = accepted.map((answer) => answer.ms);
	const latency = (fraction: number) =>
		latencies.length ? round(percentile(latencies, fraction), 0) : 'none accepted';
	return [
		`deliveries/s accepted (${label}): ${round(accepted.length / run.seconds)}`,
		`answer latency p50 ms (${label}): ${latency(0.5)}`,
		`answer latency p99 ms (${label}): ${latency(0.99)}`,
		`deliveries accepted (${label}): ${accepted.length} of ${run.answers.length} in ${round(run.seconds)} s (${statusCounts(run)}; ${run.clients} clients over ${run.processes} process${run.processes > 1 ? 'es' : ''}, ${round(bodyBytes / 1024)} KB bodies, every accepted one found in the inbox)`,
	];
}

export const meanBodyBytes = (deliveries: DeliveryRecord[]) =>
	deliveries.reduce((sum, delivery) => sum + Buffer.byteLength(delivery.body), 0) /
	deliveries.length;
