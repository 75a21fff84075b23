/** Compare: the limits over which a run fails, and what failing does. */
import type { INodeProperties } from 'n8n-workflow';

export const threshold: INodeProperties = {
	displayName: 'Threshold',
	name: 'threshold',
	type: 'collection',
	placeholder: 'Add limit',
	default: {},
	description:
		'Fail the execution (so the error workflow runs) when a limit is exceeded; without limits the check only reports',
	hint: 'Max Exceptions 0 fails the run on any difference; the summary is kept either way',
	options: [
		{
			displayName: 'Max Exception Rate (%)',
			name: 'maxExceptionRatePercent',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 1,
			description: 'The run fails the threshold above this share of exceptions among all keys',
			hint: 'Exceptions are mismatched, only-in-one-side, unkeyed and duplicated rows, over those plus the matched',
		},
		{
			displayName: 'Max Exceptions',
			name: 'maxExceptions',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description: 'The run fails the threshold above this many exceptions',
		},
		{
			displayName: 'When Exceeded',
			name: 'whenExceeded',
			description: 'What happens when the run is over its threshold',
			type: 'options',
			options: [
				{
					name: 'Fail the Execution',
					value: 'fail',
					description: 'Stop here; the error workflow (or the error output) takes over',
				},
				{
					name: 'Report on the Summary',
					value: 'report',
					description:
						'Every output as usual; the Summary says threshold.verdict "fail" and names the first exceptions, for an alert branch',
				},
			],
			default: 'fail',
		},
	],
};
