/** The decision page: what is asked, why, and the form that decides (POST only). */
import type { ApprovalDecision, ApprovalRequest } from '../ledger/types';

export interface PendingItemSummary {
	title: string;
	details: string[];
	rules: Array<{ rule: string; reason: string }>;
}

const escape = (text: unknown) =>
	String(text ?? '').replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!);

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;max-width:760px;margin:2rem auto;padding:0 1rem;color:#1f2933}
h1{font-size:1.4rem}.item{border:1px solid #d9e2ec;border-radius:8px;padding:.75rem 1rem;margin:.75rem 0}
.rule{color:#b44d12}.muted{color:#627d98}label{display:block;margin:.75rem 0 .25rem}input,textarea{width:100%;padding:.5rem;font:inherit;box-sizing:border-box}
.buttons{display:flex;gap:1rem;margin-top:1rem}button{flex:1;padding:.75rem;font:inherit;border:0;border-radius:6px;color:#fff;cursor:pointer}
.approve{background:#2f855a}.reject{background:#c53030}.notice{background:#f0f4f8;padding:1rem;border-radius:8px}`;

function layout(title: string, body: string): string {
	return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${escape(title)}</title><style>${STYLE}</style></head><body>${body}</body></html>`;
}

function items(summaries: PendingItemSummary[]): string {
	return summaries
		.map(
			(item) =>
				`<div class="item"><strong>${escape(item.title)}</strong>${item.details.map((line) => `<div class="muted">${escape(line)}</div>`).join('')}${item.rules
					.map((rule) => `<div class="rule">⚑ ${escape(rule.reason)}</div>`)
					.join('')}</div>`,
		)
		.join('');
}

function decisionsList(decisions: ApprovalDecision[]): string {
	if (decisions.length === 0) return '';
	return `<p class="muted">${decisions.map((d) => `${escape(d.approver)} ${d.decision === 'approve' ? 'approved' : 'rejected'} at ${new Date(d.at).toISOString()}`).join('<br>')}</p>`;
}

export function decisionPage(request: ApprovalRequest, decisions: ApprovalDecision[], summaries: PendingItemSummary[], formAction: string): string {
	const approvals = decisions.filter((decision) => decision.decision === 'approve').length;
	const quorum = request.quorum > 1 ? `<p class="notice">Needs ${request.quorum} different approvers; ${approvals} so far.</p>` : '';
	return layout(
		'Approval needed',
		`<h1>Approval needed: ${summaries.length} item${summaries.length === 1 ? '' : 's'}</h1>
<p class="muted">Expires ${new Date(request.expiresAt).toISOString()}</p>${quorum}${decisionsList(decisions)}${items(summaries)}
<form method="post" action="${escape(formAction)}">
<label for="approver">Your name</label><input id="approver" name="approver" required autocomplete="name">
<label for="comment">Comment (optional)</label><textarea id="comment" name="comment" rows="3"></textarea>
<div class="buttons"><button class="approve" type="submit" name="decision" value="approve">Approve</button><button class="reject" type="submit" name="decision" value="reject">Reject</button></div>
</form>`,
	);
}

export function messagePage(title: string, message: string, decisions: ApprovalDecision[] = []): string {
	return layout(title, `<h1>${escape(title)}</h1><p class="notice">${escape(message)}</p>${decisionsList(decisions)}`);
}
