const LOADED_PACKAGES = Symbol.for('orderflow.harness.loadedPackages');

/** Package folders the engines loaded nodes from (kept on the global, so one set per test file). */
export function loadedPackages(): Set<string> {
	const scope = globalThis as { [LOADED_PACKAGES]?: Set<string> };
	return (scope[LOADED_PACKAGES] ??= new Set());
}
