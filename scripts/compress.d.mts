/** Types of scripts/compress.mjs, which vite.config.ts imports. */
export declare const brotli: (data: Buffer) => Buffer;
export declare const gzip: (data: Buffer, fileName: string) => Promise<Buffer>;
