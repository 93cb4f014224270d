'use strict';

// Demo service of the Sieve example estate. Its weaknesses are deliberate and
// listed in examples/README.md. Never deploy it.
const express = require('express');
const { requireMerchant } = require('./auth');
const charges = require('./routes/charges');
const diagnostics = require('./routes/diagnostics');

const app = express();
app.use(express.json());
app.use('/v1/charges', requireMerchant, charges);
app.use('/internal/diagnostics', diagnostics);

const port = Number(process.env.PORT || 8080);
app.listen(port, () => {
  console.log(`payments-api listening on port ${port}`);
});
