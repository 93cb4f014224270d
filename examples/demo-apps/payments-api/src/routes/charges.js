'use strict';

const express = require('express');
const _ = require('lodash');
const pool = require('../db');

const router = express.Router();

// Deliberate weakness: the merchant reference is concatenated into the SQL text.
router.get('/', async (req, res) => {
  const result = await pool.query(
    "SELECT id, amount_minor, currency, card_last4 FROM charges WHERE merchant_ref = '" + req.query.merchant + "'",
  );
  res.json(result.rows);
});

router.post('/', async (req, res) => {
  const charge = _.pick(req.body, ['amount_minor', 'currency', 'card_token']);
  const result = await pool.query(
    'INSERT INTO charges (merchant_ref, amount_minor, currency, card_token) VALUES ($1, $2, $3, $4) RETURNING id',
    [req.merchant.ref, charge.amount_minor, charge.currency, charge.card_token],
  );
  res.status(201).json({ id: result.rows[0].id });
});

module.exports = router;
