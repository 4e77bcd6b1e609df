export const FANOUT_NOW: number;
export const ROLLUP_PLATFORMS: string[];
export function fanoutDocuments(registryUrl: string, now?: number): Map<string, object>;
export function fanoutProjectFiles(registryUrl: string): Record<string, string>;
