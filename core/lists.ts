/**
 * The one list parser for what people type: "US, CA", "wf1,wf2 ", one entry per line, or an
 * array (n8n expressions may give one). Entries trimmed, empty ones dropped, order kept.
 */
export function splitList(value: unknown): string[] {
	const entries = Array.isArray(value) ? value.map(String) : String(value ?? '').split(/[,\n]/);
	return entries.map((entry) => entry.trim()).filter(Boolean);
}
