/** The readiness report: JSON for machines, HTML for people, a summary for the terminal. */
import { escapeHtml as escape } from '../../core/html';
import type { Check } from './scenarios';

export interface TrailEntry {
	at: string;
	event: string;
	decision: string;
	/** The sentence support reads (core/trail/summary.ts). */
	summary: string;
	details: Record<string, unknown>;
}

/** An exception a scenario's orders opened, with the state it ended in. */
export interface ScenarioException {
	exception: string;
	kind: string;
	state: string;
	entity: string;
	reason: string;
	resolution: string | null;
}

export interface ScenarioResult {
	name: string;
	status: 'pass' | 'fail' | 'skipped';
	/** Why it did not run (present when skipped). */
	skipped?: string;
	checks: Check[];
	/** Each order's trail in the ledger, by entity. */
	trails: Record<string, TrailEntry[]>;
	/** The exceptions its orders opened (present when there were any). */
	exceptions?: ScenarioException[];
	error?: string;
}

export interface ReadinessReport {
	generatedAt: string;
	templates: string[];
	/** The ERP the run booked in: the reference server, or a team's staging ERP's address. */
	erp: string;
	scenarios: ScenarioResult[];
	summary: { passed: number; failed: number; skipped: number };
}

/** "3 passed, 1 failed", and the skipped ones when there are any. */
function counts(summary: ReadinessReport['summary']): string {
	return `${summary.passed} passed, ${summary.failed} failed${summary.skipped ? `, ${summary.skipped} skipped` : ''}`;
}

const BADGE = { pass: '#2f855a', fail: '#c53030', skipped: '#7b8794' };

export function renderHtml(report: ReadinessReport): string {
	const rows = report.scenarios
		.map((scenario) => {
			const checks = scenario.checks
				.map(
					(c) =>
						`<li class="${c.pass ? 'ok' : 'ko'}">${c.pass ? '✔' : '✘'} ${escape(c.what)}${c.detail && !c.pass ? ` <code>${escape(c.detail)}</code>` : ''}</li>`,
				)
				.join('');
			const trails = Object.entries(scenario.trails)
				.map(
					([entity, entries]) =>
						`<details><summary>${escape(entity)} (${entries.length} events)</summary><ol>${entries.map((entry) => `<li><code>${escape(entry.at)}</code> ${escape(entry.summary)}</li>`).join('')}</ol></details>`,
				)
				.join('');
			const note = scenario.error
				? `<p class="ko">${escape(scenario.error)}</p>`
				: scenario.skipped
					? `<p>Skipped: ${escape(scenario.skipped)}</p>`
					: '';
			const exceptions = (scenario.exceptions ?? [])
				.map(
					(e) =>
						`<li>${escape(e.exception)} ${escape(e.kind)} — <b>${escape(e.state)}</b>${e.resolution ? ` (${escape(e.resolution)})` : ''}: ${escape(e.reason)}</li>`,
				)
				.join('');
			const queue = exceptions ? `<p>Exceptions</p><ul>${exceptions}</ul>` : '';
			return `<tr><td><span class="badge" style="background:${BADGE[scenario.status]}">${scenario.status.toUpperCase()}</span></td><td><strong>${escape(scenario.name)}</strong>${note}<ul>${checks}</ul>${queue}${trails}</td></tr>`;
		})
		.join('');
	return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Orderflow go-live readiness</title><style>
body{font:15px/1.5 system-ui,sans-serif;max-width:980px;margin:2rem auto;padding:0 1rem;color:#1f2933}table{width:100%;border-collapse:collapse}
td{border-top:1px solid #d9e2ec;padding:.6rem;vertical-align:top}.badge{color:#fff;border-radius:4px;padding:.15rem .5rem;font-size:.8rem}
ul{margin:.3rem 0;padding-left:1.2rem}.ok{color:#2f855a}.ko{color:#c53030}code{font-size:.8rem;color:#486581}summary{cursor:pointer;color:#486581}</style></head>
<body><h1>Go-live readiness</h1><p>${counts(report.summary)} · ERP ${escape(report.erp)} · templates ${report.templates.map(escape).join(', ')} · ${escape(report.generatedAt)}</p><table>${rows}</table></body></html>`;
}

export function terminalSummary(report: ReadinessReport): string {
	const width = Math.max(...report.scenarios.map((scenario) => scenario.name.length));
	const lines = report.scenarios.map((scenario) =>
		scenario.status === 'skipped'
			? `SKIP  ${scenario.name.padEnd(width)}  ${scenario.skipped ?? ''}`
			: `${scenario.status === 'pass' ? 'PASS' : 'FAIL'}  ${scenario.name.padEnd(width)}  ${scenario.checks.filter((c) => c.pass).length}/${scenario.checks.length} checks${scenario.error ? `  ${scenario.error}` : ''}`,
	);
	return [...lines, '', `readiness: ${counts(report.summary)} (ERP: ${report.erp})`].join('\n');
}
