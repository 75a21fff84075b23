/**
 * What an install is asked to do, from the command line, the environment and an optional
 * credentials file. Flags win over the environment, the environment over the file.
 */
import { readFileSync } from 'node:fs';

import { splitList } from '../../core/lists';
import { CREDENTIAL_SLOTS, slotFlags, type SlotKey } from './slots';

export class InstallError extends Error {}

export interface InstallSettings {
	n8nUrl: string;
	/** Where n8n serves production webhooks (its WEBHOOK_URL), when not at `n8nUrl`. */
	webhookUrl: string;
	apiKey: string;
	/** The store this copy is for: names and webhook paths carry it, so several stores live side by side. */
	store?: string;
	/** Template file names without `.json`; empty = every template. */
	templates: string[];
	publish: boolean;
	dryRun: boolean;
	/** Beside the old integration: writes recorded, not sent (see shadow.ts); a run without it goes live. */
	shadow: boolean;
	alertUrl?: string;
	/** Per credential, the values given (never printed). */
	credentials: Record<SlotKey, Record<string, string>>;
}

const VALUE_FLAGS = [
	'--n8n-url',
	'--webhook-url',
	'--api-key',
	'--store',
	'--templates',
	'--alert-url',
	'--credentials-file',
	...slotFlags(),
];
const SWITCHES = ['--publish', '--dry-run', '--shadow', '--help'];

/** `--name value` and `--name=value`; switches take no value. Anything else is refused by name. */
export function parseArguments(argv: string[]): Map<string, string> {
	const parsed = new Map<string, string>();
	for (let index = 0; index < argv.length; index++) {
		const [name, inline] = argv[index].split(/=(.*)/s, 2);
		if (SWITCHES.includes(name)) {
			parsed.set(name, 'true');
			continue;
		}
		if (!VALUE_FLAGS.includes(name))
			throw new InstallError(
				`Unknown option ${name}. Options: ${[...VALUE_FLAGS, ...SWITCHES].join(', ')}`,
			);
		const value = inline ?? argv[++index];
		if (value === undefined || value.startsWith('--'))
			throw new InstallError(`${name} needs a value`);
		parsed.set(name, value);
	}
	return parsed;
}

/** A store name becomes part of URL paths and names: letters, digits and dashes only. */
function storeName(value: string | undefined): string | undefined {
	if (value === undefined) return undefined;
	if (!/^[a-z0-9][a-z0-9-]{0,39}$/.test(value))
		throw new InstallError(
			`--store "${value}": use 1–40 lower-case letters, digits and dashes, starting with a letter or digit (it becomes part of webhook paths)`,
		);
	return value;
}

function httpUrl(name: string, value: string): string {
	try {
		const url = new URL(value);
		if (url.protocol === 'http:' || url.protocol === 'https:') return value.replace(/\/+$/, '');
	} catch {
		// reported below
	}
	throw new InstallError(`${name} "${value}" is not an http(s) URL`);
}

function credentialsFile(
	path: string | undefined,
): Partial<Record<SlotKey, Record<string, unknown>>> {
	if (!path) return {};
	let parsed: unknown;
	try {
		parsed = JSON.parse(readFileSync(path, 'utf8'));
	} catch (error) {
		throw new InstallError(
			`The credentials file ${path} could not be read as JSON: ${(error as Error).message}`,
		);
	}
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
		throw new InstallError(
			`The credentials file ${path} must hold an object keyed by ${CREDENTIAL_SLOTS.map((slot) => slot.key).join(', ')}`,
		);
	const unknown = Object.keys(parsed).filter(
		(key) => !CREDENTIAL_SLOTS.some((slot) => slot.key === key),
	);
	if (unknown.length)
		throw new InstallError(
			`The credentials file ${path} names ${unknown.join(', ')}; it may hold ${CREDENTIAL_SLOTS.map((slot) => slot.key).join(', ')}`,
		);
	return parsed as Partial<Record<SlotKey, Record<string, unknown>>>;
}

function credentialValues(
	flags: Map<string, string>,
	env: NodeJS.ProcessEnv,
): Record<SlotKey, Record<string, string>> {
	const file = credentialsFile(flags.get('--credentials-file') ?? env.ORDERFLOW_CREDENTIALS_FILE);
	const values = {} as Record<SlotKey, Record<string, string>>;
	for (const slot of CREDENTIAL_SLOTS) {
		const fromFile = Object.entries(file[slot.key] ?? {}).filter(
			([, value]) => value !== undefined && value !== null,
		);
		values[slot.key] = Object.fromEntries(fromFile.map(([name, value]) => [name, String(value)]));
		for (const entry of slot.fields) {
			const given = flags.get(entry.flag) ?? env[entry.env];
			if (given) values[slot.key][entry.name] = given;
		}
	}
	return values;
}

export function readSettings(argv: string[], env: NodeJS.ProcessEnv): InstallSettings | 'help' {
	const flags = parseArguments(argv);
	if (flags.has('--help')) return 'help';
	const n8nUrl = flags.get('--n8n-url') ?? env.N8N_URL;
	const apiKey = flags.get('--api-key') ?? env.N8N_API_KEY;
	if (!n8nUrl)
		throw new InstallError(
			'Say which n8n to install into: --n8n-url https://n8n.example.com (or N8N_URL)',
		);
	if (!apiKey)
		throw new InstallError(
			'Give an n8n API key (Settings → n8n API → Create an API key): --api-key … or N8N_API_KEY',
		);
	const alertUrl = flags.get('--alert-url') ?? env.ORDERFLOW_ALERT_URL;
	const webhookUrl = flags.get('--webhook-url') ?? env.WEBHOOK_URL;
	return {
		n8nUrl: httpUrl('--n8n-url', n8nUrl),
		webhookUrl: httpUrl('--webhook-url', webhookUrl ?? n8nUrl),
		apiKey,
		store: storeName(flags.get('--store') ?? env.ORDERFLOW_STORE),
		templates: splitList(flags.get('--templates')).map((name) => name.replace(/\.json$/, '')),
		publish: flags.has('--publish'),
		dryRun: flags.has('--dry-run'),
		shadow: flags.has('--shadow'),
		alertUrl: alertUrl ? httpUrl('--alert-url', alertUrl) : undefined,
		credentials: credentialValues(flags, env),
	};
}
