/** What a thrown network error says about whether the request reached the remote at all. */

export const NOT_SENT_CODES = new Set([
	'ECONNREFUSED',
	'ENOTFOUND',
	'EAI_AGAIN',
	'ENETUNREACH',
	'EHOSTUNREACH',
	'ERR_INVALID_URL',
]);

/** Error codes along the cause chain (fetch wraps the socket error in `cause`). */
export function errorCodes(error: unknown): string[] {
	const codes: string[] = [];
	let current: unknown = error;
	for (let depth = 0; current && depth < 5; depth++) {
		const candidate = current as {
			code?: unknown;
			cause?: unknown;
			errorResponse?: { code?: unknown };
		};
		for (const code of [candidate.code, candidate.errorResponse?.code])
			if (typeof code === 'string') codes.push(code);
		current = candidate.cause;
	}
	return codes;
}

/** True when the connection was never made, so nothing can have happened remotely. */
export function wasNotSent(error: unknown): boolean {
	return errorCodes(error).some((code) => NOT_SENT_CODES.has(code));
}
