// Evaluates a JavaScript ecosystem file the way PM2 reads it (require, or import for ES modules) and prints the
// exported object as JSON on stdout. Run by jpm as `node -e <this> FILE`; jpm embeds no JS engine.
// Anything the file itself prints goes to stderr, so stdout carries only the JSON. A problem is reported as one
// line on stderr, `\u0000jpm:` followed by a JSON array of {app, field, message}, and exit code 3.
'use strict';
const file = process.argv[1];
const stdoutWrite = process.stdout.write.bind(process.stdout);
process.stdout.write = (chunk, encoding, callback) => process.stderr.write(chunk, encoding, callback);

// {path, message} -> {app, field, message}: the app by its name where it has one, the key below it dotted.
function located(config, { path, message }) {
  const list = Array.isArray(config) ? config : config.apps || config.pm2;
  const inApps = Array.isArray(config) ? 0 : path[0] === 'apps' || path[0] === 'pm2' ? 1 : -1;
  if (inApps < 0 || path.length <= inApps || !Array.isArray(list)) return { field: path.join('.') || null, message };
  const index = Number(path[inApps]);
  const app = list[index] && typeof list[index].name === 'string' ? list[index].name : 'apps[' + index + ']';
  return { app, field: path.slice(inApps + 1).join('.') || null, message };
}

function fail(problems) {
  process.stderr.write('\u0000jpm:' + JSON.stringify(problems) + '\n', () => process.exit(3));
}

async function load() {
  const { pathToFileURL } = require('url');
  const imported = async () => (await import(pathToFileURL(file).href)).default;
  if (file.endsWith('.mjs')) return imported();
  try {
    const exported = require(file);
    // An ES module loaded by require (Node 20.19+), or one a compiler turned into CommonJS: its default export.
    const isModule = exported && (exported[Symbol.toStringTag] === 'Module' || exported.__esModule);
    return isModule && 'default' in exported ? exported.default : exported;
  } catch (e) {
    // A .js file in a "type": "module" package, or one using import/export: load it as PM2 does, as a module.
    if (e && (e.code === 'ERR_REQUIRE_ESM' || e.code === 'ERR_REQUIRE_ASYNC_MODULE')) return imported();
    throw e;
  }
}

// Every value JSON cannot carry, where it is: JSON.stringify would drop it silently, and jpm never drops a key.
function unrepresentable(value, path, seen, found) {
  const kind = typeof value;
  if (kind === 'function') found.push({ path, message: 'is a function; jpm needs the value itself (call it in the file)' });
  else if (kind === 'symbol' || kind === 'bigint') found.push({ path, message: 'is a ' + kind + ', which JSON cannot carry' });
  else if (kind === 'number' && !Number.isFinite(value)) found.push({ path, message: 'is ' + value + ', not a finite number' });
  else if (kind === 'undefined') found.push({ path, message: 'is undefined; give a value or leave the key out' });
  else if (value !== null && kind === 'object') {
    if (seen.has(value)) { found.push({ path, message: 'refers back to itself; JSON cannot carry a cycle' }); return; }
    if (typeof value.then === 'function') { found.push({ path, message: 'is a Promise; export the value, not a Promise of it' }); return; }
    seen.add(value);
    if (typeof value.toJSON !== 'function') {
      for (const key of Object.keys(value)) {
        if (Array.isArray(value) || value[key] !== undefined) unrepresentable(value[key], path.concat(key), seen, found);
      }
    }
    seen.delete(value);
  }
  return found;
}

load().then((config) => {
  if (typeof config === 'function') {
    return fail([{ message: 'the file exports a function; export the configuration itself: module.exports = { apps: [...] }' }]);
  }
  if (config === null || typeof config !== 'object') {
    return fail([{ message: 'the file exports ' + (config === undefined ? 'nothing' : typeof config)
      + '; export the configuration: module.exports = { apps: [...] }' }]);
  }
  if (!Array.isArray(config) && Object.keys(config).length === 0) {
    return fail([{ message: 'the file exports an empty object; export the configuration: module.exports = { apps: [...] }' }]);
  }
  const problems = unrepresentable(config, [], new Set(), []);
  if (problems.length > 0) return fail(problems.map((problem) => located(config, problem)));
  stdoutWrite(JSON.stringify(config, null, 2) + '\n', () => process.exit(0));
}, (error) => {
  // The first line only: Node appends the require stack to a missing module's message.
  const message = (error instanceof Error ? error.message : String(error)).split('\n')[0];
  const frame = error instanceof Error && typeof error.stack === 'string'
    ? error.stack.split('\n').find((line) => line.startsWith(file + ':') || /^\s*at .*/.test(line) && line.includes(file + ':'))
    : undefined;
  fail([{ message: 'evaluating the file threw: ' + message + (frame ? ' (' + frame.trim().replace(/^at /, 'at ') + ')' : '') }]);
});
