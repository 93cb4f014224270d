'use strict';

// Demo service of the Sieve example estate. It forwards new orders to the
// carrier partner and serves the carrier's callback when a shipment batch
// closes. Its weaknesses are deliberate and listed in examples/README.md.
const http = require('http');
const minimist = require('minimist');
const { notifyCarrier } = require('./carrier');
const { archiveBatch } = require('./archive');

const args = minimist(process.argv.slice(2), {
  string: ['port', 'carrier-url'],
  default: { port: '8082', 'carrier-url': 'http://127.0.0.1:9090/shipments' },
});

function readJson(req) {
  return new Promise((resolve, reject) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      try {
        resolve(JSON.parse(body));
      } catch (err) {
        reject(err);
      }
    });
  });
}

const server = http.createServer(async (req, res) => {
  try {
    const message = await readJson(req);
    if (req.url === '/orders') {
      await notifyCarrier(args['carrier-url'], message);
    } else if (req.url === '/callbacks/batch-closed') {
      archiveBatch(message.batchName);
    } else {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(204).end();
  } catch (err) {
    res.writeHead(400, { 'content-type': 'text/plain' }).end(`invalid request: ${err.message}`);
  }
});

server.listen(Number(args.port), () => {
  console.log(`orders-worker listening on port ${args.port}`);
});
