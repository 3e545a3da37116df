// The browser test of samples/Browser: serves the published site on 127.0.0.1, opens it in headless Chromium (Debian's
// /usr/bin/chromium through playwright-core: no browser download), and checks that the page, running StaticNets on
// .NET's WebAssembly runtime, computes what the same code computed natively (data/expected.json, written by Trainer/):
//   - .NET starts, and Vector128 is accelerated (WASM SIMD);
//   - each gallery image, picked with a click, gets the native logits and probabilities (within a tolerance: the
//     browser has no fused multiply-add) and the same class;
//   - the classifier's accuracy on the page's 1,000 test images is the native one;
//   - a drawing made with the mouse is classified (ten probabilities that sum to 1);
//   - the live model's first training losses are the native ones, and the loss falls.
// Then it saves a screenshot. Usage: node browser-test.mjs <site folder> <output folder>
import { chromium } from 'playwright-core';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { serve } from '../serve.mjs';

const [site, output] = process.argv.slice(2).map((p) => resolve(p));
if (!site || !output) {
  console.error('usage: node browser-test.mjs <site folder> <output folder>');
  process.exit(2);
}

// Tolerances: |page - native| <= abs + rel * |native|. The x64 build fuses multiply-adds (FMA) and WebAssembly's
// does not, so the last bits differ; the bounds leave a wide margin over the deviations seen (printed below).
const LOGIT = { abs: 1e-5, rel: 1e-5 }, PROBABILITY = { abs: 1e-6, rel: 1e-5 }, LOSS = { abs: 1e-5, rel: 1e-4 };
const LIVE_STEPS_COMPARED = 60;

const expected = JSON.parse(await readFile(join(site, 'data', 'expected.json'), 'utf8'));
let passed = 0, failed = 0;
const results = { checks: [] };
function check(name, ok, detail = '') {
  ok ? passed++ : failed++;
  results.checks.push({ name, ok, detail });
  console.log(`${ok ? 'PASS' : 'FAIL'} ${name}${detail ? ` (${detail})` : ''}`);
}

function compare(actual, wanted, tolerance) {
  let worst = 0, worstRatio = 0, ok = actual.length === wanted.length;
  for (let i = 0; ok && i < wanted.length; i++) {
    const deviation = Math.abs(actual[i] - wanted[i]), allowed = tolerance.abs + tolerance.rel * Math.abs(wanted[i]);
    worst = Math.max(worst, deviation);
    worstRatio = Math.max(worstRatio, deviation / allowed);
    if (!(deviation <= allowed)) ok = false;
  }
  return { ok, worst, worstRatio };
}

