import type {
	ExecutionStatus,
	IDataObject,
	INodeExecutionData,
	IRun,
	IRunExecutionData,
} from 'n8n-workflow';

import type { WorkflowJson } from './workflow-json';

/** A finished or waiting execution, as n8n would have saved it. */
export class ExecutionResult {
	constructor(
		readonly executionId: string,
		readonly workflow: WorkflowJson,
		readonly run: IRun,
	) {}

	get status(): ExecutionStatus {
		return this.run.status;
	}

	get waitTill(): Date | undefined {
		return this.run.waitTill ?? undefined;
	}

	get data(): IRunExecutionData {
		return this.run.data;
	}

	/** The error the execution stopped on, if any. */
	get error(): Error | undefined {
		return this.run.data.resultData.error as Error | undefined;
	}

	/** Names of the nodes that ran, in the order they first ran. */
	get executedNodes(): string[] {
		return Object.keys(this.run.data.resultData.runData);
	}

	/** Items one output of a node emitted in its last run (empty when it did not run). */
	items(nodeName: string, outputIndex = 0, runIndex = -1): INodeExecutionData[] {
		const runs = this.run.data.resultData.runData[nodeName];
		if (!runs?.length) return [];
		const task = runs.at(runIndex);
		return task?.data?.main?.[outputIndex] ?? [];
	}

	/** The `json` of `items(...)`. */
	output(nodeName: string, outputIndex = 0, runIndex = -1): IDataObject[] {
		return this.items(nodeName, outputIndex, runIndex).map((item) => item.json);
	}

	/** The error a node's last run raised, if any. */
	nodeError(nodeName: string): Error | undefined {
		return this.run.data.resultData.runData[nodeName]?.at(-1)?.error as Error | undefined;
	}
}
