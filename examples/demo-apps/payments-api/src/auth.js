'use strict';

const jwt = require('jsonwebtoken');
const config = require('./config');

// Deliberate weakness: no algorithm list is passed, and JWT_SECRET may be
// unset. With both, jsonwebtoken 8.5.0 accepts unsigned tokens
// (CVE-2022-23540).
function requireMerchant(req, res, next) {
  const token = (req.get('authorization') || '').replace(/^Bearer /, '');
  try {
    req.merchant = jwt.verify(token, config.jwtSecret);
    next();
  } catch (err) {
    res.status(401).json({ error: `invalid bearer token: ${err.message}` });
  }
}

module.exports = { requireMerchant };
