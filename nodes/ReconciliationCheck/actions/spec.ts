/** What Compare matches, from the node's parameters: the preset with its settings, or the Custom key and field rules. */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { splitList } from '../../../core/lists';
import {
	parseLocationMap,
	prepareCustom,
	preparePreset,
	type FieldRule,
	type PreparedPreset,
	type PresetName,
	type ReconcileSpec,
} from '../../../core/reconcile';

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

/** Both inputs prepared for the join: by the chosen preset, or by the Custom key and field rules. */
export function prepare(
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
