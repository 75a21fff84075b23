/**
 * The weekly digest: every indicator against its threshold, breaches first, as an HTML mail that
 * mail clients show as it is — the charts are table cells with widths and colours (no script, no
 * SVG, no remote image, which clients strip or block) — and as plain text for chat.
 */
import { escapeHtml as escape } from '../html';
import type { Indicator } from './compute';

const NAMES: Record<string, string> = {
	cycleTime: 'Cycle time',
	exceptionRate: 'Exception rate',
	pollCatchUps: 'Poll catch-ups',
	duplicates: 'Duplicates absorbed',
	retries: 'Retries',
	inDoubt: 'In doubt',
	approvals: 'Approvals',
	accuracy: 'Accuracy',
};

export interface Digest {
	subject: string;
	html: string;
	text: string;
	breached: number;
}

const day = (at: number) => new Date(at).toISOString().slice(0, 10);
const nameOf = (indicator: Indicator) =>
	`${NAMES[indicator.indicator] ?? indicator.indicator}${indicator.flow === 'all flows' ? '' : ` — ${indicator.flow}`}`;

/** A bar of the value against its threshold: the threshold is the dark mark at half the track, so twice the threshold fills it. */
function bar(indicator: Indicator): string {
	const scale =
		indicator.threshold > 0 ? indicator.threshold * 2 : Math.max(1, (indicator.value ?? 0) * 2);
	const filled =
		indicator.value === null ? 0 : Math.min(100, Math.round((100 * indicator.value) / scale));
	const colour = indicator.verdict === 'breached' ? '#c53030' : '#2f855a';
	const limit = indicator.threshold > 0 ? 50 : 0;
	const segments = [
		{ width: Math.min(filled, limit), background: colour },
		{ width: limit - Math.min(filled, limit), background: '#e4e7eb' },
		{ width: Math.max(filled, limit) - limit, background: colour, startsAtLimit: true },
		{ width: 100 - Math.max(filled, limit), background: '#e4e7eb', startsAtLimit: filled <= limit },
	].filter((segment) => segment.width > 0);
	const marked = limit > 0 ? segments.find((segment) => segment.startsAtLimit) : undefined;
	const cells = segments.map(
		(segment) =>
			`<td width="${segment.width}%" style="background:${segment.background};${segment === marked ? 'border-left:2px solid #1f2933;' : ''}height:10px;font-size:0;line-height:0">&nbsp;</td>`,
	);
	return `<table role="presentation" width="160" cellpadding="0" cellspacing="0" style="border-collapse:collapse"><tr>${cells.join('')}</tr></table>`;
}

function row(indicator: Indicator): string {
	const value = indicator.value === null ? '—' : `${indicator.value}`;
	const badge =
		indicator.verdict === 'breached'
			? '<b style="color:#c53030">breached</b>'
			: '<span style="color:#2f855a">within</span>';
	return `<tr><td style="padding:6px 8px;border-bottom:1px solid #e4e7eb">${escape(nameOf(indicator))}</td><td style="padding:6px 8px;border-bottom:1px solid #e4e7eb;text-align:right">${escape(value)} <span style="color:#627d98">${escape(indicator.unit)}</span></td><td style="padding:6px 8px;border-bottom:1px solid #e4e7eb;text-align:right;color:#627d98">≤ ${escape(indicator.threshold)}</td><td style="padding:6px 8px;border-bottom:1px solid #e4e7eb">${bar(indicator)}</td><td style="padding:6px 8px;border-bottom:1px solid #e4e7eb">${badge}</td></tr>`;
}

export function renderDigest(
	indicators: Indicator[],
	window: { from: number; to: number },
): Digest {
	const ordered = [...indicators].sort(
		(a, b) => Number(b.verdict === 'breached') - Number(a.verdict === 'breached'),
	);
	const breached = ordered.filter((indicator) => indicator.verdict === 'breached').length;
	const period = `${day(window.from)} – ${day(window.to - 1)}`;
	const subject = `Orderflow weekly: ${breached} of ${ordered.length} indicators breached (${period})`;
	const head =
		'<tr style="text-align:left;color:#627d98;font-size:12px"><th style="padding:6px 8px">Indicator</th><th style="padding:6px 8px;text-align:right">Value</th><th style="padding:6px 8px;text-align:right">Threshold</th><th style="padding:6px 8px">Against its threshold (the mark)</th><th style="padding:6px 8px">Verdict</th></tr>';
	const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(subject)}</title></head><body style="font:14px/1.4 Arial,Helvetica,sans-serif;color:#1f2933;margin:0;padding:16px"><h1 style="font-size:18px;margin:0 0 4px">Orderflow: the week in numbers</h1><p style="margin:0 0 12px;color:#627d98">${escape(period)} · ${breached ? `<b style="color:#c53030">${breached} breached</b>, first` : 'every indicator within its threshold'}</p><table role="presentation" cellpadding="0" cellspacing="0" style="border-collapse:collapse">${head}${ordered.map(row).join('')}</table><p style="color:#627d98;font-size:12px;margin-top:12px">From the Orderflow ledger's trail. Thresholds are set on the Indicators node.</p></body></html>`;
	const text = [
		subject,
		...ordered.map(
			(indicator) =>
				`${indicator.verdict === 'breached' ? '🔴' : '✅'} ${nameOf(indicator)}: ${indicator.value ?? '—'} ${indicator.unit} (≤ ${indicator.threshold})`,
		),
	].join('\n');
	return { subject, html, text, breached };
}
