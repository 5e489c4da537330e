// Types for start-plan.cjs, so the jest tests (TypeScript) can import it.

export type StartPlan = { command: string; args: string[] } | { message: string; exitCode: number };

export declare const LINUX_MESSAGE: string;
export declare function planStart(platform: string, argv: readonly string[]): StartPlan;

export type StopPlan =
  | { command: string; args: string[] }
  | { stopProcessGroup: number; message: string }
  | { message: string; exitCode: number; clearRecord?: boolean };

export interface RecordedDevServer {
  pid?: number;
  running?: boolean;
  commandLine?: string;
  devServerCommand?: string;
}

export declare const NOTHING_TO_STOP_MESSAGE: string;
export declare function planStop(
  platform: string,
  argv: readonly string[],
  recorded?: RecordedDevServer
): StopPlan;
