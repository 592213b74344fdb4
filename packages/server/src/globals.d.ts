// The few host globals the server package uses. Node, Bun, Deno and browsers all provide them;
// declaring them here (instead of loading Node's types) keeps `node:` APIs out of the core.
declare function setTimeout(callback: () => void, ms?: number): unknown;
declare function clearTimeout(handle: unknown): void;
declare function setInterval(callback: () => void, ms?: number): unknown;
declare function clearInterval(handle: unknown): void;
declare function queueMicrotask(callback: () => void): void;
declare const console: {
  error(...data: unknown[]): void;
  warn(...data: unknown[]): void;
};
declare const crypto: {
  getRandomValues<T extends Uint8Array>(array: T): T;
};
declare function btoa(data: string): string;
declare class URL {
  constructor(url: string, base?: string | URL);
  readonly host: string;
  readonly origin: string;
  readonly pathname: string;
  readonly search: string;
  readonly href: string;
}
