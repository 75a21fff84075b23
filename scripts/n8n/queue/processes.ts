/**
 * The n8n processes of a run (one main, workers), each with its own user folder and ports, as
 * separate containers would have. Each one's output goes to a log file and is read for the
 * executions it started and finished, so the run can tell which worker ran what and what a
 * killed worker had in flight.
 */
import type { ChildProcess } from 'node:child_process';
import { cpSync, createWriteStream, existsSync, type WriteStream } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';

import { spawnN8n } from '../real-n8n';
import type { ProcessPorts } from './config';

export type Role = 'main' | 'worker' | 'webhook';

const STARTED = /Worker started execution (\d+)/;
const FINISHED = /Worker finished execution (\d+)/;

/**
 * One process's copy of the prepared user folder (this package installed as a community node),
 * made on first use: a restart keeps the folder, as a restarted container keeps its volume.
 */
export function processFolder(prepared: string, root: string, name: string): string {
	const folder = path.join(root, name);
	if (!existsSync(folder)) cpSync(prepared, folder, { recursive: true });
	return folder;
}

/** Fails early and clearly when another program (or another run) holds a port this run needs. */
export async function assertPortsFree(ports: number[]): Promise<void> {
	for (const port of ports) {
		await new Promise<void>((resolve, reject) => {
			const probe = createServer();
			probe.once('error', () =>
				reject(new Error(`port ${port} on 127.0.0.1 is in use: another n8n or run holds it`)),
			);
			probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
		});
	}
}

/** Everything a process is started with: a restart after a crash starts the same spec again. */
export interface ProcessSpec {
	name: string;
	role: Role;
	ports: ProcessPorts;
	/** The n8n command and its flags, e.g. ['worker', '--concurrency=10']. */
	args: string[];
	env: NodeJS.ProcessEnv;
	userFolder: string;
	logFile: string;
}

export class N8nProcess {
	readonly started = new Set<string>();
	readonly finished = new Set<string>();
	private readonly child: ChildProcess;
	private readonly log: WriteStream;
	private partial = '';
	private recent = '';

	constructor(readonly spec: ProcessSpec) {
		this.log = createWriteStream(spec.logFile, { flags: 'a' });
		this.child = spawnN8n(spec.userFolder, spec.args, spec.env);
		this.child.stdout?.on('data', (chunk: Buffer) => this.read(chunk));
		this.child.stderr?.on('data', (chunk: Buffer) => this.read(chunk));
	}

	get name(): string {
		return this.spec.name;
	}

	get pid(): number {
		return this.child.pid ?? -1;
	}

	get exited(): boolean {
		return this.child.exitCode !== null || this.child.signalCode !== null;
	}

	/** Executions this worker started and has not finished. */
	inFlight(): string[] {
		return [...this.started].filter((id) => !this.finished.has(id));
	}

	/** The last lines it printed, for an error message. */
	tail(): string {
		return this.recent.slice(-3000);
	}

	private read(chunk: Buffer): void {
		this.log.write(chunk);
		const text = this.partial + chunk.toString();
		const lines = text.split('\n');
		this.partial = lines.pop() ?? '';
		for (const line of lines) {
			const started = STARTED.exec(line);
			if (started) this.started.add(started[1]);
			const finished = FINISHED.exec(line);
			if (finished) this.finished.add(finished[1]);
		}
		this.recent = (this.recent + chunk.toString()).slice(-6000);
	}

	private healthUrl(): string {
		// Main's and a webhook process's readiness include their database; a worker's, its database, Redis and its queue.
		return `http://127.0.0.1:${this.spec.ports.http}/healthz/readiness`;
	}

	async waitReady(timeoutMs = 180_000): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			if (this.exited)
				throw new Error(
					`${this.name} exited (${this.child.exitCode ?? this.child.signalCode}) before it was ready:\n${this.tail()}`,
				);
			try {
				if ((await fetch(this.healthUrl(), { signal: AbortSignal.timeout(2000) })).ok) return;
			} catch {
				// not listening yet
			}
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
		throw new Error(`${this.name} was not ready within ${timeoutMs / 1000} s:\n${this.tail()}`);
	}

	/** Signals the process group this run spawned (n8n and the task runners it started). */
	private signal(signal: NodeJS.Signals): void {
		try {
			process.kill(-this.pid, signal);
		} catch {
			// the group is gone already
		}
	}

	/** A crash: no shutdown, no goodbye to Redis or the database. */
	crash(): void {
		this.signal('SIGKILL');
	}

	/** SIGTERM, then SIGKILL for whatever still runs after the grace period. */
	async stop(graceMs = 15_000): Promise<void> {
		if (!this.exited) {
			const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
			this.signal('SIGTERM');
			const timer = setTimeout(() => this.signal('SIGKILL'), graceMs);
			await exited;
			clearTimeout(timer);
		}
		this.signal('SIGKILL');
		await new Promise<void>((resolve) => this.log.end(() => resolve()));
	}
}
