// Preload for the safety tests: records every attempt to open a network connection or resolve
// a name, and every module loaded from the workspace, to the file named by CHARTER_TRAP_LOG.
// Attempts are recorded and then refused.
const fs = require('node:fs');
const path = require('node:path');
const net = require('node:net');
const tls = require('node:tls');
const dns = require('node:dns');
const http = require('node:http');
const https = require('node:https');
const Module = require('node:module');
const log = process.env.CHARTER_TRAP_LOG;
const workspace = process.env.CHARTER_TRAP_WORKSPACE ? path.resolve(process.env.CHARTER_TRAP_WORKSPACE) : undefined;
function note(kind, what) {
  const line = JSON.stringify({ kind, what: String(what), stack: new Error().stack.split('\n').slice(2, 7).join(' | ') });
  if (log) fs.appendFileSync(log, line + '\n');
}
const refuse = (name) => {
  const e = new Error(`${name} refused by the reliability test`);
  e.code = 'ECONNREFUSED';
  return e;
};
net.Socket.prototype.connect = function (...args) {
  const a = args[0];
  // A Unix-domain socket or pipe given by the test harness itself is not a network connection, but record it anyway.
  note('net.Socket.connect', typeof a === 'object' && a ? JSON.stringify({ host: a.host, port: a.port, path: a.path }) : args.join(','));
  process.nextTick(() => this.destroy(refuse('net.Socket.connect')));
  return this;
};
for (const name of ['connect', 'createConnection']) {
  net[name] = function (...args) {
    note(`net.${name}`, JSON.stringify(args[0]));
    const s = new net.Socket();
    process.nextTick(() => s.destroy(refuse(`net.${name}`)));
    return s;
  };
}
tls.connect = function (...args) {
  note('tls.connect', JSON.stringify(args[0]));
  throw refuse('tls.connect');
};
for (const name of ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny']) {
  const orig = dns[name];
  if (typeof orig !== 'function') continue;
  dns[name] = function (host, ...rest) {
    note(`dns.${name}`, host);
    const cb = rest.find((x) => typeof x === 'function');
    if (cb) process.nextTick(() => cb(refuse(`dns.${name}`)));
  };
}
if (dns.promises)
  for (const name of ['lookup', 'resolve'])
    dns.promises[name] = async (host) => {
      note(`dns.promises.${name}`, host);
      throw refuse(name);
    };
for (const [modName, mod] of [
  ['http', http],
  ['https', https],
]) {
  for (const name of ['request', 'get']) {
    mod[name] = function (...args) {
      note(`${modName}.${name}`, typeof args[0] === 'string' ? args[0] : JSON.stringify(args[0] && { host: args[0].host, hostname: args[0].hostname, path: args[0].path }));
      throw refuse(`${modName}.${name}`);
    };
  }
}
if (typeof globalThis.fetch === 'function')
  globalThis.fetch = async (url) => {
    note('fetch', url);
    throw refuse('fetch');
  };
// Any module loaded from inside the workspace is workspace code being run.
const origLoad = Module._load;
Module._load = function (request, parent, ...rest) {
  const resolved = (() => {
    try {
      return Module._resolveFilename(request, parent);
    } catch {
      return request;
    }
  })();
  if (workspace && typeof resolved === 'string' && path.isAbsolute(resolved) && (resolved + path.sep).startsWith(workspace + path.sep)) note('module', resolved);
  return origLoad.call(this, request, parent, ...rest);
};
// child processes run nothing either.
const cp = require('node:child_process');
for (const name of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']) {
  const orig = cp[name];
  cp[name] = function (...args) {
    note(`child_process.${name}`, args[0]);
    return orig.apply(this, args);
  };
}
