// Types of count-calls.mjs (a plain module so it can be preloaded into the built CLI).
export declare function callCounts(): Record<string, number>;
export declare function totalCalls(): number;
export declare function totalRequests(): number;
export declare function resetCallCounts(): void;
