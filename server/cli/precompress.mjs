// `npm run build`'s postbuild step: Brotli beside every built JS/CSS file (see ./precompressed.mjs).
import { precompressStatic } from "./precompressed.mjs";

const made = await precompressStatic(".next/static");
console.log(`Brotli: ${made.files} static files, ${Math.round(made.bytes / 1024)} kB → ${Math.round(made.brotliBytes / 1024)} kB`);
