/**
 * `npm run lint` part: no import circles among the project's own modules (type-only imports
 * included — a circle of types is a circle of ideas). Prints each circle found and exits 1.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const FOLDERS = ['core', 'nodes', 'credentials', 'cli', 'sandbox', 'harness', 'scripts', 'bench'];

function sources(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const full = path.join(dir, name);
		if (statSync(full).isDirectory()) return name === 'node_modules' ? [] : sources(full);
		return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [full] : [];
	});
}

/** The project modules a file imports (relative specifiers, resolved to files). */
function importsOf(file: string, known: Set<string>): string[] {
	const text = readFileSync(file, 'utf8');
	const targets = [
		...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+'(\.[^']+)'/g),
		...text.matchAll(/import\('(\.[^']+)'\)/g),
	].map((match) => match[1]);
	return targets.flatMap((target) => {
		const base = path.resolve(path.dirname(file), target);
		const found = [`${base}.ts`, path.join(base, 'index.ts')].find((candidate) =>
			known.has(candidate),
		);
		return found ? [found] : [];
	});
}

/** Every elementary circle, once, each as the list of files in order (Tarjan's strongly connected components). */
export function findCycles(graph: Map<string, string[]>): string[][] {
	let index = 0;
	const indices = new Map<string, number>();
	const low = new Map<string, number>();
	const stack: string[] = [];
	const onStack = new Set<string>();
	const components: string[][] = [];
	const visit = (node: string) => {
		indices.set(node, index);
		low.set(node, index++);
		stack.push(node);
		onStack.add(node);
		for (const next of graph.get(node) ?? []) {
			if (!indices.has(next)) {
				visit(next);
				low.set(node, Math.min(low.get(node)!, low.get(next)!));
			} else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, indices.get(next)!));
		}
		if (low.get(node) === indices.get(node)) {
			const component: string[] = [];
			let member: string;
			do {
				member = stack.pop()!;
				onStack.delete(member);
				component.push(member);
			} while (member !== node);
			if (component.length > 1 || (graph.get(node) ?? []).includes(node))
				components.push(component.reverse());
		}
	};
	for (const node of graph.keys()) if (!indices.has(node)) visit(node);
	return components;
}

function main(): void {
	const files = FOLDERS.flatMap((folder) => {
		const dir = path.join(ROOT, folder);
		try {
			return sources(dir);
		} catch {
			return [];
		}
	});
	const known = new Set(files);
	const graph = new Map(files.map((file) => [file, importsOf(file, known)]));
	const cycles = findCycles(graph);
	for (const cycle of cycles)
		console.log(`import circle: ${cycle.map((file) => path.relative(ROOT, file)).join(' → ')}`);
	console.log(`import cycles: ${cycles.length} among ${files.length} modules`);
	if (cycles.length > 0) process.exitCode = 1;
}

if (require.main === module) main();
