// Preloaded into Node by the editor tests (node --require tests/no_network.cjs ...): the process may not
// reach the network. Every TCP or TLS connection and every DNS lookup is refused, as on a machine with
// no network, and reported on stderr as a line starting "NETWORK REFUSED:" for the test to find.
'use strict';
const net = require('net');
const dns = require('dns');

function refused(what) {
  process.stderr.write(`NETWORK REFUSED: ${what}\n`);
  return Object.assign(new Error(`network refused in tests: ${what}`), { code: 'ENETUNREACH' });
}

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  const options = first && typeof first === 'object' ? first : { port: first, host: args[1] };
  if (options.path || (typeof first === 'string' && Number.isNaN(Number(first)))) {
    return connect.apply(this, args); // a local pipe or socket file, not the network
  }
  const error = refused(`connect to ${options.host || 'localhost'}:${options.port}`);
  process.nextTick(() => this.destroy(error));
  return this;
};

for (const name of ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny']) {
  dns[name] = function (host, ...rest) {
    const callback = rest[rest.length - 1];
    const error = refused(`DNS lookup of ${host}`);
    if (typeof callback === 'function') process.nextTick(() => callback(error));
  };
}
