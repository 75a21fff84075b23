/** The fetch the Shopify client sends through (tests and the sandbox pass their own). */
export type FetchFn = (url: string, init?: RequestInit) => Promise<Response>;
