import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	IPairedItemData,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { Ledger } from '../../../core/ledger';
import { splitList } from '../../../core/lists';
import {
	displayKey,
	exceptionExamples,
	parseLocationMap,
	prepareCustom,
	preparePreset,
	reconcile,
	rowKey,
	summarise,
	type FieldRule,
	type PreparedPreset,
	type PreparedSide,
	type PresetName,
	type ReconcileSpec,
	type Threshold,
} from '../../../core/reconcile';
import { actor } from '../../shared/ledger';

interface CustomField {
	pathA?: string;
	pathB?: string;
	rule?: FieldRule['kind'];
	absolute?: number;
	relativePercent?: number;
	toleranceMinor?: number;
	amounts?: 'decimal' | 'minor';
	currencyPathA?: string;
	currencyPathB?: string;
	currency?: string;
	dateTolerance?: string;
}

const paths = splitList;

function customSpec(fns: IExecuteFunctions): ReconcileSpec {
	const pathsA = paths(String(fns.getNodeParameter('keyFieldsA', 0)));
	const pathsB = paths(String(fns.getNodeParameter('keyFieldsB', 0)));
	if (pathsA.length === 0 || pathsA.length !== pathsB.length) {
		throw new NodeOperationError(
			fns.getNode(),
			`The key has ${pathsA.length} field(s) in A and ${pathsB.length} in B`,
			{
				description:
					'Name the key fields of both inputs, the same number on each side, in the same order (e.g. "sku, location" and "itemCode, warehouse").',
			},
		);
	}
	const fields = (fns.getNodeParameter('fields.field', 0, []) as CustomField[]).map(
		(field, index) => {
			const pathA = (field.pathA ?? '').trim();
			if (!pathA)
				throw new NodeOperationError(fns.getNode(), `Field ${index + 1} has no path in A`, {
					description: 'Fill in "Field in A" of every field to compare.',
				});
			const kind = field.rule ?? 'exact';
			const rule: FieldRule =
				kind === 'number'
					? { kind, absolute: field.absolute, relativePercent: field.relativePercent }
					: kind === 'money'
						? {
								kind,
								toleranceMinor: field.toleranceMinor,
								amounts: field.amounts,
								currencyPathA: field.currencyPathA,
								currencyPathB: field.currencyPathB,
								currency: field.currency || undefined,
							}
						: kind === 'date'
							? { kind, tolerance: field.dateTolerance }
							: { kind };
			return { name: pathA, pathA, pathB: (field.pathB ?? '').trim() || pathA, rule };
		},
	);
	return {
		key: { pathsA, pathsB, normalise: fns.getNodeParameter('normaliseKeys', 0, false) as boolean },
		fields,
	};
}

function prepare(
	fns: IExecuteFunctions,
	itemsA: IDataObject[],
	itemsB: IDataObject[],
): PreparedPreset {
	const preset = fns.getNodeParameter('preset', 0) as PresetName | 'custom';
	if (preset === 'custom') return prepareCustom(itemsA, itemsB, customSpec(fns));
	let locationMap: Record<string, string> | undefined;
	if (preset === 'inventory') {
		try {
			locationMap = parseLocationMap(String(fns.getNodeParameter('locationMap', 0, '')));
		} catch (error) {
			throw new NodeOperationError(fns.getNode(), (error as Error).message, {
				description:
					'Write the Location Map as "gid://shopify/Location/1=BER, gid://shopify/Location/2=RTM".',
			});
		}
	}
	return preparePreset(preset, itemsA, itemsB, {
		moneyToleranceMinor: fns.getNodeParameter('moneyToleranceMinor', 0, 0) as number,
		quantityTolerance: fns.getNodeParameter('quantityTolerance', 0, 0) as number,
		locationMap,
		matchOn: fns.getNodeParameter('matchOn', 0, 'orderNumber') as 'orderNumber' | 'externalRef',
	});
}

/** What a row shows in the output: the item it came from, or an aggregate (refunds per order) with its items. */
function shown(side: PreparedSide, items: IDataObject[], row: number): IDataObject {
	const sources = side.sources[row];
	if (!side.aggregated) return items[sources[0]];
	return { ...side.rows[row], items: sources.map((index) => items[index]) } as IDataObject;
}

function paired(side: PreparedSide, row: number, input: number): IPairedItemData[] {
	return side.sources[row].map((item) => ({ item, input }));
}

function readThreshold(fns: IExecuteFunctions): Threshold {
	const threshold = fns.getNodeParameter('threshold', 0, {}) as {
		maxExceptionRatePercent?: number;
		maxExceptions?: number;
	};
	return {
		maxExceptionRatePercent: threshold.maxExceptionRatePercent,
		maxExceptions: threshold.maxExceptions,
	};
}

/** Both sides as prepared, with their items and keys: what every output is built from. */
interface Compared {
	a: PreparedSide;
	b: PreparedSide;
	itemsA: IDataObject[];
	itemsB: IDataObject[];
	keyA: (row: number) => string;
	keyB: (row: number) => string;
}

type Result = ReturnType<typeof reconcile>;

