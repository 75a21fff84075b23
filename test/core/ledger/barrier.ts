/**
 * A start line for racing processes: each one marks itself ready in a shared directory and waits
 * for all the others, so a process that started slowly (a loaded machine) still races instead of
 * arriving after the others finished. Returns the common start time, the same for every racer.
 */
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export async function startTogether(
	directory: string,
	racer: string,
	racers: number,
): Promise<number> {
	writeFileSync(path.join(directory, racer), '');
	for (;;) {
		const ready = readdirSync(directory);
		if (ready.length >= racers) {
			const startAt =
				Math.max(...ready.map((name) => statSync(path.join(directory, name)).mtimeMs)) + 300;
			await new Promise((resolve) => setTimeout(resolve, Math.max(0, startAt - Date.now())));
			return startAt;
		}
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}
