#!/usr/bin/env node
// Toegankelijkheidscontrole van een HTML-bestand met axe-core in headless Chromium.
//
// Gebruik: node scripts/axe/check.mjs <bestand.html> [schermafdruk.png]
//
// Opent het bestand (file://-URL) in Debians Chromium (/usr/bin/chromium, of $CHROMIUM),
// voert axe-core uit op WCAG 2.0/2.1 A en AA plus best practices, drukt een samenvatting af
// en maakt een schermafdruk van de hele pagina (standaard: <naam>.png naast het HTML-bestand).
//
// Exitcode: 0 = geen overtredingen, 1 = wel overtredingen, 2 = gebruiks- of startfout.

import { createRequire } from 'node:module';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function gebruik(melding) {
  if (melding) console.error(`Fout: ${melding}`);
  console.error('Gebruik: node scripts/axe/check.mjs <bestand.html> [schermafdruk.png]');
  process.exit(2);
}

const [htmlArg, pngArg, ...rest] = process.argv.slice(2);
if (!htmlArg || rest.length > 0 || htmlArg === '-h' || htmlArg === '--help') gebruik();
const htmlPad = path.resolve(htmlArg);
if (!existsSync(htmlPad)) gebruik(`bestand bestaat niet: ${htmlPad}`);
const pngPad = path.resolve(
  pngArg ?? path.join(path.dirname(htmlPad), `${path.basename(htmlPad, path.extname(htmlPad))}.png`),
);
const chromiumPad = process.env.CHROMIUM || '/usr/bin/chromium';
if (!existsSync(chromiumPad)) gebruik(`Chromium niet gevonden: ${chromiumPad}`);

let playwright;
let axePad;
try {
  playwright = require('playwright-core');
  axePad = path.join(path.dirname(require.resolve('axe-core')), 'axe.min.js');
} catch (e) {
  gebruik(`npm-pakketten ontbreken (voer 'npm ci' uit in scripts/axe): ${e.message}`);
}

const profiel = mkdtempSync(path.join(tmpdir(), 'axe-chromium-'));
let context;
try {
  try {
    context = await playwright.chromium.launchPersistentContext(profiel, {
      executablePath: chromiumPad,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1280, height: 900 },
      locale: 'nl-NL',
      timeout: 60_000,
    });
  } catch (e) {
    console.error(`Fout: Chromium kon niet worden gestart: ${e.message}`);
    process.exitCode = 2;
    throw null;
  }

  const page = context.pages()[0] ?? (await context.newPage());
  const url = pathToFileURL(htmlPad).href;
  await page.goto(url, { waitUntil: 'load' });
  await page.addScriptTag({ path: axePad });
  const resultaat = await page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags } }),
    TAGS,
  );
  await page.screenshot({ path: pngPad, fullPage: true });

  const { violations, passes, incomplete, inapplicable } = resultaat;
  const knopen = violations.reduce((n, v) => n + v.nodes.length, 0);
  console.log(`axe-core ${resultaat.testEngine.version} — ${url}`);
  console.log(`Regels: ${TAGS.join(', ')}`);
  console.log(
    `Aantal overtredingen: ${violations.length}` +
      (violations.length ? ` (${knopen} ${knopen === 1 ? 'element' : 'elementen'})` : ''),
  );
  for (const v of violations) {
    console.log(`\n- ${v.id} [${v.impact ?? 'onbekend'}]: ${v.help}`);
    console.log(`  ${v.helpUrl}`);
    for (const n of v.nodes) {
      console.log(`    • ${n.target.map((t) => (Array.isArray(t) ? t.join(' >>> ') : t)).join(' | ')}`);
    }
  }
  console.log(
    `\nGeslaagde regels: ${passes.length}; handmatig te controleren (incomplete): ${incomplete.length}; ` +
      `niet van toepassing: ${inapplicable.length}`,
  );
  for (const v of incomplete) {
    console.log(`  ? ${v.id} [${v.impact ?? 'onbekend'}]: ${v.help} (${v.nodes.length})`);
  }
  console.log(`Schermafdruk: ${pngPad}`);
  process.exitCode = violations.length === 0 ? 0 : 1;
} catch (e) {
  if (e !== null) {
    console.error(`Fout: ${e?.stack ?? e}`);
    process.exitCode = 2;
  }
} finally {
  if (context) await context.close().catch(() => {});
  rmSync(profiel, { recursive: true, force: true });
}
