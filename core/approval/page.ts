/**
 * The decision pages. A link's signed values sit in its fragment, which the browser keeps to
 * itself: the page first served (to anyone, previews included) is a neutral shell whose script
 * posts them back; the answer is the request itself with a form that carries them to the
 * decision. Nothing here ever shows one approver's link to another.
 */
import { createHash } from 'node:crypto';

import { escapeHtml } from '../html';
import type { ApprovalDecision, ApprovalRequest } from '../ledger/types';

export interface PendingItemSummary {
	title: string;
	details: string[];
	rules: Array<{ rule: string; reason: string }>;
}

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;max-width:760px;margin:2rem auto;padding:0 1rem;color:#1f2933}
h1{font-size:1.4rem}.item{border:1px solid #d9e2ec;border-radius:8px;padding:.75rem 1rem;margin:.75rem 0}
.rule{color:#b44d12}.muted{color:#627d98}label{display:block;margin:.75rem 0 .25rem}input,textarea{width:100%;padding:.5rem;font:inherit;box-sizing:border-box}
.buttons{display:flex;gap:1rem;margin-top:1rem}button{flex:1;padding:.75rem;font:inherit;border:0;border-radius:6px;color:#fff;cursor:pointer}
.approve{background:#2f855a}.reject{background:#c53030}.notice{background:#f0f4f8;padding:1rem;border-radius:8px}`;

function layout(title: string, body: string): string {
	return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><meta name="referrer" content="no-referrer"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body>${body}</body></html>`;
}

function items(summaries: PendingItemSummary[]): string {
	return summaries
		.map(
			(item) =>
				`<div class="item"><strong>${escapeHtml(item.title)}</strong>${item.details.map((line) => `<div class="muted">${escapeHtml(line)}</div>`).join('')}${item.rules
					.map((rule) => `<div class="rule">⚑ ${escapeHtml(rule.reason)}</div>`)
					.join('')}</div>`,
		)
		.join('');
}

function decisionsList(decisions: ApprovalDecision[]): string {
	if (decisions.length === 0) return '';
	return `<p class="muted">${decisions.map((d) => `${escapeHtml(d.approverName || d.approver)} ${d.decision === 'approve' ? 'approved' : 'rejected'} at ${new Date(d.at).toISOString()}`).join('<br>')}</p>`;
}

/** Reads the fragment, clears it from the address bar and history, and posts it as a form. */
const SHELL_SCRIPT = `(function(){var p=new URLSearchParams(location.hash.slice(1));var f=document.getElementById('open');['r','a','e','t'].forEach(function(k){f.elements[k].value=p.get(k)||''});history.replaceState(null,'',location.pathname+location.search);f.submit();})();`;

const hashOf = (script: string) =>
	`'sha256-${createHash('sha256').update(script).digest('base64')}'`;

/** Pages carry no third-party anything; the shell's one script is allowed by its hash. */
export const CONTENT_SECURITY_POLICY = `default-src 'none'; style-src 'unsafe-inline'; script-src ${hashOf(SHELL_SCRIPT)}; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`;

const hidden = (fields: Record<string, string>) =>
	Object.entries(fields)
		.map(
			([name, value]) =>
				`<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`,
		)
		.join('');

/** What a GET gets: no request, no names, no decision; only the script that opens the link. */
export function shellPage(formAction: string): string {
	return layout(
		'Approval request',
		`<h1>Opening the approval request…</h1>
<form id="open" method="post" action="${escapeHtml(formAction)}">${hidden({ action: 'view', r: '', a: '', e: '', t: '' })}<noscript><p class="notice">This page needs JavaScript to read your link.</p></noscript></form>
<script>${SHELL_SCRIPT}</script>`,
	);
}

export interface DecisionForm {
	action: string;
	/** The link's signed values, carried back with the decision. */
	link: { r: string; a: string; e: string; t: string };
	/** The named approver deciding, or null when anyone with the link may (they type their name). */
	approverName: string | null;
}

export function decisionPage(
	request: ApprovalRequest,
	decisions: ApprovalDecision[],
	summaries: PendingItemSummary[],
	form: DecisionForm,
): string {
	const approvals = decisions.filter((decision) => decision.decision === 'approve').length;
	const quorum =
		request.quorum > 1
			? `<p class="notice">Needs ${request.quorum} different approvers; ${approvals} so far.</p>`
			: '';
	const who = form.approverName
		? `<p class="notice">Deciding as <strong>${escapeHtml(form.approverName)}</strong>. This link is yours: do not forward it.</p>`
		: `<label for="approver">Your name</label><input id="approver" name="approver" required autocomplete="name">`;
	return layout(
		'Approval needed',
		`<h1>Approval needed: ${summaries.length} item${summaries.length === 1 ? '' : 's'}</h1>
<p class="muted">Expires ${new Date(request.expiresAt).toISOString()}</p>${quorum}${decisionsList(decisions)}${items(summaries)}
<form method="post" action="${escapeHtml(form.action)}">${hidden({ action: 'decide', ...form.link })}
${who}
<label for="comment">Comment (optional)</label><textarea id="comment" name="comment" rows="3"></textarea>
<div class="buttons"><button class="approve" type="submit" name="decision" value="approve">Approve</button><button class="reject" type="submit" name="decision" value="reject">Reject</button></div>
</form>`,
	);
}

export function messagePage(
	title: string,
	message: string,
	decisions: ApprovalDecision[] = [],
): string {
	return layout(
		title,
		`<h1>${escapeHtml(title)}</h1><p class="notice">${escapeHtml(message)}</p>${decisionsList(decisions)}`,
	);
}
