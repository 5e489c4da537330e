// Types for manifest-checks.cjs, so the jest tests (TypeScript) can import it.

export interface ManifestProblem {
  /** 1-based line in manifest.xml, or null when the problem is about the file as a whole. */
  line: number | null;
  message: string;
}

export interface RuleOptions {
  /** Paths the build serves, relative to the base URL ("assets/icon-16.png"). */
  servedFiles: readonly string[];
  /** Defaults to DEFAULT_BASE_URL. */
  baseUrl?: string;
}

export interface ValidateOptions extends RuleOptions {
  /** Folder holding OfficeAppManifestV1_1.xsd and the schemas it imports. */
  schemasDir: string;
}

export declare const DEFAULT_BASE_URL: string;
export declare function checkManifestRules(
  xmlText: string,
  options: RuleOptions
): ManifestProblem[];
export declare function validateManifest(
  xmlText: string,
  options: ValidateOptions
): Promise<ManifestProblem[]>;
export declare function formatProblem(fileName: string, problem: ManifestProblem): string;
export declare function listServedFiles(distDir: string): string[];
export declare function resolveSchemasDir(
  projectRoot: string,
  env?: Record<string, string | undefined>
): string;
export declare function withoutRuntimes(xmlText: string): string;
