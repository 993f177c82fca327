// The two functions of bun:test the store contract entry uses (bun's own types are not installed here).
declare module 'bun:test' {
  export function describe(name: string, fn: () => void): void;
  export function it(name: string, fn: () => Promise<void>): void;
}
