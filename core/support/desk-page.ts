/**
 * The support desk page: a search for what support has in hand (#1025, SO-000042), then for each
 * entity it names what needs a person — unresolved exceptions and in-doubt writes, each with its
 * buttons — and its story in plain sentences, tagged with the question each answers. No script:
 * every action is a form POST carrying the page's token.
 */
import { escapeHtml as escape } from '../html';
import {
	exceptionName,
	type ExceptionRecord,
	type StoredAuditEvent,
	type WriteRecord,
} from '../ledger/types';
import { partOf } from '../trail/html';
import type { DeskFindings, EntityCase } from './desk-view';

/** No third-party anything, no script, no framing; forms post only back to the desk. */
export const DESK_CONTENT_SECURITY_POLICY =
	"default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

export interface DeskPage {
	findings: DeskFindings;
	/** Who acts: prefilled in every form (the basic-auth user, or what they typed last). */
	by: string;
	token: string;
	flash?: { kind: 'done' | 'refused'; text: string };
	now: number;
}

const STYLE = `body{font:15px/1.5 system-ui,sans-serif;max-width:980px;margin:1.5rem auto;padding:0 1rem;color:#1f2933}
h1{font-size:1.35rem;margin:0 0 1rem}h2{font-size:1.15rem;margin:1.5rem 0 .5rem}h3{font-size:1rem;margin:1rem 0 .4rem}
form.search{display:flex;gap:.5rem}form.search input{flex:1}input,textarea{padding:.45rem;font:inherit;box-sizing:border-box;border:1px solid #bcccdc;border-radius:4px}
textarea{width:100%}button{padding:.45rem .9rem;font:inherit;border:0;border-radius:4px;background:#334e68;color:#fff;cursor:pointer}
button.retry{background:#2f855a}button.resolve{background:#486581}button.applied{background:#2f855a}button.not-applied{background:#c53030}
.flash{padding:.75rem 1rem;border-radius:6px;margin:1rem 0}.flash.done{background:#e3f9e5}.flash.refused{background:#ffe3e3}
.card{border:1px solid #d9e2ec;border-radius:8px;padding:.75rem 1rem;margin:.6rem 0}.card.in_doubt,.card.write{border-color:#f0b429}
.meta{color:#627d98;font-size:.9rem}.fields{display:grid;grid-template-columns:1fr 2fr;gap:.5rem;margin:.5rem 0}.buttons{display:flex;gap:.5rem;flex-wrap:wrap}
ol.story{list-style:none;padding:0}ol.story li{padding:.35rem 0;border-bottom:1px solid #f0f4f8}
.part{display:inline-block;min-width:8.5rem;font-size:.8rem;text-transform:uppercase;letter-spacing:.03em;color:#486581}
table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:.35rem;border-bottom:1px solid #f0f4f8;vertical-align:top}`;

const PART_LABELS: Record<ReturnType<typeof partOf>, string> = {
	'event in': 'Event in',
	'mapped to': 'Mapped to',
	'downstream said': 'Downstream said',
	'what we did next': 'What we did next',
};

const hours = (from: number, now: number) =>
	`${(Math.max(0, now - from) / 3_600_000).toFixed(1)} h`;
const hidden = (fields: Record<string, string>) =>
	Object.entries(fields)
		.map(([name, value]) => `<input type="hidden" name="${escape(name)}" value="${escape(value)}">`)
		.join('');

