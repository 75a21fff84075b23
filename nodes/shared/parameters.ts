/** Reading a node's parameters once per execution where n8n would give every item the same value. */
import type { IExecuteFunctions } from 'n8n-workflow';

/**
 * A parameter's value for each item: read once when it is fixed, per item only when it is an
 * expression (n8n resolves and validates the parameter on every read).
 */
export function itemParameter(
	fns: IExecuteFunctions,
	name: string,
	fallback?: unknown,
): (itemIndex: number) => unknown {
	// Unset: its default may be an expression (n8n fills defaults in; a bare context may not).
	const raw = fns.getNode().parameters?.[name];
	if (raw === undefined || holdsExpression(raw))
		return (itemIndex) => fns.getNodeParameter(name, itemIndex, fallback);
	const value = fns.getNodeParameter(name, 0, fallback);
	return () => value;
}

/** Whether a parameter is an expression or, for a collection, holds one anywhere inside it. */
function holdsExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(holdsExpression);
	if (value && typeof value === 'object') return Object.values(value).some(holdsExpression);
	return false;
}
