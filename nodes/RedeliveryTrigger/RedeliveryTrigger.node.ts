import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	ITriggerFunctions,
	ITriggerResponse,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { sweepInbox, type RedeliveryPolicy, type SweepResult } from '../../core/inbox/recovery';
import type { Ledger } from '../../core/ledger';
import { LEDGER_CREDENTIAL, LEDGER_CREDENTIAL_LABEL, ledgerFor } from '../shared/ledger';

/** Consecutive failed sweeps before the trigger reports an error to n8n (its error workflow, the workflow's activation state). */
const FAILURES_BEFORE_ERROR = 3;

function policyOf(fns: ITriggerFunctions): { everyMs: number; policy: RedeliveryPolicy } {
	const seconds = (name: string, minimum: number, label: string) => {
		const value = fns.getNodeParameter(name, 0) as number;
		if (!Number.isFinite(value) || value < minimum) {
			throw new NodeOperationError(
				fns.getNode(),
				`${label} must be at least ${minimum} seconds, not ${value}`,
				{ description: `Set ${label} to ${minimum} seconds or more.` },
			);
		}
		return value * 1000;
	};
	const maxRedrives = fns.getNodeParameter('maxRedrives', 0) as number;
	if (!Number.isInteger(maxRedrives) || maxRedrives < 1) {
		throw new NodeOperationError(
			fns.getNode(),
			`Max Re-drives must be a whole number of at least 1, not ${maxRedrives}`,
			{ description: 'Set Max Re-drives to 1 or more.' },
		);
	}
	return {
		everyMs: seconds('sweepEvery', 1, 'Sweep Every'),
		policy: { redriveAfterMs: seconds('redriveAfter', 1, 'Re-drive After'), maxRedrives },
	};
}

/** The sweep's result as the trigger's two outputs: deliveries to run again, and those given up. */
function outputsOf(result: SweepResult): INodeExecutionData[][] {
	const redelivered = result.redelivered.map((redelivery) => ({
		json: {
			...redelivery.item,
			inboxId: redelivery.inboxId,
			redelivery: {
				attempt: redelivery.attempt,
				acceptedAt: redelivery.acceptedAt,
				reason: redelivery.reason,
			},
		} as IDataObject,
	}));
	const givenUp = result.abandoned.map((abandoned) => ({ json: { ...abandoned } as IDataObject }));
	return [redelivered, givenUp];
}

export class RedeliveryTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Orderflow Redelivery Trigger',
		name: 'redeliveryTrigger',
		icon: { light: 'file:redeliveryTrigger.svg', dark: 'file:redeliveryTrigger.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '=every {{$parameter["sweepEvery"]}} s',
		description:
			'Re-drives webhook deliveries this workflow accepted but never finished: the worker running them died or the execution stalled',
		defaults: { name: 'Redelivery Trigger' },
		inputs: [],
		outputs: [
			{ type: NodeConnectionTypes.Main, displayName: 'Redelivered' },
			{ type: NodeConnectionTypes.Main, displayName: 'Given Up' },
		],
		credentials: [
			{ name: LEDGER_CREDENTIAL, displayName: LEDGER_CREDENTIAL_LABEL, required: false },
		],
		properties: [
			{
				displayName:
					'Connect Redelivered to the Dedupe Gate (Claim Style: hold) behind this workflow’s Orderflow Shopify Trigger: every delivery the trigger records is settled when its claim is confirmed or released, or when the gate calls it a duplicate. What stays unsettled — its worker was killed, its job stalled — is emitted here again, and the gate and the idempotent writes make the second run safe. Runs on n8n’s main process (the leader in multi-main).',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Sweep Every (Seconds)',
				name: 'sweepEvery',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 30,
				description: 'How often to look for unsettled deliveries',
				hint: 'Sweeps what the Shopify Trigger recorded: give both the same Ledger credential, or none (the embedded ledger)',
			},
			{
				displayName: 'Re-Drive After (Seconds)',
				name: 'redriveAfter',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 60,
				description:
					'How long a delivery may stay unsettled before it is re-driven; doubled after each re-drive. A claim still held by a live execution is waited for; one held by a process that stopped (no heartbeat for 40 s) is not.',
				hint: 'Above this workflow’s usual run time; with 60: re-driven after 60 s, then 120 s, 240 s',
			},
			{
				displayName: 'Max Re-Drives',
				name: 'maxRedrives',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 3,
				description:
					'Re-drives before a delivery is given up and emitted on Given Up, to be reported',
				hint: 'A delivery given up also opens an Abandoned exception, listed by Orderflow Ops → Exception',
			},
		],
	};

	async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
		const { everyMs, policy } = policyOf(this);
		const ledger: Ledger = await ledgerFor(this);
		const workflowId = String(this.getWorkflow().id ?? '');
		const node = this.getNode().name;
		const sweep = async (): Promise<SweepResult> =>
			await sweepInbox(ledger, { workflowId, node, now: Date.now(), policy, everyMs });
		let sweeping = false;
		let failures = 0;
		const timer = setInterval(() => {
			if (sweeping) return; // a slow sweep is not overlapped by the next
			sweeping = true;
			sweep()
				.then((result) => {
					failures = 0;
					if (result.redelivered.length + result.abandoned.length > 0) this.emit(outputsOf(result));
				})
				.catch((error: Error) => {
					this.logger.warn(
						`Orderflow Redelivery Trigger "${node}" could not sweep the inbox (tried again in ${everyMs / 1000} s): ${error.message}`,
					);
					// Recovery that silently stopped is what this node exists to prevent: say so where n8n shows trigger errors.
					if (++failures === FAILURES_BEFORE_ERROR) {
						const description =
							'Check that the Orderflow ledger (ORDERFLOW_LEDGER_POSTGRES_URL or the ledger credential) is reachable; deliveries wait in the inbox meanwhile.';
						this.emitError(
							new NodeOperationError(
								this.getNode(),
								`The inbox could not be swept ${failures} times in a row: ${error.message}`,
								{ description },
							),
						);
					}
				})
				.finally(() => (sweeping = false));
		}, everyMs);
		return {
			closeFunction: async () => clearInterval(timer),
			// A manual run sweeps once, now, and shows what it found.
			manualTriggerFunction: async () => this.emit(outputsOf(await sweep())),
		};
	}
}
