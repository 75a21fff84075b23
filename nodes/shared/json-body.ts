/** A stored or received body as JSON when it is JSON, else as the text it is. */
export function parsedBody(body: string | null): unknown {
	if (body === null) return null;
	try {
		return JSON.parse(body) as unknown;
	} catch {
		return body;
	}
}
