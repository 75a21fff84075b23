/**
 * `npm run lint` part: no function in the shipped code or the sandbox is longer than a screen
 * (MAX_LINES lines, from its first line to its closing brace). Prints each one found and exits 1.
 * Object literals of resolvers are functions too: each resolver counts on its own, the literal
 * around them does not — but a function that merely returns a long literal does.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const ROOT = path.resolve(__dirname, '..');
const FOLDERS = ['nodes', 'core', 'sandbox', 'harness', 'cli', 'credentials'];
export const MAX_LINES = 80;

function sources(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const full = path.join(dir, name);
		if (statSync(full).isDirectory()) return name === 'node_modules' ? [] : sources(full);
		return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [full] : [];
	});
}

export interface LongFunction {
	file: string;
	name: string;
	line: number;
	lines: number;
}

function nameOf(node: ts.Node): string {
	const named = node as { name?: ts.Node };
	if (named.name && ts.isIdentifier(named.name)) return named.name.text;
	const parent = node.parent;
	if (parent && (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent))) {
		if (ts.isIdentifier(parent.name)) return parent.name.text;
	}
	return '(anonymous)';
}

/** Every function-like node in one file that spans more than `max` lines. */
export function longFunctionsIn(file: string, text: string, max = MAX_LINES): LongFunction[] {
	const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
	const found: LongFunction[] = [];
	const visit = (node: ts.Node) => {
		if (ts.isFunctionLike(node) && (node as { body?: ts.Node }).body) {
			const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
			const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
			const lines = end - start + 1;
			if (lines > max) found.push({ file, name: nameOf(node), line: start + 1, lines });
		}
		ts.forEachChild(node, visit);
	};
	visit(source);
	return found;
}

function main(): void {
	const files = FOLDERS.flatMap((folder) => sources(path.join(ROOT, folder)));
	const long = files.flatMap((file) => longFunctionsIn(file, readFileSync(file, 'utf8')));
	for (const entry of long) {
		const where = `${path.relative(ROOT, entry.file)}:${entry.line}`;
		console.error(`${where} ${entry.name} is ${entry.lines} lines (at most ${MAX_LINES})`);
	}
	if (long.length > 0) process.exit(1);
	console.log(`long functions: none over ${MAX_LINES} lines among ${files.length} files`);
}

if (require.main === module) main();