/** Matched pairs, and mismatched ones followed by every duplicated key with all its rows. */
function pairOutputs(
	{ a, b, itemsA, itemsB, keyA }: Compared,
	result: Result,
): INodeExecutionData[][] {
	const flagsOf = (row: number) =>
		a.rows[row].belowSafetyStock ? { flags: { belowSafetyStock: true } } : {};
	const both = (i: number, j: number) => [...paired(a, i, 0), ...paired(b, j, 1)];
	const matched = result.matched.map(([i, j]) => ({
		json: { key: keyA(i), a: shown(a, itemsA, i), b: shown(b, itemsB, j), ...flagsOf(i) },
		pairedItem: both(i, j),
	}));
	const mismatched: INodeExecutionData[] = result.mismatched.map(({ a: i, b: j, differences }) => ({
		json: {
			key: keyA(i),
			status: 'mismatched',
			differences: differences as unknown as IDataObject[],
			a: shown(a, itemsA, i),
			b: shown(b, itemsB, j),
			...flagsOf(i),
		},
		pairedItem: both(i, j),
	}));
	for (const duplicate of result.duplicates) {
		const difference = {
			field: '(key)',
			a: duplicate.a.length,
			b: duplicate.b.length,
			delta: null,
			note: 'the key occurs more than once on a side',
		};
		mismatched.push({
			json: {
				key: displayKey(duplicate.key),
				status: 'duplicateKey',
				differences: [difference],
				a: duplicate.a.map((row) => shown(a, itemsA, row)),
				b: duplicate.b.map((row) => shown(b, itemsB, row)),
			},
			pairedItem: [
				...duplicate.a.flatMap((row) => paired(a, row, 0)),
				...duplicate.b.flatMap((row) => paired(b, row, 1)),
			],
		});
	}
	return [matched, mismatched];
}

/** The rows of one side without a partner, then the ones without a key (each saying why). */
function onlyIn(
	side: PreparedSide,
	items: IDataObject[],
	rows: number[],
	unkeyed: number[],
	key: (row: number) => string,
	input: number,
): INodeExecutionData[] {
	const status = input === 0 ? 'onlyInA' : 'onlyInB';
	return [
		...rows.map((row) => ({
			json: { ...shown(side, items, row), reconciliation: { key: key(row), status } },
			pairedItem: paired(side, row, input),
		})),
		...unkeyed.map((row) => ({
			json: {
				...shown(side, items, row),
				reconciliation: {
					status: 'unkeyed',
					problem: side.rows[row].problem ?? 'no value in the key field(s)',
				},
			},
			pairedItem: paired(side, row, input),
		})),
	];
}

/** The run's summary, kept in the ledger; over its threshold with "fail", the run stops here. */
async function summaryOf(
	fns: IExecuteFunctions,
	ledger: Ledger,
	checkName: string,
	compared: Compared,
	result: Result,
	flags: Record<string, number>,
) {
	const summary = summarise(
		checkName,
		result,
		readThreshold(fns),
		new Date(),
		flags,
		exceptionExamples(result, compared.keyA, compared.keyB),
	);
	await ledger.appendAudit([
		{
			entity: `reconciliation:${checkName}`,
			event: 'reconcile.run',
			decision: summary.threshold.verdict,
			...actor(fns),
			details: summary as unknown as Record<string, unknown>,
		},
	]);
	// Report: the run's outputs go on, and the Summary's threshold.verdict says "fail" for an alert branch.
	if (
		summary.threshold.exceeded &&
		fns.getNodeParameter('threshold.whenExceeded', 0, 'fail') === 'fail'
	) {
		const { counts } = summary;
		throw new NodeOperationError(
			fns.getNode(),
			`Reconciliation "${checkName}" failed: ${summary.threshold.reasons.join('; ')}`,
			{
				description: `${counts.matched} matched, ${counts.mismatched} mismatched, ${counts.onlyInA} only in A, ${counts.onlyInB} only in B, ${counts.unkeyedA + counts.unkeyedB} unkeyed, ${counts.duplicateKeys} duplicate keys. The summary is kept in the ledger (History operation); run the check without the threshold to see every exception.`,
			},
		);
	}
	return summary;
}

export async function execute(
	fns: IExecuteFunctions,
	ledger: Ledger,
): Promise<INodeExecutionData[][]> {
	const itemsA = fns.getInputData(0).map((item) => item.json);
	const itemsB = fns.getInputData(1).map((item) => item.json);
	const checkName = String(fns.getNodeParameter('checkName', 0)).trim() || 'reconciliation';
	const prepared = prepare(fns, itemsA, itemsB);
	let result;
	try {
		result = reconcile(prepared.a.rows, prepared.b.rows, prepared.spec);
	} catch (error) {
		throw new NodeOperationError(fns.getNode(), (error as Error).message, {
			description: 'Check the money and date fields of the rules: a value could not be read.',
		});
	}
	const { a, b } = prepared;
	const readKeyA = rowKey(prepared.spec.key, 'a');
	const readKeyB = rowKey(prepared.spec.key, 'b');
	const compared: Compared = {
		a,
		b,
		itemsA,
		itemsB,
		keyA: (row) => readKeyA(a.rows[row]),
		keyB: (row) => readKeyB(b.rows[row]),
	};
	const [matched, mismatched] = pairOutputs(compared, result);
	const summary = await summaryOf(fns, ledger, checkName, compared, result, prepared.flags);
	return [
		matched,
		mismatched,
		onlyIn(a, itemsA, result.onlyInA, result.unkeyedA, compared.keyA, 0),
		onlyIn(b, itemsB, result.onlyInB, result.unkeyedB, compared.keyB, 1),
		[{ json: summary as unknown as IDataObject }],
	];
}
