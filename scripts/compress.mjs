/**
 * The precompressed siblings the server sends by content negotiation (server/src/static.ts): brotli at
 * its highest quality, and gzip made by Zopfli, which writes ordinary gzip (any browser inflates it)
 * a few per cent smaller than zlib's -9 by searching longer. Source maps, which only developer tools
 * fetch, get zlib's -9: Zopfli would take seconds on each for bytes no patron downloads.
 */
import {gzipAsync} from '@gfx/zopfli';
import {brotliCompressSync, constants, gzipSync} from 'node:zlib';

/** Brotli, quality 11. */
export const brotli = (data) => brotliCompressSync(data, {params: {[constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length}});

/** Gzip as served: Zopfli for what browsers run, zlib -9 for source maps. */
export const gzip = async (data, fileName) => (fileName.endsWith('.map') ? gzipSync(data, {level: 9}) : Buffer.from(await gzipAsync(data, {numiterations: 15})));
