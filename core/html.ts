/** Text made safe to place in HTML, in element content and in quoted attributes alike. */
export const escapeHtml = (text: unknown): string =>
	String(text ?? '').replace(
		/[&<>"']/g,
		(char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!,
	);
