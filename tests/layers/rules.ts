import type { ImportEdge } from './import-graph.ts';

/**
 * The layers of docs/architecture.md as data. A file belongs to the first layer whose prefix
 * its path starts with; it may import files of the layers listed in `mayImport` (and its own),
 * and packages allowed by `packages`. Test files (`*.test.ts`) may also import test tooling.
 */
export interface Layer {
  name: string;
  prefix: string;
  mayImport: string[];
  /** Package names (or prefixes ending in '/') this layer may import at run time; '*' = any. */
  packages: string[] | '*';
  /** This layer may import the listed layers only with `import type`. */
  typeOnly?: string[];
}

const NODE = 'node:';
const TEST_TOOLING = [
  'vitest',
  'fast-check',
  '@serialport/binding-mock',
  '@playwright/test',
  'playwright-core',
  'ws',
  'typescript',
  // A test of the kiosk's backend link stands a real socket.io server in for the backend.
  'socket.io',
];

export const LAYERS: Layer[] = [
  { name: 'contracts', prefix: 'contracts/', mayImport: [], packages: ['zod'] },
  { name: 'platform', prefix: 'platform/', mayImport: ['contracts'], packages: [NODE, 'better-sqlite3'] },
  {
    name: 'device-drivers/codecs',
    prefix: 'device-drivers/codecs/',
    mayImport: ['contracts'],
    packages: [NODE, 'iconv-lite'],
  },
  {
    name: 'device-drivers',
    prefix: 'device-drivers/',
    mayImport: ['contracts', 'platform', 'device-drivers/codecs'],
    packages: [NODE, 'serialport', '@serialport/', 'node-hid', 'iconv-lite'],
  },
  { name: 'state-machines', prefix: 'state-machines/', mayImport: ['contracts'], packages: ['xstate'] },
  {
    name: 'simulators',
    prefix: 'simulators/',
    mayImport: ['contracts', 'platform', 'device-drivers/codecs'],
    packages: [NODE, 'serialport', '@serialport/', '@napi-rs/canvas', 'iconv-lite', 'zod'],
  },
  {
    // MRZ reading: image preparation, the OCR worker's process, MRZ parsing and correction.
    name: 'main/ocr',
    prefix: 'main/ocr/',
    mayImport: ['contracts', 'platform'],
    packages: [NODE, 'tesseract.js', '@tesseract.js-data/', 'mrz', '@napi-rs/canvas'],
  },
  {
    name: 'main/runtime',
    prefix: 'main/runtime/',
    mayImport: [
      'contracts',
      'platform',
      'state-machines',
      'device-drivers',
      'device-drivers/codecs',
      'main/ocr',
    ],
    // @napi-rs/canvas: the card front is rendered in the kiosk (personalisation), not by the printer.
    packages: [NODE, 'xstate', 'better-sqlite3', 'socket.io-client', 'i18next', 'zod', '@napi-rs/canvas'],
  },
  {
    name: 'main/host',
    prefix: 'main/host/',
    mayImport: ['contracts', 'platform', 'main/runtime'],
    packages: [NODE, 'ws', 'zod'],
  },
  {
    name: 'main/electron',
    prefix: 'main/electron/',
    // The Electron shell serves the technician panel with the host's HTTP server.
    mayImport: ['contracts', 'platform', 'main/runtime', 'main/host'],
    packages: [NODE, 'electron', 'zod'],
  },
  {
    // The teller console runs in a desktop browser and talks to the backend over socket.io itself
    // (no kiosk bridge); otherwise it is held to the renderer's rules.
    name: 'renderer/teller',
    prefix: 'renderer/teller/',
    mayImport: ['renderer'],
    typeOnly: ['contracts'],
    packages: [
      'react',
      'react-dom',
      'react-dom/',
      'react/',
      'i18next',
      'react-i18next',
      'vite',
      '@vitejs/',
      'socket.io-client',
    ],
  },
  {
    name: 'renderer',
    prefix: 'renderer/',
    mayImport: [],
    typeOnly: ['contracts'],
    packages: ['react', 'react-dom', 'react-dom/', 'react/', 'i18next', 'react-i18next', 'vite', '@vitejs/'],
  },
  {
    name: 'backend',
    prefix: 'backend/',
    mayImport: ['contracts', 'platform'],
    packages: [NODE, 'socket.io', 'zod'],
  },
  { name: 'launcher', prefix: 'launcher/', mayImport: ['contracts', 'platform'], packages: [NODE] },
  // Outside the product: tests, benchmarks and scripts may reach into any layer.
  { name: 'tests', prefix: 'tests/', mayImport: ['*'], packages: '*' },
  { name: 'bench', prefix: 'bench/', mayImport: ['*'], packages: '*' },
  { name: 'scripts', prefix: 'scripts/', mayImport: ['*'], packages: '*' },
];

export function layerOf(path: string): Layer | undefined {
  return LAYERS.find((layer) => path.startsWith(layer.prefix));
}

function packageName(specifier: string): string {
  if (specifier.startsWith('node:')) return specifier;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
}

function packageAllowed(layer: Layer, specifier: string, isTest: boolean): boolean {
  if (layer.packages === '*') return true;
  const name = packageName(specifier);
  if (isTest && TEST_TOOLING.includes(name)) return true;
  return layer.packages.some((allowed) =>
    allowed.endsWith(':') || allowed.endsWith('/') ? specifier.startsWith(allowed) : name === allowed,
  );
}

/** Returns one message per import that crosses the layers; empty when the tree is clean. */
export function layerViolations(edges: ImportEdge[]): string[] {
  const problems: string[] = [];
  for (const edge of edges) {
    const layer = layerOf(edge.from);
    if (!layer) continue; // root config files
    const isTest = /\.test\.tsx?$/.test(edge.from);
    // Types vanish at run time, but a machine or renderer still must not know a driver's types.
    if (edge.target === null) {
      if (edge.typeOnly && layer.name !== 'state-machines' && !layer.name.startsWith('renderer')) continue;
      if (!packageAllowed(layer, edge.specifier, isTest)) {
        problems.push(`${edge.from}: layer ${layer.name} may not import package '${edge.specifier}'`);
      }
      continue;
    }
    const targetLayer = layerOf(edge.target);
    if (!targetLayer || targetLayer === layer || layer.mayImport.includes('*')) continue;
    if (layer.mayImport.includes(targetLayer.name)) continue;
    if (edge.typeOnly && layer.typeOnly?.includes(targetLayer.name)) continue;
    problems.push(
      `${edge.from}: layer ${layer.name} may not import ${edge.typeOnly ? 'types from ' : ''}${edge.target} (layer ${targetLayer.name})`,
    );
  }
  return problems;
}
