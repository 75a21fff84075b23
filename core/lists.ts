/** A comma-separated list as people type it ("US, CA", "wf1,wf2 "): trimmed entries, empty ones dropped. */
export function splitList(value: unknown): string[] {
	return String(value ?? '')
		.split(',')
		.map((entry) => entry.trim())
		.filter(Boolean);
}
