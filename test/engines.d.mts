// Types of test/engines.mjs, for the TypeScript end-to-end harness.
export type Engine = 'chromium' | 'firefox' | 'webkit';
export const engines: Record<Engine, { label: string; files: Record<string, string>; apt: string[] }>;
export function selectedEngines(): Engine[];
export function requireEngines(names: Engine[]): void;
export function executablePath(engine: 'chromium' | 'firefox'): string;
export function startWebKitDriver(): Promise<{ port: number; capabilities: Record<string, unknown>; stop(): Promise<void> }>;
export function puppeteerLaunchOptions(engine: 'chromium' | 'firefox'): import('puppeteer-core').LaunchOptions;
export function puppeteerConnectOptions(engine: 'chromium' | 'firefox', endpoint: string): import('puppeteer-core').ConnectOptions;
