/**
 * What a support person can do from the desk, each a POST: acknowledge, resolve or retry an
 * exception, and resolve an in-doubt write as applied or not applied. Every action names who
 * did it and lands on the entity's trail (the ledger writes it with the change).
 */
import { retryException, RetryRefused } from '../exceptions/retry';
import { notInDoubt, whyUnchanged } from '../exceptions/wording';
import { exceptionName, exceptionNumber, type ExceptionRecord, type Ledger } from '../ledger/types';

export type DeskAction = 'acknowledge' | 'resolve' | 'retry' | 'applied' | 'notApplied';
const ACTIONS: DeskAction[] = ['acknowledge', 'resolve', 'retry', 'applied', 'notApplied'];

/** The form fields an action reads (every value as the browser sent it). */
export type DeskForm = Partial<
	Record<'action' | 'exception' | 'scope' | 'key' | 'by' | 'note' | 'record', string>
>;

/** An action refused, in words for the person who asked: nothing was changed. */
export class DeskRefusal extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'DeskRefusal';
	}
}

export interface DeskOutcome {
	action: DeskAction;
	/** What happened, in one sentence for the page. */
	message: string;
	by: string;
	exception?: string;
	write?: { scope: string; key: string };
}

const field = (form: DeskForm, name: keyof DeskForm) => (form[name] ?? '').trim();

function required(form: DeskForm, name: keyof DeskForm, what: string): string {
	const value = field(form, name);
	if (!value) throw new DeskRefusal(`Nothing was changed: ${what}.`);
	return value;
}

function exceptionIdOf(form: DeskForm): number {
	const id = exceptionNumber(field(form, 'exception'));
	if (id === undefined)
		throw new DeskRefusal(
			`Nothing was changed: "${field(form, 'exception')}" is not an exception.`,
		);
	return id;
}

async function changed(
	ledger: Ledger,
	id: number,
	record: ExceptionRecord | undefined,
	done: string,
): Promise<string> {
	if (!record)
		throw new DeskRefusal(
			`${exceptionName(id)} cannot be changed: ${whyUnchanged(await ledger.getException(id))}.`,
		);
	return `${exceptionName(id)} ${done}.`;
}

async function onException(
	ledger: Ledger,
	action: 'acknowledge' | 'resolve' | 'retry',
	form: DeskForm,
	by: string,
	now: number,
): Promise<string> {
	const id = exceptionIdOf(form);
	if (action === 'acknowledge')
		return await changed(
			ledger,
			id,
			await ledger.acknowledgeException(id, by, now),
			`acknowledged by ${by}`,
		);
	if (action === 'resolve') {
		const note = required(form, 'note', 'say what was done in the note');
		return await changed(
			ledger,
			id,
			await ledger.resolveException(id, { by, resolution: 'manual', note, at: now }),
			`resolved by ${by}`,
		);
	}
	try {
		return `Retry of ${exceptionName(id)}: ${(await retryException(ledger, { id, by, note: field(form, 'note'), now })).message}`;
	} catch (error) {
		if (error instanceof RetryRefused) throw new DeskRefusal(`${error.message}. ${error.fix}`);
		throw error;
	}
}

/** The record the person found in the remote, kept as the write's result; `{}` when they left it empty. */
function recordBody(form: DeskForm): string {
	const text = field(form, 'record') || '{}';
	try {
		return JSON.stringify(JSON.parse(text) as unknown);
	} catch (error) {
		throw new DeskRefusal(
			`Nothing was changed: the record is not JSON (${(error as Error).message}). Paste it as found, e.g. {"id": "SO-000042"}, or leave it empty.`,
		);
	}
}

async function onWrite(
	ledger: Ledger,
	applied: boolean,
	form: DeskForm,
	by: string,
	now: number,
): Promise<{ message: string; scope: string; key: string }> {
	const scope = required(form, 'scope', 'the write has no scope');
	const key = required(form, 'key', 'the write has no key');
	const note = required(form, 'note', 'say what you found in the remote in the note');
	const body = applied ? recordBody(form) : undefined;
	const resolved = await ledger.resolveInDoubt({ scope, key, applied, by, note, body, at: now });
	if (!resolved)
		throw new DeskRefusal(
			`${notInDoubt(scope, key, await ledger.getWrite(scope, key))}: nothing was changed.`,
		);
	const next = applied
		? 'kept as done; every later run replays it'
		: 'forgotten; the next run sends it once';
	return {
		message: `The write ${key} was resolved as ${applied ? 'applied' : 'not applied'} by ${by}: ${next}.`,
		scope,
		key,
	};
}

export async function performDeskAction(
	ledger: Ledger,
	form: DeskForm,
	now: number,
): Promise<DeskOutcome> {
	const action = field(form, 'action') as DeskAction;
	if (!ACTIONS.includes(action))
		throw new DeskRefusal(
			`Nothing was changed: "${field(form, 'action')}" is not something the desk does.`,
		);
	const by = required(form, 'by', 'fill in your name, so the trail says who did it');
	if (action === 'applied' || action === 'notApplied') {
		const { message, scope, key } = await onWrite(ledger, action === 'applied', form, by, now);
		return { action, message, by, write: { scope, key } };
	}
	return {
		action,
		message: await onException(ledger, action, form, by, now),
		by,
		exception: field(form, 'exception'),
	};
}
