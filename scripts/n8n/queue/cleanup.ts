/**
 * What the run must undo however it ends (a failed check, an exception, Ctrl-C): processes,
 * servers, the database, Redis keys and folders, undone in reverse order of set-up. One step
 * failing does not stop the others.
 */
import { execFileSync } from 'node:child_process';

import { REDIS } from './config';

export class Cleanup {
	private readonly steps: Array<{ what: string; undo: () => Promise<void> | void }> = [];
	private done = false;

	defer(what: string, undo: () => Promise<void> | void): void {
		this.steps.push({ what, undo });
	}

	async release(): Promise<void> {
		if (this.done) return;
		this.done = true;
		for (const step of this.steps.reverse()) {
			try {
				await step.undo();
			} catch (error) {
				console.error(`[queue] cleanup: ${step.what} failed: ${(error as Error).message}`);
			}
		}
	}

	/** Ctrl-C or a TERM from outside still stops every n8n this run spawned and drops its database. */
	onSignals(): void {
		for (const signal of ['SIGINT', 'SIGTERM'] as const) {
			process.once(signal, () => {
				console.error(`[queue] ${signal}: cleaning up`);
				void this.release().finally(() => {
					console.error('[queue] cleaned up everything the run set up');
					process.exit(130);
				});
			});
		}
	}
}

/** Deletes the run's Redis keys (its Bull queue, n8n's keys): prefixes no other run uses. */
export function deleteRedisKeys(prefixes: string[]): void {
	const script =
		"local n = 0 for _, k in ipairs(redis.call('KEYS', ARGV[1])) do redis.call('DEL', k) n = n + 1 end return n";
	for (const prefix of prefixes) {
		execFileSync(
			'redis-cli',
			['-h', REDIS.host, '-p', String(REDIS.port), 'EVAL', script, '0', `${prefix}*`],
			{ stdio: 'ignore' },
		);
	}
}
