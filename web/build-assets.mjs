// Compiles the portal's stylesheet and minifies the vendored QR decoder into
// crates/umis-web/assets/portal. Run `npm ci && npm run build` after a dependency changes; the
// output is committed so the Rust build never needs npm.
import * as sass from "sass";
import { minify } from "terser";
import { readFileSync, mkdirSync, writeFileSync } from "node:fs";

const out = "../crates/umis-web/assets/portal";
mkdirSync(out, { recursive: true });
const css = sass.compile("umis.scss", { style: "compressed", quietDeps: true, silenceDeprecations: ["import"] });
writeFileSync(`${out}/umis.css`, css.css);
const qr = await minify(readFileSync("node_modules/jsqr/dist/jsQR.js", "utf8"), { compress: true, mangle: true });
writeFileSync(`${out}/jsqr.js`, "/* jsQR 1.4.0, Apache-2.0, https://github.com/cozmo/jsQR */\n" + qr.code);
console.log(`umis.css ${css.css.length} bytes, jsqr.js ${qr.code.length} bytes`);
