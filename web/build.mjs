// Bundle the dashboard with esbuild into the Python package's static/dist folder (git-ignored).
// Run through `make web` (npm ci first). Output: app.js, app.css and the assets they reference.
import { build } from "esbuild";
import { fileURLToPath } from "node:url";
import path from "node:path";

const here = path.dirname(fileURLToPath(import.meta.url));
const outdir = path.join(here, "..", "src", "sitroom", "web", "static", "dist");

await build({
  entryPoints: { app: path.join(here, "src", "main.js"), "app-style": path.join(here, "src", "style.css") },
  outdir,
  bundle: true,
  minify: true,
  sourcemap: false,
  format: "iife",
  target: ["es2020", "chrome100", "firefox100", "safari15"],
  loader: { ".png": "dataurl", ".svg": "dataurl", ".json": "json" },
  legalComments: "linked",
  logLevel: "info",
});

// esbuild names the CSS output after its entry; keep the page's link stable.
import { renameSync } from "node:fs";
renameSync(path.join(outdir, "app-style.css"), path.join(outdir, "app.css"));
