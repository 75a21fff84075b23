#!/usr/bin/env node
/**
 * `npx n8n-nodes-orderflow install …`: the templates into a running n8n through its public API,
 * with their credentials, once per store. Prints what it did, never a credential's value.
 */
import { install } from './install/install';
import { N8nPublicApi } from './install/n8n-api';
import { InstallError, readSettings } from './install/settings';
import { CREDENTIAL_SLOTS } from './install/slots';
import { availableTemplates } from './install/templates';

function usage(): string {
	const credentialLines = CREDENTIAL_SLOTS.map(
		(slot) =>
			`  ${slot.key.padEnd(8)} ${slot.fields.map((field) => `${field.flag} (${field.env})`).join(', ')}`,
	);
	return [
		'Usage: n8n-nodes-orderflow install --n8n-url <url> --api-key <key> [options]',
		'',
		"Installs Orderflow's templates into n8n with their credentials linked. Safe to re-run: it",
		'finds the credentials and workflows by name and updates them.',
		'',
		"  --n8n-url <url>           n8n's address (N8N_URL)",
		'  --api-key <key>           an n8n API key, Settings → n8n API (N8N_API_KEY)',
		'  --webhook-url <url>       where n8n serves production webhooks, if not at --n8n-url (WEBHOOK_URL)',
		'  --store <name>            install a copy for this store: names and webhook paths carry it (ORDERFLOW_STORE)',
		`  --templates <a,b>         which templates (default all): ${availableTemplates().join(', ')}`,
		"  --alert-url <url>         where alerts go, replacing the templates' placeholder (ORDERFLOW_ALERT_URL)",
		'  --credentials-file <file> JSON keyed by shopify, erp, wms, 3pl, desk: any field of each credential (ORDERFLOW_CREDENTIALS_FILE)',
		'  --publish                 publish the workflows once installed, then check each trigger is live',
		'  --dry-run                 say what would be created or updated, change nothing',
		'  --shadow                  run beside the old integration: ERP/3PL writes recorded, not sent; Shopify',
		'                            writes switched off. Re-run without it to go live.',
		'',
		'Credential values (flag, environment variable); flags win over the environment, the environment over the file:',
		...credentialLines,
	].join('\n');
}

async function main(argv: string[]): Promise<number> {
	const [command, ...rest] = argv;
	if (command !== 'install') {
		process.stdout.write(`${usage()}\n`);
		return command === undefined || command === '--help' ? 0 : 2;
	}
	const settings = readSettings(rest, process.env);
	if (settings === 'help') {
		process.stdout.write(`${usage()}\n`);
		return 0;
	}
	const say = (line: string) => process.stdout.write(`${line}\n`);
	const outcome = await install(settings, new N8nPublicApi(settings.n8nUrl, settings.apiKey), say);
	if (!settings.dryRun)
		say(
			`${outcome.workflows.length} workflows installed${settings.store ? ` for store ${settings.store}` : ''}${settings.publish ? `, ${outcome.workflows.filter((workflow) => workflow.published).length} published` : ''}${outcome.failures ? `, ${outcome.failures} failed` : ''}`,
		);
	return outcome.failures ? 1 : 0;
}

main(process.argv.slice(2)).then(
	(code) => (process.exitCode = code),
	(error: unknown) => {
		process.stderr.write(
			`${error instanceof InstallError ? error.message : ((error as Error).stack ?? String(error))}\n`,
		);
		process.exitCode = 1;
	},
);
