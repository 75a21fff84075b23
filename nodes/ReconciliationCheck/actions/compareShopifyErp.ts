/**
 * Compare Shopify With ERP: both sides read here (Shopify's through a bulk operation's JSONL, the
 * ERP's through its paged list) and streamed through the join, so millions of rows never become
 * items. The outputs are Compare's, with matched pairs counted in the Summary instead of output.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { pagedItems, pageQuery, type ContractPage } from '../../../core/contract/pages';
import type { Ledger } from '../../../core/ledger';
import {
	examplesOf,
	parseLocationMap,
	reconcileStreams,
	streamedExceptions,
	streamedPreset,
	type StreamedPresetName,
} from '../../../core/reconcile';
import type { Row } from '../../../core/reconcile/values';
import { streamInventoryLevels } from '../../../core/shopify/inventory-bulk';
import { contractClient, read } from '../../shared/contract-client';
import { shopifyClient, toNodeError } from '../../Shopify/transport';
import { streamedOutputs } from './streamed-outputs';
import { summaryOf } from './summary';

const ERP_CREDENTIAL = 'orderflowErpApi';

function locationMap(fns: IExecuteFunctions): Record<string, string> {
	try {
		return parseLocationMap(String(fns.getNodeParameter('locationMap', 0, '')));
	} catch (error) {
		throw new NodeOperationError(fns.getNode(), (error as Error).message, {
			description:
				'Write the Location Map as "gid://shopify/Location/1=BER, gid://shopify/Location/2=RTM".',
		});
	}
}

/** The ERP's stock list, page after page, read with the ERP credential. */
async function erpStock(fns: IExecuteFunctions): Promise<AsyncIterable<Row[]>> {
	const client = await contractClient(fns, ERP_CREDENTIAL);
	return pagedItems<Row>(
		async (cursor) =>
			await read<ContractPage<Row>>(fns, client, `/inventory?${pageQuery({}, cursor)}`, 0),
	);
}

/** The ERP's reads fail as n8n errors already; Shopify's come from the core client. */
function asNodeError(fns: IExecuteFunctions, error: unknown): Error {
	return error instanceof NodeOperationError || error instanceof NodeApiError
		? error
		: toNodeError.call(fns, error);
}

export async function execute(
	fns: IExecuteFunctions,
	ledger: Ledger,
): Promise<INodeExecutionData[][]> {
	const checkName = String(fns.getNodeParameter('checkName', 0)).trim() || 'reconciliation';
	const comparison = fns.getNodeParameter('comparison', 0) as StreamedPresetName;
	const maxWaitMs = Number(fns.getNodeParameter('maxWaitMinutes', 0, 30)) * 60_000;
	const shopify = await shopifyClient.call(fns);
	const preset = streamedPreset(
		comparison,
		streamInventoryLevels(shopify, { maxWaitMs }) as AsyncIterable<Row[]>,
		await erpStock(fns),
		{
			quantityTolerance: fns.getNodeParameter('quantityTolerance', 0, 0) as number,
			locationMap: locationMap(fns),
		},
	);
	let result;
	try {
		result = await reconcileStreams(preset.a, preset.b, preset.spec, preset);
	} catch (error) {
		const nodeError = asNodeError(fns, error);
		throw nodeError;
	}
	const summary = await summaryOf(
		fns,
		ledger,
		checkName,
		result,
		result.flags,
		examplesOf(streamedExceptions(result)),
	);
	return [...streamedOutputs(result, preset.flags), [{ json: summary as unknown as IDataObject }]];
}
