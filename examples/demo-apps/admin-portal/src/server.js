'use strict';

// Demo service of the Sieve example estate: an internal console for feature
// flags. Its weaknesses are deliberate and listed in examples/README.md.
const path = require('path');
const express = require('express');

const app = express();
const flags = { newCheckout: false, partnerExport: true };

app.use(express.static(path.join(__dirname, '..', 'public')));
app.use('/vendor/jquery', express.static(path.dirname(require.resolve('jquery'))));

app.get('/api/flags', (req, res) => {
  res.json(flags);
});

// Deliberate weakness: the rollout expression from the query string is evaluated.
app.get('/api/flags/preview', (req, res) => {
  const enabled = eval(req.query.rule);
  res.json({ rule: req.query.rule, enabled: Boolean(enabled) });
});

const port = Number(process.env.PORT || 8081);
app.listen(port, '127.0.0.1', () => {
  console.log(`admin-portal listening on 127.0.0.1:${port}`);
});
