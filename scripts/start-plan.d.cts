// Types for start-plan.cjs, so the jest tests (TypeScript) can import it.

export type StartPlan = { command: string; args: string[] } | { message: string; exitCode: number };

export declare const LINUX_MESSAGE: string;
export declare function planStart(platform: string, argv: readonly string[]): StartPlan;