function layout(body: string): string {
	return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><meta name="referrer" content="no-referrer"><title>Orderflow support desk</title><style>${STYLE}</style></head><body>${body}</body></html>`;
}

function searchForm(query: string): string {
	return `<form class="search" method="get"><input name="q" value="${escape(query)}" placeholder="#1025, an order ID, SO-000042, shopify:refund:77" aria-label="Find an order" autofocus><button type="submit">Find</button></form>`;
}

/** Who and why: every action form carries them, with the page's token and the search to come back to. */
function actorFields(page: DeskPage, notePlaceholder: string): string {
	return `<div class="fields"><input name="by" value="${escape(page.by)}" placeholder="Your name" aria-label="Your name" required><input name="note" placeholder="${escape(notePlaceholder)}" aria-label="Note"></div>`;
}

function exceptionCard(exception: ExceptionRecord, page: DeskPage): string {
	const name = exceptionName(exception.id);
	const buttons = [
		exception.state === 'open'
			? '<button name="action" value="acknowledge" class="acknowledge">Acknowledge</button>'
			: '',
		exception.kind === 'in_doubt'
			? ''
			: '<button name="action" value="retry" class="retry">Retry</button>',
		'<button name="action" value="resolve" class="resolve">Resolve</button>',
	].join('');
	const acknowledged = exception.acknowledgedBy
		? ` · acknowledged by ${escape(exception.acknowledgedBy)}`
		: '';
	return `<article class="card ${escape(exception.kind)}" data-exception="${name}"><div><strong>${name}</strong> · ${escape(exception.kind.replace('_', ' '))} · ${escape(exception.state)}${acknowledged} · open ${hours(exception.openedAt, page.now)} · seen ${exception.timesSeen}×</div>
<div>${escape(exception.reason)}</div><div class="meta">What to do: ${escape(exception.action)}</div><div class="meta">${escape(exception.node)}, workflow ${escape(exception.workflowId)}${exception.executionId ? `, execution ${escape(exception.executionId)}` : ''}</div>
<form method="post">${hidden({ token: page.token, q: page.findings.query, exception: name })}${actorFields(page, 'Note: what you found or did')}<div class="buttons">${buttons}</div></form></article>`;
}

function writeCard(write: WriteRecord, page: DeskPage): string {
	return `<article class="card write" data-write="${escape(write.key)}"><div><strong>In doubt:</strong> ${escape(write.key)} (${escape(write.scope)}) · since ${hours(write.updatedAt, page.now)}</div>
<div>${escape(write.error ?? 'sent, and its answer was lost')}</div><div class="meta">Check the remote for it, then say what you found. Applied: the record you paste is kept and replayed. Not applied: the next run sends it once.</div>
<form method="post">${hidden({ token: page.token, q: page.findings.query, scope: write.scope, key: write.key })}${actorFields(page, 'Note: what you found in the remote')}
<textarea name="record" rows="3" placeholder='The record in the remote, as JSON (for Applied), e.g. {"id": "SO-000042"}' aria-label="Record in the remote"></textarea>
<div class="buttons"><button name="action" value="applied" class="applied">Resolve as applied</button><button name="action" value="notApplied" class="not-applied">Resolve as not applied</button></div></form></article>`;
}

function storyLine(event: StoredAuditEvent): string {
	const where = `${escape(event.node ?? '')}${event.executionId ? `, execution ${escape(event.executionId)}` : ''}`;
	return `<li data-part="${escape(partOf(event.event))}"><span class="part">${PART_LABELS[partOf(event.event)]}</span> ${escape(event.summary)} <span class="meta">${escape(new Date(event.at).toISOString())}${where ? ` · ${where}` : ''}</span></li>`;
}

function caseSection(entityCase: EntityCase, page: DeskPage): string {
	const pending = [
		...entityCase.exceptions.map((exception) => exceptionCard(exception, page)),
		...entityCase.inDoubt.map((write) => writeCard(write, page)),
	];
	const attention = pending.length
		? `<h3>Needs someone</h3>${pending.join('')}`
		: '<p class="meta">Nothing waits for anyone.</p>';
	return `<section class="case" data-entity="${escape(entityCase.entity)}"><h2>${entityCase.name ? `${escape(entityCase.name)} <span class="meta">${escape(entityCase.entity)}</span>` : escape(entityCase.entity)}</h2>${attention}<h3>What happened</h3><ol class="story">${entityCase.events.map(storyLine).join('')}</ol></section>`;
}

function attentionTable(exceptions: ExceptionRecord[], now: number): string {
	if (exceptions.length === 0)
		return '<p>No unresolved exceptions. Find an order to read its story.</p>';
	const rows = exceptions
		.map(
			(e) =>
				`<tr><td>${exceptionName(e.id)}</td><td><a href="?q=${encodeURIComponent(e.entity)}">${escape(e.entity)}</a></td><td>${escape(e.kind.replace('_', ' '))}</td><td>${escape(e.state)}</td><td>${hours(e.openedAt, now)}</td><td>${escape(e.reason)}</td></tr>`,
		)
		.join('');
	return `<h2>Waiting for someone</h2><table><thead><tr><th>Exception</th><th>About</th><th>Kind</th><th>State</th><th>Open</th><th>Reason</th></tr></thead><tbody>${rows}</tbody></table>`;
}

export function deskPage(page: DeskPage): string {
	const { findings } = page;
	const flash = page.flash
		? `<p class="flash ${page.flash.kind}" role="status">${escape(page.flash.text)}</p>`
		: '';
	let results: string;
	if (!findings.query) results = attentionTable(findings.attention, page.now);
	else if (findings.cases.length === 0)
		results = `<p>Nothing on record for <b>${escape(findings.query)}</b>. Try the order name (#1025), its ID, or the ERP's reference.</p>`;
	else results = findings.cases.map((entityCase) => caseSection(entityCase, page)).join('');
	return layout(`<h1>Orderflow support desk</h1>${searchForm(findings.query)}${flash}${results}`);
}
