// The page's logic: starts .NET (the SDK's dotnet.js), loads the data that Trainer/ wrote into data/, and calls the
// [JSExport] methods of BrowserApp.cs. What it computes is also kept in globalThis.staticNetsPage for the browser
// test (test/browser-test.mjs), which compares it with the native numbers in data/expected.json.
import { dotnet } from './_framework/dotnet.js';

const CLASS_NAMES = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'];
const SIDE = 28, PIXELS = SIDE * SIDE, GALLERY_PER_CLASS = 4, LIVE_SEED = 7;
const page = globalThis.staticNetsPage = { ready: false, error: null, result: null, losses: [], liveAccuracy: null, msPerStep: null };
const $ = (id) => document.getElementById(id);

async function fetchBytes(name) {
  const response = await fetch(`data/${name}`);
  if (!response.ok) throw new Error(`data/${name}: HTTP ${response.status} (run Trainer/ first: see README.md)`);
  return new Uint8Array(await response.arrayBuffer());
}

function drawImage(canvas, pixels) {
  const small = document.createElement('canvas');
  small.width = small.height = SIDE;
  const context = small.getContext('2d');
  const image = context.createImageData(SIDE, SIDE);
  for (let i = 0; i < PIXELS; i++) {
    image.data.set([pixels[i], pixels[i], pixels[i], 255], i * 4);
  }
  context.putImageData(image, 0, 0);
  const target = canvas.getContext('2d');
  target.imageSmoothingEnabled = false;
  target.drawImage(small, 0, 0, canvas.width, canvas.height);
}

let app, testImages, testLabels, selected = null, drawing = null;
const image = (index) => testImages.subarray(index * PIXELS, (index + 1) * PIXELS);
const selectedModel = () => document.querySelector('input[name=model]:checked').value;

function showResult(source, pixels, caption) {
  const model = selectedModel();
  const values = Array.from(app.Classify(pixels, model === 'live')); // a double[] arrives as a Float64Array
  const logits = values.slice(0, 10), probabilities = values.slice(10);
  const best = probabilities.indexOf(Math.max(...probabilities));
  page.result = { source, model, logits, probabilities, best };
  const result = $('result');
  result.replaceChildren(...probabilities.map((p, k) => {
    const row = document.createElement('div');
    row.className = 'bar-row' + (k === best ? ' best' : '');
    row.innerHTML = `<span>${CLASS_NAMES[k]}</span><div class="bar"><span style="width:${(100 * p).toFixed(2)}%"></span></div>` +
      `<span class="value">${(100 * p).toFixed(1)}%</span>`;
    return row;
  }));
  result.dataset.source = source;
  result.dataset.model = model;
  drawImage($('preview'), pixels);
  $('preview-caption').textContent = `${caption} → ${CLASS_NAMES[best]} (${(100 * probabilities[best]).toFixed(1)}%)`;
}

function classifySelected() {
  if (selected === 'drawing' && drawing) showResult('drawing', drawing, 'your drawing');
  else if (selected !== null && selected !== 'drawing') showResult(`test:${selected}`, image(selected), `test image ${selected}, a ${CLASS_NAMES[testLabels[selected]]}`);
}

function buildGallery() {
  const gallery = $('gallery');
  for (let label = 0; label < 10; label++) {
    // The first images of each class, as Trainer/ picks them for expected.json.
    let taken = 0;
    for (let index = 0; index < testLabels.length && taken < GALLERY_PER_CLASS; index++) {
      if (testLabels[index] !== label) continue;
      taken++;
      const thumb = document.createElement('canvas');
      thumb.width = thumb.height = SIDE;
      thumb.dataset.index = index;
      thumb.title = `test image ${index}: ${CLASS_NAMES[label]}`;
      drawImage(thumb, image(index));
      thumb.addEventListener('click', () => {
        document.querySelectorAll('#gallery canvas.selected').forEach((c) => c.classList.remove('selected'));
        thumb.classList.add('selected');
        selected = index;
        classifySelected();
      });
      gallery.append(thumb);
    }
  }
}

// Drawing: white strokes on black; the drawing's bounding box is scaled to fit 28 × 28 and centred, as
// Fashion-MNIST's items fill their frame.
function setUpDrawing() {
  const canvas = $('draw'), context = canvas.getContext('2d');
  const clear = () => { context.fillStyle = '#000'; context.fillRect(0, 0, canvas.width, canvas.height); };
  clear();
  let down = false, last = null;
  const point = (e) => { const r = canvas.getBoundingClientRect(); return [(e.clientX - r.left) * canvas.width / r.width, (e.clientY - r.top) * canvas.height / r.height]; };
  canvas.addEventListener('pointerdown', (e) => { down = true; last = point(e); canvas.setPointerCapture(e.pointerId); });
  canvas.addEventListener('pointermove', (e) => {
    if (!down) return;
    const p = point(e);
    context.strokeStyle = '#fff'; context.lineWidth = 12; context.lineCap = context.lineJoin = 'round';
    context.beginPath(); context.moveTo(...last); context.lineTo(...p); context.stroke();
    last = p;
  });
  const finish = () => {
    if (!down) return;
    down = false;
    drawing = toPixels(canvas);
    if (!drawing) return;
    selected = 'drawing';
    document.querySelectorAll('#gallery canvas.selected').forEach((c) => c.classList.remove('selected'));
    classifySelected();
  };
  canvas.addEventListener('pointerup', finish);
  canvas.addEventListener('pointerleave', finish);
  $('clear').addEventListener('click', () => { clear(); drawing = null; });
}

