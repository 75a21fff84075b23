/**
 * What `npm pack` ships: what n8n loads (nodes, credentials, the core they use), the installer and
 * its templates — nothing else (no pictures, source maps or declarations), under 400 KB, and every
 * module a shipped file requires is shipped too or a dependency n8n provides.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const REPO = path.resolve(__dirname, '..', '..');

interface Packed {
	size: number;
	files: Array<{ path: string; size: number }>;
}

describe('the npm package', () => {
	const [packed] = JSON.parse(
		execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
			cwd: REPO,
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'ignore'],
		}),
	) as Packed[];
	const files = packed.files.map((file) => file.path);
	const manifest = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as {
		n8n: { nodes: string[]; credentials: string[] };
		bin: Record<string, string>;
		dependencies?: Record<string, string>;
		peerDependencies?: Record<string, string>;
	};

	it('is under 400 KB and holds only what n8n and the installer load', () => {
		expect(packed.size).toBeLessThan(400 * 1024);
		const shipped = (file: string) =>
			/^dist\/(nodes|credentials|core|cli|workflows)\/.+\.(js|json|svg)$/.test(file) ||
			['package.json', 'README.md', 'LICENSE', 'LICENSE.md'].includes(file);
		expect(files.filter((file) => !shipped(file))).toEqual([]);
		expect(
			[...manifest.n8n.nodes, ...manifest.n8n.credentials, ...Object.values(manifest.bin)].filter(
				(entry) => !files.includes(entry),
			),
		).toEqual([]);
	});

	it('requires nothing that is not in it, or a dependency', () => {
		const allowed = new Set([
			...Object.keys(manifest.dependencies ?? {}),
			...Object.keys(manifest.peerDependencies ?? {}),
		]);
		const missing: string[] = [];
		for (const file of files.filter((candidate) => candidate.endsWith('.js'))) {
			const source = readFileSync(path.join(REPO, file), 'utf8');
			for (const [, target] of source.matchAll(/require\("([^"]+)"\)/g)) {
				if (target.startsWith('.')) {
					const resolved = path.posix.join(path.posix.dirname(file), target);
					if (
						!files.includes(`${resolved}.js`) &&
						!files.includes(resolved) &&
						!files.includes(`${resolved}/index.js`)
					)
						missing.push(`${file} → ${target}`);
				} else if (
					!target.startsWith('node:') &&
					!allowed.has(
						target.startsWith('@') ? target.split('/').slice(0, 2).join('/') : target.split('/')[0],
					)
				) {
					missing.push(`${file} → ${target} (not a dependency)`);
				}
			}
		}
		expect(missing).toEqual([]);
	});
});
