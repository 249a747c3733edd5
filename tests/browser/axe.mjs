// Loads a page in headless Chromium (playwright-core, Debian's /usr/bin/chromium), takes a
// full-page screenshot, injects axe-core and prints one JSON object: axe violations,
// console errors, page errors and every request that left file://.
// Usage: node axe.mjs <tools dir with node_modules> <page path> <screenshot path>
import { createRequire } from 'node:module';
import path from 'node:path';

const [tools, page_path, screenshot] = process.argv.slice(2);
const require = createRequire(path.join(tools, 'package.json'));
const { chromium } = require('playwright-core');
const axe_path = require.resolve('axe-core/axe.min.js');

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const result = { violations: [], console: [], errors: [], requests: [] };
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('console', (msg) => { if (msg.type() === 'error' || msg.type() === 'warning') result.console.push(msg.text()); });
  page.on('pageerror', (err) => result.errors.push(String(err)));
  page.on('request', (req) => { if (!req.url().startsWith('file://')) result.requests.push(req.url()); });
  await page.goto('file://' + path.resolve(page_path), { waitUntil: 'load' });
  await page.screenshot({ path: screenshot, fullPage: true });
  await page.addScriptTag({ path: axe_path });
  const axe = await page.evaluate(async () => await window.axe.run(document, { resultTypes: ['violations'] }));
  result.violations = axe.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.html).slice(0, 5) }));
  result.axe = axe.testEngine.version;
} finally {
  await browser.close();
}
console.log(JSON.stringify(result));