function toPixels(canvas) {
  const { width, height } = canvas;
  const data = canvas.getContext('2d').getImageData(0, 0, width, height).data;
  let left = width, right = -1, top = height, bottom = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (data[(y * width + x) * 4] > 0) { left = Math.min(left, x); right = Math.max(right, x); top = Math.min(top, y); bottom = Math.max(bottom, y); }
    }
  }
  if (right < 0) return null;
  const w = right - left + 1, h = bottom - top + 1, scale = SIDE / Math.max(w, h);
  const small = document.createElement('canvas');
  small.width = small.height = SIDE;
  const context = small.getContext('2d');
  context.fillStyle = '#000'; context.fillRect(0, 0, SIDE, SIDE);
  context.imageSmoothingQuality = 'high';
  context.drawImage(canvas, left, top, w, h, (SIDE - w * scale) / 2, (SIDE - h * scale) / 2, w * scale, h * scale);
  const rgba = context.getImageData(0, 0, SIDE, SIDE).data;
  const pixels = new Uint8Array(PIXELS);
  for (let i = 0; i < PIXELS; i++) pixels[i] = rgba[i * 4];
  return pixels;
}

// Training: a few steps at a time, then back to the browser to draw, so the page stays responsive.
let training = false, started = false, trainImages, trainLabels;
async function trainLoop() {
  let stepsPerChunk = 2;
  while (training) {
    const t0 = performance.now();
    const losses = Array.from(app.Train(stepsPerChunk));
    const ms = performance.now() - t0;
    page.losses.push(...losses);
    page.msPerStep = ms / stepsPerChunk;
    stepsPerChunk = Math.max(1, Math.min(50, Math.round(60 / Math.max(page.msPerStep, 0.1))));
    if (page.losses.length % 50 < losses.length || page.liveAccuracy === null) page.liveAccuracy = app.LiveAccuracy();
    drawCurve();
    if (selected !== null && selectedModel() === 'live') classifySelected();
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

function drawCurve() {
  const canvas = $('curve'), context = canvas.getContext('2d'), losses = page.losses;
  const { width, height } = canvas, left = 46, bottom = height - 26, top = 12, right = width - 12;
  context.clearRect(0, 0, width, height);
  context.font = '12px system-ui, "DejaVu Sans", sans-serif';
  context.fillStyle = '#667'; context.strokeStyle = '#ccd';
  context.beginPath(); context.moveTo(left, top); context.lineTo(left, bottom); context.lineTo(right, bottom); context.stroke();
  const maxLoss = Math.max(2.5, ...losses.slice(0, 20)), steps = Math.max(100, losses.length);
  const x = (i) => left + (right - left) * i / steps, y = (v) => bottom - (bottom - top) * Math.min(v, maxLoss) / maxLoss;
  for (let v = 0; v <= maxLoss; v += 0.5) { context.fillText(v.toFixed(1), 8, y(v) + 4); }
  context.fillText(`${steps} steps`, right - 70, height - 8);
  context.fillText('loss', left + 6, top + 10);
  const line = (values, color, lineWidth) => {
    context.strokeStyle = color; context.lineWidth = lineWidth; context.beginPath();
    values.forEach((v, i) => (i ? context.lineTo(x(i), y(v)) : context.moveTo(x(i), y(v))));
    context.stroke(); context.lineWidth = 1;
  };
  line(losses, '#c5d3f2', 1);
  const smooth = losses.map((_, i) => { const from = Math.max(0, i - 19); const w = losses.slice(from, i + 1); return w.reduce((a, b) => a + b, 0) / w.length; });
  line(smooth, '#3b6fd8', 2);
  const last = smooth.at(-1);
  $('train-status').textContent = losses.length === 0 ? '' :
    `${losses.length} steps, loss ${last.toFixed(3)} (mean of the last 20), ` +
    `${page.msPerStep.toFixed(1)} ms a step` + (page.liveAccuracy === null ? '' : `, accuracy ${(100 * page.liveAccuracy).toFixed(1)}% on the ${testLabels.length} test images`);
}

function setUpTraining() {
  const button = $('train');
  button.disabled = false;
  button.addEventListener('click', () => {
    if (!started) {
      app.StartTraining(trainImages, trainLabels, LIVE_SEED);
      started = true;
      document.querySelector('input[name=model][value=live]').disabled = false;
    }
    training = !training;
    button.textContent = training ? 'Pause training' : 'Resume training';
    if (training) trainLoop();
  });
  document.querySelectorAll('input[name=model]').forEach((radio) => radio.addEventListener('change', classifySelected));
}

try {
  const { getAssemblyExports, getConfig } = await dotnet.create();
  const exports = await getAssemblyExports(getConfig().mainAssemblyName);
  app = exports.BrowserSample.BrowserApp;
  page.runtime = app.Runtime();
  page.vector128 = app.Vector128Accelerated();
  $('runtime').textContent = page.runtime;
  const [weights, images, labels, trainingImages, trainingLabels] = await Promise.all(
    ['classifier.weights', 'test-images.bin', 'test-labels.bin', 'train-images.bin', 'train-labels.bin'].map(fetchBytes));
  app.LoadClassifier(weights);
  testImages = images; testLabels = labels; trainImages = trainingImages; trainLabels = trainingLabels;
  app.LoadTestImages(testImages, testLabels);
  page.classifierAccuracy = app.ClassifierAccuracy();
  $('classifier-info').textContent = `The trained classifier gets ${(100 * page.classifierAccuracy).toFixed(1)}% of the ${testLabels.length} test images this page holds right.`;
  $('train-count').textContent = `${trainLabels.length}`;
  buildGallery();
  setUpDrawing();
  setUpTraining();
  drawCurve();
  page.ready = true;
} catch (error) {
  page.error = String(error && error.stack || error);
  $('runtime').textContent = `Failed: ${error}`;
  throw error;
}