const server = await serve(site, 0);
const url = `http://127.0.0.1:${server.address().port}/`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  // This machine has no network but the registries, and runs as root: no sandbox, and none of the background
  // connections Chromium would otherwise try (and have refused) at every start.
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1120, height: 1000 } });
  const pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  page.on('console', (message) => { if (message.type() === 'error') pageErrors.push(message.text()); });

  const t0 = Date.now();
  await page.goto(url);
  await page.waitForFunction(() => globalThis.staticNetsPage?.ready || globalThis.staticNetsPage?.error, null, { timeout: 120_000 });
  const loadSeconds = (Date.now() - t0) / 1000;
  const state = await page.evaluate(() => ({ ...globalThis.staticNetsPage }));
  check('the page loads .NET and its data', state.ready && !state.error, state.error ?? `${loadSeconds.toFixed(1)} s`);
  if (!state.ready) throw new Error(state.error ?? 'the page did not start');
  results.runtime = state.runtime;
  results.loadSeconds = loadSeconds;
  console.log(`page runtime: ${state.runtime}`);
  console.log(`native runtime: ${expected.runtime}`);
  check('Vector128 is accelerated in the browser (WASM SIMD)', state.vector128 === true, state.runtime);

  // Every gallery image, picked as a user would.
  let worstLogit = 0, worstProbability = 0, worstRatio = 0, sameClass = 0, allOk = true;
  for (const item of expected.gallery) {
    await page.click(`#gallery canvas[data-index="${item.index}"]`);
    await page.waitForFunction((source) => globalThis.staticNetsPage.result?.source === source, `test:${item.index}`);
    const result = await page.evaluate(() => globalThis.staticNetsPage.result);
    const logits = compare(result.logits, item.logits, LOGIT), probabilities = compare(result.probabilities, item.probabilities, PROBABILITY);
    const nativeBest = item.probabilities.indexOf(Math.max(...item.probabilities));
    worstLogit = Math.max(worstLogit, logits.worst);
    worstProbability = Math.max(worstProbability, probabilities.worst);
    worstRatio = Math.max(worstRatio, logits.worstRatio, probabilities.worstRatio);
    if (result.best === nativeBest) sameClass++;
    if (!logits.ok || !probabilities.ok || result.best !== nativeBest) {
      allOk = false;
      console.log(`  image ${item.index}: page ${JSON.stringify(result.probabilities)} vs native ${JSON.stringify(item.probabilities)}`);
    }
  }

  results.gallery = { images: expected.gallery.length, worstLogit, worstProbability, worstRatio, sameClass };
  check(`the classifier's logits and probabilities for ${expected.gallery.length} picked test images match native`, allOk,
    `worst |Δ| ${worstLogit.toExponential(2)} in a logit, ${worstProbability.toExponential(2)} in a probability, ` +
    `${(100 * worstRatio).toFixed(2)}% of the tolerance; same class ${sameClass}/${expected.gallery.length}`);
  check('the classifier\'s accuracy on the 1,000 test images matches native',
    state.classifierAccuracy === expected.classifier.accuracyOnShippedTestImages,
    `page ${state.classifierAccuracy}, native ${expected.classifier.accuracyOnShippedTestImages}`);

  // A drawing: a pair of trousers, two legs joined at the waist, drawn with the mouse.
  const pad = await page.locator('#draw').boundingBox();
  const stroke = async (points) => {
    await page.mouse.move(pad.x + points[0][0] * pad.width, pad.y + points[0][1] * pad.height);
    await page.mouse.down();
    for (const [x, y] of points.slice(1)) await page.mouse.move(pad.x + x * pad.width, pad.y + y * pad.height, { steps: 8 });
    await page.mouse.up();
  };
  await stroke([[0.35, 0.1], [0.65, 0.1]]);
  await stroke([[0.36, 0.1], [0.33, 0.9]]);
  await stroke([[0.64, 0.1], [0.67, 0.9]]);
  await stroke([[0.42, 0.12], [0.45, 0.88]]);
  await stroke([[0.58, 0.12], [0.55, 0.88]]);
  await page.waitForFunction(() => globalThis.staticNetsPage.result?.source === 'drawing');
  const drawn = await page.evaluate(() => globalThis.staticNetsPage.result);
  const sum = drawn.probabilities.reduce((a, b) => a + b, 0);
  const names = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'];
  results.drawing = { predicted: names[drawn.best], probability: drawn.probabilities[drawn.best] };
  check('a drawing made with the mouse is classified', drawn.probabilities.length === 10 && Math.abs(sum - 1) < 1e-5,
    `"${names[drawn.best]}" at ${(100 * drawn.probabilities[drawn.best]).toFixed(1)}%`);

  // Live training: the page's first losses against the native run of the same loop.
  const t1 = Date.now();
  await page.click('#train');
  await page.waitForFunction((n) => globalThis.staticNetsPage.losses.length >= n, 300, { timeout: 180_000 });
  await page.click('#train');
  const trainingSeconds = (Date.now() - t1) / 1000;
  const live = await page.evaluate(() => ({ losses: globalThis.staticNetsPage.losses, msPerStep: globalThis.staticNetsPage.msPerStep, accuracy: globalThis.staticNetsPage.liveAccuracy }));
  const lossMatch = compare(live.losses.slice(0, LIVE_STEPS_COMPARED), expected.live.losses, LOSS);
  results.live = { steps: live.losses.length, msPerStep: live.msPerStep, accuracy: live.accuracy, worstLoss: lossMatch.worst, worstRatio: lossMatch.worstRatio, trainingSeconds };
  check(`the first ${LIVE_STEPS_COMPARED} training losses in the page match native`, lossMatch.ok,
    `worst |Δ| ${lossMatch.worst.toExponential(2)}, ${(100 * lossMatch.worstRatio).toFixed(2)}% of the tolerance`);
  const mean = (values) => values.reduce((a, b) => a + b, 0) / values.length;
  const first = mean(live.losses.slice(0, 10)), last = mean(live.losses.slice(-20));
  check('the loss falls while the page trains', last < 0.6 * first,
    `${live.losses.length} steps in ${trainingSeconds.toFixed(1)} s (${live.msPerStep.toFixed(1)} ms a step at the end): ` +
    `mean loss ${first.toFixed(3)} over the first 10, ${last.toFixed(3)} over the last 20; accuracy ${(100 * live.accuracy).toFixed(1)}%`);

  check('no errors in the page', pageErrors.length === 0, pageErrors.join(' | '));

  // The screenshot: a gallery image picked, with its probabilities, and the loss curve.
  await page.click(`#gallery canvas[data-index="${expected.gallery[4 * 7].index}"]`);
  await mkdir(output, { recursive: true });
  const screenshot = join(output, 'screenshot.png');
  await page.screenshot({ path: screenshot, fullPage: true });
  results.screenshot = screenshot;
  console.log(`screenshot: ${screenshot}`);
} finally {
  await browser.close();
  server.close();
}

await writeFile(join(output, 'results.json'), JSON.stringify(results, null, 2));
console.log(`browser test: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
