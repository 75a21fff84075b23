/** A trail as HTML a support page can show as it is: one section per entity, one line per event. */
import { escapeHtml as escape } from '../html';
import type { EntityTrail } from './find';

/** Which of the four questions an event answers: what came in, what we mapped it to, what the remote said, what we did next. */
export function partOf(
	event: string,
): 'event in' | 'mapped to' | 'downstream said' | 'what we did next' {
	if (event.startsWith('inbox.') || event.startsWith('poll.') || event.startsWith('webhook.'))
		return 'event in';
	if (event.startsWith('erp.') || event.startsWith('3pl.')) return 'mapped to';
	if (event.startsWith('write.')) return 'downstream said';
	return 'what we did next';
}

export function trailHtml(trails: EntityTrail[], handle: string): string {
	if (trails.length === 0)
		return `<section class="orderflow-trail"><p>Nothing on record for <b>${escape(handle)}</b>.</p></section>`;
	return trails
		.map((trail) => {
			const lines = trail.events
				.map(
					(event) =>
						`<li data-part="${escape(partOf(event.event))}"><time>${escape(new Date(event.at).toISOString())}</time> ${escape(event.summary)} <small>${escape(event.node)}${event.executionId ? `, execution ${escape(event.executionId)}` : ''}</small></li>`,
				)
				.join('');
			return `<section class="orderflow-trail"><h2>${escape(trail.entity)}</h2><ol>${lines}</ol></section>`;
		})
		.join('');
}
