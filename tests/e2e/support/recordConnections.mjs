// Loaded with `node --import` into the server under test: records every outbound
// connection and DNS lookup the process attempts, one JSON line each, to
// $YARDSTICK_CONNECTION_LOG. Listening sockets and accepted connections are not outbound.
import { appendFileSync } from 'node:fs';
import dns from 'node:dns';
import net from 'node:net';
import tls from 'node:tls';

const log = process.env.YARDSTICK_CONNECTION_LOG;
const record = (kind, target) => {
  if (log) appendFileSync(log, `${JSON.stringify({ kind, target, pid: process.pid })}\n`);
};

const describe = (args) => {
  const [first, second] = args;
  if (typeof first === 'object' && first !== null) {
    return first.path ?? `${first.host ?? 'localhost'}:${first.port}`;
  }
  if (typeof first === 'string' && Number.isNaN(Number(first))) return first;
  return `${typeof second === 'string' ? second : 'localhost'}:${first}`;
};

const originalConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function connect(...args) {
  const normalized = Array.isArray(args[0]) ? args[0] : args;
  record('tcp', describe(normalized));
  return originalConnect.apply(this, args);
};

const originalTls = tls.connect;
tls.connect = function connect(...args) {
  record('tls', describe(args));
  return originalTls.apply(this, args);
};

const originalLookup = dns.lookup;
dns.lookup = function lookup(hostname, ...rest) {
  record('dns', hostname);
  return originalLookup.call(this, hostname, ...rest);
};
const originalPromiseLookup = dns.promises.lookup;
dns.promises.lookup = function lookup(hostname, ...rest) {
  record('dns', hostname);
  return originalPromiseLookup.call(this, hostname, ...rest);
};
