'use strict';

const express = require('express');
const si = require('systeminformation');

const router = express.Router();

// Deliberate weakness: the host comes straight from the query string, so
// ?host[]=... reaches systeminformation 5.3.0 as an array, which it passes to a
// shell unsanitised (CVE-2021-21315).
router.get('/latency', async (req, res) => {
  const milliseconds = await si.inetLatency(req.query.host);
  res.json({ host: req.query.host, milliseconds });
});

module.exports = router;
